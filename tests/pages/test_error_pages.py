"""The HTML error pages (400, 403, 404, expired form) are French pages of the site; the API's stay JSON."""

import json

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from ops import views
from tests.factories import make_place, make_user


@pytest.fixture
def mediator_client(db):
    client = Client()
    client.force_login(make_user("autre@association.fr"))
    return client


def assert_french_page(response, status: int, heading: str) -> str:
    content = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="fr">' in content
    assert f"<h1>{heading}</h1>" in content
    assert f'<a href="{reverse("places:list")}">Revenir à la carte des lieux</a>' in content
    return content


@pytest.mark.parametrize("path", ["/lieux/lieu-inconnu/", "/carte/lieux/999999/"])
def test_an_unknown_page_is_a_french_404(client, db, path):
    assert_french_page(client.get(path), 404, "Page introuvable")


def test_an_unknown_place_of_the_api_is_still_a_json_404(api_client, db):
    response = api_client.get("/api/v1/places/999999999/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in json.loads(response.content)


def test_another_mediator_opening_a_place_to_edit_gets_a_french_403_with_a_hint(mediator_client):
    place = make_place()

    content = assert_french_page(
        mediator_client.get(reverse("mediators:edit", args=[place.slug])), 403, "Accès refusé"
    )
    assert "connectez-vous avec un autre compte ou demandez l'accès à un modérateur" in content
    assert f'href="{reverse("accounts:login")}?next=/espace/lieux/{place.slug}/"' in content


def test_a_mediator_opening_the_moderation_queue_gets_the_french_403(mediator_client):
    assert_french_page(mediator_client.get(reverse("moderation:queue")), 403, "Accès refusé")


def test_an_expired_form_gets_a_french_page_offering_to_go_back_and_reload(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("places:easy_read"), {"on": "1", "next": "/"}, HTTP_REFERER="http://testserver/lieux/x/"
    )

    content = assert_french_page(response, 403, "La page a expiré")
    assert '<a href="http://testserver/lieux/x/">Revenir au formulaire et le recharger</a>' in content


def test_the_expired_form_page_never_links_back_to_another_site(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("places:easy_read"), {"on": "1"}, HTTP_REFERER="https://evil.example/")

    content = assert_french_page(response, 403, "La page a expiré")
    assert "evil.example" not in content


def test_a_bad_host_header_gets_the_french_400(db):
    response = Client(HTTP_HOST="evil.example").get("/")

    assert_french_page(response, 400, "Requête incorrecte")


def test_a_bad_host_header_under_the_api_is_a_json_400(db):
    response = Client(HTTP_HOST="evil.example").get("/api/v1/places/")

    assert response.status_code == 400
    assert json.loads(response.content) == {"detail": "Requête incorrecte."}


def test_a_403_of_a_page_under_the_api_is_json():
    response = views.permission_denied(RequestFactory().get("/api/v1/places/"))

    assert response.status_code == 403
    assert json.loads(response.content) == {"detail": "Vous n'avez pas le droit d'accéder à cette page."}


def test_an_error_page_that_fails_to_render_falls_back_to_plain_text(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template error")

    monkeypatch.setattr(views.loader, "render_to_string", broken)

    response = views.permission_denied(RequestFactory().get("/espace/"))

    assert response.status_code == 403
    assert response.content.decode() == "Vous n'avez pas le droit d'accéder à cette page."
