import pytest

from partners.throttling import parse_rate


@pytest.mark.parametrize(
    "rate, parsed",
    [("120/minute", (120, 60)), ("5/s", (5, 1)), ("1000/hour", (1000, 3600)), ("3/day", (3, 86400))],
)
def test_rates_are_read_as_requests_per_seconds(rate, parsed):
    assert parse_rate(rate) == parsed
