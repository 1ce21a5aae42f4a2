"""|long_date: day-month dates in words, « 1er » on the first of a month in French only."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation


def render(value, fmt: str = "") -> str:
    argument = f':"{fmt}"' if fmt else ""
    return Template("{% load places_dates %}{{ value|long_date" + argument + " }}").render(
        Context({"value": value})
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2020, 9, 1), "1er septembre 2020"),
        (datetime.date(2022, 6, 16), "16 juin 2022"),
        (datetime.date(2022, 6, 11), "11 juin 2022"),
        (datetime.date(2022, 6, 21), "21 juin 2022"),
        (None, ""),
    ],
)
def test_french_dates_have_the_ordinal_on_the_first_only(value, expected):
    with translation.override("fr"):
        assert render(value) == expected


def test_english_dates_are_unchanged():
    with translation.override("en"):
        assert render(datetime.date(2020, 9, 1)) == "1 September 2020"


def test_a_datetime_is_shown_in_local_time_with_its_format(settings):
    settings.TIME_ZONE = "Europe/Paris"
    moment = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)  # 1 January, 0:30 in Paris
    with translation.override("fr"):
        assert render(moment, "j F Y H:i") == "1er janvier 2026 00:30"
