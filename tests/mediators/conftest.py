"""Personas around one place of the Somme (80), and a local stand-in for the national address base."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


class FakeBAN(BaseHTTPRequestHandler):
    """Answers /geocodage/search like the BAN: `server.answer` is the feature list, or an HTTP status."""

    def do_GET(self):
        self.server.queries.append(self.path)
        answer = self.server.answer
        if isinstance(answer, int):
            self.send_response(answer)
            self.end_headers()
            return
        body = json.dumps({"type": "FeatureCollection", "features": answer}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def ban_feature(
    lon: float,
    lat: float,
    *,
    score: float = 0.95,
    citycode: str = "80021",
    context: str = "80, Somme, Hauts-de-France",
):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "label": "adresse",
            "score": score,
            "citycode": citycode,
            "city": "Amiens",
            "context": context,
            "type": "housenumber",
        },
    }


@pytest.fixture
def ban(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBAN)
    server.queries, server.answer = [], [ban_feature(2.3, 49.9)]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    settings.BAN_DOMAIN = f"127.0.0.1:{server.server_address[1]}/geocodage"
    settings.BAN_SCHEME = "http"
    yield server
    server.shutdown()
    server.server_close()
