"""The moderators' queue and their decisions; rules in Place/Claim methods and mediators.claims."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mediators.claims import decide_claim
from mediators.forms import DecisionForm
from mediators.views import member_required
from moderation import decided
from moderation.proposals import decide_proposal
from moderation.queue import SECTIONS, queue_for
from places import choices
from places.models import Claim, Place
from reports.models import ErrorReport


def _decision(request) -> tuple[bool, str] | None:
    """(accepted, message) from the decision buttons; None, with a message, when the form is invalid."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez d'accepter ou de refuser."))
        return None
    return form.cleaned_data["decision"] == "accept", form.cleaned_data["message"]


@member_required
def queue(request):
    """Pending claims, proposed places and stale listings of the moderator's territory."""
    if not request.user.is_moderator:
        raise PermissionDenied
    pages = {section.key: request.GET.get(f"{section.key}_page") for section in SECTIONS}
    return render(
        request,
        "moderation/queue.html",
        {"sections": queue_for(request.user, pages=pages), "decision_form": DecisionForm()},
    )


@member_required
@require_POST
def claim_decision(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("place"), pk=pk)
    if not claim.place.is_moderated_by(request.user):
        raise PermissionDenied
    with transaction.atomic():
        # Locked: of two moderators (or two tabs) deciding at once, the second is told the first's decision.
        claim = (
            Claim.objects.select_for_update(of=("self",))
            .select_related("place", "user", "decided_by")
            .get(pk=pk)
        )
        if claim.status != Claim.Status.PENDING:
            messages.warning(request, decided.claim_message(claim))
            return redirect("moderation:queue")
        decision = _decision(request)
        if decision is None:
            return redirect("moderation:queue")
        grant, message = decision
        decide_claim(claim=claim, moderator=request.user, grant=grant, message=message)
    messages.success(request, _("Demande acceptée.") if grant else _("Demande refusée."))
    return redirect("moderation:queue")


@member_required
@require_POST
def report_handled(request, pk):
    """Mark an error report from the public as handled (the listing was corrected, or nothing was wrong)."""
    report = get_object_or_404(ErrorReport.objects.select_related("place"), pk=pk)
    if not report.place.is_moderated_by(request.user):
        raise PermissionDenied
    report.status = ErrorReport.Status.HANDLED
    report.save(update_fields=["status", "updated_at"])
    messages.success(request, _("Signalement traité."))
    return redirect("moderation:queue")


@member_required
@require_POST
def proposal_decision(request, slug):
    """Publish a proposed place, or refuse it (it stays, closed, in the history); the proposer is mailed."""
    place = get_object_or_404(Place, slug=slug)
    if not place.is_moderated_by(request.user):
        raise PermissionDenied
    with transaction.atomic():
        place = Place.objects.select_for_update().get(pk=place.pk)  # see claim_decision
        if place.status != choices.Status.DRAFT:
            return _proposal_decided_already(request, place)
        decision = _decision(request)
        if decision is None:
            return redirect("moderation:queue")
        accept, message = decision
        decide_proposal(place=place, moderator=request.user, accept=accept, message=message)
    messages.success(request, _("Lieu publié.") if accept else _("Proposition refusée."))
    return redirect("moderation:queue")


def _proposal_decided_already(request, place):
    decision = decided.proposal_decision(place)
    if decision is None:  # never a proposal: a listing imported or published at once
        raise Http404
    messages.warning(request, decided.proposal_message(decision))
    return redirect("moderation:queue")
