"""The SQL of the API's page queries, taken from the ORM itself so that the comparison is with the same
queries: near-me ranks and counts the places from the location index, then reads the page's rows by id
(PlaceQuerySet.ranked_page); a bbox reads and counts its page in one query."""

from django.db.models import Count, Window

from places.models import Place
from places.serializers import LIST_COLUMNS as COLUMNS

PAGE_SIZE = 20


def _near(lat: float, lon: float, radius_km: float):
    return Place.objects.published().near(lat, lon, radius_km).only(*COLUMNS)


def near_ranked_sql(lat: float, lon: float, radius_km: float) -> tuple[str, tuple]:
    """The first page's ids, nearest first, each with the count of the whole set."""
    ranked = (
        _near(lat, lon, radius_km).annotate(total_count=Window(Count("pk"))).values_list("pk", "total_count")
    )
    return ranked[:PAGE_SIZE].query.sql_with_params()


def near_rows_sql(lat: float, lon: float, radius_km: float, ids: list[int]) -> tuple[str, tuple]:
    """The rows of these ids (in any order), with their distance."""
    return _near(lat, lon, radius_km).filter(pk__in=ids).order_by().query.sql_with_params()


def bbox_sql(west: float, south: float, east: float, north: float) -> tuple[str, tuple]:
    page = Place.objects.published().in_bbox(west, south, east, north).only(*COLUMNS)
    return page.annotate(total_count=Window(Count("pk")))[:PAGE_SIZE].query.sql_with_params()


def fetch(cursor, sql: str, params: tuple) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()
