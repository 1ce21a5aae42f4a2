"""Text search without reading every row, on PostgreSQL: trigram indexes (pg_trgm) serve the
`search_text LIKE '%word%'` of PlaceQuerySet.search and CommuneQuerySet.search. SQLite keeps its scan."""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)
INDEXES = {"place_search_trgm": "places_place", "commune_search_trgm": "places_commune"}


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):  # a savepoint: a refusal leaves the migration whole
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:  # a role that may not create it: searches stay correct, only slower
        logger.warning("pg_trgm unavailable (%s): text search will scan the tables", error)
        return
    for name, table in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("places", "0005_manager_history")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
