"""A place's history: every version with its author, date and source, and restoring an old one."""

from django.db import transaction

from accounts.models import User
from places.models import Place

# What a restore writes back: the listing's own data, never its identity or bookkeeping.
NOT_RESTORED = {"id", "slug", "created_at", "updated_at", "search_text"}


def versions(place: Place):
    return place.history.select_related("history_user").order_by("-history_date", "-history_id")


def restore_version(*, place: Place, history_id: int, user: User, source: str) -> Place:
    """Write an old version's values back as a new version (the versions in between stay)."""
    record = place.history.get(history_id=history_id)
    with transaction.atomic():
        for field in Place._meta.concrete_fields:
            if field.attname not in NOT_RESTORED and hasattr(record, field.attname):
                setattr(place, field.attname, getattr(record, field.attname))
        place.save_change(user=user, source=source)
    return place
