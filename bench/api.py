#!/usr/bin/env python3
"""Benchmark of the API's near-me and bbox searches over HTTP, on PostgreSQL with 100,000 places.

    .venv/bin/python bench/api.py [--places 100000] [--duration 10] [--connections 50]

Puts 100,000 generated places, spread like the population (the Commune table), in their own PostgreSQL
database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mediation_bench_api; generated once,
kept for the next runs), serves the app with gunicorn on 127.0.0.1, and loads it with wrk (Debian's package,
installed with apt-get when missing). Side by side, in the same run:

- raw SQL: the API's page queries (the very SQL the ORM writes: for near-me, the ranking then the page's
  rows), run in-process: the floor;
- bare view: a plain Django view running that SQL and returning the rows as JSON (bench/urls.py);
- API: GET /api/v1/places/?lat=…&lon=… (radius 10 km) and ?bbox=…, 20 results a page.

Two floors beside them, to tell what no app on this machine can do: the database alone (that raw SQL sent by
pgbench, written in C, from as many connections as wrk: what PostgreSQL answers with no app in front), and
an empty view (a constant answer through the same middleware and gunicorn: what Django costs on its own).

Prints, for each layer: the app's own time for one request at a time (its Server-Timing header), the latency
of one connection alone, throughput and p50/p99 latency at 50 concurrent connections, and p50/p99 at a quarter
and half of that throughput (paced arrivals); for the floors, their throughput and p50/p99 flat out. Goals: API
server time within 3× of the raw SQL, API throughput at least half the bare view's, API p99 under 25 ms.
Loopback only; bounded in time (about four minutes of load, plus the first generation).
"""

import argparse
import asyncio
import http.client
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


def raw_sql_time(cursor, kind: str, lat: float, lon: float) -> float:
    """Milliseconds of the API's page SQL for one point, run on a warm connection (compiling it excluded)."""
    from bench.queries import bbox_sql, fetch, near_ranked_sql, near_rows_sql

    if kind == "bbox":
        sql = bbox_sql(*bbox_of(lat, lon))
        start = time.perf_counter()
        fetch(cursor, *sql)
        return (time.perf_counter() - start) * 1000
    sql = near_ranked_sql(lat, lon, 10)
    start = time.perf_counter()
    ids = [pk for pk, _ in fetch(cursor, *sql)]
    elapsed = time.perf_counter() - start
    if ids:
        sql = near_rows_sql(lat, lon, 10, ids)
        start = time.perf_counter()
        fetch(cursor, *sql)
        elapsed += time.perf_counter() - start
    return elapsed * 1000


PGBENCH_POINTS = 100  # pgbench takes at most 128 scripts: one per point


def page_statements(cursor, kind: str, lat: float, lon: float) -> list[str]:
    """The raw SQL of one point's page as plain statements (near-me: the ranking, then the rows of its ids)."""
    from bench.queries import bbox_sql, fetch, near_ranked_sql, near_rows_sql

    if kind == "bbox":
        statements = [bbox_sql(*bbox_of(lat, lon))]
    else:
        statements = [near_ranked_sql(lat, lon, 10)]
        if ids := [pk for pk, _ in fetch(cursor, *statements[0])]:
            statements.append(near_rows_sql(lat, lon, 10, ids))
    return [cursor.mogrify(sql, params).replace("\n", " ") + ";" for sql, params in statements]


def database_alone(database_url: str, kind: str, points, *, connections: int, duration: int) -> dict | None:
    """The raw SQL of the points' pages sent straight to PostgreSQL by pgbench, `connections` at a time, each
    connection running its next page as soon as it has the last one: the database alone, no app in front.
    None when pgbench (part of Debian's PostgreSQL server package) is missing."""
    pgbench = shutil.which("pgbench")
    if not pgbench:
        print("pgbench not found (it comes with Debian's postgresql package): no 'database alone' rows.")
        return None
    from django.db import connection

    with tempfile.TemporaryDirectory() as folder, connection.cursor() as cursor:
        scripts = []
        for number, (lat, lon) in enumerate(points[:PGBENCH_POINTS]):
            script = Path(folder, f"page{number}.sql")
            script.write_text("\n".join(page_statements(cursor, kind, lat, lon)) + "\n")
            scripts += ["-f", str(script)]
        command = [pgbench, "-n", f"-c{connections}", "-j2", f"-T{duration}", "--log",
                   f"--log-prefix={folder}/log", *scripts, database_url]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True)
        # One line a page: client, number, latency in microseconds, script, …
        latencies = [
            int(line.split()[2]) / 1000
            for log in Path(folder).glob("log*")
            for line in log.read_text().splitlines()
        ]
    return {
        "rps": len(latencies) / duration,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
    }


def server_time(path: str) -> float:
    """The app's own time for a request (its Server-Timing header)."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        sys.exit(f"{path}: {response.status}")
    return float(re.search(r"app;dur=([\d.]+)", response.headers["Server-Timing"]).group(1))


def interleaved_times(points, paths: dict[tuple[str, str], list[str]]) -> dict[tuple[str, str], list[float]]:
    """One request at a time, the three layers in turn for each point (twice over the points), so that
    they share whatever the machine is doing: the raw SQL in this process, the bare view's and the API's
    own time in the server."""
    from django.db import connection

    times: dict[tuple[str, str], list[float]] = {key: [] for key in paths} | {
        (kind, "raw SQL"): [] for kind in ("near", "bbox")
    }
    with connection.cursor() as cursor:
        for _ in range(2):
            for number, (lat, lon) in enumerate(points):
                for kind in ("near", "bbox"):
                    times[kind, "raw SQL"].append(raw_sql_time(cursor, kind, lat, lon))
                    for layer in ("bare view", "API"):
                        times[kind, layer].append(server_time(paths[kind, layer][number]))
    return times


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
    # Production's settings (gunicorn.conf.py: sync workers, 2 per CPU + 1), on a port of its own.
    env.update(GUNICORN_BIND=f"127.0.0.1:{PORT}")
    command = [str(gunicorn), "mediation.wsgi:application", "--config", str(ROOT / "gunicorn.conf.py"),
               "--log-level", "warning", *os.environ.get("BENCH_GUNICORN_ARGS", "").split()]  # fmt: skip
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


def run_paced(paths: list[str], *, rate: float, connections: int, duration: int) -> dict:
    """Requests arriving at `rate` per second on average (at random, like independent users), at most
    `connections` at a time; each latency counts from the moment its request was due, so that a request
    waiting for a free connection counts its wait (wrk's pacing is not usable here: with a server that closes
    each connection, as gunicorn's sync workers do, its latencies include the pauses)."""
    return asyncio.run(_paced(paths, rate=rate, connections=connections, duration=duration))


async def _paced(paths: list[str], *, rate: float, connections: int, duration: int) -> dict:
    loop = asyncio.get_running_loop()
    slots = asyncio.Semaphore(connections)
    rng = random.Random(SEED + 2)
    latencies: list[float] = []
    errors = 0

    async def one(path: str, due: float) -> None:
        nonlocal errors
        async with slots:
            reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            status = await reader.readline()
            await reader.read()  # to the end: the server closes the connection
            writer.close()
        latencies.append((loop.time() - due) * 1000)
        errors += b" 200 " not in status

    started = due = loop.time()
    tasks = []
    while due < started + duration:
        due += rng.expovariate(rate)
        await asyncio.sleep(max(0.0, due - loop.time()))
        tasks.append(asyncio.create_task(one(paths[len(tasks) % len(paths)], due)))
    await asyncio.gather(*tasks)
    return {
        "rps": len(latencies) / (loop.time() - started),
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "errors": errors,
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

    near_args = [f"lat={lat}&lon={lon}" for lat, lon in points]
    bbox_args = ["bbox=" + ",".join(map(str, bbox_of(lat, lon))) for lat, lon in points]
    prefixes = {"bare view": "/bench/bare/{kind}/?", "API": "/api/v1/places/?"}
    paths = {
        (kind, layer): [prefix.format(kind=kind) + query for query in query_args]
        for kind, query_args in (("near", near_args), ("bbox", bbox_args))
        for layer, prefix in prefixes.items()
    }
    server = start_server(database_url)
    results: dict[tuple[str, str], dict] = {}
    try:
        for layer_paths in paths.values():
            run_wrk(
                wrk, layer_paths[:20], connections=4, duration=1
            )  # warm the workers' connections and caches
        times = interleaved_times(points, paths)
        for (kind, layer), layer_paths in paths.items():
            row = {"alone": run_wrk(wrk, layer_paths, connections=1, duration=max(3, args.duration // 2))}
            row["loaded"] = run_wrk(wrk, layer_paths, connections=args.connections, duration=args.duration)
            time.sleep(3)  # the requests wrk left queued in the server are answered before anything is timed
            # A quarter and half of what this layer can answer, offered by as many connections: latency in service.
            for share in PACED_SHARES:
                row[share] = run_paced(
                    layer_paths,
                    rate=row["loaded"]["rps"] * share,
                    connections=args.connections,
                    duration=args.duration,
                )
            errors = sum(row[run]["errors"] for run in ("alone", "loaded", *PACED_SHARES))
            if errors or row["loaded"]["timeouts"]:
                print(f"!! {kind} {layer}: {errors} responses not 2xx/3xx, "
                      f"{row['loaded']['timeouts']} timeouts (over 2 s)")  # fmt: skip
            results[kind, layer] = row
        empty = ["/bench/empty/"]
        times["empty view"] = [server_time(empty[0]) for _ in range(400)]
        results["empty view"] = {
            "alone": run_wrk(wrk, empty, connections=1, duration=max(3, args.duration // 2)),
            "loaded": run_wrk(wrk, empty, connections=args.connections, duration=args.duration),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
    for kind in ("near", "bbox"):
        floor = database_alone(
            database_url, kind, points, connections=args.connections, duration=args.duration
        )
        if floor:
            results[kind, "database alone"] = floor
    report(args, times, results)


PACED_SHARES = (0.25, 0.5)


def report(args, times: dict[tuple[str, str], list[float]], results: dict[tuple[str, str], dict]) -> None:
    print(
        f"\n{args.places:,} places on PostgreSQL; 200 search points drawn by population; radius 10 km; 20 a page."
    )
    print(
        "time = p50 (p99) of one request at a time: the raw SQL in-process, the app's own time (Server-Timing)"
        " for the others, the three in turn for each point; alone = wrk, 1 connection (client side);"
        f" flat out = wrk, {args.connections} connections as fast as the server answers; paced = requests"
        f" arriving at random at a quarter and half of the flat-out rate, at most {args.connections} at a time."
        " Milliseconds."
    )
    print(
        f"{'query':5} {'layer':9} {'time':>15} {'alone':>6} | {'flat out':>8} {'p50':>6} {'p99':>6}"
        + "".join(f" | {'paced':>5} {'p50':>6} {'p99':>6}" for _ in PACED_SHARES)
    )
    for kind in ("near", "bbox"):
        for layer in ("raw SQL", "bare view", "API"):
            values = times[kind, layer]
            line = f"{kind:5} {layer:9} {percentile(values, 50):6.2f} ({percentile(values, 99):6.2f})"
            if layer != "raw SQL":
                row = results[kind, layer]
                line += (
                    f" {row['alone']['p50']:6.2f} | {row['loaded']['rps']:8.0f} {row['loaded']['p50']:6.1f}"
                    f" {row['loaded']['p99']:6.1f}"
                )
                line += "".join(
                    f" | {row[share]['rps']:5.0f} {row[share]['p50']:6.1f} {row[share]['p99']:6.1f}"
                    for share in PACED_SHARES
                )
            print(line)
        if floor := results.get((kind, "database alone")):
            print(
                f"{kind:5} {'database alone':30} | {floor['rps']:8.0f} {floor['p50']:6.1f} {floor['p99']:6.1f}"
            )
    empty = results["empty view"]
    print(
        f"{'empty view':15} {percentile(times['empty view'], 50):6.2f} ({percentile(times['empty view'], 99):6.2f})"
        f" {empty['alone']['p50']:6.2f} | {empty['loaded']['rps']:8.0f} {empty['loaded']['p50']:6.1f}"
        f" {empty['loaded']['p99']:6.1f}"
    )
    for kind in ("near", "bbox"):
        if floor := results.get((kind, "database alone")):
            # Each page costs at least Django's floor and its SQL, on the same 2 CPUs: at most this many a second,
            # and by Little's law a mean latency of at least connections / that rate.
            ceiling = 1 / (1 / empty["loaded"]["rps"] + 1 / floor["rps"])
            print(
                f"{kind}: the database alone answers {floor['rps']:.0f} pages/s, p99 {floor['p99']:.0f} ms; with"
                f" Django's floor ({empty['loaded']['rps']:.0f} req/s) at most ~{ceiling:.0f} req/s, a mean"
                f" latency of at least ~{args.connections / ceiling * 1000:.0f} ms at {args.connections} connections"
            )
    for kind in ("near", "bbox"):
        raw, bare, api = (percentile(times[kind, layer], 50) for layer in ("raw SQL", "bare view", "API"))
        flat = results[kind, "API"]["loaded"]
        paced = ", ".join(
            f"{results[kind, 'API'][share]['p99']:.0f} ms at {results[kind, 'API'][share]['rps']:.0f} req/s"
            for share in PACED_SHARES
        )
        print(
            f"{kind}: API time {api / raw:.1f}× the raw SQL (bare view {bare / raw:.1f}×; goal ≤ 3×); "
            f"throughput {flat['rps'] / results[kind, 'bare view']['loaded']['rps']:.0%} of the bare view "
            f"(goal ≥ 50 %); p99 {flat['p99']:.0f} ms flat out, {paced} (goal < 25 ms)"
        )


if __name__ == "__main__":
    main()
