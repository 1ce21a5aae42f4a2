"""Benchmark: national coverage (every commune × 100,000 generated places) on SQLite and PostgreSQL.

    .venv/bin/python bench/coverage.py [--places 100000] [--backend sqlite|postgres]

Without --backend, runs both, each in its own process and its own database: the SQLite file
var/bench_coverage.sqlite3 and the PostgreSQL database mediation_bench_coverage (created if missing, at
BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/mediation_bench_coverage). The places are
generated once (spread like the population: a commune is drawn with a probability proportional to its
population, the place lands within its radius) and kept for the next runs.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench_coverage.sqlite3'}"
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/mediation_bench_coverage"
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.backend is None:
        codes = [
            subprocess.call([sys.executable, __file__, "--places", str(args.places), "--backend", backend])
            for backend in ("sqlite", "postgres")
        ]
        return max(codes)
    url = SQLITE_URL if args.backend == "sqlite" else POSTGRES_URL
    if args.backend == "postgres":
        create_postgres_database(url)
    os.environ.update(DATABASE_URL=url, SECRET_KEY="bench", DJANGO_SETTINGS_MODULE="mediation.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    run(args.backend, args.places)
    return 0


def create_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def run(backend: str, count: int) -> None:
    from django.core.management import call_command

    from bench.generate import replace_generated_places
    from coverage.compute import compute_coverage
    from places.communes import load_reference_tables
    from places.models import Commune, Place

    call_command("migrate", verbosity=0)
    if not Commune.objects.exists():
        load_reference_tables()
    if Place.objects.count() != count:
        started = time.perf_counter()
        replace_generated_places(count, seed=7)
        print(f"[{backend}] generated {count:,} places in {time.perf_counter() - started:.1f} s", flush=True)
    for attempt in (1, 2):
        cpu = time.process_time()
        report = compute_coverage()
        cpu = time.process_time() - cpu
        print(
            f"[{backend}] run {attempt}: national coverage of {report.communes:,} communes × {count:,} places: "
            f"{report.seconds:.1f} s ({report.places_read:,} places read, {len(report.departements)} "
            f"départements, {report.rows:,} rows written; reading {report.reading_s:.1f} s, "
            f"measuring {report.measuring_s:.1f} s, writing {report.writing_s:.1f} s; "
            f"this process's CPU time {cpu:.1f} s; load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
