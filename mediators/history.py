"""A place's history: every version with its author, date and source, and restoring an old one."""

from django.db import transaction

from accounts.models import User
from places.models import ChangeSource, Place

# What a restore writes back: the listing's own data, never its identity or bookkeeping.
NOT_RESTORED = {"id", "slug", "created_at", "updated_at", "search_text"}


def versions(place: Place):
    return place.history.select_related("history_user").order_by("-history_date", "-history_id")


def restore_version(*, place: Place, history_id: int, user: User, source: str) -> bool:
    """Write an old version's values back as a new version (the versions in between stay).

    Its status too (a listing a manager took off the directory comes back), unless a moderator set the
    current one and the person restoring does not moderate the place: taking a listing down is the
    moderators' decision, which a restore must not undo. Returns whether the status was kept for that reason.
    """
    record = place.history.get(history_id=history_id)
    keep_status = (
        record.status != place.status and _status_set_by_moderation(place) and not place.is_moderated_by(user)
    )
    with transaction.atomic():
        for field in Place._meta.concrete_fields:
            if field.attname in NOT_RESTORED or not hasattr(record, field.attname):
                continue
            if field.attname == "status" and keep_status:
                continue
            setattr(place, field.attname, getattr(record, field.attname))
        place.save_change(user=user, source=source)
    return keep_status


def _status_set_by_moderation(place: Place) -> bool:
    """Whether the version that gave the place its current status was a moderator's (or staff's)."""
    setter = None
    for status, reason in versions(place).values_list("status", "history_change_reason"):
        if status != place.status:
            break
        setter = reason
    return setter in (ChangeSource.MODERATOR, ChangeSource.STAFF)
