import pytest
from django.conf import settings

from places.communes import load_reference_tables
from places.models import Commune
from tests.fake_ban import fake_ban  # noqa: F401  (a fixture for unit and browser tests)

# Tests speak plain HTTP (test client, live server): the production defaults would redirect to HTTPS and
# make browsers drop Secure cookies. tests/ops/test_deploy_checks.py checks those defaults themselves.
settings.SECURE_SSL_REDIRECT = False
settings.SESSION_COOKIE_SECURE = False
settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database gets the real commune reference table, once per session."""
    with django_db_blocker.unblock():
        load_reference_tables()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    """A DRF test client on an allowed host."""
    from rest_framework.test import APIClient

    return APIClient(HTTP_HOST="localhost")


@pytest.fixture
def reference_tables(db):
    """For transactional tests, which start from a flushed database."""
    if not Commune.objects.exists():
        load_reference_tables()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
