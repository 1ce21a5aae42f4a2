import re

import pytest
from playwright.sync_api import expect

from places.models import Place
from tests.e2e.axe import axe_violations


def test_the_embed_with_a_territory_shows_only_that_territory(page, db_access):
    expected = Place.objects.published().filter(departement="80").count()
    page.goto("/embed/?territory=80")

    expect(page.locator("#results-title")).to_have_text(re.compile(rf"^\s*{expected} lieux\s*$"))
    expect(page.locator("#map .leaflet-marker-icon").first).to_be_visible()
    postal_codes = page.locator(".place-item .where").all_inner_texts()
    assert postal_codes and all(re.search(r"\b80\d{3}\b", text) for text in postal_codes)
    on_map = page.evaluate(
        "() => fetch('/carte/points.json?territory=80&zoom=6').then(r => r.json())"
        ".then(d => (d.clusters || []).reduce((s, c) => s + c[2], 0) + (d.points || []).length)"
    )
    assert on_map == Place.objects.published().located().filter(departement="80").count()


def test_the_embed_generator_gives_an_iframe_for_the_territory(page):
    page.goto("/embed/generateur/")
    page.get_by_label(re.compile("^Territoire")).fill("80")
    page.get_by_label("Formation").check()
    page.get_by_role("button", name="Obtenir le code").click()

    snippet = page.get_by_label("Code de l'iframe").input_value()
    assert re.search(r'<iframe src="http://127\.0\.0\.1:\d+/embed/\?territory=80&offers=training"', snippet)


@pytest.mark.parametrize("easy_read", [False, True])
def test_the_embed_has_no_accessibility_violation(page, mobile_page, live_url, easy_read):
    for tab in (page, mobile_page):
        if easy_read:
            tab.context.add_cookies([{"name": "facile", "value": "1", "url": live_url}])
        tab.goto("/embed/?territory=80")
        expect(tab.locator("#map .leaflet-marker-icon").first).to_be_visible()
        assert axe_violations(tab) == []
