import pytest

from places.communes import load_reference_tables
from places.models import Commune
from tests.fake_ban import fake_ban  # noqa: F401  (a fixture for unit and browser tests)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database gets the real commune reference table, once per session."""
    with django_db_blocker.unblock():
        load_reference_tables()


@pytest.fixture
def reference_tables(db):
    """For transactional tests, which start from a flushed database."""
    if not Commune.objects.exists():
        load_reference_tables()
