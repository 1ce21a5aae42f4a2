#!/usr/bin/env python3
"""Benchmark of text search on PostgreSQL with 100,000 places: with and without the trigram indexes.

    .venv/bin/python bench/search.py [--places 100000] [--queries 100]

Uses the API benchmark's database (bench/api.py: mediation_bench_api, generated once). Times, in this process,
GET /api/v1/places/?q=… (the page, its count and the data version, through the whole app) and the communes'
search behind the search box's suggestions (Commune.objects.search, first 5), for words people type: commune
names drawn by population, place names, and words found nowhere. Then the same with the trigram indexes
dropped inside a transaction that is rolled back (the database is left as it was).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.api import DEFAULT_URL, SEED, ensure_database, generate_places, percentile, setup_django  # noqa: E402


def words(count: int) -> list[str]:
    from places.models import Commune

    rng = random.Random(SEED + 2)
    communes = list(Commune.objects.filter(population__gt=0).only("name", "population"))
    names = [c.name for c in rng.choices(communes, weights=[c.population for c in communes], k=count // 2)]
    places = [f"mediation {rng.randrange(100_000)}" for _ in range(count // 4)]
    nowhere = [f"xq{rng.randrange(10_000)}z" for _ in range(count - len(names) - len(places))]
    return names + places + nowhere


def timed(run, texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        start = time.perf_counter()
        run(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure(texts: list[str]) -> dict[str, list[float]]:
    from django.test import Client

    from places.models import Commune

    client = Client()

    def api(text: str) -> None:
        response = client.get("/api/v1/places/", {"q": text})
        assert response.status_code == 200, response.status_code

    def communes(text: str) -> None:
        list(Commune.objects.search(text)[:5])

    for text in texts[:5]:  # warm
        api(text), communes(text)
    return {"API ?q=": timed(api, texts), "communes search": timed(communes, texts)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    ensure_database(DEFAULT_URL)
    # In-process requests: the test client's host, plain HTTP, no throttling.
    os.environ.update(
        ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="false", API_RATE_ANONYMOUS="100000000/minute"
    )
    setup_django(DEFAULT_URL)
    from django.db import connection, transaction

    generate_places(args.places)
    texts = words(args.queries)
    results = {"with trigram indexes": measure(texts)}
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS place_search_trgm, commune_search_trgm")
        results["without (tables scanned)"] = measure(texts)
        transaction.set_rollback(True)
    print(f"\n{args.places:,} places on PostgreSQL; {len(texts)} searches; milliseconds, median / p95:")
    for setup, timings in results.items():
        for name, times in timings.items():
            print(f"{setup:26s} {name:16s} {statistics.median(times):7.2f} / {percentile(times, 95):7.2f}")


if __name__ == "__main__":
    main()
