import datetime

import pytest
from playwright.sync_api import expect

from places.models import Place
from tests.e2e.axe import axe_violations

MONDAY_10H = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)  # 10:00 in Paris
SUNDAY_NOON = datetime.datetime(2026, 11, 22, 11, 0, tzinfo=datetime.UTC)


@pytest.fixture
def place(db_access):
    """A demo place with known hours; its own put back afterwards (the demo data is shared by the browser
    tests)."""
    place = Place.objects.published().exclude(phone="").first()
    original = place.opening_hours
    Place.objects.filter(pk=place.pk).update(opening_hours="Mo-Fr 09:00-12:00,14:00-17:00")
    yield place
    Place.objects.filter(pk=place.pk).update(opening_hours=original)


def test_the_place_page_shows_open_now_for_a_frozen_clock(page, place, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: MONDAY_10H)
    page.goto(place.get_absolute_url())

    expect(page.locator(".open-state")).to_have_text("Ouvert maintenant, ferme à 12 h")
    expect(page.get_by_role("row", name="Lundi")).to_contain_text("de 9 h à 12 h, de 14 h à 17 h")
    expect(page.get_by_role("row", name="Samedi")).to_contain_text("fermé")
    expect(page.locator(".big-phone a")).to_have_attribute("href", place.phone and f"tel:{place.phone}")


def test_the_place_page_says_when_it_opens_for_a_frozen_sunday(page, place, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: SUNDAY_NOON)
    page.goto(place.get_absolute_url())

    expect(page.locator(".open-state")).to_have_text("Fermé, ouvre demain à 9 h")


def test_an_error_report_is_stored_for_the_moderators(page, place, settings, db_access):
    from reports.models import ErrorReport

    settings.REPORTS_MIN_SECONDS = 0
    page.goto(place.get_absolute_url())
    page.get_by_label("Qu'est-ce qui est faux ?").fill("Le numéro a changé.")
    page.get_by_role("button", name="Envoyer le signalement").click()

    expect(page.get_by_role("status")).to_contain_text("Merci")
    assert ErrorReport.objects.filter(place=place, message="Le numéro a changé.").exists()


@pytest.mark.parametrize("easy_read", [False, True])
def test_the_place_page_has_no_accessibility_violation(page, mobile_page, live_url, place, easy_read):
    for tab in (page, mobile_page):
        if easy_read:
            tab.context.add_cookies([{"name": "facile", "value": "1", "url": live_url}])
        tab.goto(place.get_absolute_url())
        assert axe_violations(tab) == []


@pytest.mark.parametrize("easy_read", [False, True])
def test_the_error_report_page_has_no_accessibility_violation(page, mobile_page, live_url, place, easy_read):
    for tab in (page, mobile_page):
        if easy_read:
            tab.context.add_cookies([{"name": "facile", "value": "1", "url": live_url}])
        tab.goto(place.get_absolute_url())
        tab.get_by_role(
            "button", name="Envoyer le signalement"
        ).click()  # empty: refused, the form comes back
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Signaler une erreur")
        assert axe_violations(tab) == []
