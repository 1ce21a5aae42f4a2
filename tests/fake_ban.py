"""A local stand-in for the national address base (BAN): a stdlib HTTP server answering its real format."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from places.choices import normalize_label


def feature(
    label: str,
    lat: float,
    lon: float,
    *,
    kind: str = "housenumber",
    citycode: str = "80021",
    score: float = 0.97,
    context: str = "80, Somme, Hauts-de-France",
) -> dict:
    """One answer as the BAN writes it: GeoJSON, coordinates [lon, lat], x/y in Lambert-93."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "label": label,
            "score": score,
            "type": kind,
            "name": label.split(" 8")[0],
            "postcode": "80000",
            "citycode": citycode,
            "city": "Amiens",
            "context": context,
            "importance": 0.7,
            "x": 648952.58,
            "y": 6977867.92,
        },
    }


class FakeBan:
    """Knows the addresses put in `answers` (query text → features); `down` makes it answer 503, `garbage` a
    200 that is not JSON."""

    def __init__(self):
        self.answers: dict[str, list[dict]] = {}
        self.down = False
        self.garbage = False
        self.queries: list[str] = []

    def add(self, query: str, *features: dict) -> None:
        self.answers[normalize_label(query)] = list(features)

    def answer(self, query: str, limit: int) -> list[dict]:
        key = normalize_label(query)
        found = [f for text, features in self.answers.items() if text.startswith(key) for f in features]
        return found[:limit]


def _handler(ban: FakeBan):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlparse(self.path)
            params = parse_qs(url.query)
            query = params.get("q", [""])[0]
            ban.queries.append(query)
            if ban.down:
                return self._send(503, {"message": "Service unavailable"})
            if ban.garbage:
                return self._send(200, None)
            if url.path != "/geocodage/search" or len(query.strip()) < 3:
                return self._send(400, {"code": 400, "message": "q must contain between 3 and 200 chars"})
            features = ban.answer(query, int(params.get("limit", ["5"])[0]))
            self._send(200, {"type": "FeatureCollection", "query": query, "features": features})

        def _send(self, status: int, body: dict | None):
            data = json.dumps(body).encode() if body is not None else b"<html>Bad gateway</html>"
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def fake_ban(settings):
    """A running fake BAN, with the settings pointing the geocoder at it."""
    ban = FakeBan()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(ban))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.BAN_DOMAIN = f"127.0.0.1:{server.server_address[1]}/geocodage"
    settings.BAN_SCHEME = "http"
    yield ban
    server.shutdown()
    server.server_close()
