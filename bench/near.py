"""Near-me search at 1,500, 100,000 and 1,000,000 generated places, on SQLite and PostgreSQL.

    .venv/bin/python bench/near.py [--sizes 1500,100000,1000000] [--queries 200] [--backends sqlite,postgres]

For each size and backend it times, over the same query points spread like the population:
- `nearest`: Place.objects.published().nearest(lat, lon, limit=20, max_radius_km=10) (the rings search);
- `near[:20]`: Place.objects.published().near(lat, lon, 10)[:20] through the ORM;
- `raw SQL`: the SQL of that same near() query, executed directly;
and prints the median and 95th percentile in milliseconds. Databases: var/bench_near.sqlite3 and the
PostgreSQL databases mediation_bench_near_<size> (on BENCH_POSTGRES_HOST), one per size, generated once.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1500,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker([int(s) for s in args.sizes.split(",")], args.queries)
    print(
        f"{'backend':10} {'places':>9} {'query':10} {'median ms':>10} {'p95 ms':>8} {'rows':>6}", flush=True
    )
    for backend in args.backends.split(","):
        for size in args.sizes.split(","):
            name = f"mediation_bench_near_{size}"
            if backend == "postgres":
                subprocess.run(
                    ["psql", f"{POSTGRES_SERVER}/postgres", "-qc", f"CREATE DATABASE {name}"],
                    capture_output=True,
                )
                url = f"{POSTGRES_SERVER}/{name}"
            else:
                url = f"sqlite:///{ROOT / 'var' / name}.sqlite3"
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "SECRET_KEY": "bench",
                "DEBUG": "false",
                "DJANGO_SETTINGS_MODULE": "mediation.settings",
                "PYTHONPATH": str(ROOT),
            }
            subprocess.run(
                [sys.executable, __file__, "--worker", "--sizes", size, "--queries", str(args.queries)],
                env=env,
                check=True,
                cwd=ROOT,
            )


def worker(sizes: list[int], queries: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import add_generated_places, query_points
    from places.communes import load_reference_tables
    from places.models import Commune, Place

    call_command("migrate", verbosity=0)
    if not Commune.objects.exists():
        load_reference_tables()
    points = query_points(queries)
    for size in sizes:
        add_generated_places(size)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        def near20(lat, lon):
            return Place.objects.published().near(lat, lon, 10)[:20]

        def run_nearest(lat, lon):
            return len(Place.objects.published().nearest(lat, lon, limit=20, max_radius_km=10))

        def run_orm(lat, lon):
            return len(list(near20(lat, lon)))

        def run_raw(lat, lon):
            sql, params = near20(lat, lon).query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return len(cursor.fetchall())

        for label, run in (("nearest", run_nearest), ("near[:20]", run_orm), ("raw SQL", run_raw)):
            timings, rows = [], 0
            for lat, lon in points:
                start = time.perf_counter()
                rows += run(lat, lon)
                timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            print(
                f"{connection.vendor:9} {size:>9,} {label:10} {statistics.median(timings):>10.2f} "
                f"{timings[int(len(timings) * 0.95)]:>8.2f} {rows / len(points):>6.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
