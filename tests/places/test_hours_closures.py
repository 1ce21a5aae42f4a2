"""What a place page and the orientation sheet say of the hours when closures and exceptional hours come: the
next opening skips closed days, exceptional hours stop at their last day, and both show them in words."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from places.hours import closure_days, place_open_state, weekly_table
from places.models import Closure
from tests.factories import make_place

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
SUNDAY = datetime.date(2026, 7, 19)
SUNDAY_18H = datetime.datetime(2026, 7, 19, 18, 0, tzinfo=PARIS)


def days(first: int, last: int) -> dict:
    """July 2026, from the first to the last day."""
    return {"start_date": datetime.date(2026, 7, first), "end_date": datetime.date(2026, 7, last)}


@pytest.fixture
def place():
    return make_place(opening_hours="Mo-Fr 09:00-17:00")


def state_text(place, moment=SUNDAY_18H) -> str:
    return place_open_state(place, moment=moment).text


def test_without_closures_the_next_opening_is_the_usual_one(place):
    assert state_text(place) == "Fermé, ouvre demain à 9 h"


def test_a_closure_starting_tomorrow_moves_the_next_opening_past_it(place):
    Closure.objects.create(place=place, **days(20, 22), label="Inventaire")
    assert state_text(place) == "Fermé, ouvre jeudi à 9 h"


def test_an_opening_a_week_or_more_away_is_given_with_its_date(place):
    Closure.objects.create(place=place, **days(20, 31))
    assert state_text(place) == "Fermé, ouvre le lundi 3 août à 9 h"


def test_the_first_of_a_month_reads_1er():
    place = make_place(opening_hours="Mo-Sa 09:00-17:00")
    Closure.objects.create(place=place, **days(20, 31))
    assert state_text(place) == "Fermé, ouvre le samedi 1er août à 9 h"
    Closure.objects.create(
        place=place, start_date=datetime.date(2026, 7, 19), end_date=datetime.date(2026, 8, 1)
    )
    assert state_text(place).startswith("Fermé exceptionnellement jusqu'au 1er août 2026")


def test_during_a_closure_the_page_says_until_when_and_when_it_opens(place):
    Closure.objects.create(place=place, **days(19, 22), label="Inventaire")
    assert (
        state_text(place)
        == "Fermé exceptionnellement jusqu'au 22 juillet 2026 (Inventaire), ouvre jeudi à 9 h"
    )


def test_exceptional_hours_stop_at_their_last_day(place):
    Closure.objects.create(
        place=place, kind=Closure.Kind.EXCEPTIONAL_HOURS, hours="Su 09:00-10:00", **days(19, 19)
    )
    sunday_8h, sunday_11h = (SUNDAY_18H.replace(hour=hour) for hour in (8, 11))
    assert state_text(place, sunday_8h) == "Horaires exceptionnels : Fermé, ouvre aujourd'hui à 9 h"
    assert state_text(place, sunday_8h.replace(hour=9, minute=30)) == (
        "Horaires exceptionnels : Ouvert maintenant, ferme à 10 h"
    )
    # not "ouvre dimanche à 9 h": from Monday on, the usual hours are back
    assert state_text(place, sunday_11h) == "Horaires exceptionnels : Fermé, ouvre demain à 9 h"


def test_exceptional_hours_ahead_give_the_next_opening(place):
    Closure.objects.create(
        place=place, kind=Closure.Kind.EXCEPTIONAL_HOURS, hours="Mo 14:00-16:00", **days(20, 20)
    )
    assert state_text(place) == "Fermé, ouvre demain à 14 h"


def test_a_place_that_never_opens_is_just_closed(db):
    place = make_place(opening_hours="Mo-Fr off")
    assert state_text(place) == "Fermé"


def test_unknown_hours_give_no_state_unless_exceptional_hours_hold_today(db):
    place = make_place(opening_hours="")
    assert place_open_state(place, moment=SUNDAY_18H) is None
    Closure.objects.create(
        place=place, kind=Closure.Kind.EXCEPTIONAL_HOURS, hours="Su 17:00-19:00", **days(19, 19)
    )
    assert state_text(place) == "Horaires exceptionnels : Ouvert maintenant, ferme à 19 h"


def test_the_week_table_shows_closures_and_exceptional_hours(place):
    Closure.objects.create(place=place, **days(21, 22))
    Closure.objects.create(
        place=place, kind=Closure.Kind.EXCEPTIONAL_HOURS, hours="Th 10:00-12:00", **days(23, 23)
    )
    week = {row.day.day: row for row in weekly_table(place, today=datetime.date(2026, 7, 20))}
    assert (week[20].ranges, week[20].note) == (["de 9 h à 17 h"], "")
    assert (week[21].ranges, week[21].note) == ([], "fermeture exceptionnelle")
    assert (week[23].ranges, week[23].note) == (["de 10 h à 12 h"], "horaires exceptionnels")
    assert week[24].ranges == ["de 9 h à 17 h"] and week[26].ranges == []


def test_exceptional_hours_are_written_in_words_day_by_day():
    short = Closure(kind=Closure.Kind.EXCEPTIONAL_HOURS, hours="Mo-Fr 09:00-12:00", **days(19, 20))
    assert [(day.name, day.ranges) for day in closure_days(short)] == [
        ("dimanche 19 juillet", []),
        ("lundi 20 juillet", ["de 9 h à 12 h"]),
    ]
    summer = Closure(kind=Closure.Kind.EXCEPTIONAL_HOURS, hours="Mo-Fr 09:00-12:00", **days(1, 31))
    assert [day.name for day in closure_days(summer)] == [
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lundi",
        "mardi",
    ]


def test_the_page_and_the_sheet_show_the_closures_in_words(client, place, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: SUNDAY_18H)
    Closure.objects.create(place=place, **days(20, 22), label="Inventaire")
    Closure.objects.create(
        place=place, kind=Closure.Kind.EXCEPTIONAL_HOURS, hours="Th 10:00-12:00", **days(23, 23)
    )
    for url in (place.get_absolute_url(), f"{place.get_absolute_url()}fiche/"):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert "Du 20 juillet 2026 au 22 juillet 2026" in content and "Inventaire" in content, url
        assert "Jeudi 23 juillet : de 10 h à 12 h" in content, url
        assert "Th 10:00-12:00" not in content, url
    assert "Fermé, ouvre jeudi à 10 h" in client.get(place.get_absolute_url()).content.decode()


def test_the_place_page_reads_the_closures_once(client, place):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Closure.objects.create(place=place, **days(20, 22))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(place.get_absolute_url()).status_code == 200
    assert sum('FROM "places_closure"' in query["sql"] for query in queries.captured_queries) == 1
