from tests.e2e.conftest import axe_violations


def test_first_page_lists_the_demo_places_and_searches_them(page):
    page.goto("/")
    page.get_by_label("Nom du lieu, commune ou code postal").fill("Amiens")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/?q=Amiens")
    first = page.locator(".place-list li").first
    assert "amiens" in first.inner_text().lower()


def test_first_page_has_no_accessibility_violation(page):
    page.goto("/")
    assert axe_violations(page) == []
