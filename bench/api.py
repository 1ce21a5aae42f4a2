#!/usr/bin/env python3
"""Benchmark of the API's near-me and bbox searches over HTTP, on PostgreSQL with 100,000 places.

    .venv/bin/python bench/api.py [--places 100000] [--duration 10] [--connections 50]

Puts 100,000 generated places, spread like the population (the Commune table), in their own PostgreSQL
database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mediation_bench_api; generated once,
kept for the next runs), serves the app with gunicorn on 127.0.0.1, and loads it with wrk (Debian's package,
installed with apt-get when missing). Side by side, in the same run:

- raw SQL: the API's page query (the very SQL the ORM writes), run in-process: the floor;
- bare view: a plain Django view running that SQL and returning the rows as JSON (bench/urls.py);
- API: GET /api/v1/places/?lat=…&lon=… (radius 10 km) and ?bbox=…, 20 results a page.

Prints the throughput and p50/p99 latency at 50 concurrent connections, and the latency of one connection
alone ("server time"). Goals: API server time within 3× of the raw SQL, API throughput at least half the bare
view's, API p99 under 25 ms. Loopback only; bounded in time (about a minute of load, plus the first load).
"""

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mediation_bench_api"


def free_port() -> int:
    """A port nobody listens on (other people's servers may run on this machine)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = free_port()
SEED = 20261122


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()


def ensure_database(database_url: str) -> None:
    url = urlparse(database_url)
    name = url.path.lstrip("/")
    if not re.fullmatch(r"mediation_bench_\w+", name):
        sys.exit(f"Refusing to use {name!r}: the benchmark database must be named mediation_bench_…")
    import psycopg

    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        print("Installing wrk (Debian package) …", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def generate_places(count: int) -> None:
    """`count` published places in communes drawn by population (bench.generate), generated once."""
    from django.core.management import call_command

    from bench.generate import replace_generated_places
    from places.communes import load_reference_tables
    from places.models import Commune

    call_command("migrate", verbosity=0)
    if not Commune.objects.exists():
        load_reference_tables()
    print(f"{count:,} generated places …", flush=True)
    replace_generated_places(count, seed=SEED)


def sample_points(count: int) -> list[tuple[float, float]]:
    """Where people search from: commune centres drawn by population."""
    from places.models import Commune

    rng = random.Random(SEED + 1)
    communes = list(Commune.objects.filter(population__gt=0).only("latitude", "longitude", "population"))
    picks = rng.choices(communes, weights=[c.population for c in communes], k=count)
    return [(round(c.latitude, 5), round(c.longitude, 5)) for c in picks]


def bbox_of(lat: float, lon: float) -> tuple[float, float, float, float]:
    """A town-sized view (about 7 × 7 km) around a point."""
    return round(lon - 0.05, 5), round(lat - 0.03, 5), round(lon + 0.05, 5), round(lat + 0.03, 5)


def time_raw_sql(points) -> dict[str, list[float]]:
    from django.db import connection

    from bench.queries import bbox_sql, near_sql

    timings: dict[str, list[float]] = {"near": [], "bbox": []}
    with connection.cursor() as cursor:
        for _ in range(3):
            for lat, lon in points:
                for kind, (sql, params) in (
                    ("near", near_sql(lat, lon, 10)),
                    ("bbox", bbox_sql(*bbox_of(lat, lon))),
                ):
                    start = time.perf_counter()
                    cursor.execute(sql, params)
                    cursor.fetchall()
                    timings[kind].append((time.perf_counter() - start) * 1000)
    return timings


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def start_server(database_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback: no redirect to HTTPS
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "API_RATE_ANONYMOUS": "100000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "mediation.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", "2",
               "--worker-class", "gthread", "--threads", "4", "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


LUA = """
local paths = {%s}
local i = math.random(#paths)
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(wrk: str, paths: list[str], *, connections: int, duration: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(f'"{path}"' for path in paths))
    threads = min(2, connections)
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script.name,
               f"http://127.0.0.1:{PORT}"]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"Socket errors: .*timeout (\d+)", output)
    return {
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50%"),
        "p99": latency("99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per endpoint")
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(database_url)
    wrk = ensure_wrk()
    setup_django(database_url)
    generate_places(args.places)
    points = sample_points(200)

    raw = time_raw_sql(points)
    near_args = [f"lat={lat}&lon={lon}" for lat, lon in points]
    bbox_args = ["bbox=" + ",".join(map(str, bbox_of(lat, lon))) for lat, lon in points]
    endpoints = {
        "near": {"bare view": "/bench/bare/near/?", "API": "/api/v1/places/?"},
        "bbox": {"bare view": "/bench/bare/bbox/?", "API": "/api/v1/places/?"},
    }
    server = start_server(database_url)
    results = []
    try:
        for kind, query_args in (("near", near_args), ("bbox", bbox_args)):
            results.append(
                (kind, "raw SQL", None, None, percentile(raw[kind], 50), percentile(raw[kind], 99))
            )
            for layer, prefix in endpoints[kind].items():
                paths = [prefix + query for query in query_args]
                run_wrk(
                    wrk, paths[:20], connections=4, duration=1
                )  # warm the workers' connections and caches
                alone = run_wrk(wrk, paths, connections=1, duration=max(3, args.duration // 2))
                loaded = run_wrk(wrk, paths, connections=args.connections, duration=args.duration)
                if alone["errors"] or loaded["errors"] or loaded["timeouts"]:
                    print(f"!! {kind} {layer}: {alone['errors'] + loaded['errors']} responses not 2xx/3xx, "
                          f"{loaded['timeouts']} timeouts (over 2 s)")  # fmt: skip
                results.append((kind, layer, alone["p50"], loaded, None, None))
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(
        f"\n{args.places:,} places on PostgreSQL; 200 search points drawn by population; radius 10 km; 20 a page."
    )
    print(
        f"{'query':6} {'layer':10} {'alone p50':>10} {'rps@' + str(args.connections):>9} {'p50':>8} {'p99':>8}"
    )
    for kind, layer, alone_p50, loaded, raw_p50, raw_p99 in results:
        if loaded is None:
            print(
                f"{kind:6} {layer:10} {raw_p50:8.2f}ms {'':>9} {'':>8} {'':>8}   (p99 alone {raw_p99:.2f} ms)"
            )
        else:
            print(
                f"{kind:6} {layer:10} {alone_p50:8.2f}ms {loaded['rps']:9.0f} {loaded['p50']:6.2f}ms {loaded['p99']:6.2f}ms"
            )
    for kind in ("near", "bbox"):
        rows = {
            layer: (alone, loaded, raw_p50) for k, layer, alone, loaded, raw_p50, _ in results if k == kind
        }
        api_alone, api_loaded, _ = rows["API"]
        bare_loaded = rows["bare view"][1]
        raw_p50 = rows["raw SQL"][2]
        print(
            f"{kind}: API server time {api_alone / raw_p50:.1f}× the raw SQL (goal ≤ 3×); "
            f"throughput {api_loaded['rps'] / bare_loaded['rps']:.0%} of the bare view (goal ≥ 50 %); "
            f"p99 {api_loaded['p99']:.1f} ms (goal < 25 ms)"
        )


if __name__ == "__main__":
    main()
