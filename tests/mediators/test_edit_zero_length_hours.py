"""The edit page refuses a time range that ends when it starts, or before, in the week editor and in exceptional
hours."""

import pytest

from places.models import Place
from tests.mediators.forms_data import add_closure, edit_data, post_edit


def test_a_day_of_the_week_opening_and_closing_at_the_same_time_is_refused(place, manager):
    data = edit_data(place, **{"hours-fr_0_opens": "13:30", "hours-fr_0_closes": "13:30"})
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    assert response.context["hours"].errors == {
        "fr_0_closes": [
            "Vendredi : chaque plage doit finir après son début, et la seconde après la première."
        ]
    }
    assert Place.objects.get(pk=place.pk).opening_hours == "Mo-Fr 09:00-12:00"


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (
            "Th 13:30-13:30",
            "La plage « 13:30-13:30 » commence et finit à la même heure : indiquez l'heure de fermeture "
            "(pour 24 h sur 24, écrivez 00:00-24:00).",
        ),
        (
            "Mo-Fr 12:00-10:00",
            "La plage « 12:00-10:00 » finit avant de commencer : vérifiez les heures "
            "(pour une ouverture qui passe minuit, écrivez par exemple 22:00-26:00).",
        ),
    ],
)
def test_exceptional_hours_ending_when_or_before_they_start_are_refused_with_a_message(
    place, manager, hours, message
):
    data = add_closure(
        edit_data(place), kind="hours", start_date="2026-12-22", end_date="2026-12-24", hours=hours
    )
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    assert response.context["closures"].errors[0] == {"hours": [message]}
    assert not place.closures.exists()
