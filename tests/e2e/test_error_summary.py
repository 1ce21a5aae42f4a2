"""A refused save brings the focus to the list of errors, whose links lead to the fields."""

import re

from playwright.sync_api import expect

from tests.e2e.accounts import log_in
from tests.e2e.axe import axe_violations


def test_a_refused_save_focuses_the_error_summary_whose_links_reach_the_fields(page, mediator_place):  # noqa: F811
    log_in(page)
    page.get_by_role("link", name=mediator_place.name).click()
    page.get_by_label("Téléphone").fill("12 34")
    page.get_by_label("Mardi, fermeture 1").fill("")
    page.get_by_role("button", name="Enregistrer les modifications").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Le formulaire contient 2 erreurs")
    assert axe_violations(page) == []
    summary.get_by_role("link", name=re.compile("^Mardi, fermeture 1 :")).click()
    expect(page.get_by_label("Mardi, fermeture 1")).to_be_focused()

    page.get_by_role("button", name="Enregistrer les modifications").click()  # refused again
    expect(page).to_have_url(re.compile("#error-summary$"))
    expect(page.locator("#error-summary")).to_be_focused()
