#!/usr/bin/env python3
"""Memory of GET /api/v1/places/export.csv at 1,000,000 places: constant, whatever the rows.

    .venv/bin/python bench/export_csv.py [--rows 1000000]

Puts `rows` generated places (bench.generate) in their own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/mediation_bench_export; generated once, kept for the next runs), streams the
whole export through the API view (Django's test client, no network), checks its line count, and prints the
process's resident memory (RSS, from /proc) after a tenth, half and all of the rows, and the highest reading
(one every 10,000 rows): constant memory means the same figure at a tenth and at the end.
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mediation_bench_export"


SAMPLE_EVERY = 10_000  # rows between two readings of the memory


def rss_mib() -> float:
    """This process's resident memory now (VmRSS), in MiB."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    from bench.api import ensure_database, setup_django

    ensure_database(database_url)
    os.environ.setdefault("API_RATE_ANONYMOUS", "1000/minute")
    os.environ["SECURE_SSL_REDIRECT"] = "false"  # the test client speaks plain HTTP
    setup_django(database_url)
    from django.core.management import call_command
    from django.test import Client

    from bench.generate import replace_generated_places
    from places.communes import load_reference_tables
    from places.models import Commune

    call_command("migrate", verbosity=0)
    if not Commune.objects.exists():
        load_reference_tables()
    print(f"{args.rows:,} generated places (once) …", flush=True)
    replace_generated_places(args.rows)

    checkpoints = {args.rows // 10: "a tenth", args.rows // 2: "half"}
    print(f"before the export: RSS {rss_mib():.0f} MiB", flush=True)
    start = time.perf_counter()
    response = Client(HTTP_HOST="localhost").get("/api/v1/places/export.csv")
    lines, peak = 0, 0.0
    for chunk in response.streaming_content:
        before = lines
        lines += chunk.count(b"\n")
        if before // SAMPLE_EVERY != lines // SAMPLE_EVERY:
            peak = max(peak, rss_mib())
        for row, label in checkpoints.items():
            if before <= row < lines:
                print(f"{label:>8} ({row:,} rows): RSS {rss_mib():.0f} MiB", flush=True)
    response.close()
    seconds = time.perf_counter() - start
    print(
        f"     all ({lines - 1:,} rows): RSS {rss_mib():.0f} MiB; highest of the samples {peak:.0f} MiB; "
        f"{seconds:.0f} s ({(lines - 1) / seconds:,.0f} rows/s)"
    )
    if lines - 1 != args.rows:
        sys.exit(f"expected {args.rows:,} rows, got {lines - 1:,}")


if __name__ == "__main__":
    main()
