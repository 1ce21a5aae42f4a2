"""The week editor's model of opening hours, and its two-way translation to an OSM opening_hours string.

A week is seven lists (Monday first) of at most two (opens, closes) ranges of "HH:MM" strings. week_to_osm()
groups consecutive days with the same ranges ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00");
osm_to_week() reads back such strings, a later rule replacing an earlier one for the days it names as in OSM
("Mo-Fr 10:00-17:00; Th 10:00-12:00"), and answers None for anything the editor cannot show (public holidays,
months, midnight, ranges out of order...), so that the page keeps those hours unless a new week is typed.
"""

import re

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
MAX_RANGES = 2

Range = tuple[str, str]
Week = list[list[Range]]

_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_RANGE = re.compile(rf"({_TIME})-({_TIME})")
_DAY_SPEC = re.compile(r"(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?")


def empty_week() -> Week:
    return [[] for _ in DAYS]


def week_to_osm(week: Week) -> str:
    """The OSM string of a week; '' when closed every day."""
    rules, day = [], 0
    while day < len(DAYS):
        ranges = list(week[day])
        end = day
        while end + 1 < len(DAYS) and list(week[end + 1]) == ranges:
            end += 1
        if ranges:
            days = DAYS[day] if end == day else f"{DAYS[day]}{'-' if end > day + 1 else ','}{DAYS[end]}"
            rules.append(f"{days} {','.join(f'{opens}-{closes}' for opens, closes in ranges)}")
        day = end + 1
    return "; ".join(rules)


def osm_to_week(text: str) -> Week | None:
    """The week an OSM string describes, or None when it uses more than the editor offers."""
    week = empty_week()
    for rule in filter(None, (part.strip() for part in (text or "").split(";"))):
        match = re.fullmatch(r"([A-Za-z,\- ]+?)\s+(.+)", rule)
        if not match:
            return None
        days = _parse_days(match.group(1).replace(" ", ""))
        ranges = _parse_ranges(match.group(2).replace(" ", ""))
        if days is None or ranges is None:
            return None
        for day in days:
            week[day] = list(ranges)
    return week


def _parse_days(text: str) -> list[int] | None:
    days = []
    for part in text.split(","):
        match = _DAY_SPEC.fullmatch(part)
        if not match:
            return None
        first = DAYS.index(match.group(1))
        last = DAYS.index(match.group(2)) if match.group(2) else first
        if last < first:  # a wrap-around range such as Sa-Mo
            return None
        days.extend(range(first, last + 1))
    return days


def _parse_ranges(text: str) -> list[Range] | None:
    if text == "off":
        return []
    ranges = []
    for part in text.split(","):
        match = _RANGE.fullmatch(part)
        if not match:
            return None
        ranges.append((match.group(1), match.group(2)))
    # What the week editor would refuse (too many ranges, 24:00, past midnight, out of order) is not shown.
    times = [time for pair in ranges for time in pair]
    if len(ranges) > MAX_RANGES or times != sorted(set(times)) or times[-1] >= "24:00":
        return None
    return ranges
