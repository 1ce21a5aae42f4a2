"""Every write path against every persona: only those with the right change anything (403/404 otherwise)."""

import pytest
from django.urls import reverse

from places.models import Claim, Closure, Place, PlaceManager
from tests.clients import client_for
from tests.factories import make_user
from tests.mediators.forms_data import edit_data

EDITORS = {"manager", "moderator_here", "staff"}
ALL = [
    "manager",
    "other_mediator",
    "moderator_here",
    "moderator_elsewhere",
    "api_partner",
    "staff",
    "anonymous",
]


def snapshot(place):
    """Everything a write path could change."""
    row = Place.objects.values().get(pk=place.pk)
    row.pop("updated_at")
    return (
        row,
        place.history.count(),
        list(PlaceManager.objects.values_list("place_id", "user_id")),
        list(Claim.objects.values_list("place_id", "user_id", "status")),
        Closure.objects.count(),
    )


def write_paths(place, colleague):
    first_version = place.history.last().history_id
    return {
        "edit": (
            reverse("mediators:edit", args=[place.slug]),
            edit_data(place, **{"place-name": "Nom changé"}),
        ),
        "verify": (reverse("mediators:verify", args=[place.slug]), {}),
        "invite": (reverse("mediators:invite", args=[place.slug]), {"email": "collegue@mairie-amiens.fr"}),
        "restore": (reverse("mediators:restore", args=[place.slug, first_version]), {}),
        "unpublish": (reverse("mediators:unpublish", args=[place.slug]), {}),
        "remove_manager": (reverse("mediators:remove_manager", args=[place.slug, colleague.pk]), {}),
    }


@pytest.fixture
def colleague(place):
    """A second manager of the place, whom a write path may remove."""
    user = make_user("collegue-en-place@mairie-amiens.fr")
    PlaceManager.objects.create(place=place, user=user)
    return user


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("path", ["edit", "verify", "invite", "restore", "unpublish", "remove_manager"])
def test_only_managers_moderators_of_the_territory_and_staff_write_a_listing(
    place, personas, colleague, persona, path
):
    place.name = "Version 2"
    place.save_change(user=None, source="import")  # a second version, so that restoring changes something
    url, data = write_paths(place, colleague)[path]
    before = snapshot(place)
    response = client_for(personas[persona]).post(url, data)
    if persona in EDITORS:
        assert response.status_code == 302, response.content[:500]
        assert snapshot(place) != before
    else:
        assert response.status_code in (403, 404)
        assert snapshot(place) == before


@pytest.mark.parametrize("persona", ALL)
def test_history_page_is_shown_to_managers_and_moderators_only(place, personas, persona):
    response = client_for(personas[persona]).get(reverse("mediators:history", args=[place.slug]))
    if persona in EDITORS:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", ["other_mediator", "api_partner"])
def test_a_confirmed_mediator_may_claim_but_gets_nothing_without_a_moderator(place, personas, persona):
    before_managers = list(PlaceManager.objects.values_list("user_id", flat=True))
    response = client_for(personas[persona]).post(
        reverse("mediators:claim", args=[place.slug]), {"message": "Je suis là"}
    )
    assert response.status_code == 302
    assert list(PlaceManager.objects.values_list("user_id", flat=True)) == before_managers
    assert Claim.objects.get(user=personas[persona]).status == "pending"


def test_anonymous_and_unconfirmed_accounts_cannot_claim(place, personas):
    from tests.factories import make_user

    unconfirmed = make_user("pas-confirme@mairie-amiens.fr", email_confirmed=False)
    for user in (None, unconfirmed):
        response = client_for(user).post(reverse("mediators:claim", args=[place.slug]), {"message": ""})
        assert response.status_code == 403
    assert not Claim.objects.exists()


def test_a_draft_place_cannot_be_claimed(db, personas):
    from tests.factories import make_place

    draft = make_place(status="draft")
    response = client_for(personas["other_mediator"]).post(reverse("mediators:claim", args=[draft.slug]), {})
    assert response.status_code == 404
    assert not Claim.objects.exists()


@pytest.mark.parametrize("persona", ALL)
def test_only_moderators_of_the_territory_and_staff_decide_a_claim(place, personas, persona):
    claimant = personas["other_mediator"]
    claim = Claim.objects.create(place=place, user=claimant)
    before = snapshot(place)
    response = client_for(personas[persona]).post(
        reverse("moderation:claim_decision", args=[claim.pk]), {"decision": "accept"}
    )
    claim.refresh_from_db()
    if persona in {"moderator_here", "staff"}:
        assert response.status_code == 302
        assert claim.status == "granted" and place.is_managed_by(claimant)
    else:
        assert response.status_code in (403, 404)
        assert claim.status == "pending" and snapshot(place) == before


@pytest.mark.parametrize("persona", ALL)
def test_only_moderators_of_the_territory_and_staff_publish_a_proposed_place(db, personas, persona):
    from tests.factories import make_place

    draft = make_place(status="draft", departement="80")
    response = client_for(personas[persona]).post(
        reverse("moderation:proposal_decision", args=[draft.slug]), {"decision": "accept"}
    )
    draft.refresh_from_db()
    if persona in {"moderator_here", "staff"}:
        assert response.status_code == 302 and draft.status == "published"
    else:
        assert response.status_code in (403, 404) and draft.status == "draft"


@pytest.mark.parametrize("persona", ALL)
def test_the_moderation_queue_is_for_moderators_only(place, personas, persona):
    response = client_for(personas[persona]).get(reverse("moderation:queue"))
    if persona in {"moderator_here", "moderator_elsewhere", "staff"}:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_staff_see_places_claims_and_territories_in_the_admin_but_cannot_delete_a_place(place, personas):
    staff = personas["staff"]
    staff.is_superuser = True
    staff.save()
    client = client_for(staff)
    for url in [
        "/admin/places/place/",
        f"/admin/places/place/{place.pk}/change/",
        "/admin/places/claim/",
        "/admin/moderation/territory/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.post(f"/admin/places/place/{place.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Place.objects.filter(pk=place.pk).exists()


def test_anonymous_visitors_and_unconfirmed_accounts_cannot_propose_a_place(db):
    from tests.factories import make_user

    data = {
        "place-name": "Lieu fantôme",
        "place-address": "1 rue X",
        "place-postal_code": "80000",
        "place-commune": "Amiens",
    }
    unconfirmed = make_user("pas-confirme@exemple.fr", email_confirmed=False)
    for user in (None, unconfirmed):
        assert client_for(user).post(reverse("mediators:propose"), data).status_code == 403
    assert not Place.objects.filter(name="Lieu fantôme").exists()


def test_an_invitation_cannot_reach_a_place_one_does_not_edit_nor_grant_moderation(place, personas):
    response = client_for(personas["other_mediator"]).post(
        reverse("mediators:invite", args=[place.slug]), {"email": personas["other_mediator"].email}
    )
    assert response.status_code == 403
    assert not place.is_managed_by(personas["other_mediator"])
