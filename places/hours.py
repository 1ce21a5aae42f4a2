"""Opening hours in words: the weekly table of a place page and "ouvert maintenant / fermé, ouvre mardi à 9 h",
with the place's closures and exceptional hours applied day by day (the rule of Place.is_open_at)."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from places.closures import Closure
from places.dates import long_date
from places.models import _parsed_hours, hours_of_day, opening_states
from places.validation import PARIS

WEEK = 7
# How far the next opening is looked for, beyond the last closure (its usual hours repeat every week).
HORIZON_DAYS = 366

Ranges = list[tuple[datetime.datetime, datetime.datetime]]  # Paris times


@dataclass(frozen=True)
class DayHours:
    day: datetime.date
    name: str
    ranges: list[str]
    note: str = ""  # "fermeture exceptionnelle", "horaires exceptionnels"


@dataclass(frozen=True)
class OpenState:
    is_open: bool
    text: str


@dataclass(frozen=True)
class _Day:
    """The opening ranges that hold on a day, and the closure (or exceptional hours) that set them, if any."""

    ranges: Ranges
    closure: Closure | None


def _hour(moment: datetime.datetime) -> str:
    """9 h, 13 h 30: the way French signs write hours."""
    return (
        _("%(h)d h %(m)02d") % {"h": moment.hour, "m": moment.minute}
        if moment.minute
        else _("%(h)d h") % {"h": moment.hour}
    )


def _ranges(hours: str, day: datetime.date) -> Ranges:
    parsed = _parsed_hours(hours) if hours else None
    if parsed is None:
        return []
    start = datetime.datetime.combine(day, datetime.time())
    return [
        (begin, end)
        for begin, end, state, _comment in opening_states(parsed, start, start + datetime.timedelta(days=1))
        if state == "open"
    ]


def _day(usual: str, closures: list[Closure], day: datetime.date) -> _Day:
    """The day's opening ranges, closures applied (hours_of_day: the rule of Place.is_open_at)."""
    covering = [closure for closure in closures if closure.start_date <= day <= closure.end_date]
    hours, closure = hours_of_day(usual, covering)
    return _Day(sorted(r for text in hours for r in _ranges(text, day)), closure)


def week_closures(place, today: datetime.date) -> list[Closure]:
    """The place's closures not over by the Monday of `today`'s week, soonest first: all that its week table,
    its state and its list of closures need (one query)."""
    return list(place.upcoming_closures(_monday(today)))


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _ranges_text(ranges: Ranges) -> list[str]:
    return [_("de %(start)s à %(end)s") % {"start": _hour(begin), "end": _hour(end)} for begin, end in ranges]


def weekly_table(place, *, today: datetime.date, closures: list[Closure] | None = None) -> list[DayHours]:
    """The seven days from the Monday of `today`'s week, each with its opening ranges (empty: closed), closures
    (week_closures, read when not given) and exceptional hours applied."""
    monday = _monday(today)
    closures = week_closures(place, today) if closures is None else closures
    table = []
    for offset in range(WEEK):
        day = monday + datetime.timedelta(days=offset)
        hours = _day(place.opening_hours, closures, day)
        note = ""
        if hours.closure is not None:
            note = (
                _("fermeture exceptionnelle")
                if hours.closure.kind == Closure.Kind.CLOSED
                else _("horaires exceptionnels")
            )
        table.append(
            DayHours(day=day, name=date_format(day, "l"), ranges=_ranges_text(hours.ranges), note=note)
        )
    return table


def place_open_state(
    place, *, moment: datetime.datetime, closures: list[Closure] | None = None
) -> OpenState | None:
    """Open or closed at that moment, and when that changes, closures (week_closures, read when not given) and
    exceptional hours considered; None when the hours are unknown (no usual hours, and nothing exceptional
    today)."""
    local = moment.astimezone(PARIS)
    today = local.date()
    closures = week_closures(place, today) if closures is None else closures
    current = _day(place.opening_hours, closures, today)
    if current.closure is None and (not place.opening_hours or _parsed_hours(place.opening_hours) is None):
        return None
    if current.closure is not None and current.closure.kind == Closure.Kind.CLOSED:
        label = f" ({current.closure.label})" if current.closure.label else ""
        until = long_date(current.closure.end_date)
        text = _("Fermé exceptionnellement jusqu'au %(date)s%(label)s") % {"date": until, "label": label}
        return OpenState(False, _with_next_opening(text, place, closures, local))
    state = _state(place, closures, local, current)
    if current.closure is not None:
        return OpenState(state.is_open, _("Horaires exceptionnels : %(state)s") % {"state": state.text})
    return state


def _state(place, closures: list[Closure], local: datetime.datetime, current: _Day) -> OpenState:
    for begin, end in current.ranges:
        if begin <= local < end:
            if end.date() != local.date():
                return OpenState(True, _("Ouvert maintenant"))
            return OpenState(True, _("Ouvert maintenant, ferme à %(hour)s") % {"hour": _hour(end)})
    return OpenState(False, _with_next_opening(_("Fermé"), place, closures, local))


def _with_next_opening(closed: str, place, closures: list[Closure], local: datetime.datetime) -> str:
    opening = _next_opening(place, closures, local)
    if opening is None:
        return closed
    days = (opening.date() - local.date()).days
    hour = _hour(opening)
    if days == 0:
        when = _("aujourd'hui à %(hour)s") % {"hour": hour}
    elif days == 1:
        when = _("demain à %(hour)s") % {"hour": hour}
    elif days < WEEK:
        when = _("%(day)s à %(hour)s") % {"day": date_format(opening, "l"), "hour": hour}
    else:
        when = _("le %(date)s à %(hour)s") % {"date": long_date(opening, "l j F"), "hour": hour}
    return _("%(closed)s, ouvre %(when)s") % {"closed": closed, "when": when}


def _next_opening(place, closures: list[Closure], local: datetime.datetime) -> datetime.datetime | None:
    """When the place next opens after `local`, day by day; None if it does not within a week past its last
    closure (its usual hours never open)."""
    last = max((closure.end_date for closure in closures), default=local.date())
    day = local.date()
    while day <= min(last, local.date() + datetime.timedelta(days=HORIZON_DAYS)) + datetime.timedelta(
        days=WEEK
    ):
        for begin, _end in _day(place.opening_hours, closures, day).ranges:
            if begin > local:
                return begin
        day += datetime.timedelta(days=1)
    return None


def closure_days(closure: Closure) -> list[DayHours]:
    """The exceptional hours of a closure in words: its first week, day by day (the weekday alone when the
    period is longer than a week: the same hours then repeat)."""
    days = (closure.end_date - closure.start_date).days + 1
    table = []
    for offset in range(min(days, WEEK)):
        day = closure.start_date + datetime.timedelta(days=offset)
        name = long_date(day, "l j F") if days <= WEEK else date_format(day, "l")
        table.append(DayHours(day=day, name=name, ranges=_ranges_text(_ranges(closure.hours, day))))
    return table


@dataclass(frozen=True)
class ClosureInWords:
    closure: Closure
    days: list[DayHours]  # exceptional hours, day by day; empty for a closure


def closures_in_words(closures: list[Closure], *, today: datetime.date) -> list[ClosureInWords]:
    """Those of `closures` not over by `today`, their exceptional hours in words."""
    return [
        ClosureInWords(
            closure, closure_days(closure) if closure.kind == Closure.Kind.EXCEPTIONAL_HOURS else []
        )
        for closure in closures
        if closure.end_date >= today
    ]


@dataclass(frozen=True)
class PlaceHours:
    state: OpenState | None
    week: list[DayHours]
    closures: list[ClosureInWords]


def place_hours(place, *, moment: datetime.datetime) -> PlaceHours:
    """What a place's page and its orientation sheet say of its hours at that moment, from one read of its
    closures: its state, this week's table and the closures to come."""
    today = moment.astimezone(PARIS).date()
    closures = week_closures(place, today)
    return PlaceHours(
        state=place_open_state(place, moment=moment, closures=closures),
        week=weekly_table(place, today=today, closures=closures),
        closures=closures_in_words(closures, today=today),
    )
