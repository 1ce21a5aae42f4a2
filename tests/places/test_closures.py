import datetime
from zoneinfo import ZoneInfo

import pytest

from places.models import Closure, Place
from tests.factories import make_place

PARIS = ZoneInfo("Europe/Paris")
MONDAY_10H = datetime.datetime(2026, 7, 20, 10, 0, tzinfo=PARIS)


@pytest.fixture
def place(db):
    return make_place(opening_hours="Mo-Fr 09:00-17:00")


def test_a_closure_covering_the_day_makes_the_place_closed(place):
    assert place.is_open_at(MONDAY_10H)
    Closure.objects.create(
        place=place, start_date=datetime.date(2026, 7, 14), end_date=datetime.date(2026, 8, 15), label="Été"
    )
    assert not place.is_open_at(MONDAY_10H)
    assert list(Place.objects.open_at(MONDAY_10H)) == []


def test_a_closure_ending_the_day_before_changes_nothing(place):
    Closure.objects.create(
        place=place, start_date=datetime.date(2026, 7, 1), end_date=datetime.date(2026, 7, 19)
    )
    assert place.is_open_at(MONDAY_10H)
    assert list(Place.objects.open_at(MONDAY_10H)) == [place]


def test_exceptional_hours_replace_the_usual_hours_that_day(place):
    Closure.objects.create(
        place=place,
        kind=Closure.Kind.EXCEPTIONAL_HOURS,
        hours="Mo-Fr 14:00-16:00",
        start_date=datetime.date(2026, 7, 20),
        end_date=datetime.date(2026, 7, 24),
    )
    afternoon = MONDAY_10H.replace(hour=15)
    assert not place.is_open_at(MONDAY_10H)
    assert place.is_open_at(afternoon)
    assert list(Place.objects.open_at(MONDAY_10H)) == []
    assert list(Place.objects.open_at(afternoon)) == [place]


def test_exceptional_hours_within_a_longer_closure_open_the_place_everywhere_alike(place):
    """A summer closure, and a morning of exceptional opening within it: the filter, the badge and the
    page's text agree."""
    from places.hours import place_open_state

    Closure.objects.create(
        place=place, start_date=datetime.date(2026, 7, 14), end_date=datetime.date(2026, 8, 15)
    )
    Closure.objects.create(
        place=place,
        kind=Closure.Kind.EXCEPTIONAL_HOURS,
        hours="Mo 09:00-12:00",
        start_date=MONDAY_10H.date(),
        end_date=MONDAY_10H.date(),
    )
    afternoon = MONDAY_10H.replace(hour=15)
    assert list(Place.objects.open_at(MONDAY_10H)) == [place]
    assert place.is_open_at(MONDAY_10H) and not place.is_open_at(afternoon)
    assert list(Place.objects.open_at(afternoon)) == []
    morning_state, afternoon_state = (
        place_open_state(place, moment=moment) for moment in (MONDAY_10H, afternoon)
    )
    assert morning_state.is_open and not afternoon_state.is_open
    assert morning_state.text.startswith("Horaires exceptionnels")
    assert afternoon_state.text.startswith("Horaires exceptionnels")


def test_a_place_without_usual_hours_opens_on_its_exceptional_hours(db):
    place = make_place(opening_hours="")
    Closure.objects.create(
        place=place,
        kind="hours",
        hours="Mo 09:00-12:00",
        start_date=MONDAY_10H.date(),
        end_date=MONDAY_10H.date(),
    )
    assert list(Place.objects.open_at(MONDAY_10H)) == [place]


def test_stale_counts_from_the_verification_date_else_the_update_date(db, settings):
    today = datetime.date.today()
    old = make_place(updated_on=today - datetime.timedelta(days=400))
    verified = make_place(
        updated_on=today - datetime.timedelta(days=400), verified_on=today - datetime.timedelta(days=10)
    )
    recent = make_place(updated_on=today - datetime.timedelta(days=20))
    assert set(Place.objects.stale(180)) == {old}
    settings.PLACE_OUTDATED_DAYS = 365
    assert old.possibly_outdated and not verified.possibly_outdated and not recent.possibly_outdated


def test_the_database_refuses_a_closure_ending_before_it_starts(place):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Closure.objects.create(
            place=place, start_date=datetime.date(2026, 7, 2), end_date=datetime.date(2026, 7, 1)
        )
