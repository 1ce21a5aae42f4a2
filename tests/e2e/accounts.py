"""Logging in through the pages, for the browser tests of the mediators' space."""

from playwright.sync_api import expect

from tests.e2e.axe import axe_violations

PASSWORD = "Un-mot-de-passe-long-99"


def log_in(page, email="e2e-mediatrice@mairie-amiens.fr"):
    page.goto("/compte/connexion/")
    assert axe_violations(page) == []
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Mon espace de médiateur")).to_be_visible()
