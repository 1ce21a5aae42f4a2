"""A place's history: every version with its author, date and source, and restoring an old one."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import router, transaction

from accounts.models import User
from places import choices, validation
from places.models import ChangeSource, Closure, Place, PlaceManager

# What a restore writes back: the listing's own data, never its identity or bookkeeping.
NOT_RESTORED = {"id", "slug", "created_at", "updated_at", "search_text"}


def versions(place: Place):
    return place.history.select_related("history_user").order_by("-history_date", "-history_id")


def manager_changes(place: Place):
    """Who was made a manager of the place or removed, by whom and when, the latest first."""
    return (
        PlaceManager.history.filter(place_id=place.pk)
        .exclude(history_type="~")
        .select_related("history_user", "user")
        .order_by("-history_date", "-history_id")
    )


def closure_changes(place: Place):
    """Closures and exceptional hours added, changed or deleted, by whom and when, the latest first."""
    return (
        Closure.history.filter(place_id=place.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


@dataclass(frozen=True)
class Restored:
    status_kept: bool  # the moderators' decision, which the restore did not undo
    hours_dropped: str = ""  # the version's opening hours, which today's rules refuse: left empty


def restore_version(*, place: Place, history_id: int, user: User, source: str) -> Restored:
    """Write an old version's values back as a new version (the versions in between stay).

    Its status too (a listing a manager took off the directory comes back), unless a moderator took the
    listing off (or refused it) and the person restoring does not moderate the place: a restore must not undo
    the moderators' decision. Opening hours that today's rules refuse (a range ending when it starts, since
    cleared by migration 0008) are not brought back.
    """
    record = place.history.get(history_id=history_id)
    with transaction.atomic():
        # The row as it is now, locked: a moderator's decision made since the page was loaded counts.
        current = Place.objects.using(router.db_for_write(Place)).select_for_update().get(pk=place.pk)
        keep_status = (
            record.status != current.status
            and current.status != choices.Status.PUBLISHED
            and _status_set_by_moderation(current)
            and not current.is_moderated_by(user)
        )
        for field in Place._meta.concrete_fields:
            if field.attname not in NOT_RESTORED and hasattr(record, field.attname):
                setattr(place, field.attname, getattr(record, field.attname))
        if keep_status:
            place.status = current.status
        hours_dropped = _drop_refused_hours(place)
        place.save_change(user=user, source=source)
    return Restored(status_kept=keep_status, hours_dropped=hours_dropped)


def _drop_refused_hours(place: Place) -> str:
    """Empty the place's opening hours if the rules refuse them now; what they were, else ""."""
    try:
        validation.clean_opening_hours(place.opening_hours)
    except ValidationError:
        dropped, place.opening_hours = place.opening_hours, ""
        return dropped
    return ""


def _status_set_by_moderation(place: Place) -> bool:
    """Whether the version that gave the place its current status was a moderator's (or staff's)."""
    setter = None
    for status, reason in versions(place).values_list("status", "history_change_reason"):
        if status != place.status:
            break
        setter = reason
    return setter in (ChangeSource.MODERATOR, ChangeSource.STAFF)
