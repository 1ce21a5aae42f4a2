"""The moderators' queue: one list of sections, each a query over the moderator's territory.

To add a section (e.g. the public's error reports), append a Section whose `items(user)` returns the rows
and whose template renders one row with its decision buttons.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from places import choices
from places.models import Claim, Place
from reports.models import ErrorReport

SECTION_LIMIT = 50


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: Callable[..., QuerySet]
    template: str


def pending_claims(places: QuerySet) -> QuerySet:
    return Claim.objects.pending().filter(place__in=places).select_related("place", "user")


def proposed_places(places: QuerySet) -> QuerySet:
    return places.filter(status=choices.Status.DRAFT).order_by("created_at")


def open_reports(places: QuerySet) -> QuerySet:
    return (
        ErrorReport.objects.filter(status=ErrorReport.Status.OPEN, place__in=places)
        .select_related("place")
        .order_by("created_at")
    )


def stale_places(places: QuerySet) -> QuerySet:
    return (
        places.published()
        .stale(settings.PLACE_OUTDATED_DAYS)
        .with_checked_on()
        .order_by("checked_on", "pk")  # the longest unchecked first
    )


SECTIONS = [
    Section("claims", _("Demandes de gestion"), pending_claims, "moderation/section_claims.html"),
    Section("proposals", _("Nouveaux lieux proposés"), proposed_places, "moderation/section_proposals.html"),
    Section("reports", _("Erreurs signalées par le public"), open_reports, "moderation/section_reports.html"),
    Section("stale", _("Fiches peut-être obsolètes"), stale_places, "moderation/section_stale.html"),
]


def queue_for(user, *, pages: dict[str, str | None] | None = None) -> list[dict]:
    """Each section with its total and a page of its rows (`pages`: a page number per section key, the first
    by default), within the places the user moderates (their territories read once for the whole queue)."""
    places = Place.objects.moderated_by(user)
    entries = []
    for section in SECTIONS:
        page = Paginator(section.items(places), SECTION_LIMIT).get_page((pages or {}).get(section.key))
        entries.append({"section": section, "rows": page.object_list, "page": page})
    return entries
