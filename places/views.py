from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from places.models import Place


def place_list(request):
    """The first page: every published place, searchable by name or commune (the map comes with its own page)."""
    places = Place.objects.published()
    query = request.GET.get("q", "").strip()
    if query:
        places = places.search(query)
    page = Paginator(places.order_by("departement", "commune", "name"), 50).get_page(request.GET.get("page"))
    return render(request, "places/place_list.html", {"page": page, "query": query})


def place_detail(request, slug):
    place = get_object_or_404(Place.objects.published(), slug=slug)
    return render(request, "places/place_detail.html", {"place": place})
