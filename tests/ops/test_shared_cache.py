"""REDIS_URL puts the cache in Redis (the local server on 127.0.0.1:6379), shared by every app container."""

import os
import socket

import pytest

from tests.probe import run_python

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PROBE = """
import uuid, django
django.setup()
from django.core.cache import caches
cache = caches["default"]
key = "probe-" + uuid.uuid4().hex
cache.set(key, "partagé", 30)
print(type(cache).__name__, cache.get(key))
cache.delete(key)
"""


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_redis_url_makes_the_cache_shared_through_redis():
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "mediation.settings"}
    result = run_python(PROBE, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["RedisCache", "partagé"]
