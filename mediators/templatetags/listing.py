from django import template
from django.utils.translation import gettext as _

from places import hours_editor

register = template.Library()

DAY_NAMES = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]


@register.filter
def opening_week(hours: str) -> list[tuple[str, str]] | None:
    """The week as (day, "09:00–12:00, 14:00–17:00" or "Fermé") rows; None when the editor can't read it."""
    week = hours_editor.osm_to_week(hours) if hours else None
    if week is None:
        return None
    return [
        (_(name), ", ".join(f"{opens}–{closes}" for opens, closes in ranges) or _("Fermé"))
        for name, ranges in zip(DAY_NAMES, week, strict=True)
    ]
