"""Clear the stored opening hours that places.validation now refuses for a range ending when it starts
("Fr 13:30-13:30"): the evaluator read them as 24 hours, and an import merging into such a place would fail
its validation. The place then shows « horaires non renseignés », as its import would now leave it."""

import re

from django.db import migrations
from django.utils import timezone

# A frozen copy of places.validation's rule: a migration must not change when the code does.
TIME_RANGE = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})(?![\d:])")
HOURS_COMMENT = re.compile(r'"[^"]*"')


def _has_zero_length_range(hours: str) -> bool:
    return any(
        int(start_h) * 60 + int(start_m) == int(end_h) * 60 + int(end_m)
        for start_h, start_m, end_h, end_m in TIME_RANGE.findall(HOURS_COMMENT.sub("", hours))
    )


def clear_zero_length_hours(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    stored = Place.objects.exclude(opening_hours="").values_list("opening_hours", flat=True).distinct()
    invalid = [hours for hours in stored.order_by() if _has_zero_length_range(hours)]
    # A plain update, without a history record: one not written by an import would count as a person's edit
    # and stop later imports from refreshing these places (places.importers.run.edited_by_people). updated_at
    # moves, so that the API's ETags and partners syncing with updated_since see the change.
    Place.objects.filter(opening_hours__in=invalid).update(opening_hours="", updated_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0007_place_emails_validated"),
    ]

    operations = [migrations.RunPython(clear_zero_length_hours, migrations.RunPython.noop, elidable=True)]
