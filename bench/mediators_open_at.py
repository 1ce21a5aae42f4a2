"""What closures cost to "open now", and what the moderators' queue costs, on the Hauts-de-France demo.

    DATABASE_URL=sqlite:///var/bench.sqlite3 SECRET_KEY=x .venv/bin/python bench/mediators_open_at.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mediation_mediators_bench SECRET_KEY=x .venv/bin/python bench/mediators_open_at.py

Migrates the database (create it first on PostgreSQL) and loads the demo if needed (about half a minute the first time), then prints timings.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mediation.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

MOMENT = datetime.datetime(2026, 7, 21, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def timed(label, function, repeat=20):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<62} median {statistics.median(times):7.2f} ms  (result {result})")


def main():
    call_command("migrate", verbosity=0)
    from places.models import Closure, Place

    if not Place.objects.exists():
        call_command("load_demo", verbosity=0)
    from moderation.queue import queue_for
    from tests.factories import make_moderator

    published = Place.objects.published()
    print(f"{published.count()} published places, database {django.db.connection.vendor}")
    Closure.objects.all().delete()
    timed("open_at(moment).count(), no closure", lambda: published.open_at(MOMENT).count())
    ids = list(published.exclude(opening_hours="").values_list("pk", flat=True)[::4])
    Closure.objects.bulk_create(
        Closure(place_id=pk, start_date=datetime.date(2026, 7, 14), end_date=datetime.date(2026, 8, 15))
        for pk in ids
    )
    timed(
        f"open_at(moment).count(), {len(ids)} closures covering the day",
        lambda: published.open_at(MOMENT).count(),
    )
    place = Place.objects.get(pk=ids[0])
    timed("place.is_open_at(moment), closed that day", lambda: place.is_open_at(MOMENT), repeat=200)
    Closure.objects.all().delete()
    moderator = make_moderator(departements=["80"])
    timed(
        "moderation queue of the Somme (3 sections, counts and rows)",
        lambda: sum(len(list(s["rows"])) for s in queue_for(moderator)),
    )
    moderator.delete()


if __name__ == "__main__":
    main()
