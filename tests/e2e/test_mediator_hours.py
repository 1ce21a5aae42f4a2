import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accounts import PASSWORD, log_in
from tests.e2e.axe import axe_violations


@pytest.fixture
def moderator_with_a_claim(db_access, mediator_place):
    """A moderator of the Somme, and a pending claim on the mediator's place."""
    from accounts.models import User
    from moderation.models import Territory
    from places.models import Claim

    moderator = User.objects.create_user(
        username="e2e-hub@somme.fr", email="e2e-hub@somme.fr", password=PASSWORD, email_confirmed=True
    )
    Territory.objects.create(user=moderator, name="Hub de la Somme", departements=["80"])
    claimant = User.objects.create_user(
        username="e2e-benevole@asso.fr", email="e2e-benevole@asso.fr", email_confirmed=True
    )
    Claim.objects.create(place=mediator_place, user=claimant, message="Bénévole le mardi")
    yield moderator
    moderator.delete()
    claimant.delete()


def test_mediator_changes_hours_and_adds_a_summer_closure_seen_on_the_public_page(page, mediator_place):
    summer = datetime.date.today().year + 1
    log_in(page)
    assert axe_violations(page) == []
    page.get_by_role("link", name=mediator_place.name).click()
    expect(page.get_by_role("heading", name=re.compile("Modifier"))).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Lundi, ouverture 1").fill("10:00")
    page.get_by_label("Lundi, fermeture 1").fill("12:00")
    page.get_by_label("Lundi, ouverture 2").fill("14:00")
    page.get_by_label("Lundi, fermeture 2").fill("17:30")
    page.get_by_role("button", name="Recopier les horaires du lundi du mardi au vendredi").click()
    expect(page.get_by_label("Vendredi, fermeture 2")).to_have_value("17:30")
    page.get_by_label("Vendredi, ouverture 2").fill("")
    page.get_by_label("Vendredi, fermeture 2").fill("")
    page.get_by_label("Samedi, ouverture 1").fill("09:00")
    page.get_by_label("Samedi, fermeture 1").fill("12:30")
    new_closure = page.locator("fieldset.closure").last
    expect(new_closure.locator("input[name$='-hours']")).to_be_hidden()  # shown for exceptional hours only
    new_closure.get_by_label("Du").fill(f"{summer}-07-15")
    new_closure.get_by_label("Au").fill(f"{summer}-08-31")
    new_closure.get_by_label("Motif").fill("Fermeture d'été")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Les modifications sont enregistrées")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Voir la fiche publique").click()
    week = page.locator("table.hours")
    expect(week.get_by_role("row", name=re.compile("Lundi"))).to_contain_text(
        "de 10 h à 12 h, de 14 h à 17 h 30"
    )
    expect(week.get_by_role("row", name=re.compile("Mardi"))).to_contain_text(
        "de 10 h à 12 h, de 14 h à 17 h 30"
    )
    expect(week.get_by_role("row", name=re.compile("Vendredi"))).to_have_text(
        re.compile(r"Vendredi\s*de 10 h à 12 h$")
    )
    expect(week.get_by_role("row", name=re.compile("Samedi"))).to_contain_text("de 9 h à 12 h 30")
    expect(page.locator(".closures")).to_contain_text(
        f"Du 15 juillet {summer} au 31 août {summer} : fermé — Fermeture d'été"
    )
    assert axe_violations(page) == []


def test_mediator_moves_the_pin_with_the_keyboard_alone(page, mediator_place):
    from places.models import Place

    log_in(page)
    page.goto(f"/espace/lieux/{mediator_place.slug}/")
    latitude = page.locator("#id_place-latitude")
    before = float(latitude.input_value())
    page.locator("#pin-map").focus()
    for _ in range(3):
        page.keyboard.press("ArrowUp")  # Leaflet pans the focused map north
    centre = page.get_by_role("button", name="Placer l’épingle au centre de la carte")
    for _ in range(8):  # through the map's own controls (zoom, pin, attribution) to the button after it
        page.keyboard.press("Tab")
        if centre.evaluate("button => button === document.activeElement"):
            break
    expect(centre).to_be_focused()
    page.keyboard.press("Enter")
    # Leaflet animates the pan: wait until the pin has taken the map's new centre, north of the old one.
    page.wait_for_function(
        "before => parseFloat(document.querySelector('#id_place-latitude').value) > before", arg=before
    )
    moved_to = float(latitude.input_value())
    expect(page.get_by_role("button", name="Épingle : position du lieu")).to_have_count(1)
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Les modifications sont enregistrées")).to_be_visible()
    assert Place.objects.get(pk=mediator_place.pk).latitude == pytest.approx(moved_to, abs=1e-6)


def test_mediator_pages_have_no_accessibility_violation_on_a_small_phone(mobile_page, mediator_place):
    log_in(mobile_page)
    mobile_page.goto(f"/espace/lieux/{mediator_place.slug}/")
    assert axe_violations(mobile_page) == []
    mobile_page.goto(f"/espace/lieux/{mediator_place.slug}/historique/")
    assert axe_violations(mobile_page) == []


def test_sign_up_and_moderation_pages_have_no_accessibility_violation(page, moderator_with_a_claim):
    page.goto("/compte/inscription/")
    assert axe_violations(page) == []
    log_in(page, "e2e-hub@somme.fr")
    page.get_by_role("link", name="File de modération de mon territoire").click()
    expect(page.get_by_text("Bénévole le mardi")).to_be_visible()
    assert axe_violations(page) == []
