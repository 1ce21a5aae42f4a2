import json
import re

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory

from mediation.settings import origin_of
from tests.factories import make_place


@pytest.mark.django_db
def test_public_pages_carry_a_csp_without_unsafe_inline(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy


@pytest.mark.django_db
def test_public_pages_carry_the_security_headers(client):
    place = make_place()
    response = client.get(place.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"].startswith("geolocation=(self), camera=()")


@pytest.mark.django_db
def test_https_requests_get_hsts_for_a_year(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_tile_server_origin_is_taken_from_its_url_template():
    assert origin_of("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert origin_of("http://127.0.0.1:8001/tiles/{z}/{x}/{y}.png") == "http://127.0.0.1:8001"
    assert origin_of("/static/tiles/{z}/{x}/{y}.png") == "'self'"


def test_leaflet_map_tag_script_carries_the_request_nonce():
    request = RequestFactory().get("/")
    request.csp_nonce = "n0nce-for-test"
    template = engines["django"].from_string('{% load leaflet_tags %}{% leaflet_map "themap" %}')
    html = template.render({}, request)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script nonce="n0nce-for-test">']


def test_leaflet_map_tag_keeps_an_explicit_nonce():
    request = RequestFactory().get("/")
    request.csp_nonce = "from-request"
    template = engines["django"].from_string('{% load leaflet_tags %}{% leaflet_map "m" csp_nonce="given" %}')
    assert '<script nonce="given">' in template.render({}, request)


@pytest.mark.parametrize("name", ["drf_spectacular/swagger_ui.html", "drf_spectacular/redoc.html"])
def test_api_docs_inline_script_and_style_carry_the_request_nonce(name):
    request = RequestFactory().get("/api/v1/docs/")
    request.csp_nonce = "docs-nonce"
    context = {"template_name_js": "drf_spectacular/swagger_ui.js", "script_url": None, "schema_url": "/s"}
    html = render_to_string(name, context, request)
    inline = re.findall(r"<(?:script|style)(?![^>]*\bsrc=)[^>]*>", html)
    assert inline
    assert all('nonce="docs-nonce"' in tag for tag in inline)


def test_browsers_csp_reports_are_logged(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://annuaire.example.fr/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "inline",
            "line-number": 12,
        }
    }
    with caplog.at_level("WARNING", logger="ops.csp"):
        response = client.post("/csp-report", data=json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "ops.csp"]
    assert record.getMessage() == "CSP violation: script-src-elem inline"
    assert record.document_uri == "https://annuaire.example.fr/"
    assert record.line_number == "12"


def test_a_malformed_or_oversized_csp_report_is_refused(client):
    assert client.post("/csp-report", data="{", content_type="application/csp-report").status_code == 400
    big = '{"csp-report": {"blocked-uri": "' + "x" * 9000 + '"}}'
    assert client.post("/csp-report", data=big, content_type="application/csp-report").status_code == 413
    assert client.get("/csp-report").status_code == 405
