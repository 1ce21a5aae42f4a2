"""The API's URLs, mounted under /api/v1/ (namespace "api")."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import permissions, routers

from places import api

app_name = "api"
router = routers.SimpleRouter()
router.register("places", api.PlaceViewSet, basename="place")

# The schema and its documentation page are public: they describe a public API.
public = {"permission_classes": [permissions.AllowAny]}
urlpatterns = [
    path("places/export.csv", api.PlaceCsvExport.as_view(), name="place-export-csv"),
    path("places/export.json", api.PlaceDataInclusionExport.as_view(), name="place-export-json"),
    path("places/removed/", api.RemovedPlacesView.as_view(), name="place-removed"),
    path("stats/", api.StatsView.as_view(), name="stats"),
    path("schema/", SpectacularAPIView.as_view(**public), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema", **public), name="docs"),
    *router.urls,
]
