from tests.e2e.axe import axe_violations
from tests.fake_ban import feature


def test_first_page_lists_the_demo_places_and_searches_them(page, fake_ban):
    fake_ban.add("Amiens", feature("Amiens", 49.8942, 2.2957, kind="municipality"))
    page.goto("/")
    page.get_by_label("Adresse, commune ou code postal").fill("Amiens")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/?q=Amiens*")
    first = page.locator(".place-list li").first
    assert "amiens" in first.inner_text().lower()


def test_first_page_has_no_accessibility_violation(page):
    page.goto("/")
    assert axe_violations(page) == []
