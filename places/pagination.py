"""Pages of places that count their whole set in the same pass as their rows: no COUNT query of their own."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def counted_page(places, number: int, per_page: int, *, ranked: bool) -> Page:
    """Page `number` (from 1) of `places`; its rows are empty past the end.

    `ranked`: a search around a point, ranked and counted from the location index (PlaceQuerySet.ranked_page);
    otherwise the page query counts its set with COUNT(*) OVER ().
    """
    offset = (number - 1) * per_page
    if ranked:
        rows, count = places.ranked_page(offset, per_page)
    else:
        rows = list(places.annotate(total_count=Window(Count("pk")))[offset : offset + per_page])
        count = rows[0].total_count if rows else 0
    paginator = Paginator(places, per_page)
    paginator.count = count  # a cached_property: set, it is never queried
    return Page(rows, number, paginator)
