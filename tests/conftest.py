import pytest
from django.conf import settings

from places.communes import load_reference_tables
from places.models import Commune, PlaceManager
from tests.factories import make_moderator, make_partner_token, make_place, make_user
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


# Personas around one place of the Somme (80), for the mediators' and the moderators' tests.


@pytest.fixture
def place(db):
    return make_place(
        name="Espace numérique d'Amiens",
        emails=["contact@mairie-amiens.fr"],
        opening_hours="Mo-Fr 09:00-12:00",
    )


@pytest.fixture
def manager(place):
    user = make_user("gestionnaire@mairie-amiens.fr")
    PlaceManager.objects.create(place=place, user=user)
    return user


@pytest.fixture
def personas(place, manager):
    """Every persona, by name: None is the anonymous visitor."""
    return {
        "manager": manager,
        "other_mediator": make_user("autre@association.fr"),
        "moderator_here": make_moderator(departements=["80"]),
        "moderator_elsewhere": make_moderator(departements=["59"]),
        "api_partner": _partner_account(),
        "staff": make_user("equipe@anct.fr", is_staff=True),
        "anonymous": None,
    }


def _partner_account():
    """A partner's account whose API token writes in the place's département: the pages give it no more
    right than any mediator's account."""
    token, _key = make_partner_token(departements=["80"], email="partenaire@plateforme.fr")
    token.user.email_confirmed = True
    token.user.save(update_fields=["email_confirmed"])
    return token.user
