"""Telling a moderator that a claim or a proposal was decided already: in another tab, or by another moderator
of the territory. The queue, with who decided and when, rather than an error page."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places import choices
from places.dates import long_date
from places.models import Claim, Place

# Per decision: the sentence naming who decided, and the one without (an automatic grant, a deleted account).
CLAIM_DECIDED = {
    Claim.Status.GRANTED: (
        _("Cette demande a déjà été traitée (acceptée par %(who)s le %(date)s)."),
        _("Cette demande a déjà été traitée (acceptée le %(date)s)."),
    ),
    Claim.Status.REFUSED: (
        _("Cette demande a déjà été traitée (refusée par %(who)s le %(date)s)."),
        _("Cette demande a déjà été traitée (refusée le %(date)s)."),
    ),
}
PROPOSAL_DECIDED = {
    choices.Status.PUBLISHED: (
        _("Cette proposition a déjà été traitée (publiée par %(who)s le %(date)s)."),
        _("Cette proposition a déjà été traitée (publiée le %(date)s)."),
    ),
    choices.Status.CLOSED: (
        _("Cette proposition a déjà été traitée (refusée par %(who)s le %(date)s)."),
        _("Cette proposition a déjà été traitée (refusée le %(date)s)."),
    ),
}


def _sentence(sentences: tuple, *, who, moment) -> str:
    by_someone, unsigned = sentences
    values = {"who": getattr(who, "email", ""), "date": long_date(timezone.localtime(moment), "j F Y H:i")}
    return str(by_someone if who is not None else unsigned) % values


def claim_message(claim: Claim) -> str:
    """« Cette demande a déjà été traitée (acceptée par … le …). »"""
    return _sentence(
        CLAIM_DECIDED[claim.status], who=claim.decided_by, moment=claim.decided_at or claim.updated_at
    )


def proposal_decision(place: Place):
    """The version that took a proposed place out of draft (published, or refused: closed); None when the
    place was never proposed (an imported listing, say)."""
    # In the order the versions were written (history_id): two may share a date to the microsecond.
    last_draft = place.history.filter(status=choices.Status.DRAFT).order_by("-history_id").first()
    if last_draft is None:
        return None
    return (
        place.history.filter(history_id__gt=last_draft.history_id)
        .exclude(status=choices.Status.DRAFT)
        .select_related("history_user")
        .order_by("history_id")
        .first()
    )


def proposal_message(decision) -> str:
    """« Cette proposition a déjà été traitée (publiée par … le …). », from proposal_decision()."""
    return _sentence(
        PROPOSAL_DECIDED[decision.status], who=decision.history_user, moment=decision.history_date
    )
