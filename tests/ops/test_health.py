import pytest
from django.db import connection, transaction

from ops import views


def test_healthz_answers_without_touching_the_database(client):
    response = client.get("/healthz")  # no django_db mark: a query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_ok_when_the_database_answers_and_migrations_are_applied(client, monkeypatch):
    monkeypatch.setattr(views, "_migrations_checked", False)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_readyz_is_unavailable_when_a_migration_is_not_applied(client, monkeypatch):
    monkeypatch.setattr(views, "_migrations_checked", False)
    with connection.cursor() as cursor:
        # The newest migration of places, as after deploying code whose migration has not run yet.
        cursor.execute("SELECT MAX(name) FROM django_migrations WHERE app = 'places'")
        (newest,) = cursor.fetchone()
        cursor.execute("DELETE FROM django_migrations WHERE app = 'places' AND name = %s", [newest])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "migrations"}
    assert response["Retry-After"] == "5"


def test_probes_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/lieux/nowhere/").status_code == 301


@pytest.mark.django_db
def test_postgresql_cancels_queries_after_the_statement_timeout():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "20s"


@pytest.mark.django_db
def test_a_cancelled_query_is_a_database_error_which_the_error_page_answers_with_503():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with pytest.raises(views.DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '50ms'")
        cursor.execute("SELECT pg_sleep(1)")
