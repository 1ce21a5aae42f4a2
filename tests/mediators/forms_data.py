"""The POST data of the edit page as a browser would send it untouched, to change one thing at a time."""

from django.urls import reverse

from mediators.forms import ClosureFormSet, PlaceForm, WeekHoursForm
from tests.clients import client_for


def edit_data(place, **changes) -> dict:
    data = {}
    forms = [
        PlaceForm(instance=place, prefix="place"),
        WeekHoursForm(opening_hours=place.opening_hours, prefix="hours"),
    ]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value in (None, "", False, []):
                continue
            if hasattr(value, "strftime"):
                value = value.strftime("%H:%M") if not hasattr(value, "year") else value.isoformat()
            data[form.add_prefix(name)] = value
    closures = ClosureFormSet(instance=place, prefix="closures")
    data.update({f"closures-{key}": value for key, value in closures.management_form.initial.items()})
    for index, form in enumerate(closures.initial_forms):
        closure = form.instance
        data.update(
            {
                f"closures-{index}-id": closure.pk,
                f"closures-{index}-kind": closure.kind,
                f"closures-{index}-start_date": closure.start_date.isoformat(),
                f"closures-{index}-end_date": closure.end_date.isoformat(),
                f"closures-{index}-label": closure.label,
                f"closures-{index}-hours": closure.hours,
            }
        )
    data["closures-TOTAL_FORMS"] = len(closures.initial_forms)
    data.update(changes)
    return data


def add_closure(data: dict, **fields) -> dict:
    index = int(data["closures-TOTAL_FORMS"])
    data["closures-TOTAL_FORMS"] = index + 1
    data.update({f"closures-{index}-{key}": value for key, value in fields.items()})
    return data


def post_edit(user, place, data: dict, **kwargs):
    """The edit page's form, sent by `user` (kwargs: the test client's, e.g. follow=True)."""
    return client_for(user).post(reverse("mediators:edit", args=[place.slug]), data, **kwargs)
