"""Two people editing one listing: a save from a page drawn before someone else's save is refused, merged."""

import datetime

import pytest
from django.urls import reverse

from places.models import Closure, PlaceManager
from tests.clients import client_for
from tests.factories import make_user
from tests.mediators.forms_data import edit_data, post_edit

MARIE_PHONE = "03 22 11 22 33"


def page_as_drawn(place, **changes) -> dict:
    """The edit page's data as the browser sends it, with the version that the page drawn now carries."""
    place.refresh_from_db()
    page = client_for(place.managers.first()).get(reverse("mediators:edit", args=[place.slug]))
    data = edit_data(place)
    data.update({f"listing-{name}": value for name, value in page.context["version"].initial.items()})
    data.update(changes)
    return data


def page_as_shown_again(response) -> dict:
    """The data of a page drawn again by the server (after a refused save), sent as it is."""
    return dict(response.context["form"].data.lists())


@pytest.fixture
def marie(place):
    user = make_user("marie.durand@mairie-amiens.fr", first_name="Marie", last_name="Durand")
    PlaceManager.objects.create(place=place, user=user)
    return user


@pytest.fixture
def summer(place):
    return Closure.objects.create(
        place=place, start_date=datetime.date(2026, 8, 1), end_date=datetime.date(2026, 8, 20), label="Été"
    )


@pytest.fixture
def seniors_place(place):
    place.publics = ["seniors", "familles"]
    place.save()
    return place


def test_a_save_from_an_outdated_page_is_refused_and_keeps_what_was_typed(seniors_place, manager, marie):
    place = seniors_place
    pauls_page = page_as_drawn(place, **{"place-publics": ["familles"]})  # Paul unticks « Seniors »
    maries_page = page_as_drawn(
        place,
        **{
            "place-phone": MARIE_PHONE,
            "place-summary": "Ateliers tous les mardis.",
            "hours-sa_0_opens": "09:00",
            "hours-sa_0_closes": "12:00",
        },
    )
    assert post_edit(marie, place, maries_page).status_code == 302

    response = post_edit(manager, place, pauls_page)

    assert response.status_code == 200
    message = response.context["conflict"]["message"]
    assert message.startswith("Cette fiche a été modifiée par Marie Durand le ")
    assert "vos changements ne sont pas enregistrés" in message
    place.refresh_from_db()
    assert (place.phone, place.summary, place.publics) == (
        "+33322112233",
        "Ateliers tous les mardis.",
        ["familles", "seniors"],
    )
    # The page shows Marie's changes where Paul typed nothing, and Paul's choice where he made one.
    form, hours = response.context["form"], response.context["hours"]
    assert form["publics"].value() == ["familles"]
    assert form["phone"].value() == "+33322112233"
    assert form["summary"].value() == "Ateliers tous les mardis."
    assert (hours["sa_0_opens"].value(), hours["sa_0_closes"].value()) == ("09:00", "12:00")
    assert response.context["conflict"]["differing"] == [
        ("Publics accueillis en particulier", "Familles et/ou enfants, Seniors")
    ]
    assert "Sélectionnez un choix valide" not in response.content.decode()


def test_saving_again_after_checking_keeps_both_changes(seniors_place, manager, marie):
    place = seniors_place
    pauls_page = page_as_drawn(place, **{"place-publics": ["familles"]})
    maries_page = page_as_drawn(
        place, **{"place-phone": MARIE_PHONE, "hours-sa_0_opens": "09:00", "hours-sa_0_closes": "12:00"}
    )
    assert post_edit(marie, place, maries_page).status_code == 302
    refused = post_edit(manager, place, pauls_page)

    response = post_edit(manager, place, page_as_shown_again(refused))

    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.phone, place.publics, place.opening_hours) == (
        "+33322112233",
        ["familles"],
        "Mo-Sa 09:00-12:00",
    )
    assert place.history.first().history_user == manager


def test_a_field_both_changed_shows_the_typed_value_and_the_stored_one(place, manager, marie):
    pauls_page = page_as_drawn(place, **{"place-phone": "03 22 99 99 99"})
    assert post_edit(marie, place, page_as_drawn(place, **{"place-phone": MARIE_PHONE})).status_code == 302

    response = post_edit(manager, place, pauls_page)

    assert response.status_code == 200
    assert response.context["form"]["phone"].value() == "03 22 99 99 99"
    assert response.context["conflict"]["differing"] == [("Téléphone", "+33322112233")]
    assert "Téléphone (enregistré : « +33322112233 »)" in response.content.decode()
    place.refresh_from_db()
    assert place.phone == "+33322112233"


def test_a_period_deleted_meanwhile_gives_the_same_message_not_a_hidden_field_error(
    place, manager, marie, summer
):
    pauls_page = page_as_drawn(place, **{"place-phone": "03 22 99 99 99"})
    assert post_edit(marie, place, page_as_drawn(place, **{"closures-0-DELETE": "on"})).status_code == 302

    response = post_edit(manager, place, pauls_page)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Cette fiche a été modifiée par Marie Durand" in content
    assert "Sélectionnez un choix valide" not in content
    assert response.context["closures"].initial_form_count() == 0
    assert response.context["form"]["phone"].value() == "03 22 99 99 99"

    assert post_edit(manager, place, page_as_shown_again(response)).status_code == 302
    place.refresh_from_db()
    assert place.phone == "+33322999999"
    assert not place.closures.exists()


def test_a_period_paul_changed_but_marie_deleted_comes_back_as_a_new_one(place, manager, marie, summer):
    pauls_page = page_as_drawn(place, **{"closures-0-end_date": "2026-08-25"})
    assert post_edit(marie, place, page_as_drawn(place, **{"closures-0-DELETE": "on"})).status_code == 302

    refused = post_edit(manager, place, pauls_page)
    assert post_edit(manager, place, page_as_shown_again(refused)).status_code == 302

    closure = place.closures.get()
    assert (closure.end_date, closure.label) == (datetime.date(2026, 8, 25), "Été")


def test_a_save_from_the_current_page_is_not_refused(place, manager):
    response = post_edit(manager, place, page_as_drawn(place, **{"place-phone": MARIE_PHONE}))
    assert response.status_code == 302
    page = client_for(manager).get(reverse("mediators:edit", args=[place.slug]))
    assert post_edit(manager, place, page_as_drawn(place, **{"place-summary": "Encore"})).status_code == 302
    assert 'name="listing-version"' in page.content.decode()
