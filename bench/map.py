"""Map benchmark: headless Chromium against the app served by gunicorn on PostgreSQL.

For the Hauts-de-France demo and for 100,000 generated places (spread like the population, from the commune
table), it measures the time from navigation to the first markers and the bytes of place data transferred
(/carte/points.json, gzipped), for the first view and for a view zoomed into a city; then the server time of
a series of pan/zoom requests. It prints the figures (see docs/benchmarks.md).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mediation_bench_map .venv/bin/python bench/map.py

The database is created if missing and its places are replaced (never point it at a real database).
"""

import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mediation_bench_map")
GENERATED = int(os.environ.get("BENCH_PLACES", "100000"))
CITY = (50.6292, 3.0573)  # Lille
sys.path.insert(0, str(ROOT))
os.environ.update(
    DATABASE_URL=DATABASE_URL,
    SECRET_KEY="bench",
    DJANGO_SETTINGS_MODULE="mediation.settings",
    DJANGO_ALLOW_ASYNC_UNSAFE="true",
)


def create_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def delete_places() -> None:
    from django.db import connection

    from places.models import Place

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Place._meta.db_table} CASCADE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve() -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(
        os.environ,
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        MAP_TILES_URL=f"http://127.0.0.1:{port}/__no_tiles__/{{z}}/{{x}}/{{y}}.png",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "mediation.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/carte/points.json?zoom=3", timeout=2)
            return server, url
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def measure_view(browser, url: str) -> tuple[float, int, int]:
    """(seconds to the first markers, gzipped bytes of place data, markers shown) for one page load."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes = []
    page.on(
        "requestfinished",
        lambda r: "/carte/points.json" in r.url and sizes.append(r.sizes()["responseBodySize"]),
    )
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector("#map .leaflet-marker-icon", timeout=30_000)
    elapsed = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    markers = page.locator("#map .leaflet-marker-icon").count()
    context.close()
    return elapsed, sum(sizes), markers


def server_times(url: str, rounds: int = 3) -> dict[int, tuple[float, float]]:
    """Median milliseconds at each zoom, over views around populated places, of the two requests a pan makes:
    points.json (the markers), and the list beside the map with the filters' counts (?fragment=results)."""
    rng = random.Random(3)
    centres = [
        (48.8566, 2.3522),
        (45.764, 4.8357),
        (43.2965, 5.3698),
        CITY,
        (47.2184, -1.5536),
        (44.8378, -0.5792),
    ]
    results = {}
    for zoom in (6, 8, 10, 12, 14):
        half_lon, half_lat = 1280 / 2 * 360 / (256 * 2**zoom), 900 / 2 * 360 / (256 * 2**zoom) * 0.66
        times, list_times = [], []
        for _ in range(rounds):
            for lat, lon in centres:
                lat, lon = lat + rng.uniform(-0.3, 0.3) * half_lat, lon + rng.uniform(-0.3, 0.3) * half_lon
                bbox = f"{lon - half_lon:.4f},{lat - half_lat:.4f},{lon + half_lon:.4f},{lat + half_lat:.4f}"
                for path, spent in (
                    (f"/carte/points.json?bbox={bbox}&zoom={zoom}", times),
                    (f"/?bbox={bbox}&fragment=results", list_times),
                ):
                    request = urllib.request.Request(url + path, headers={"Accept-Encoding": "gzip"})
                    start = time.perf_counter()
                    urllib.request.urlopen(request).read()
                    spent.append((time.perf_counter() - start) * 1000)
        results[zoom] = statistics.median(times), statistics.median(list_times)
    return results


def run_scenario(label: str, browser) -> None:
    server, url = serve()
    try:
        cold = measure_view(browser, url + "/")  # a fresh server: empty caches
        first = measure_view(browser, url + "/")
        city_cold = measure_view(browser, f"{url}/?lat={CITY[0]}&lon={CITY[1]}")
        city = measure_view(browser, f"{url}/?lat={CITY[0]}&lon={CITY[1]}")
        times = server_times(url)
    finally:
        server.terminate()
        server.wait()
    print(f"\n## {label}")
    for name, (seconds, size, markers) in (
        ("first view, fresh server", cold),
        ("first view", first),
        ("zoom into Lille, first time", city_cold),
        ("zoom into Lille", city),
    ):
        print(
            f"{name:28} {seconds:.2f} s to the first markers, {size / 1024:.1f} KiB of place data, {markers} markers"
        )
    print(
        "server time per pan/zoom (median ms, gzipped points.json): "
        + ", ".join(f"z{z} {ms:.1f}" for z, (ms, _list) in times.items())
    )
    print(
        "the list and its filters' counts for the same views (median ms): "
        + ", ".join(f"z{z} {ms:.1f}" for z, (_points, ms) in times.items())
    )


def main() -> None:
    create_database()
    import django

    django.setup()
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    from bench.generate import add_generated_places
    from places.demo import load_demo
    from places.models import Commune, Place

    call_command("migrate", verbosity=0)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
            ],
        )
        delete_places()
        if not Commune.objects.exists():
            from places.communes import load_reference_tables

            load_reference_tables()
        load_demo()
        run_scenario(f"Demo: {Place.objects.count()} places", browser)
        started = time.perf_counter()
        delete_places()
        add_generated_places(GENERATED)
        print(f"\n(generated {GENERATED} places in {time.perf_counter() - started:.0f} s)")
        run_scenario(f"Generated: {Place.objects.count()} places", browser)
        browser.close()


if __name__ == "__main__":
    main()
