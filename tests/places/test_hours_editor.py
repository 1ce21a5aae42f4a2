import pytest

from places import validation
from places.hours_editor import empty_week, osm_to_week, week_to_osm


def test_week_editor_round_trip_through_the_osm_string():
    week = empty_week()
    for day in range(5):
        week[day] = [("09:00", "12:00"), ("14:00", "17:30")]
    week[5] = [("09:00", "12:00")]
    text = week_to_osm(week)
    assert text == "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00"
    assert osm_to_week(text) == week
    validation.parse_opening_hours(text)  # a valid OSM expression


def test_two_consecutive_days_are_listed_not_ranged_and_read_back():
    week = empty_week()
    week[1] = week[2] = [("10:00", "18:00")]
    week[4] = [("08:30", "12:00")]
    assert week_to_osm(week) == "Tu,We 10:00-18:00; Fr 08:30-12:00"
    assert osm_to_week(week_to_osm(week)) == week


def test_closed_every_day_is_an_empty_string():
    assert week_to_osm(empty_week()) == ""
    assert osm_to_week("") == empty_week()


@pytest.mark.parametrize(
    "text",
    [
        "Mo-Fr 09:00-12:00; PH off",
        "Jan-Jun Mo 10:00-12:00",
        "Mo 08:00-09:00,10:00-11:00,12:00-13:00",
        "Sa-Mo 10:00-12:00",
        "24/7",
    ],
)
def test_strings_the_editor_cannot_show_are_not_read(text):
    assert osm_to_week(text) is None


def test_an_existing_string_with_day_lists_and_off_is_read():
    week = osm_to_week("Mo,We,Fr 09:00-12:00; Tu off")
    assert week[0] == week[2] == week[4] == [("09:00", "12:00")]
    assert week[1] == [] and week[6] == []
