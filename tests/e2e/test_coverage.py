from playwright.sync_api import expect

from coverage.compute import compute_coverage
from tests.e2e.axe import axe_violations


def band_classes(page) -> list[str]:
    return page.locator("path.coverage-commune").evaluate_all(
        "paths => paths.map(p => p.getAttribute('class'))"
    )


def test_the_somme_coverage_page_lists_the_least_covered_communes_and_follows_the_filter(page, db_access):
    compute_coverage(departements=["80"])
    page.goto("/couverture/80/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Somme")
    expect(page.locator("#least-covered tbody tr")).to_have_count(25)
    expect(page.locator("#coverage-map")).to_have_attribute("data-ready", "772")
    expect(page.locator("path.coverage-commune")).to_have_count(772)
    before_share = page.locator("#headline").get_attribute("data-far-share")
    before_bands = band_classes(page)

    page.get_by_label("Type d'aide ou service").select_option("training")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**/couverture/80/?aide=training")
    expect(page.locator("#headline-title")).to_contain_text("Formation")
    expect(page.locator("path.coverage-commune")).to_have_count(772)
    assert page.locator("#headline").get_attribute("data-far-share") != before_share
    assert band_classes(page) != before_bands


def test_the_coverage_page_has_no_accessibility_violation(page, db_access):
    page.goto("/couverture/80/?aide=training")
    expect(page.locator("#coverage-map")).to_have_attribute("data-ready", "772")
    assert axe_violations(page) == []


def test_the_statistics_page_has_no_accessibility_violation(page):
    page.goto("/couverture/80/statistiques/")
    expect(page.locator("#stats-bands tbody tr")).to_have_count(5)
    assert axe_violations(page) == []


def test_the_departements_list_leads_to_a_coverage_page_without_accessibility_violation(page):
    page.goto("/couverture/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="80 — Somme").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Somme (80)")


def test_the_coverage_page_reads_on_a_small_phone(mobile_page):
    mobile_page.goto("/couverture/80/")
    expect(mobile_page.locator("#least-covered tbody tr")).to_have_count(25)
    page_width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 360  # the table scrolls inside its wrapper, not the whole page
    assert axe_violations(mobile_page) == []
    mobile_page.goto("/couverture/80/statistiques/")
    expect(mobile_page.locator("#stats-bands tbody tr")).to_have_count(5)
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(mobile_page) == []
