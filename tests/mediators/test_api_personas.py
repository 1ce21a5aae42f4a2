"""The API's write paths, persona by persona: only a partner's token writes, and only in its départements."""

import json

import pytest

from places.models import Place
from tests.clients import client_for
from tests.factories import make_partner_token

SESSION_PERSONAS = [
    "manager",
    "other_mediator",
    "moderator_here",
    "moderator_elsewhere",
    "staff",
    "anonymous",
]


def snapshot() -> list[dict]:
    return list(Place.objects.order_by("pk").values())


@pytest.mark.parametrize("persona", SESSION_PERSONAS)
def test_no_session_persona_writes_through_the_api(personas, place, persona):
    """A logged-in mediator, moderator or staff member is not a partner: the API refuses their writes."""
    before = snapshot()
    client = client_for(personas[persona])
    patch = client.patch(
        f"/api/v1/places/{place.pk}/", json.dumps({"name": "Changé"}), content_type="application/json"
    )
    create = client.post("/api/v1/places/", json.dumps({"name": "Nouveau"}), content_type="application/json")
    assert patch.status_code in (401, 403)
    assert create.status_code in (401, 403)
    assert snapshot() == before


def test_a_partner_token_of_another_departement_cannot_change_the_place(place):
    _token, key = make_partner_token(departements=["59"])
    before = snapshot()
    response = client_for(None).patch(
        f"/api/v1/places/{place.pk}/",
        json.dumps({"name": "Changé"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_a_partner_token_of_the_departement_changes_the_place_with_its_author_recorded(place):
    token, key = make_partner_token(departements=["80"])
    response = client_for(None).patch(
        f"/api/v1/places/{place.pk}/",
        json.dumps({"name": "Espace numérique, nouveau nom"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 200
    place.refresh_from_db()
    assert place.name == "Espace numérique, nouveau nom"
    latest = place.history.latest("history_date")
    assert (latest.history_user, latest.history_change_reason) == (token.user, "api partner")
