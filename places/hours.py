"""Opening hours in words: the weekly table of a place page and "ouvert maintenant / fermé, ouvre mardi à 9 h"."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from places.models import _is_open, _paris_date, _parsed_hours, opening_states
from places.validation import PARIS


@dataclass(frozen=True)
class DayHours:
    day: datetime.date
    name: str
    ranges: list[str]


@dataclass(frozen=True)
class OpenState:
    is_open: bool
    text: str


def _hour(moment: datetime.datetime) -> str:
    """9 h, 13 h 30: the way French signs write hours."""
    return (
        _("%(h)d h %(m)02d") % {"h": moment.hour, "m": moment.minute}
        if moment.minute
        else _("%(h)d h") % {"h": moment.hour}
    )


def weekly_table(hours: str, *, today: datetime.date) -> list[DayHours]:
    """The seven days from the Monday of `today`'s week, each with its opening ranges (empty: closed)."""
    parsed = _parsed_hours(hours) if hours else None
    monday = today - datetime.timedelta(days=today.weekday())
    table = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        start = datetime.datetime.combine(day, datetime.time())
        ranges = []
        if parsed is not None:
            for begin, end, state, _comment in opening_states(
                parsed, start, start + datetime.timedelta(days=1)
            ):
                if state == "open":
                    ranges.append(_("de %(start)s à %(end)s") % {"start": _hour(begin), "end": _hour(end)})
        table.append(DayHours(day=day, name=date_format(day, "l"), ranges=ranges))
    return table


def open_state(hours: str, *, moment: datetime.datetime) -> OpenState | None:
    """Open or closed at that moment, and when that changes; None when the hours are unknown."""
    parsed = _parsed_hours(hours) if hours else None
    if parsed is None:
        return None
    local = moment.astimezone(PARIS).replace(tzinfo=None)
    change = parsed.next_change(local)
    if parsed.is_open(local):
        if change is None or change.date() != local.date():
            return OpenState(True, _("Ouvert maintenant"))
        return OpenState(True, _("Ouvert maintenant, ferme à %(hour)s") % {"hour": _hour(change)})
    if change is None:
        return OpenState(False, _("Fermé"))
    if change.date() == local.date():
        when = _("aujourd'hui à %(hour)s") % {"hour": _hour(change)}
    elif change.date() == local.date() + datetime.timedelta(days=1):
        when = _("demain à %(hour)s") % {"hour": _hour(change)}
    else:
        when = _("%(day)s à %(hour)s") % {"day": date_format(change, "l"), "hour": _hour(change)}
    return OpenState(False, _("Fermé, ouvre %(when)s") % {"when": when})


def place_open_state(place, *, moment: datetime.datetime) -> OpenState | None:
    """A place's state at that moment, its closures and exceptional hours of the day considered: exceptional
    hours, when some cover the day, win over a closure (the rule of Place.is_open_at and of the filters)."""
    covering = place.closures_on(_paris_date(moment))
    exceptional = [closure for closure in covering if closure.kind == closure.Kind.EXCEPTIONAL_HOURS]
    open_now = [closure for closure in exceptional if _is_open(closure.hours, moment)]
    closure = next(iter(open_now + exceptional + covering), None)
    if closure is None:
        return open_state(place.opening_hours, moment=moment)
    if closure.kind == closure.Kind.CLOSED:
        label = f" ({closure.label})" if closure.label else ""
        until = date_format(closure.end_date, "j F Y")
        return OpenState(
            False, _("Fermé exceptionnellement jusqu'au %(date)s%(label)s") % {"date": until, "label": label}
        )
    state = open_state(closure.hours, moment=moment)
    return (
        OpenState(state.is_open, _("Horaires exceptionnels : %(state)s") % {"state": state.text})
        if state
        else None
    )
