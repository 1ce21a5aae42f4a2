#!/usr/bin/env python3
"""Load and fault test: the app under gunicorn on the local PostgreSQL with 100,000 generated places.

    .venv/bin/python bench/load.py [--duration 30] [--concurrency 50] [--places 100000] [--no-restart]

Loopback only, bounded in time (about 3 × duration + the set-up). Phases:
  1. reads: `concurrency` connections on near-me (/api/v1/places/?lat=&lon=), bbox (/api/v1/places/?bbox=)
     and place pages (/lieux/<slug>/) for `duration` seconds;
  2. the same while PostgreSQL is restarted in the middle (pg_ctlcluster … restart);
  3. a burst of writes (POST /api/v1/places/ with a partner's token) during a restart, then a check that
     every write that got a 2xx is in the database, with its history row, and that none that failed is there.
It prints requests, errors by status, p50/p99, the slowest error and the recovery time after the restart.

The database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mediation_bench_load) is
created once with its places spread like the population (the commune table's population as weights), and
reused by later runs. The PostgreSQL server is shared: keep restarts few (--no-restart for a smoke run).
"""

import argparse
import collections
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mediation_bench_load")
PG_RESTART = [
    "pg_ctlcluster",
    "--skip-systemctl-redirect",
    os.environ.get("PG_VERSION", "15"),
    "main",
    "restart",
]
SERVER_ENV = {
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "INFO",  # one JSON line per request: the server-side durations, without the queueing
    "LOG_FORMAT": "json",
    # Fifty clients share one address here: the per-IP throttle of the public API would answer 429.
    "API_RATE_ANONYMOUS": "1000000/minute",
    "API_RATE_PARTNER": "1000000/minute",
}
os.environ.update(SERVER_ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mediation.settings")


def django_setup() -> None:
    import django

    django.setup()


def ensure_database(places: int) -> None:
    """Create the bench database, migrate it, load the communes and generate the places (once)."""
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench.generate import add_generated_places
    from places.communes import load_reference_tables
    from places.models import Commune, Place

    if not Commune.objects.exists():
        load_reference_tables()
    add_generated_places(places)
    print(f"database {name}: {Place.objects.count():,} places", flush=True)


def partner_key() -> str:
    """A fresh partner token allowed to write everywhere (the contract of issue #3), or '' without one."""
    try:
        from partners.models import PartnerToken
    except ImportError:
        return ""
    from accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-partner", defaults={"email": "bench@example.org"})
    token = PartnerToken(
        user=user, name="bench", departements=[f"{n:02d}" for n in range(1, 96)] + ["2A", "2B"]
    )
    key = token.set_new_key()
    token.save()
    return key


class Server:
    """gunicorn with the production configuration (gunicorn.conf.py), on a free loopback port."""

    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.log = open(ROOT / "var" / "bench-gunicorn.log", "w")  # noqa: SIM115
        env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = subprocess.Popen(
            [ROOT / ".venv" / "bin" / "gunicorn", "-c", "gunicorn.conf.py", "mediation.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if request(self.port, "GET", "/readyz")[0] == 200:
                return
            time.sleep(0.5)
        raise SystemExit("gunicorn did not become ready in 60 s: see var/bench-gunicorn.log")

    def log_offset(self) -> int:
        self.log.flush()
        return (ROOT / "var" / "bench-gunicorn.log").stat().st_size

    def served(self, since: int) -> dict:
        """The app's own view of the requests logged since an offset: durations inside the worker."""
        with open(ROOT / "var" / "bench-gunicorn.log", encoding="utf-8", errors="replace") as handle:
            handle.seek(since)
            lines = [json.loads(line) for line in handle if line.startswith('{"time"')]
        requests = [line for line in lines if line.get("logger") == "ops.requests"]
        durations = sorted(line["duration_ms"] for line in requests)
        failures = [line["duration_ms"] for line in requests if line["status"] >= 500]
        return {
            "served": len(requests),
            "server_p50_ms": durations[len(durations) // 2] if durations else None,
            "server_p99_ms": durations[int(len(durations) * 0.99) - 1] if durations else None,
            "server_slowest_5xx_ms": max(failures, default=0),
        }

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    """(status, seconds, body); status 0 when the connection failed or timed out (10 s)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, time.perf_counter() - started, data
    except (OSError, http.client.HTTPException):
        return 0, time.perf_counter() - started, b""
    finally:
        connection.close()


class Targets:
    """Random near-me points and boxes where people live, and random place pages."""

    def __init__(self, places: int) -> None:
        from places.models import Commune

        communes = list(
            Commune.objects.filter(population__gt=0).values_list("latitude", "longitude", "population")
        )
        self.points = random.choices(communes, weights=[c[2] for c in communes], k=5000)
        self.places = places

    def path(self, kind: str) -> str:
        lat, lon, _ = random.choice(self.points)
        if kind == "near":
            return f"/api/v1/places/?lat={lat:.5f}&lon={lon:.5f}"
        if kind == "bbox":
            return f"/api/v1/places/?bbox={lon - 0.1:.4f},{lat - 0.07:.4f},{lon + 0.1:.4f},{lat + 0.07:.4f}"
        return f"/lieux/bench-{random.randrange(self.places)}/"


def run_reads(port: int, targets: Targets, *, duration: float, concurrency: int, during=None) -> list:
    """Each connection loops until `duration` is over; `during` runs in the middle (the restart)."""
    results: list[tuple] = []
    origin = time.perf_counter()
    stop = origin + duration

    def client() -> None:
        kinds = ["near", "bbox", "page"]
        while time.perf_counter() < stop:
            kind = random.choice(kinds)
            started = time.perf_counter() - origin
            status, seconds, _ = request(port, "GET", targets.path(kind))
            results.append((kind, started, seconds, status))

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    fault = None
    if during:
        time.sleep(duration / 2)
        fault = during(origin)
    for thread in threads:
        thread.join()
    return results, fault


def restart_postgresql(origin: float) -> tuple[float, float]:
    """Restart the server; (start, end) in seconds since the phase began, end = accepting connections."""
    started = time.perf_counter() - origin
    subprocess.run(PG_RESTART, check=True, capture_output=True)
    while subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode != 0:
        time.sleep(0.05)
    return started, time.perf_counter() - origin


def report(title: str, results: list, fault: tuple | None = None, *, server: dict | None = None) -> dict:
    statuses = collections.Counter(status for *_, status in results)
    seconds = sorted(r[2] for r in results)
    errors = [r for r in results if not 200 <= r[3] < 400]
    figures = {
        "requests": len(results),
        "by_status": dict(sorted(statuses.items())),
        "p50_ms": round(statistics.median(seconds) * 1000, 1) if seconds else None,
        "p99_ms": round(seconds[int(len(seconds) * 0.99) - 1] * 1000, 1) if seconds else None,
        "errors": len(errors),
        "slowest_error_ms": round(max((r[2] for r in errors), default=0) * 1000, 1),
        "errors_over_2s": sum(1 for r in errors if r[2] > 2),
    }
    if fault:
        fault_start, fault_end = fault
        last_error_end = max((r[1] + r[2] for r in errors), default=fault_start)
        figures["restart_s"] = round(fault_end - fault_start, 2)
        figures["recovered_after_db_up_s"] = round(max(0.0, last_error_end - fault_end), 2)
    by_kind = collections.defaultdict(list)
    for kind, _, secs, _status in results:
        by_kind[kind].append(secs)
    figures["p50_p99_ms_by_kind"] = {
        kind: [round(statistics.median(v) * 1000, 1), round(sorted(v)[int(len(v) * 0.99) - 1] * 1000, 1)]
        for kind, v in sorted(by_kind.items())
    }
    figures.update(server or {})
    print(f"\n== {title}\n" + json.dumps(figures, indent=2, ensure_ascii=False), flush=True)
    return figures


def run_writes(port: int, key: str, *, duration: float, concurrency: int, restart: bool) -> tuple:
    results: list[tuple] = []
    origin = time.perf_counter()
    stop = origin + duration
    headers = {
        "Authorization": f"Token {key}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }

    def writer() -> None:
        while time.perf_counter() < stop:
            name = f"Écriture de test {uuid.uuid4().hex[:12]}"
            body = {
                "name": name,
                "address": "2 rue de la Panne",
                "postal_code": "80000",
                "commune": "Amiens",
                "insee_code": "80021",
                "latitude": 49.89,
                "longitude": 2.29,
            }
            started = time.perf_counter() - origin
            status, seconds, data = request(
                port, "POST", "/api/v1/places/", json.dumps(body).encode(), headers
            )
            results.append(("write", started, seconds, status, name, data[:300]))

    threads = [threading.Thread(target=writer) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    fault = None
    if restart:
        time.sleep(duration / 3)
        fault = restart_postgresql(origin)
    for thread in threads:
        thread.join()
    return results, fault


def check_writes(results: list) -> dict:
    """Every 2xx is stored once with its history row; nothing of a failed write is stored."""
    from django.db import connections

    from places.models import Place

    connections.close_all()  # the restart broke this process's connection
    names = {r[4]: r[3] for r in results}
    stored = collections.Counter(Place.objects.filter(name__in=list(names)).values_list("name", flat=True))
    history = collections.Counter(
        Place.history.filter(name__in=list(names), history_type="+").values_list("name", flat=True)
    )
    ok = [n for n, s in names.items() if 200 <= s < 300]
    failed = [n for n, s in names.items() if not 200 <= s < 300]
    figures = {
        "writes_2xx": len(ok),
        "writes_failed": len(failed),
        "lost_2xx": sum(1 for n in ok if stored[n] != 1),
        "2xx_without_history": sum(1 for n in ok if history[n] != 1),
        "failed_but_stored": sum(1 for n in failed if stored[n] or history[n]),
        "sample_failure": next((r[5].decode(errors="replace") for r in results if not 200 <= r[3] < 300), ""),
    }
    print(
        "\n== writes checked in the database\n" + json.dumps(figures, indent=2, ensure_ascii=False),
        flush=True,
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--no-restart", action="store_true", help="no PostgreSQL restart (a smoke run)")
    args = parser.parse_args()
    ensure_database(args.places)
    key = partner_key()
    targets = Targets(args.places)
    from django.db import connections

    connections.close_all()
    server = Server()
    try:
        print(
            f"gunicorn on 127.0.0.1:{server.port}, {args.concurrency} connections, {args.duration:.0f} s per phase"
        )
        offset = server.log_offset()
        results, _ = run_reads(server.port, targets, duration=args.duration, concurrency=args.concurrency)
        report("1. reads, no fault", results, server=server.served(offset))
        restart = None if args.no_restart else restart_postgresql
        offset = server.log_offset()
        results, fault = run_reads(
            server.port, targets, duration=args.duration, concurrency=args.concurrency, during=restart
        )
        report("2. reads, PostgreSQL restarted in the middle", results, fault, server=server.served(offset))
        if not key:
            print("\n== 3. writes: skipped, the API's partner tokens (issue #3) are not in this tree")
            return 0
        offset = server.log_offset()
        results, fault = run_writes(
            server.port,
            key,
            duration=args.duration / 2,
            concurrency=args.writers,
            restart=not args.no_restart,
        )
        report(
            "3. writes through the API, PostgreSQL restarted",
            [r[:4] for r in results],
            fault,
            server=server.served(offset),
        )
        time.sleep(1)
        check_writes(results)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
