"""export.json reads the places once, streaming the structures and spooling the services: both lists come from
one snapshot, and no transaction stays open while a slow client downloads."""

import json
from itertools import takewhile

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from places.models import Place
from tests.factories import make_place

OPENING_SERVICES = b'], "services": ['


def other_connection() -> psycopg.Connection:
    """A second connection to the test database, committing each statement, as another worker would."""
    database = settings.DATABASES["default"]
    return psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        autocommit=True,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a writer that commits mid-stream: SQLite keeps writers out while the export reads (its "
    "read lock), so nothing can change under it there",
)
@pytest.mark.django_db(transaction=True)
def test_places_changed_while_the_export_streams_leave_its_services_matching_its_structures(api_client):
    kept, renamed, deleted = (make_place(name=f"Lieu {n}", description=f"Avant {n}") for n in "ABC")
    chunks = iter(api_client.get("/api/v1/places/export.json").streaming_content)
    structures = b"".join(takewhile(lambda chunk: chunk != OPENING_SERVICES, chunks))  # read in full

    with other_connection() as other:
        other.execute(f"DELETE FROM {Place._meta.db_table} WHERE id = %s", [deleted.pk])
        other.execute(
            f"UPDATE {Place._meta.db_table} SET name = 'Renommé', description = 'Après' WHERE id = %s",
            [renamed.pk],
        )

    body = json.loads(structures + OPENING_SERVICES + b"".join(chunks))
    ids = [f"mediation-numerique--{place.pk}" for place in (kept, renamed, deleted)]
    assert [structure["id"] for structure in body["structures"]] == ids
    assert [service["id"] for service in body["services"]] == ids
    assert [structure["nom"] for structure in body["structures"]] == ["Lieu A", "Lieu B", "Lieu C"]
    assert [service["description"] for service in body["services"]] == ["Avant A", "Avant B", "Avant C"]
    # The changes were committed: the next export has them.
    after = json.loads(b"".join(api_client.get("/api/v1/places/export.json").streaming_content))
    assert [structure["nom"] for structure in after["structures"]] == ["Lieu A", "Renommé"]


@pytest.mark.django_db(transaction=True)
def test_the_export_reads_the_places_once_and_holds_no_transaction_while_it_streams(
    api_client, django_assert_num_queries
):
    for _ in range(3):
        make_place()
    response = api_client.get("/api/v1/places/export.json")
    chunks = iter(response.streaming_content)
    with django_assert_num_queries(1):  # one read, one snapshot: the services come from it too
        first = next(chunks) + next(chunks)  # the opening, then the first structure, read
        assert first.startswith(b'{"structures": [{"source": ')
        assert not connection.in_atomic_block  # nothing held open while the rest streams to a slow client
        body = first + b"".join(chunks)
    exported = json.loads(body)
    assert len(exported["structures"]) == len(exported["services"]) == 3
