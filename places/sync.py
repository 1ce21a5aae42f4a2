"""What a partner's copy, synced with `updated_since`, must drop: the places that left the published directory
since a moment (unpublished, closed for good, or deleted)."""

import datetime
from dataclasses import dataclass

from places import choices
from places.models import Place

REASONS = ("unpublished", "closed", "deleted")


@dataclass(frozen=True)
class Removal:
    id: int
    removed_at: datetime.datetime  # the place's latest change since the moment
    reason: str  # one of REASONS


def removed_since(moment: datetime.datetime) -> list[Removal]:
    """The places changed since `moment` that are not published now but were once (a draft that was never
    public is nobody's business), in id order (the API pages them by id). Read from the history, which also
    keeps deletions."""
    history = Place.history.model
    # The changes since, of the places not published now.
    gone = history.objects.filter(history_date__gte=moment).exclude(
        id__in=Place.objects.published().values("pk")
    )
    once_public = history.objects.filter(id__in=gone.values("id"), status=choices.Status.PUBLISHED)
    latest: dict[int, tuple] = {}  # each place's latest change since
    rows = gone.filter(id__in=once_public.values("id")).order_by("history_date", "history_id")
    for place_id, date, kind, status in rows.values_list("id", "history_date", "history_type", "status"):
        latest[place_id] = (date, kind, status)
    removals = [
        Removal(
            place_id,
            date,
            "deleted" if kind == "-" else "closed" if status == choices.Status.CLOSED else "unpublished",
        )
        for place_id, (date, kind, status) in latest.items()
    ]
    return sorted(removals, key=lambda removal: removal.id)
