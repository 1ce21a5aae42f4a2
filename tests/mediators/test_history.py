import html

import pytest
from django.urls import reverse

from mediators.history import restore_version
from places.models import Place
from tests.clients import client_for
from tests.mediators.forms_data import edit_data


def test_every_change_keeps_its_author_date_and_source(place, manager, personas):
    client_for(manager).post(
        reverse("mediators:edit", args=[place.slug]), edit_data(place, **{"place-name": "Par le médiateur"})
    )
    moderator = personas["moderator_here"]
    place.refresh_from_db()
    client_for(moderator).post(
        reverse("mediators:edit", args=[place.slug]), edit_data(place, **{"place-name": "Par le modérateur"})
    )
    versions = list(
        place.history.order_by("history_id").values_list("name", "history_user_id", "history_change_reason")
    )
    assert versions[-2:] == [
        ("Par le médiateur", manager.pk, "mediator"),
        ("Par le modérateur", moderator.pk, "moderator"),
    ]
    assert all(v.history_date for v in place.history.all())


def test_restoring_an_old_version_creates_a_new_version_with_its_values(place, manager):
    original = place.history.get()
    client_for(manager).post(
        reverse("mediators:edit", args=[place.slug]),
        edit_data(place, **{"place-name": "Mauvais nom", "hours-mo_0_opens": "", "hours-mo_0_closes": ""}),
    )
    place.refresh_from_db()
    assert place.name == "Mauvais nom" and place.opening_hours == "Tu-Fr 09:00-12:00"
    response = client_for(manager).post(reverse("mediators:restore", args=[place.slug, original.history_id]))
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.name, place.opening_hours) == ("Espace numérique d'Amiens", "Mo-Fr 09:00-12:00")
    assert place.history.count() == 3
    assert place.history.first().history_user == manager


def test_history_page_lists_versions_with_author_and_source(place, manager):
    place.name = "Nouveau"
    place.save_change(user=manager, source="mediator")
    response = client_for(manager).get(reverse("mediators:history", args=[place.slug]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "gestionnaire@mairie-amiens.fr" in content and "Médiateur" in content and "Rétablir" in content


def test_deleting_only_unpublishes_and_a_restore_brings_the_place_back(place, manager):
    client_for(manager).post(reverse("mediators:unpublish", args=[place.slug]))
    place.refresh_from_db()
    assert place.status == "closed" and Place.objects.filter(pk=place.pk).exists()
    assert client_for(None).get(place.get_absolute_url()).status_code == 404
    published = place.history.filter(status="published").first()
    restore_version(place=place, history_id=published.history_id, user=manager, source="mediator")
    assert client_for(None).get(place.get_absolute_url()).status_code == 200


def test_a_manager_restoring_an_old_version_keeps_a_listing_a_moderator_took_down(place, manager, personas):
    published = place.history.get()
    moderator = personas["moderator_here"]
    client_for(moderator).post(reverse("mediators:unpublish", args=[place.slug]))
    place.refresh_from_db()
    place.name = "Renommé par le gestionnaire"  # a later edit of the manager's keeps the moderator's status
    place.save_change(user=manager, source="mediator")

    response = client_for(manager).post(
        reverse("mediators:restore", args=[place.slug, published.history_id]), follow=True
    )

    place.refresh_from_db()
    assert (place.name, place.status) == ("Espace numérique d'Amiens", "closed")
    assert "c&#x27;est une décision de la modération" in response.content.decode()
    assert client_for(None).get(place.get_absolute_url()).status_code == 404
    # The moderator may undo their own decision with the same restore.
    client_for(moderator).post(reverse("mediators:restore", args=[place.slug, published.history_id]))
    place.refresh_from_db()
    assert place.status == "published"


def test_a_manager_may_restore_a_taken_down_version_over_a_moderators_publication(place, manager, personas):
    published = place.history.get()
    client_for(manager).post(reverse("mediators:unpublish", args=[place.slug]))
    taken_down = place.history.order_by("-history_id").first()
    client_for(personas["moderator_here"]).post(
        reverse("mediators:restore", args=[place.slug, published.history_id])
    )
    place.refresh_from_db()
    assert place.status == "published"

    response = client_for(manager).post(
        reverse("mediators:restore", args=[place.slug, taken_down.history_id]), follow=True
    )

    place.refresh_from_db()
    assert place.status == "closed"  # taking one's own listing down is the manager's call
    assert "décision de la modération" not in response.content.decode()


def test_restoring_a_version_of_another_place_is_a_404(place, manager):
    from tests.factories import make_place

    other = make_place()
    response = client_for(manager).post(
        reverse("mediators:restore", args=[place.slug, other.history.get().history_id])
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "persona, source", [("manager", "mediator"), ("moderator_here", "moderator"), ("staff", "staff")]
)
def test_the_source_of_a_change_follows_the_author_s_role(place, personas, persona, source):
    client_for(personas[persona]).post(reverse("mediators:verify", args=[place.slug]))
    latest = place.history.first()
    assert (latest.history_user, latest.history_change_reason) == (personas[persona], source)


def test_a_restore_leaves_out_hours_that_todays_rules_refuse(place, manager):
    place.opening_hours = "Mo-Fr 09:00-12:00; Fr 13:30-13:30"  # stored before the rule (saved unvalidated)
    place.save_change(user=manager, source="mediator")
    old = place.history.first()
    place.opening_hours = "Mo-Fr 09:00-12:00"
    place.name = "Renommé"
    place.save_change(user=manager, source="mediator")

    response = client_for(manager).post(
        reverse("mediators:restore", args=[place.slug, old.history_id]), follow=True
    )

    place.refresh_from_db()
    assert (place.name, place.opening_hours) == (old.name, "")
    assert "Ses horaires « Mo-Fr 09:00-12:00; Fr 13:30-13:30 » ne sont plus acceptés" in html.unescape(
        response.content.decode()
    )
