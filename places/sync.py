"""What a partner's copy, synced with `updated_since`, must drop: the places that left the published directory
since a moment (unpublished, closed for good, or deleted)."""

import datetime
from dataclasses import dataclass

from places import choices
from places.models import Place

CHUNK = 1000  # ids per IN (…) list: SQLite caps the number of parameters of a statement


@dataclass(frozen=True)
class Removal:
    id: int
    removed_at: datetime.datetime  # the place's latest change since the moment
    reason: str  # "unpublished", "closed" or "deleted"


def removed_since(moment: datetime.datetime) -> list[Removal]:
    """The places changed since `moment` that are not published now but were once (a draft that was never
    public is nobody's business), oldest change first. Read from the history, which also keeps deletions."""
    history = Place.history.model
    changed = history.objects.filter(history_date__gte=moment)
    latest: dict[int, tuple] = {}
    rows = changed.order_by("history_date", "history_id").values_list(
        "id", "history_date", "history_type", "status"
    )
    for place_id, date, kind, status in rows.iterator(chunk_size=2000):
        latest[place_id] = (date, kind, status)
    published = set(
        Place.objects.published().filter(pk__in=changed.values("id")).values_list("pk", flat=True)
    )
    gone = [place_id for place_id in latest if place_id not in published]
    once_public = set()
    for start in range(0, len(gone), CHUNK):
        once_public.update(
            history.objects.filter(id__in=gone[start : start + CHUNK], status=choices.Status.PUBLISHED)
            .values_list("id", flat=True)
            .distinct()
        )
    removals = []
    for place_id in gone:
        if place_id in once_public:
            date, kind, status = latest[place_id]
            reason = (
                "deleted" if kind == "-" else "closed" if status == choices.Status.CLOSED else "unpublished"
            )
            removals.append(Removal(place_id, date, reason))
    return sorted(removals, key=lambda removal: (removal.removed_at, removal.id))
