"""A place's team: managers removed by a colleague, a moderator or themselves, every change kept in the history."""

import re

from django.urls import reverse

from places.models import PlaceManager
from tests.clients import client_for
from tests.factories import make_moderator, make_user


def remove(by, place, user):
    return client_for(by).post(reverse("mediators:remove_manager", args=[place.slug, user.pk]))


def test_a_manager_removes_a_colleague_who_left_and_the_history_says_who_did(place, manager):
    colleague = make_user("parti@mairie-amiens.fr", first_name="Paul", last_name="Parti")
    client = client_for(manager)
    client.post(reverse("mediators:invite", args=[place.slug]), {"email": "parti@mairie-amiens.fr"})
    response = client.post(reverse("mediators:remove_manager", args=[place.slug, colleague.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "mediators:history", args=[place.slug]
    )
    assert list(place.managers.all()) == [manager]
    changes = [
        (change.history_type, change.user_id, change.history_user)
        for change in PlaceManager.history.filter(place_id=place.pk).order_by("history_id")
    ]
    assert changes[-2:] == [("+", colleague.pk, manager), ("-", colleague.pk, manager)]
    page = client.get(response["Location"]).content.decode()
    assert "Paul Parti ne gère plus cette fiche." in page
    assert "parti@mairie-amiens.fr retiré" in page and "parti@mairie-amiens.fr ajouté" in page


def test_a_manager_who_removes_themselves_goes_back_to_their_dashboard(place, manager):
    response = remove(manager, place, manager)
    assert response.status_code == 302 and response["Location"] == reverse("mediators:dashboard")
    assert not place.managers.exists()
    assert client_for(manager).get(reverse("mediators:edit", args=[place.slug])).status_code == 403


def test_a_moderator_removes_a_manager_and_a_deleted_account_stays_in_the_history(place, manager):
    moderator = make_moderator(departements=["80"])
    assert remove(moderator, place, manager).status_code == 302
    assert not place.managers.exists()
    manager.delete()
    page = client_for(moderator).get(reverse("mediators:history", args=[place.slug])).content.decode()
    assert "un compte supprimé retiré" in page


def test_removing_someone_who_does_not_manage_the_place_is_not_found(place, manager):
    stranger = make_user("inconnu@ailleurs.fr")
    assert remove(manager, place, stranger).status_code == 404
    assert list(place.managers.all()) == [manager]


def test_reminders_leave_no_trace_in_the_managers_history(place, manager):
    from mediators.verification import send_reminders

    before = PlaceManager.history.count()
    assert send_reminders(days=365, interval_days=30) == [(manager.email, place.name)]  # checked in 2024
    assert PlaceManager.objects.get(place=place, user=manager).reminded_on is not None
    assert PlaceManager.history.count() == before


def test_the_history_page_asks_to_confirm_a_removal_and_names_ones_own(place, manager):
    colleague = make_user("collegue@mairie-amiens.fr", first_name="Léa", last_name="Martin")
    PlaceManager.objects.create(place=place, user=colleague)
    page = client_for(manager).get(reverse("mediators:history", args=[place.slug])).content.decode()
    summaries = re.findall(r"<summary>(.*?)</summary>", page, re.S)
    assert [re.sub(r"<[^>]+>", "", summary).strip() for summary in summaries] == [
        "Ne plus gérer cette fiche",
        "Retirer Léa Martin",
    ]
    assert page.count(">Confirmer</button>") == 2
