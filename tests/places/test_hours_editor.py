import datetime

import opening_hours
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
        "Mo 18:00-24:00",
        "Fr 22:00-02:00",
        "Mo 14:00-17:00,09:00-12:00",
        "Mo 09:00-12:00,11:00-14:00",
    ],
)
def test_strings_the_editor_cannot_show_are_not_read(text):
    assert osm_to_week(text) is None


def test_an_existing_string_with_day_lists_and_off_is_read():
    week = osm_to_week("Mo,We,Fr 09:00-12:00; Tu off")
    assert week[0] == week[2] == week[4] == [("09:00", "12:00")]
    assert week[1] == [] and week[6] == []


def _week_of_states(text: str) -> list:
    """When the place opens and closes over a whole week, to compare two OSM strings by meaning."""
    monday = datetime.datetime(2024, 1, 1)
    return list(opening_hours.OpeningHours(text).intervals(monday, monday + datetime.timedelta(days=7)))


def test_a_later_rule_replaces_an_earlier_one_for_the_days_it_names():
    text = "Mo-Fr 10:00-12:00,14:00-17:00; Th 10:00-12:00,14:00-16:00"
    week = osm_to_week(text)
    assert week[3] == [("10:00", "12:00"), ("14:00", "16:00")]
    assert week[0] == week[1] == week[2] == week[4] == [("10:00", "12:00"), ("14:00", "17:00")]
    assert week[5] == week[6] == []
    again = week_to_osm(week)
    assert again == ("Mo-We 10:00-12:00,14:00-17:00; Th 10:00-12:00,14:00-16:00; Fr 10:00-12:00,14:00-17:00")
    assert _week_of_states(again) == _week_of_states(text)


def test_a_later_off_closes_a_day_of_an_earlier_range():
    week = osm_to_week("Mo-Sa 09:00-18:00; We off")
    assert week[2] == [] and week[3] == [("09:00", "18:00")]
    assert _week_of_states(week_to_osm(week)) == _week_of_states("Mo-Sa 09:00-18:00; We off")
