"""The database's plan for a queryset, to check which index a query reads."""

from django.db import connection


def query_plan(queryset, *, index_only: bool = False) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test table is tiny: without this the planner rightly prefers a sequential scan.
            cursor.execute("SET LOCAL enable_seqscan = off")
            if index_only:  # a scan of the index alone, if the index holds every column the query reads
                cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cursor.fetchall())
