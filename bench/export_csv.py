#!/usr/bin/env python3
"""Memory of GET /api/v1/places/export.csv over the benchmark database (run bench/api.py first to fill it).

    .venv/bin/python bench/export_csv.py [--rows 100000]

Streams the export through the API view (Django's test client, no network), counts the lines, and prints the
Python heap's peak (tracemalloc) at a tenth of the rows and at all of them: constant memory means the same peak.
"""

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mediation_bench_api")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("API_RATE_ANONYMOUS", "1000/minute")


def export(limit: int) -> tuple[int, float, float]:
    """(lines, seconds, peak MiB) of the first `limit` rows of the export."""
    from django.test import Client

    tracemalloc.start()
    start = time.perf_counter()
    response = Client(HTTP_HOST="localhost").get("/api/v1/places/export.csv")
    lines = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        if lines > limit:
            break
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    response.close()
    return lines, seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    import django

    django.setup()
    for rows in (args.rows // 10, args.rows):
        lines, seconds, peak = export(rows)
        print(
            f"{lines - 1:>9,} rows streamed in {seconds:5.1f} s ({lines / seconds:,.0f} rows/s); heap peak {peak:.1f} MiB"
        )


if __name__ == "__main__":
    main()
