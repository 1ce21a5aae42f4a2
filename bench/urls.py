"""The application's URLs, plus /bench/bare/: the same rows as the API, from the same SQL, without DRF; and
/bench/empty/: no query at all, what Django and the app's middleware cost on their own."""

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path

from bench.queries import bbox_sql, fetch, near_ranked_sql, near_rows_sql


def bare(request, kind: str):
    """Run the API's own SQL and return its rows as JSON: what the ORM + DRF layers add shows against it."""
    params = request.GET
    with connection.cursor() as cursor:
        if kind == "near":
            point = float(params["lat"]), float(params["lon"]), float(params.get("radius", 10))
            ranked = fetch(cursor, *near_ranked_sql(*point))
            ids = [pk for pk, _ in ranked]
            rows = fetch(cursor, *near_rows_sql(*point, ids)) if ids else []
            rows.sort(key=lambda row: ids.index(row[0]))
        else:
            rows = fetch(cursor, *bbox_sql(*(float(value) for value in params["bbox"].split(","))))
        columns = [column.name for column in cursor.description]
    return JsonResponse({"results": [dict(zip(columns, row, strict=True)) for row in rows]})


def empty(request):
    """A constant answer through the same middleware: the floor of any view of this app."""
    return JsonResponse({"results": []})


urlpatterns = [
    path("bench/bare/<str:kind>/", bare),
    path("bench/empty/", empty),
    path("", include("mediation.urls")),
]
