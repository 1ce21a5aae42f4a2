"""A claim or a proposal decided in another tab, or by another moderator: the queue and who decided, when."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from places.models import Claim, PlaceManager
from tests.clients import client_for
from tests.factories import make_moderator, make_place, make_user

DECIDED_AT = datetime.datetime(2026, 3, 2, 14, 30, tzinfo=datetime.UTC)  # 15:30 in Paris


@pytest.fixture
def somme(db):
    return make_place(departement="80", name="Lieu de la Somme")


@pytest.fixture
def first_moderator(db):
    return make_moderator(departements=["80"], email="premiere@hub.fr")


@pytest.fixture
def second_moderator(db):
    return make_moderator(departements=["80"], email="seconde@hub.fr")


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_refusing_a_claim_accepted_meanwhile_says_who_accepted_it_and_changes_nothing(
    somme, first_moderator, second_moderator
):
    mediator = make_user("x@association.fr")
    claim = Claim.objects.create(place=somme, user=mediator)
    url = reverse("moderation:claim_decision", args=[claim.pk])
    client_for(first_moderator).post(url, {"decision": "accept", "message": ""})
    Claim.objects.filter(pk=claim.pk).update(decided_at=DECIDED_AT)
    mail.outbox.clear()

    response = client_for(second_moderator).post(url, {"decision": "refuse", "message": "Non"}, follow=True)

    assert response.redirect_chain == [(reverse("moderation:queue"), 302)]
    assert _messages(response) == [
        "Cette demande a déjà été traitée (acceptée par premiere@hub.fr le 2 mars 2026 15:30)."
    ]
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.decision_message) == ("granted", first_moderator, "")
    assert PlaceManager.objects.filter(place=somme, user=mediator).exists()
    assert mail.outbox == []


def test_the_same_moderator_deciding_twice_is_told_her_own_refusal(somme, first_moderator):
    claim = Claim.objects.create(place=somme, user=make_user("x@association.fr"))
    url = reverse("moderation:claim_decision", args=[claim.pk])
    moderator = client_for(first_moderator)
    moderator.post(url, {"decision": "refuse", "message": ""}, follow=True)  # its message read
    Claim.objects.filter(pk=claim.pk).update(decided_at=DECIDED_AT)

    response = moderator.post(url, {"decision": "accept", "message": ""}, follow=True)

    assert _messages(response) == [
        "Cette demande a déjà été traitée (refusée par premiere@hub.fr le 2 mars 2026 15:30)."
    ]
    claim.refresh_from_db()
    assert claim.status == "refused"
    assert not PlaceManager.objects.filter(place=somme).exists()


def test_a_decided_claim_elsewhere_stays_refused_to_another_territorys_moderator(somme, first_moderator):
    claim = Claim.objects.create(place=somme, user=make_user("x@association.fr"))
    client_for(first_moderator).post(
        reverse("moderation:claim_decision", args=[claim.pk]), {"decision": "accept", "message": ""}
    )
    elsewhere = client_for(make_moderator(departements=["59"]))

    response = elsewhere.post(
        reverse("moderation:claim_decision", args=[claim.pk]), {"decision": "refuse", "message": ""}
    )

    assert response.status_code == 403


def test_refusing_a_proposal_published_meanwhile_says_who_published_it_and_changes_nothing(
    first_moderator, second_moderator
):
    proposed = make_place(departement="80", name="Proposé", status="draft")
    url = reverse("moderation:proposal_decision", args=[proposed.slug])
    client_for(first_moderator).post(url, {"decision": "accept", "message": ""})
    proposed.history.filter(status="published").update(history_date=DECIDED_AT)
    versions = proposed.history.count()

    response = client_for(second_moderator).post(url, {"decision": "refuse", "message": ""}, follow=True)

    assert response.redirect_chain == [(reverse("moderation:queue"), 302)]
    assert _messages(response) == [
        "Cette proposition a déjà été traitée (publiée par premiere@hub.fr le 2 mars 2026 15:30)."
    ]
    proposed.refresh_from_db()
    assert proposed.status == "published"
    assert proposed.history.count() == versions


def test_a_refused_proposal_is_named_refused(first_moderator, second_moderator):
    proposed = make_place(departement="80", name="Proposé", status="draft")
    url = reverse("moderation:proposal_decision", args=[proposed.slug])
    client_for(first_moderator).post(url, {"decision": "refuse", "message": ""})
    proposed.history.filter(status="closed").update(history_date=DECIDED_AT)

    response = client_for(second_moderator).post(url, {"decision": "accept", "message": ""}, follow=True)

    assert _messages(response) == [
        "Cette proposition a déjà été traitée (refusée par premiere@hub.fr le 2 mars 2026 15:30)."
    ]
    proposed.refresh_from_db()
    assert proposed.status == "closed"


def test_a_listing_never_proposed_is_not_a_proposal(first_moderator):
    published = make_place(departement="80", name="Importé")

    response = client_for(first_moderator).post(
        reverse("moderation:proposal_decision", args=[published.slug]), {"decision": "refuse", "message": ""}
    )

    assert response.status_code == 404
    published.refresh_from_db()
    assert published.status == "published"


def test_a_pending_claim_is_still_decided(somme, first_moderator):
    claim = Claim.objects.create(place=somme, user=make_user("x@association.fr"))
    before = timezone.now()

    response = client_for(first_moderator).post(
        reverse("moderation:claim_decision", args=[claim.pk]), {"decision": "refuse", "message": "Non"}
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.decision_message) == ("refused", first_moderator, "Non")
    assert before <= claim.decided_at <= timezone.now()
