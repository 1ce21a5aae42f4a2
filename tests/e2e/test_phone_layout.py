"""The pages on a small phone (360 × 740): the search first, the list reachable at once, nothing sideways."""

import pytest
from playwright.sync_api import expect

from tests.fake_ban import feature

PHONE = {"width": 360, "height": 740}
LONG_LINK = "https://www.economie.gouv.fr/particuliers/france-services"
LONG_LINK_PLACE = (
    "/lieux/france-services-anor-anor/"  # a demo place whose web address has no space to wrap at
)


@pytest.fixture
def open_phone(browser, live_url):
    """Opens a 360 px wide page in French, with or without JavaScript, in easy-to-read mode or not."""
    contexts = []

    def open_phone(*, javascript: bool = True, easy_read: bool = False, **options):
        context = browser.new_context(
            locale="fr-FR",
            viewport=PHONE,
            base_url=live_url,
            is_mobile=True,
            has_touch=True,
            java_script_enabled=javascript,
            **options,
        )
        if easy_read:
            context.add_cookies([{"name": "facile", "value": "1", "url": live_url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_phone
    for context in contexts:
        context.close()


@pytest.mark.parametrize("easy_read", [False, True])
def test_the_search_field_and_a_link_to_the_list_are_on_the_first_screen(open_phone, easy_read):
    page = open_phone(easy_read=easy_read)
    page.goto("/")

    expect(page.get_by_label("Adresse, commune ou code postal")).to_be_in_viewport(ratio=1)
    link = page.get_by_role("link", name="Voir la liste des lieux")
    expect(link).to_be_in_viewport(ratio=1)
    expect(page.locator("#results-title")).not_to_be_in_viewport()

    link.click()

    expect(page.locator("#results-title")).to_be_in_viewport(ratio=1)
    expect(page.locator("#results-title")).to_be_focused()


def test_the_map_comes_after_the_list_on_a_phone_and_beside_it_on_a_computer(open_phone, page):
    phone = open_phone()
    for tab in (phone, page):
        tab.goto("/")
        expect(tab.locator("#map .leaflet-marker-icon").first).to_be_visible()
    last_place = phone.locator(".place-item").last.bounding_box()
    assert phone.locator("#map").bounding_box()["y"] >= last_place["y"] + last_place["height"]
    assert page.locator("#map").bounding_box()["x"] >= page.locator("#results").bounding_box()["x"] + 400


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("easy_read", [False, True])
def test_a_search_lands_on_its_results(open_phone, fake_ban, javascript, easy_read):
    fake_ban.add("Amiens", feature("Amiens", 49.8942, 2.2957, kind="municipality"))
    page = open_phone(javascript=javascript, easy_read=easy_read)
    page.goto("/")

    page.get_by_label("Adresse, commune ou code postal").fill("Amiens")
    page.get_by_role("button", name="Rechercher").click()

    title = page.locator("#results-title")
    expect(title).to_contain_text("d'Amiens")
    expect(title).to_be_in_viewport(ratio=1)
    expect(title).to_be_focused()  # a screen reader says the number of places found


def test_near_me_lands_on_its_results(open_phone):
    page = open_phone(geolocation={"latitude": 50.2910, "longitude": 2.7775}, permissions=["geolocation"])
    page.goto("/")

    page.get_by_role("button", name="Autour de moi").click()

    expect(page.locator("#results-title")).to_contain_text("de votre position")
    expect(page.locator("#results-title")).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("easy_read", [False, True])
def test_without_javascript_the_map_is_a_sentence_not_an_empty_box(open_phone, easy_read):
    page = open_phone(javascript=False, easy_read=easy_read)
    page.goto("/?q=80")

    expect(page.locator("#map")).to_have_text(
        "La carte a besoin de JavaScript. La liste des lieux fonctionne sans."
    )
    assert page.locator("#map").bounding_box()["height"] < 150
    expect(page.locator(".place-item").first).to_be_visible()


def test_with_javascript_the_map_hides_its_no_javascript_sentence(open_phone):
    page = open_phone()
    page.goto("/")

    expect(page.locator("#map .leaflet-marker-icon").first).to_be_visible()
    expect(page.locator(".map-fallback")).to_be_hidden()
    assert page.locator("#map").bounding_box()["height"] >= 260


@pytest.mark.parametrize("easy_read", [False, True])
def test_a_place_page_with_a_long_web_address_does_not_scroll_sideways(open_phone, easy_read):
    page = open_phone(easy_read=easy_read)
    page.goto(LONG_LINK_PLACE)

    expect(page.get_by_role("link", name=LONG_LINK)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_sheet_link_is_one_box_on_a_phone(open_phone):
    page = open_phone(easy_read=True)
    page.goto(LONG_LINK_PLACE)

    link = page.get_by_role("link", name="Fiche d'orientation à imprimer ou envoyer")
    assert (
        link.evaluate("a => a.getClientRects().length") == 1
    )  # an inline link across lines has one per line
    box = link.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
