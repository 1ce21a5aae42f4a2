import json
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coverage.bands import BANDS, band_of
from coverage.forms import CoverageFilterForm
from coverage.keys import api_params, key_label, places_for_key
from coverage.statistics import CHECKED_WITHIN_MONTHS, territory_statistics
from coverage.territory import FAR_KM, territory_coverage
from places.geo import bounding_box
from places.models import Departement, Place

LEAST_COVERED_SHOWN = 25
MAP_MARGIN_KM = 10


def coverage_index(request):
    """The départements, each linking to its coverage page."""
    return render(request, "coverage/index.html", {"departements": Departement.objects.all()})


def coverage_departement(request, code):
    """A département's coverage for a kind of help or a service: map, headline figures, least covered communes."""
    departement = get_object_or_404(Departement, code=code)
    form = CoverageFilterForm(request.GET)
    key = form.key()
    territory = territory_coverage(departement, key)
    places = places_for_key(Place.objects.published().in_bbox(*_map_box(territory)), key)
    map_communes = [
        [c.code, c.name, c.latitude, c.longitude, c.population, c.nearest_km, band_of(c.nearest_km)]
        for c in territory.communes
    ]
    rows = list(places.order_by().values_list("latitude", "longitude", "name", "departement"))
    map_places = [row[:3] for row in rows]
    context = {
        "departement": departement,
        "form": form,
        "key": key,
        "key_label": key_label(key),
        "territory": territory,
        "far_km": FAR_KM,
        "least_covered": territory.communes[:LEAST_COVERED_SHOWN],
        "places_count": len(map_places),
        "departement_places_count": sum(row[3] == departement.code for row in rows),
        "bands": [(index, label) for index, (_upper, label) in enumerate(BANDS)],
        "map_communes": json.dumps(map_communes, separators=(",", ":")),
        "map_places": json.dumps(map_places, separators=(",", ":")),
        "api_query": urlencode({"departement": code, **api_params(key)}),
    }
    return render(request, "coverage/departement.html", context)


def _map_box(territory) -> tuple[float, float, float, float]:
    """The communes' extent widened by MAP_MARGIN_KM: places just across the border serve them too."""
    lats = [c.latitude for c in territory.communes] or [0.0]
    lons = [c.longitude for c in territory.communes] or [0.0]
    south, _, west, _ = bounding_box(min(lats), min(lons), MAP_MARGIN_KM)
    _, north, _, east = bounding_box(max(lats), max(lons), MAP_MARGIN_KM)
    return west, south, east, north


def coverage_statistics(request, code):
    """A département's places counted by kind of help, service, structure type and programme."""
    departement = get_object_or_404(Departement, code=code)
    statistics = territory_statistics(departement, today=timezone.localdate())
    tables = [
        (_("Par type d'aide"), statistics.by_offer),
        (_("Par service"), statistics.by_service),
        (_("Par type de structure"), statistics.by_structure_type),
        (_("Par dispositif national"), statistics.by_programme),
    ]
    context = {
        "departement": departement,
        "stats": statistics,
        "stats_tables": tables,
        "checked_within_months": CHECKED_WITHIN_MONTHS,
    }
    return render(request, "coverage/statistics.html", context)
