"""The map's JSON: places per view (clustered on the server when many), a marker's popup, address suggestions."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page

from places import geocoding
from places.caching import cached_for_data, filter_params
from places.forms import SearchForm
from places.models import Place

MAX_POINTS = 400  # above this many places in the view, the server sends grid clusters
CELL_PIXELS = 64  # the side of a cluster cell on screen
MIN_ZOOM, MAX_ZOOM = 0, 20
FRANCE = (-180.0, -90.0, 180.0, 90.0)  # no bbox: the whole map
CACHED_MAX_ZOOM = 9  # up to this zoom, clusters of the whole map are computed once and cached


def cell_degrees(zoom: int) -> float:
    """The side in degrees of a CELL_PIXELS square at that zoom (256-pixel tiles)."""
    return 360 * CELL_PIXELS / (256 * 2**zoom)


@gzip_page
@cache_control(max_age=60, public=True)
def points(request):
    """The published places passing the filters in the view `bbox`: {"points": [[id, lat, lon, name], …]} when
    few (the name gives each marker its own accessible name), else {"clusters": [[lat, lon, count], …]}.
    Coordinates rounded to 5 decimals (about 1 m)."""
    form = SearchForm(request.GET)
    # A wrong parameter (a stale link's filter) is ignored, as the list beside the map does: the map is not left
    # empty while the list shows places. The list says what was ignored.
    form.is_valid()
    try:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, int(request.GET.get("zoom", "6"))))
    except ValueError:
        zoom = 6
    located = form.filtered(Place.objects.published().located(), now=timezone.now())
    bbox = form.cleaned_data.get("bbox") or FRANCE
    # One more row than allowed tells "many" without counting every place of the view.
    rows = list(
        located.in_bbox(*bbox).order_by().values_list("pk", "latitude", "longitude", "name")[: MAX_POINTS + 1]
    )
    if len(rows) <= MAX_POINTS:
        return JsonResponse(
            {"points": [[pk, round(lat, 5), round(lon, 5), name] for pk, lat, lon, name in rows]}
        )
    return JsonResponse({"clusters": _clusters(located, request.GET, bbox=bbox, zoom=zoom)})


def _clusters(located, params, *, bbox: tuple[float, float, float, float], zoom: int) -> list:
    """The grid clusters of the view. At a wide zoom the grid of the whole map is computed once per filter set
    and cached until a place changes (a pan then costs no grouping); closer, the view's rows are grouped in SQL."""
    size = cell_degrees(zoom)
    if zoom > CACHED_MAX_ZOOM or params.get("open_now"):
        cells = located.in_bbox(*bbox).grid_clusters(cell_degrees=size)
    else:
        parts = (zoom, filter_params(params))
        cells = cached_for_data("map-clusters", parts, lambda: located.grid_clusters(cell_degrees=size))
    west, south, east, north = bbox
    return [
        [round(lat, 4), round(lon, 4), n]
        for lat, lon, n in cells
        if south - size <= lat <= north + size and west - size <= lon <= east + size
    ]


def popup(request, pk):
    """A marker's popup: the place's name, address, phone and link, as an HTML fragment."""
    place = get_object_or_404(Place.objects.published(), pk=pk)
    place.open_now = place.is_open_now()
    return render(request, "places/_popup.html", {"place": place})


@cache_control(max_age=300, public=True)
def suggestions(request):
    """Up to five addresses or communes starting with what the person typed (`?q=`)."""
    text = request.GET.get("q", "")[:200]
    return JsonResponse({"suggestions": geocoding.suggest(text=text)})
