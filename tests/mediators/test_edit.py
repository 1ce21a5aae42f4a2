import datetime
import re

import pytest
from django.urls import reverse

from places.models import Closure, Place
from tests.clients import client_for
from tests.fake_ban import feature
from tests.mediators.forms_data import add_closure, edit_data, post_edit


def test_manager_changes_hours_through_the_week_editor(place, manager):
    data = edit_data(
        place,
        **{
            "hours-mo_0_opens": "10:00",
            "hours-mo_0_closes": "12:30",
            "hours-sa_0_opens": "09:00",
            "hours-sa_0_closes": "12:00",
        },
    )
    response = post_edit(manager, place, data)
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.opening_hours == "Mo 10:00-12:30; Tu-Sa 09:00-12:00"
    assert place.verified_on == datetime.date.today()
    latest = place.history.first()
    assert (latest.history_user, latest.history_change_reason) == (manager, "mediator")


def test_edit_page_shows_the_stored_hours_in_the_week_editor(place, manager):
    response = client_for(manager).get(reverse("mediators:edit", args=[place.slug]))
    assert response.status_code == 200
    assert response.context["hours"]["fr_0_opens"].value() == "09:00"
    assert response.context["hours"]["sa_0_opens"].value() == ""


def test_a_failed_save_keeps_everything_typed_and_changes_nothing(place, manager):
    before = Place.objects.get(pk=place.pk).__dict__.copy()
    data = edit_data(
        place,
        **{
            "place-phone": "12 34",
            "place-summary": "Nouvelle présentation",
            "hours-tu_0_opens": "14:00",
            "hours-tu_0_closes": "13:00",
        },
    )
    add_closure(data, kind="closed", start_date="2026-08-01", end_date="2026-08-20", label="Été")
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    assert "« 12 34 » n'est pas valide" in response.context["form"].errors["phone"][0]
    assert response.context["hours"].errors["tu_0_closes"] == [
        "Mardi : chaque plage doit finir après son début, et la seconde après la première."
    ]
    content = response.content.decode()
    assert (
        "Nouvelle présentation" in content and 'value="12 34"' in content and 'value="2026-08-01"' in content
    )
    after = Place.objects.get(pk=place.pk).__dict__
    assert {k: v for k, v in after.items() if k != "_state"} == {
        k: v for k, v in before.items() if k != "_state"
    }
    assert Closure.objects.count() == 0


def test_summer_closure_is_added_and_removed_through_the_formset(place, manager):
    data = add_closure(
        edit_data(place), kind="closed", start_date="2026-08-01", end_date="2026-08-20", label="Congés d'été"
    )
    assert post_edit(manager, place, data).status_code == 302
    closure = place.closures.get()
    assert (closure.start_date, closure.end_date, closure.label) == (
        datetime.date(2026, 8, 1),
        datetime.date(2026, 8, 20),
        "Congés d'été",
    )
    data = edit_data(place, **{"closures-0-DELETE": "on"})
    assert post_edit(manager, place, data).status_code == 302
    assert not place.closures.exists()
    # Nothing is lost: the closure's creation and deletion are kept, with their author.
    kept = Closure.history.filter(id=closure.pk).order_by("history_id")
    assert [(record.history_type, record.label, record.history_user) for record in kept] == [
        ("+", "Congés d'été", manager),
        ("-", "Congés d'été", manager),
    ]
    page = client_for(manager).get(reverse("mediators:history", args=[place.slug])).content.decode()
    table = page[page.index("Fermetures et horaires exceptionnels") : page.index("<h2>Versions</h2>")]
    rows = re.findall(r"<td>(ajoutée|supprimée|modifiée)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", table)
    period = "du 1er août 2026 au 20 août 2026 : fermé — Congés d&#x27;été"
    assert rows == [("supprimée", period, manager.email), ("ajoutée", period, manager.email)]


def test_exceptional_hours_without_hours_are_refused_with_a_message(place, manager):
    data = add_closure(
        edit_data(place), kind="hours", start_date="2026-12-24", end_date="2026-12-24", hours=""
    )
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    assert "Indiquez les horaires de cette période." in response.content.decode()
    assert not place.closures.exists()


def test_a_changed_address_is_geocoded_with_the_ban(place, manager, fake_ban):
    fake_ban.add("12 rue des Jacobins 80000 Amiens", feature("12 rue des Jacobins", 49.8804, 2.2801))
    data = edit_data(place, **{"place-address": "12 rue des Jacobins"})
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert (place.address, place.latitude, place.longitude, place.insee_code) == (
        "12 rue des Jacobins",
        49.8804,
        2.2801,
        "80021",
    )
    assert fake_ban.queries == ["12 rue des Jacobins 80000 Amiens"]


def test_an_address_the_ban_cannot_find_is_refused_and_nothing_is_stored(place, manager, fake_ban):
    fake_ban.add("nulle part 80000 Amiens", feature("Nulle", 49.0, 2.0, score=0.2))
    response = post_edit(manager, place, edit_data(place, **{"place-address": "nulle part"}))
    assert response.status_code == 200
    assert "Adresse introuvable" in response.context["form"].errors["address"][0]
    place.refresh_from_db()
    assert place.address == "1 place de l'Hôtel de Ville"
    assert fake_ban.queries == ["nulle part 80000 Amiens"]


@pytest.mark.parametrize("failure", ["down", "garbage"])
def test_an_unavailable_ban_gives_a_clear_message_and_nothing_is_stored(place, manager, fake_ban, failure):
    setattr(fake_ban, failure, True)
    response = post_edit(manager, place, edit_data(place, **{"place-address": "3 rue Neuve"}))
    assert response.status_code == 200
    assert "ne répond pas" in response.context["form"].errors["address"][0]
    place.refresh_from_db()
    assert place.address == "1 place de l'Hôtel de Ville"
    assert fake_ban.queries == ["3 rue Neuve 80000 Amiens"]


def test_a_moved_pin_is_kept_without_asking_the_ban(place, manager, fake_ban):
    data = edit_data(
        place, **{"place-latitude": "49.9", "place-longitude": "2.31", "place-pin_moved": "True"}
    )
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (49.9, 2.31)
    assert fake_ban.queries == []


def test_a_moved_pin_with_a_new_address_takes_the_new_commune_and_departement(place, manager, fake_ban):
    data = edit_data(
        place,
        **{
            "place-address": "1 place du Général de Gaulle",
            "place-postal_code": "59000",
            "place-commune": "Lille",
            "place-latitude": "50.6366",
            "place-longitude": "3.0635",
            "place-pin_moved": "True",
        },
    )
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert (place.insee_code, place.departement) == ("59350", "59")
    assert fake_ban.queries == []


def test_checkboxes_in_plain_words_are_stored_as_codes(place, manager):
    data = edit_data(
        place,
        **{
            "place-services": ["demarches", "loisirs"],
            "place-fees": ["gratuit"],
            "place-pass_numerique": "on",
        },
    )
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert (place.services, place.fees, place.pass_numerique) == (["demarches", "loisirs"], ["gratuit"], True)


def test_still_correct_sets_the_verification_date(place, manager):
    response = client_for(manager).post(reverse("mediators:verify", args=[place.slug]))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.verified_on == datetime.date.today()
    assert place.history.first().history_change_reason == "mediator"


@pytest.mark.parametrize(
    ("status", "told"),
    [
        ("published", "visibles sur la fiche publique"),
        ("draft", "La fiche n'est pas encore publique"),
        ("closed", "sa fiche n'est plus publique"),
    ],
)
def test_the_saved_message_says_whether_the_changes_are_public(place, manager, status, told):
    Place.objects.filter(pk=place.pk).update(status=status)
    place.refresh_from_db()
    response = post_edit(manager, place, edit_data(place, **{"place-phone": "03 22 00 00 00"}), follow=True)
    place.refresh_from_db()
    assert (place.status, place.phone) == (status, "+33322000000")
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1 and told in messages[0], messages


def test_a_moderator_saving_a_draft_is_told_where_to_publish_it(place):
    from tests.factories import make_moderator

    Place.objects.filter(pk=place.pk).update(status="draft")
    place.refresh_from_db()
    response = post_edit(make_moderator(departements=["80"]), place, edit_data(place), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        "Les modifications sont enregistrées. La fiche n'est pas encore publique : "
        "publiez-la depuis la file de modération."
    ]
