"""Personas around one place of the Somme (80)."""

import pytest
from django.test import Client

from places.models import PlaceManager
from tests.factories import make_moderator, make_partner_token, make_place, make_user


@pytest.fixture
def place(db):
    return make_place(
        name="Espace numérique d'Amiens",
        emails=["contact@mairie-amiens.fr"],
        opening_hours="Mo-Fr 09:00-12:00",
    )


@pytest.fixture
def manager(place):
    user = make_user("gestionnaire@mairie-amiens.fr")
    PlaceManager.objects.create(place=place, user=user)
    return user


@pytest.fixture
def personas(place, manager):
    """Every persona, by name: None is the anonymous visitor."""
    return {
        "manager": manager,
        "other_mediator": make_user("autre@association.fr"),
        "moderator_here": make_moderator(departements=["80"]),
        "moderator_elsewhere": make_moderator(departements=["59"]),
        "api_partner": _partner_account(),
        "staff": make_user("equipe@anct.fr", is_staff=True),
        "anonymous": None,
    }


def _partner_account():
    """A partner's account whose API token writes in the place's département: the pages give it no more
    right than any mediator's account."""
    token, _key = make_partner_token(departements=["80"], email="partenaire@plateforme.fr")
    token.user.email_confirmed = True
    token.user.save(update_fields=["email_confirmed"])
    return token.user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
