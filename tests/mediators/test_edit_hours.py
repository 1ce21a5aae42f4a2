"""The week editor of the edit page: hours it cannot show are kept, and its errors are tied to their fields."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from places.models import Place
from tests.clients import client_for
from tests.mediators.forms_data import edit_data, post_edit

THURSDAY_OVERRIDE = "Mo-Fr 10:00-12:00,14:00-17:00; Th 10:00-12:00,14:00-16:00"
NEW_PHONE = {"place-phone": "03 22 00 00 00"}


def set_hours(place, text: str) -> Place:
    Place.objects.filter(pk=place.pk).update(opening_hours=text)
    place.refresh_from_db()
    return place


def assert_only_the_phone_changed(manager, place, data: dict, hours: str) -> None:
    """`data` is the page as drawn with a new phone number and the week untouched: `hours` are kept as written."""
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert (place.phone, place.opening_hours) == ("+33322000000", hours)


@pytest.mark.parametrize(
    ("stored", "editor_can_show_them"),
    [
        ("Mo-Fr 09:00-12:00; PH off", False),
        ("Jan-Jun Mo 10:00-12:00", False),
        ("Fr 18:00-24:00", False),
        (THURSDAY_OVERRIDE, True),  # a later rule for a day: shown, yet written back as stored
    ],
)
def test_changing_only_the_phone_keeps_the_stored_hours_as_written(
    place, manager, stored, editor_can_show_them
):
    set_hours(place, stored)
    page = client_for(manager).get(reverse("mediators:edit", args=[place.slug])).content.decode()
    warned = "Si vous laissez la semaine vide, ils sont conservés tels quels" in page
    assert warned is not editor_can_show_them
    assert_only_the_phone_changed(manager, place, edit_data(place, **NEW_PHONE), stored)


def test_a_week_typed_over_hours_the_editor_cannot_show_replaces_them(place, manager):
    set_hours(place, "Mo-Fr 09:00-12:00; PH off")
    data = edit_data(place, **{"hours-tu_0_opens": "09:00", "hours-tu_0_closes": "12:00"})
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert place.opening_hours == "Tu 09:00-12:00"


def test_a_later_rule_for_a_day_is_shown_in_the_editor(place, manager):
    set_hours(place, THURSDAY_OVERRIDE)
    response = client_for(manager).get(reverse("mediators:edit", args=[place.slug]))
    hours = response.context["hours"]
    assert [hours[f"th_1_{edge}"].value() for edge in ("opens", "closes")] == ["14:00", "16:00"]
    assert [hours[f"we_1_{edge}"].value() for edge in ("opens", "closes")] == ["14:00", "17:00"]
    assert "ne sait pas afficher" not in response.content.decode()


def test_a_changed_day_rewrites_the_week_from_the_editor(place, manager):
    set_hours(place, THURSDAY_OVERRIDE)
    data = edit_data(place, **{"hours-sa_0_opens": "09:00", "hours-sa_0_closes": "12:00"})
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert place.opening_hours == (
        "Mo-We 10:00-12:00,14:00-17:00; Th 10:00-12:00,14:00-16:00; Fr 10:00-12:00,14:00-17:00; "
        "Sa 09:00-12:00"
    )


def test_emptying_every_day_clears_hours_the_editor_showed(place, manager):
    data = {
        key: value
        for key, value in edit_data(place).items()
        if not key.startswith("hours-") or key == "hours-shown_hours"
    }
    assert data["hours-shown_hours"] == "Mo-Fr 09:00-12:00"
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert place.opening_hours == ""


def test_hours_changed_by_someone_else_meanwhile_are_kept_when_the_week_is_untouched(place, manager):
    data = edit_data(place, **NEW_PHONE)  # the page as drawn: Mo-Fr 09:00-12:00
    set_hours(place, "Mo-Sa 09:00-12:00; PH off")
    assert_only_the_phone_changed(manager, place, data, "Mo-Sa 09:00-12:00; PH off")


class _Page(HTMLParser):
    """The text of each element with an id, and the aria-describedby of each input."""

    def __init__(self, html: str):
        super().__init__()
        self.texts, self.described_by, self._open = {}, {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and "aria-describedby" in attrs:
            self.described_by[attrs["name"]] = attrs["aria-describedby"]
        if tag != "input" and "id" in attrs:
            self.texts[attrs["id"]] = ""
            self._open.append((tag, attrs["id"]))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data):
        for _tag, element_id in self._open:
            self.texts[element_id] += data


def test_each_hours_error_is_the_description_of_its_field(place, manager):
    data = edit_data(place, **{"hours-sa_0_opens": "14:00", "hours-sa_0_closes": "13:00"})
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    page = _Page(response.content.decode())
    referenced = {element_id for ids in page.described_by.values() for element_id in ids.split()}
    assert referenced - set(page.texts) == set()
    assert page.described_by["hours-sa_0_closes"] == "id_hours-sa_0_closes_error"
    assert page.texts["id_hours-sa_0_closes_error"] == (
        "Samedi : chaque plage doit finir après son début, et la seconde après la première."
    )


def test_an_invalid_time_gives_only_its_own_error(place, manager):
    data = edit_data(place, **{"hours-sa_0_opens": "9h", "hours-sa_0_closes": "12:00"})
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    hours = response.context["hours"]
    assert hours.errors == {"sa_0_opens": ["Saisissez une heure valide."]}
    page = _Page(response.content.decode())
    hours_described = {name: ids for name, ids in page.described_by.items() if name.startswith("hours-")}
    assert hours_described == {"hours-sa_0_opens": "id_hours-sa_0_opens_error"}
    assert page.texts["id_hours-sa_0_opens_error"] == "Saisissez une heure valide."
    place.refresh_from_db()
    assert place.opening_hours == "Mo-Fr 09:00-12:00"
