import datetime
import html
import re

import pytest
from django.urls import reverse

from tests.factories import make_place

MONDAY_10H = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def test_the_place_page_shows_phone_directions_and_hours(client, db, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: MONDAY_10H)
    place = make_place(phone="+33322000000", opening_hours="Mo-Fr 09:00-12:00,14:00-17:00")

    content = client.get(place.get_absolute_url()).content.decode()

    assert 'href="tel:+33322000000">03 22 00 00 00</a>' in content
    assert "https://www.openstreetmap.org/directions?to=49.894200%2C2.295700" in content
    assert "Ouvert maintenant, ferme à 12 h" in content
    assert "de 9 h à 12 h, de 14 h à 17 h" in content


def test_the_place_page_says_when_a_closed_place_opens(client, db, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: MONDAY_10H)
    place = make_place(opening_hours="Tu 09:00-12:00")

    assert "Fermé, ouvre demain à 9 h" in client.get(place.get_absolute_url()).content.decode()


def test_the_place_page_dates_its_data_with_french_typography(client, db):
    place = make_place(updated_on=datetime.date(2018, 11, 1), verified_on=datetime.date(2026, 9, 21))

    content = html.unescape(client.get(place.get_absolute_url()).content.decode())

    assert "Mis à jour le 1er novembre 2018." in content
    assert "Vérifié le 21 septembre 2026." in content


def test_markup_stored_in_a_place_is_shown_as_text(client, db):
    place = make_place(name="<script>alert(1)</script>", description="<b>gras</b>")

    content = client.get(place.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "&lt;b&gt;gras&lt;/b&gt;" in content


def test_an_unpublished_place_has_no_page(client, db):
    place = make_place(status="draft")

    assert client.get(place.get_absolute_url()).status_code == 404


def test_the_sheet_has_the_address_phone_and_a_text_to_send(client, db):
    place = make_place(phone="+33322000000")

    content = client.get(reverse("places:sheet", args=[place.slug])).content.decode()

    assert "1 place de l&#x27;Hôtel de Ville" in content
    assert "03 22 00 00 00" in content
    assert "sms:?&amp;body=" in content


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"services": ["demarches"]},
            [
                "Une pièce d'identité",
                "Vos identifiants",
                "Les papiers de votre démarche",
                "Votre téléphone portable",
            ],
        ),
        (
            {"services": ["insertion_pro", "demarches"], "pass_numerique": True},
            [
                "Une pièce d'identité",
                "Vos identifiants",
                "Les papiers de votre démarche",  # services in the standard's order: démarches first
                "Votre CV",
                "Vos chèques « pass numérique »",
                "Votre téléphone portable",
            ],
        ),
        (
            {"services": ["materiel_solidaire"], "fees": ["gratuit_sous_condition"]},
            [
                "Une pièce d'identité",
                "Un justificatif de vos ressources",
                "Un justificatif de votre situation",
                "Votre téléphone portable",
            ],
        ),
        (
            {"services": ["loisirs", "outils_quotidien"]},
            [
                "Vos identifiants",
                "Votre téléphone portable et son chargeur (pour recevoir les codes par SMS), et votre tablette",
            ],
        ),
        (
            {"services": []},
            [
                "Une pièce d'identité",
                "Vos identifiants",
                "Les papiers de votre démarche",
                "Votre téléphone portable",
            ],
        ),
    ],
)
def test_the_sheet_says_what_to_bring_for_what_the_place_offers(client, db, fields, expected):
    place = make_place(**fields)
    content = html.unescape(client.get(reverse("places:sheet", args=[place.slug])).content.decode())
    items = re.findall(
        r"<li>([^<]*)</li>", content[content.index('<ul class="to-bring">') :].split("</ul>")[0]
    )
    assert len(items) == len(expected), items
    for item, start in zip(items, expected, strict=True):
        assert item.startswith(start), (item, start)
