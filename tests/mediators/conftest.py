"""Personas around one place of the Somme (80)."""

import pytest
from django.test import Client

from places.models import PlaceManager
from tests.factories import make_moderator, make_place, make_user


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
        "api_partner": make_user("partenaire@plateforme.fr"),  # a partner's account: no role on places
        "staff": make_user("equipe@anct.fr", is_staff=True),
        "anonymous": None,
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
