"""The embed's links leave the partner's iframe (the pages they open refuse to be framed), the site's do not;
and its generator tells what is wrong next to each field."""

import pytest
from django.urls import reverse

from tests.factories import make_place

NEW_WINDOW = ' target="_blank" rel="noopener"'
HINT = '<span class="visually-hidden"> (nouvelle fenêtre)</span>'


@pytest.fixture
def place(db):
    return make_place(name="Espace numérique Amiens")


@pytest.mark.parametrize("params", [{}, {"fragment": "results"}])
def test_the_embed_opens_the_place_and_its_sheet_in_a_new_window(client, place, params):
    content = client.get(reverse("places:embed"), params).content.decode()

    assert f'<a href="{place.get_absolute_url()}"{NEW_WINDOW}>{place.name}{HINT}</a>' in content
    sheet = reverse("places:sheet", args=[place.slug])
    assert f'<a class="sheet-link" href="{sheet}"{NEW_WINDOW}>' in content
    assert f"{place.name} (nouvelle fenêtre)</span></a>" in content


def test_the_embed_asks_for_popups_whose_link_opens_a_new_window(client, place):
    content = client.get(reverse("places:embed")).content.decode()
    assert f'data-popup-url="{reverse("places:popup", args=[0])}?embed=1"' in content

    popup = client.get(reverse("places:popup", args=[place.pk]), {"embed": "1"}).content.decode()

    assert f'<a href="{place.get_absolute_url()}"{NEW_WINDOW}>{place.name}{HINT}</a>' in popup


def test_the_map_page_and_its_popups_keep_their_links_in_the_same_window(client, place):
    pages = [
        client.get(reverse("places:list")).content.decode(),
        client.get(reverse("places:list"), {"fragment": "results"}).content.decode(),
        client.get(reverse("places:popup", args=[place.pk])).content.decode(),
    ]

    for content in pages:
        assert f'<a href="{place.get_absolute_url()}">{place.name}</a>' in content
        assert 'target="_blank"' not in content
        assert "nouvelle fenêtre" not in content


def test_the_generator_shows_each_error_next_to_its_field_in_french(client, db):
    response = client.get(reverse("places:embed_generator"), {"territory": "80,zz", "offers": "xx"})
    content = response.content.decode()

    assert response.status_code == 200
    assert "<title>Erreur — Intégrer la carte à votre site</title>" in content
    assert "<li>offers" not in content and "<li>territory" not in content  # {{ form.errors }}' raw names
    assert (
        '<input id="id_territory_input" name="territory" type="text" value="80,zz" aria-invalid="true" '
        'aria-describedby="territory-error territory-help">'
    ) in content
    assert (
        '<span id="territory-error" class="errorlist">Erreur : Codes de territoire inconnus : ZZ' in content
    )
    assert '<a href="#id_territory_input">Territoire : Codes de territoire inconnus : ZZ' in content
    assert '<p id="offers-error" class="errorlist">Erreur : ' in content
    assert content.count('aria-invalid="true" aria-describedby="offers-error"') == 4
    assert (
        '<a href="#id_offers_0">Type d&#x27;aide : Sélectionnez un choix valide. xx n’en fait pas partie.'
        in content
    )
    assert content.index('href="#id_territory_input">') < content.index('href="#id_offers_0">')  # page order


def test_the_generator_without_error_marks_no_field_invalid(client, db):
    content = client.get(reverse("places:embed_generator"), {"territory": "80"}).content.decode()

    assert "aria-invalid" not in content
    assert 'aria-describedby="territory-help"' in content
    assert "<iframe src=" in content.replace("&lt;", "<")
