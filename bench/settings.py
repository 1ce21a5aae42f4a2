"""The application's settings, plus the bare view the API benchmark compares with (bench/api.py)."""

from mediation.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
