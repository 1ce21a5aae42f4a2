import re

import pytest
from playwright.sync_api import expect

from tests.fake_ban import feature


@pytest.fixture
def no_js_page(browser, live_url):
    context = browser.new_context(locale="fr-FR", base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_same_search_works_without_javascript(no_js_page, fake_ban):
    fake_ban.add("Amiens", feature("Amiens", 49.8942, 2.2957, kind="municipality"))
    no_js_page.goto("/")

    no_js_page.get_by_label("Adresse, commune ou code postal").fill("Amiens")
    no_js_page.get_by_label("Formation").check()
    no_js_page.get_by_role("button", name="Rechercher").click()

    expect(no_js_page).to_have_url(re.compile(r"\?q=Amiens&.*offers=training"))
    expect(no_js_page.locator("#results-title")).to_contain_text("d'Amiens")
    first = no_js_page.locator(".place-item").first
    expect(first.locator(".distance")).to_be_visible()
    first.get_by_role("link").first.click()
    expect(no_js_page.get_by_role("heading", level=2, name="Horaires")).to_be_visible()


def test_the_easy_read_switch_works_without_javascript(no_js_page):
    no_js_page.goto("/?q=80")
    no_js_page.get_by_role("button", name="Facile à lire").click()

    expect(no_js_page.locator("body")).to_have_class("easy-read ")
    expect(no_js_page.locator(".place-item .kinds img").first).to_be_visible()
