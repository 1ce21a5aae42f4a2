"""The orientation sheet: the "possibly outdated" warning of the place page, each thing to bring once, and a
message to send that links to the place's page."""

import datetime
import html
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from places.choices import Service
from tests.factories import make_place

pytestmark = pytest.mark.django_db

WARNING = "Ces informations n'ont pas été vérifiées depuis le 16 juin 2022 : elles sont peut-être obsolètes."


def sheet(client, place) -> str:
    return html.unescape(client.get(reverse("places:sheet", args=[place.slug])).content.decode())


def test_the_sheet_of_an_outdated_place_warns_like_its_page(client):
    place = make_place(updated_on=datetime.date(2022, 6, 16))
    assert WARNING in sheet(client, place)
    assert WARNING in html.unescape(client.get(place.get_absolute_url()).content.decode())


def test_the_sheet_of_a_recently_checked_place_has_no_warning(client):
    place = make_place(updated_on=datetime.date(2022, 6, 16), verified_on=timezone.localdate())
    assert "n'ont pas été vérifiées" not in sheet(client, place)


def test_the_warning_reads_the_first_of_the_month_in_french(client):
    place = make_place(updated_on=datetime.date(2020, 9, 1))
    assert "vérifiées depuis le 1er septembre 2020 :" in sheet(client, place)


def test_the_phone_is_listed_once_whatever_the_services(client):
    place = make_place(services=list(Service.values), pass_numerique=True)
    content = sheet(client, place)
    items = re.findall(
        r"<li>([^<]*)</li>", content[content.index('<ul class="to-bring">') :].split("</ul>")[0]
    )
    assert [item for item in items if "téléphone" in item] == [
        "Votre téléphone portable et son chargeur (pour recevoir les codes par SMS), et votre tablette ou "
        "ordinateur portable si vous en avez un, pour apprendre sur votre propre appareil"
    ]
    assert items[-1].startswith("Votre téléphone portable")
    assert len(items) == len(set(items))


@pytest.mark.parametrize("scheme", ["mailto:", "sms:"])
def test_the_message_to_send_is_the_text_to_copy_with_the_page_link(client, scheme):
    place = make_place(name="Espace « Au fil de l'eau »", phone="+33322000000")
    content = sheet(client, place)
    text = re.search(r"<textarea[^>]*>([^<]*)</textarea>", content).group(1)
    body = re.search(re.escape(scheme) + r'[^"]*?body=([^"&]*)"', content).group(1)
    assert unquote(body) == text
    assert text.splitlines() == [
        "Espace « Au fil de l'eau »",
        "1 place de l'Hôtel de Ville, 80000 Amiens",
        "Tél. 03 22 00 00 00",
        f"http://testserver{place.get_absolute_url()}",
    ]
