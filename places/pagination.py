"""Pages of places: counted in the same pass as their rows (the map's list and the API's searches), or in id
order from a known id (partners' syncs), which places joining or leaving the set never shift."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


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
    return _page(places, rows, number, per_page, count)


def _page(items, rows: list, number: int, per_page: int, count: int) -> Page:
    paginator = Paginator(items, per_page)
    paginator.count = count  # a cached_property: set, it is never queried
    return Page(rows, number, paginator)


@dataclass(frozen=True)
class IdPage:
    """A page in id order; `after` and `before` are the ids that continue it either way (None at an end)."""

    page: Page
    after: int | None
    before: int | None


def id_page(
    items, size: int, *, after: int | None = None, before: int | None = None, offset: int = 0
) -> IdPage:
    """Up to `size` of `items` (a QuerySet, or a list of objects with an `id` sorted by it) in id order: those
    after id `after`, else the last ones before id `before`, else from `offset`. An item that joins or leaves the set
    meanwhile moves no other item from one page to the next, as it would with page numbers."""
    if isinstance(items, QuerySet):
        rows, more_after, more_before, count = _id_page_of_queryset(
            items.order_by("pk"), size, after, before, offset
        )
    else:
        rows, more_after, more_before, count = _id_page_of_list(items, size, after, before, offset)
    # The ids the links continue from; an empty page (past an end) links back to where the items are.
    first = rows[0].id if rows else None if after is None else after + 1
    last = rows[-1].id if rows else None if before is None else max(before - 1, 0)
    return IdPage(
        page=_page(items, rows, 1, size, count),
        after=last if more_after else None,
        before=first if more_before else None,
    )


def _id_page_of_queryset(items: QuerySet, size: int, after, before, offset: int):
    count = items.count()
    if after is not None:
        rows = list(items.filter(pk__gt=after)[: size + 1])
        return rows[:size], len(rows) > size, items.filter(pk__lte=after).exists(), count
    if before is not None:
        rows = list(items.filter(pk__lt=before).order_by("-pk")[: size + 1])
        return rows[:size][::-1], items.filter(pk__gte=before).exists(), len(rows) > size, count
    rows = list(items[offset : offset + size])
    return rows, offset + size < count, offset > 0 and count > 0, count


def _id_page_of_list(items: list, size: int, after, before, offset: int):
    ids = [item.id for item in items]
    if after is not None:
        start = bisect_right(ids, after)
        stop = start + size
    elif before is not None:
        stop = bisect_left(ids, before)
        start = max(0, stop - size)
    else:
        start, stop = offset, offset + size
    rows = items[start:stop]
    return rows, stop < len(items), 0 < start and bool(items), len(items)
