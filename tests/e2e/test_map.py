import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import axe_violations
from tests.fake_ban import feature

AMIENS_STATION = feature("Place Alphonse Fiquet 80000 Amiens", 49.8906, 2.3077)


def test_the_map_shows_the_demo_places_clustered(page):
    page.goto("/")

    expect(page.locator("#map .cluster").first).to_be_visible()
    counts = [int(text) for text in page.locator("#map .cluster span").all_inner_texts()]
    assert len(counts) >= 3
    assert sum(counts) >= 1700  # every located demo place, in a handful of clusters


def test_an_address_search_lists_the_nearest_places_in_distance_order(page, fake_ban):
    fake_ban.add("Gare d'Amiens", AMIENS_STATION)
    page.goto("/")

    page.get_by_label("Adresse, commune ou code postal").fill("Gare d'Amiens")
    page.get_by_role("button", name="Rechercher").click()

    expect(page.locator("#results-title")).to_contain_text("Place Alphonse Fiquet 80000 Amiens")
    distances = [
        float(re.search(r"([\d,]+) km", text).group(1).replace(",", "."))
        for text in page.locator(".place-item .distance").all_inner_texts()
    ]
    assert len(distances) >= 10
    assert distances == sorted(distances)
    assert distances[0] < 1
    expect(page.locator("#map .point").first).to_be_visible()


def test_filters_change_the_map_and_the_list_together_and_the_url_reproduces_them(page, browser, live_url):
    page.goto("/")
    expect(page.locator("#map .cluster").first).to_be_visible()
    total = int(re.search(r"\d+", page.locator("#results-title").inner_text().replace("\u202f", "")).group())
    before = sum(int(t) for t in page.locator("#map .cluster span").all_inner_texts())

    page.get_by_label(re.compile(r"^Formation")).check()

    expect(page).to_have_url(re.compile(r"offers=training"))
    expect(page.locator("#results-title")).not_to_contain_text(f"{total} lieux")
    page.wait_for_function(
        "before => { const spans = [...document.querySelectorAll('#map .cluster span, #map .point')];"
        " const n = [...document.querySelectorAll('#map .cluster span')].reduce((s, e) => s + +e.textContent, 0)"
        " + document.querySelectorAll('#map .point').length; return spans.length && n < before; }",
        arg=before,
    )
    filtered_title = page.locator("#results-title").inner_text()

    other = browser.new_context(locale="fr-FR", base_url=live_url).new_page()
    other.goto(page.url)
    expect(other.get_by_label(re.compile(r"^Formation"))).to_be_checked()
    expect(other.locator("#results-title")).to_have_text(filtered_title)
    other.context.close()


def test_ticking_a_filter_updates_the_other_filters_counts_and_says_the_new_total(page):
    page.goto("/")
    expect(page.locator("#map .cluster").first).to_be_visible()
    demarches = page.locator('[data-count="services:demarches"]')
    before = demarches.text_content()  # inside the closed "Plus de filtres": not rendered, but in the page

    page.get_by_label(re.compile(r"^Formation")).check()

    # The count beside a service is now among the training places: what ticking it too would keep.
    expect(demarches).not_to_have_text(before)
    title = page.locator("#results-title")
    expect(page.locator("#results-status")).to_have_text(re.compile(r"^\d[\d\u202f ]* lieux?$"))
    expect(page.locator("#results-status")).to_have_text(title.inner_text().strip())
    expected = re.sub(r"\D", "", demarches.text_content())
    grouped = expected if len(expected) <= 3 else rf"{expected[:-3]}\D?{expected[-3:]}"  # 1 234: a thin space
    page.get_by_text("Plus de filtres").click()
    page.get_by_label(re.compile(r"^Aide aux démarches administratives")).check()
    expect(title).to_have_text(re.compile(rf"^\s*{grouped} lieux?\s*$"))


def test_a_refused_position_says_so(browser, live_url):
    context = browser.new_context(locale="fr-FR", base_url=live_url, permissions=[])
    page = context.new_page()
    page.goto("/")

    page.get_by_role("button", name="Autour de moi").click()

    expect(page.get_by_role("alert")).to_contain_text("Votre position n'est pas disponible")
    context.close()


@pytest.mark.parametrize("url", ["/", "/?q=80&offers=training"])
@pytest.mark.parametrize("easy_read", [False, True])
def test_the_map_and_list_have_no_accessibility_violation(page, mobile_page, live_url, url, easy_read):
    for tab in (page, mobile_page):
        if easy_read:
            tab.context.add_cookies([{"name": "facile", "value": "1", "url": live_url}])
        tab.goto(url)
        expect(tab.locator("#map .leaflet-marker-icon").first).to_be_visible()
        assert axe_violations(tab) == []


def test_the_easy_read_switch_is_remembered_across_pages(mobile_page):
    mobile_page.goto("/?q=80&offers=training")
    mobile_page.get_by_role("button", name="Facile à lire").click()
    expect(mobile_page.get_by_role("button", name="Facile à lire")).to_have_attribute("aria-pressed", "true")

    mobile_page.locator(".place-item h3 a").first.click()

    expect(mobile_page.locator("body")).to_have_class(re.compile("easy-read"))
    expect(mobile_page.locator(".kinds img").first).to_be_visible()


def test_near_me_uses_the_browsers_position(browser, live_url):
    context = browser.new_context(
        locale="fr-FR",
        base_url=live_url,
        geolocation={"latitude": 50.2910, "longitude": 2.7775},  # Arras
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto("/")

    page.get_by_role("button", name="Autour de moi").click()

    expect(page.locator("#results-title")).to_contain_text("de votre position")
    expect(page).to_have_url(re.compile(r"lat=50\.291.*lon=2\.777"))
    context.close()


def test_suggestions_are_offered_as_the_person_types(page, fake_ban):
    fake_ban.add("8 place Gambetta Amiens", feature("8 Place Gambetta 80000 Amiens", 49.894, 2.297))
    page.goto("/")

    page.get_by_label("Adresse, commune ou code postal").press_sequentially("8 place Gam")

    expect(page.locator("#q-suggestions option")).to_have_attribute("value", "8 Place Gambetta 80000 Amiens")
