"""The application's URLs, plus /bench/bare/: the same rows as the API, from the same SQL, without DRF."""

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path

from bench.queries import bbox_sql, near_sql


def bare(request, kind: str):
    """Run the API's own SQL and return its rows as JSON: what the ORM + DRF layers add shows against it."""
    params = request.GET
    if kind == "near":
        sql, args = near_sql(float(params["lat"]), float(params["lon"]), float(params.get("radius", 10)))
    else:
        sql, args = bbox_sql(*(float(value) for value in params["bbox"].split(",")))
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return JsonResponse({"results": rows})


urlpatterns = [
    path("bench/bare/<str:kind>/", bare),
    path("", include("mediation.urls")),
]
