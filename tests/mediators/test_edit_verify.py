"""« Tout est toujours exact » on the edit page sends the form: what was just typed is not thrown away."""

import datetime

from django.urls import reverse

from tests.clients import client_for
from tests.mediators.forms_data import edit_data, post_edit


def test_the_button_belongs_to_the_edit_form(place, manager):
    page = client_for(manager).get(reverse("mediators:edit", args=[place.slug])).content.decode()
    assert 'form="edit-form" name="verify"' in page
    assert 'id="edit-form"' in page


def test_still_correct_with_changes_saves_them_then_marks_the_listing_checked(place, manager):
    response = post_edit(
        manager, place, edit_data(place, verify="1", **{"place-phone": "03 22 11 22 33"}), follow=True
    )
    place.refresh_from_db()
    assert place.phone == "+33322112233"
    assert place.verified_on == place.updated_on == datetime.date.today()
    assert [str(m) for m in response.context["messages"]] == [
        "Les modifications sont enregistrées et visibles sur la fiche publique.",
        "Merci ! La fiche est confirmée à jour aujourd'hui.",
    ]


def test_still_correct_without_changes_only_marks_the_listing_checked(place, manager):
    response = post_edit(manager, place, edit_data(place, verify="1"))
    assert response.status_code == 302
    assert response.url == reverse("mediators:dashboard")
    place.refresh_from_db()
    assert place.verified_on == datetime.date.today()
    assert place.updated_on == datetime.date(2024, 1, 15)


def test_still_correct_with_an_invalid_form_verifies_nothing(place, manager):
    response = post_edit(manager, place, edit_data(place, verify="1", **{"place-phone": "12 34"}))
    assert response.status_code == 200
    assert response.context["form"].errors["phone"]
    place.refresh_from_db()
    assert place.verified_on is None
    assert place.phone == ""
