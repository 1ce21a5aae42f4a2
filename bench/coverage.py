"""Benchmark: national coverage (every commune × 100,000 generated places) on SQLite and PostgreSQL.

    .venv/bin/python bench/coverage.py [--places 100000] [--backend sqlite|postgres]

Without --backend, runs both, each in its own process and its own database: the SQLite file
var/bench_coverage.sqlite3 and the PostgreSQL database mediation_bench_coverage (created if missing, at
BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/mediation_bench_coverage). The places are
generated once (spread like the population: a commune is drawn with a probability proportional to its
population, the place lands within its radius) and kept for the next runs.
"""

import argparse
import math
import os
import random
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

    from coverage.compute import compute_coverage
    from places.communes import load_reference_tables
    from places.models import Commune, Place

    call_command("migrate", verbosity=0)
    if not Commune.objects.exists():
        load_reference_tables()
    if Place.objects.count() != count:
        started = time.perf_counter()
        generate_places(count)
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


def generate_places(count: int) -> None:
    from places.choices import Offer, Service
    from places.models import Commune, Place

    rng = random.Random(7)
    communes = list(
        Commune.objects.values_list("code", "departement", "latitude", "longitude", "area_km2", "population")
    )
    picks = rng.choices(communes, weights=[max(1, c[5]) for c in communes], k=count)
    offer_odds = {Offer.ASSISTANCE: 0.6, Offer.MEDIATION: 0.5, Offer.TRAINING: 0.35, Offer.FREE_ACCESS: 0.3}
    Place.objects.all().delete()
    batch = []
    for number, (code, departement, lat, lon, area, _population) in enumerate(picks):
        radius_km = max(0.5, math.sqrt(area / math.pi)) * math.sqrt(rng.random())
        angle = rng.random() * 2 * math.pi
        batch.append(
            Place(
                slug=f"bench-{number}",
                name=f"Lieu {number}",
                address="1 rue du Banc",
                postal_code="00000",
                commune=code,
                insee_code=code,
                departement=departement,
                latitude=lat + radius_km * math.sin(angle) / 111.2,
                longitude=lon + radius_km * math.cos(angle) / (111.2 * math.cos(math.radians(lat))),
                offers=[o for o, odds in offer_odds.items() if rng.random() < odds] or [Offer.MEDIATION],
                services=[s for s in Service if rng.random() < 0.25],
            )
        )
        if len(batch) == 5000:
            Place.objects.bulk_create(batch)
            batch = []
    Place.objects.bulk_create(batch)


if __name__ == "__main__":
    sys.exit(main())
