import re

import pytest
from playwright.sync_api import expect

from places.models import Place
from tests.e2e.axe import axe_violations


@pytest.fixture
def place(db_access):
    place = Place.objects.published().exclude(phone="").exclude(opening_hours="").first()
    return place


def test_the_orientation_sheet_prints_on_one_page(page, place):
    page.goto(place.get_absolute_url())
    page.get_by_role("link", name="Fiche d'orientation à imprimer ou envoyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(place.name)

    page.emulate_media(media="print")
    expect(page.locator(".share")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = page.pdf(format="A4")

    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_sheet_gives_a_text_to_send(page, place):
    page.goto(f"/lieux/{place.slug}/fiche/")

    text = page.get_by_label("Texte à copier dans un courriel ou un SMS").input_value()
    assert place.name in text
    assert place.phone_display in text


def test_the_sheet_can_be_reached_from_a_result_list(page):
    page.goto("/?q=80")
    page.locator(".sheet-link").first.click()

    expect(page.get_by_text("Fiche d'orientation", exact=True)).to_be_visible()


@pytest.mark.parametrize("easy_read", [False, True])
def test_the_sheet_has_no_accessibility_violation(page, mobile_page, live_url, place, easy_read):
    for tab in (page, mobile_page):
        if easy_read:
            tab.context.add_cookies([{"name": "facile", "value": "1", "url": live_url}])
        tab.goto(f"/lieux/{place.slug}/fiche/")
        assert axe_violations(tab) == []


def test_an_outdated_place_sheet_prints_its_warning_on_one_page(page, db_access):
    # The longest sheet: a warning, the phone and the own device, hours of a week.
    outdated = [
        place for place in Place.objects.published().exclude(opening_hours="") if place.possibly_outdated
    ]
    place = max(outdated, key=lambda place: len(place.services))
    page.goto(f"/lieux/{place.slug}/fiche/")

    page.emulate_media(media="print")
    expect(page.locator(".sheet .outdated")).to_be_visible()
    expect(page.locator(".sheet .outdated")).to_contain_text("elles sont peut-être obsolètes")
    pdf = page.pdf(format="A4")

    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
