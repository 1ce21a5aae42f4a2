"""The mediators' forms and history in a browser: one label above its field on a computer, the history's wide
tables scrolling in their own box on a phone, and a restore asked to be confirmed."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accounts import PASSWORD, log_in
from tests.e2e.axe import axe_violations

EMAIL = "e2e-historique@mairie-amiens.fr"


@pytest.fixture
def managed_place(db_access):
    """A place of its own (the demo data stays untouched), managed by a mediator, with two versions."""
    from accounts.models import User
    from places.models import Place, PlaceManager
    from tests.factories import make_place

    place = make_place(name="Atelier du test d'historique", opening_hours="Mo-Fr 09:00-12:00,14:00-17:30")
    user = User.objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD, email_confirmed=True)
    PlaceManager.objects.create(place=place, user=user)
    place.name = "Atelier renommé par erreur"
    place.save_change(user=user, source="mediator")
    yield place
    user.delete()
    Place.objects.filter(pk=place.pk).delete()


def _box(page, selector):
    return page.locator(selector).bounding_box()


@pytest.mark.parametrize("path", ["edit", "propose"])
def test_on_a_computer_each_label_sits_above_its_own_field(page, managed_place, path):
    log_in(page, EMAIL)
    page.goto(f"/espace/lieux/{managed_place.slug}/" if path == "edit" else "/espace/nouveau-lieu/")

    name_label, name = _box(page, "label[for=id_place-name]"), _box(page, "#id_place-name")
    phone_label, phone_help = _box(page, "label[for=id_place-phone]"), _box(page, "#id_place-phone_helptext")
    phone = _box(page, "#id_place-phone")
    assert name_label["y"] + name_label["height"] <= name["y"]  # the label above its field
    assert abs(name_label["x"] - name["x"]) < 1  # at the same left edge
    assert name["y"] + name["height"] <= phone_label["y"]  # the next label below the field, not beside it
    assert phone_label["y"] + phone_label["height"] <= phone_help["y"] <= phone["y"]


def test_on_a_phone_the_versions_scroll_in_their_own_box_and_a_restore_is_confirmed(
    mobile_page, managed_place
):
    page = mobile_page
    log_in(page, EMAIL)
    page.goto(f"/espace/lieux/{managed_place.slug}/historique/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the page does not scroll sideways
    versions = page.get_by_role("region", name="Versions")
    expect(versions).to_be_visible()
    assert versions.evaluate("box => box.scrollWidth > box.clientWidth")  # the table scrolls in its box
    versions.focus()
    expect(versions).to_be_focused()  # and can be scrolled with the keyboard
    assert axe_violations(page) == []

    page.get_by_text("Rétablir", exact=False).first.click()
    confirm = page.get_by_role("button", name="Confirmer le rétablissement")
    expect(confirm).to_be_visible()  # the confirmation opened, and nothing was sent:
    expect(page.get_by_text("La fiche reprendra la version du")).to_be_visible()
    expect(page.get_by_text("La version choisie est rétablie")).to_have_count(0)
    assert managed_place.history.count() == 2
    confirm.click()

    expect(page.get_by_text("La version choisie est rétablie")).to_be_visible()
    managed_place.refresh_from_db()
    assert managed_place.name == "Atelier du test d'historique"
