"""The SQL of the API's page queries, taken from the ORM itself so that the comparison is with the same query."""

from places.models import Place
from places.serializers import LIST_COLUMNS as COLUMNS

PAGE_SIZE = 20


def near_sql(lat: float, lon: float, radius_km: float) -> tuple[str, tuple]:
    queryset = Place.objects.published().near(lat, lon, radius_km).only(*COLUMNS)[:PAGE_SIZE]
    return queryset.query.sql_with_params()


def bbox_sql(west: float, south: float, east: float, north: float) -> tuple[str, tuple]:
    queryset = Place.objects.published().in_bbox(west, south, east, north).only(*COLUMNS)[:PAGE_SIZE]
    return queryset.query.sql_with_params()
