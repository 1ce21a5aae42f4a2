"""Two people editing one listing at once: optimistic concurrency for the edit page.

The page carries the version of the listing it was drawn from and the values it showed. A save from a page
drawn from an older version is refused; the page comes back with what the person changed kept as typed and
every field they left alone showing the current values, so that nothing typed is lost and nothing saved
meanwhile is silently reverted.
"""

import datetime
import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import router
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from mediators.forms import ClosureForm, PlaceForm, WeekHoursForm
from places.dates import long_date
from places.models import Closure, Place

CLOSURE_FIELDS = ["kind", "start_date", "end_date", "label", "hours"]


def listing_version(place: Place) -> str:
    """The row's last write and its closures: editing a closure leaves the place's row untouched."""
    closures = place.closures.order_by("pk").values_list("pk", "updated_at")
    digest = hashlib.sha256(repr([(pk, at.isoformat()) for pk, at in closures]).encode()).hexdigest()
    return f"{place.updated_at.isoformat()}/{digest[:16]}"


def version_initial(place: Place) -> dict:
    """The hidden fields of a page drawn from `place` as stored (ListingVersionForm's initial data)."""
    form = PlaceForm(instance=place, prefix="place")
    shown = {
        "place": {name: form[name].value() for name in form.fields},
        "closures": {str(closure.pk): _closure_values(closure) for closure in place.closures.all()},
    }
    return {"version": listing_version(place), "shown": json.dumps(shown, cls=DjangoJSONEncoder)}


def _closure_values(closure: Closure) -> dict:
    return {
        "kind": closure.kind,
        "start_date": closure.start_date.isoformat(),
        "end_date": closure.end_date.isoformat(),
        "label": closure.label,
        "hours": closure.hours,
    }


def is_stale(posted_version: str, place: Place) -> bool:
    """A page without a version (drawn before versions existed) is not checked."""
    return bool(posted_version) and posted_version != listing_version(place)


def conflict_message(place: Place) -> str:
    """Who changed the listing and when (the latest change to it or its closures), as far as known."""
    records = [
        place.history.select_related("history_user").order_by("-history_date", "-history_id").first(),
        Closure.history.filter(place_id=place.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first(),
    ]
    records = [record for record in records if record is not None]
    latest = max(records, key=lambda record: record.history_date, default=None)
    user = latest.history_user if latest else None
    when = _when(latest.history_date) if latest else ""
    author = (user.get_full_name() or user.email) if user else ""
    if author and when:
        changed = _("Cette fiche a été modifiée par %(author)s le %(when)s depuis que vous l'avez ouverte")
    elif when:
        changed = _("Cette fiche a été modifiée le %(when)s depuis que vous l'avez ouverte")
    else:
        changed = _("Cette fiche a été modifiée depuis que vous l'avez ouverte")
    return (changed % {"author": author, "when": when}) + _(
        " : vos changements ne sont pas enregistrés. Vérifiez la fiche ci-dessous (elle montre la version "
        "enregistrée, avec vos changements par-dessus) puis enregistrez de nouveau."
    )


def _when(moment: datetime.datetime) -> str:
    moment = timezone.localtime(moment)
    return _("%(day)s à %(hour)s") % {
        "day": long_date(moment.date(), "j F"),
        "hour": moment.strftime("%H h %M"),
    }


def merged_data(post: QueryDict, *, current: Place, shown_json: str) -> QueryDict:
    """The data of the page drawn again after a refused save: each field the person changed from what their
    page showed, as typed; every other field, as stored now; and the hidden fields of the current version."""
    try:
        shown = json.loads(shown_json)
    except ValueError:
        shown = {}
    data = post.copy()
    _merge_place(data, post, current, shown.get("place") or {})
    _merge_hours(data, post, current)
    _merge_closures(data, post, current, shown.get("closures") or {})
    for name, value in version_initial(current).items():
        data[f"listing-{name}"] = value
    return data


def typed_over_stored(data: QueryDict, current: Place) -> list[tuple[str, str]]:
    """(label, value stored now) of each listing field whose merged value differs from the stored one."""
    typed = PlaceForm(data, instance=current, prefix="place")
    stored = PlaceForm(instance=current, prefix="place")
    differing = []
    for name, field in stored.fields.items():
        if isinstance(field.widget, forms.HiddenInput) or not _differs(
            field, stored[name].value(), typed[name].data
        ):
            continue
        value = stored[name].value()
        if isinstance(field, forms.MultipleChoiceField):
            value = ", ".join(str(label) for code, label in field.choices if code in value)
        elif isinstance(field, forms.BooleanField):
            value = _("oui") if value else _("non")
        differing.append((str(field.label), str(value or "") or _("(vide)")))
    return differing


def _differs(field: forms.Field, shown, typed) -> bool:
    try:
        return field.has_changed(field.to_python(shown), typed)
    except ValidationError:
        return True


def _merge_place(data: QueryDict, post: QueryDict, current: Place, shown: dict) -> None:
    typed = PlaceForm(post, prefix="place")
    stored = PlaceForm(instance=current, prefix="place")
    for name, field in stored.fields.items():
        if name in shown and not _differs(field, shown[name], typed[name].data):
            _put(data, stored.add_prefix(name), stored[name].value(), field.widget)


def _put(data: QueryDict, key: str, value, widget: forms.Widget) -> None:
    """Write a form value as a browser would send it."""
    data.setlist(key, [])
    if isinstance(widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
    elif isinstance(value, list | tuple):
        data.setlist(key, [str(item) for item in value])
    else:
        data[key] = "" if value is None else str(value)


def _merge_hours(data: QueryDict, post: QueryDict, current: Place) -> None:
    """A week left as shown takes the stored hours; a week the person changed stays as typed. Either way the
    page now says it showed the stored hours (WeekHoursForm's shown_hours)."""
    shown_hours = post.get("hours-shown_hours", "")
    typed = WeekHoursForm(post, opening_hours=shown_hours, prefix="hours")
    untouched = typed.is_valid() and typed.cleaned_data["opening_hours"] == shown_hours
    stored = WeekHoursForm(opening_hours=current.opening_hours, prefix="hours")
    if untouched:
        for name, field in stored.fields.items():
            _put(data, stored.add_prefix(name), stored[name].value(), field.widget)
    data["hours-shown_hours"] = current.opening_hours


def _merge_closures(data: QueryDict, post: QueryDict, current: Place, shown: dict) -> None:
    """The stored periods, each one the person changed (or ticked for deletion) as typed; a period deleted
    meanwhile is dropped, unless the person had changed it: then it comes back as a new period."""
    posted, new = {}, []
    for index in range(_int(post.get("closures-TOTAL_FORMS"))):
        row = {name: post.get(f"closures-{index}-{name}", "") for name in CLOSURE_FIELDS}
        delete = bool(post.get(f"closures-{index}-DELETE"))
        if post.get(f"closures-{index}-id"):
            posted[post[f"closures-{index}-id"]] = (row, delete)
        elif not delete and any(row[name] for name in ("start_date", "end_date", "label", "hours")):
            new.append(row)
    rows = []
    stored = {str(closure.pk): _closure_values(closure) for closure in current.closures.all()}
    for pk, values in stored.items():
        row, delete = posted.get(pk, (None, False))
        changed = row is not None and (delete or _closure_differs(shown.get(pk), row))
        rows.append((pk, row if changed else values, delete))
    for pk, (row, delete) in posted.items():
        if pk not in stored and not delete and _closure_differs(shown.get(pk), row):
            new.append(row)
    rows += [("", row, False) for row in new]
    for key in [key for key in data if key.startswith("closures-")]:
        del data[key]
    data.update(
        {
            "closures-TOTAL_FORMS": str(len(rows) + 1),  # and one blank period, as on a page drawn anew
            "closures-INITIAL_FORMS": str(len(stored)),
            "closures-MIN_NUM_FORMS": "0",
            "closures-MAX_NUM_FORMS": "1000",
        }
    )
    for index, (pk, row, delete) in enumerate(rows):
        data[f"closures-{index}-id"] = pk
        data.update({f"closures-{index}-{name}": value for name, value in row.items()})
        if delete:
            data[f"closures-{index}-DELETE"] = "on"
    data[f"closures-{len(rows)}-kind"] = Closure.Kind.CLOSED  # the blank period as a browser sends it


def _closure_differs(shown: dict | None, row: dict) -> bool:
    if shown is None:
        return True
    fields = ClosureForm().fields
    return any(_differs(fields[name], shown.get(name, ""), row[name]) for name in CLOSURE_FIELDS)


def _int(value) -> int:
    try:
        return max(0, min(int(value), 1000))
    except (TypeError, ValueError):
        return 0


class StaleListing(Exception):
    """The listing changed since the page was drawn: the save is refused."""


def lock_unchanged(place: Place, posted_version: str) -> None:
    """Lock the place's row until the transaction ends; StaleListing if it changed since the page was drawn."""
    current = Place.objects.using(router.db_for_write(Place)).select_for_update().get(pk=place.pk)
    if is_stale(posted_version, current):
        raise StaleListing
