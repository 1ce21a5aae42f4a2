"""Computing the coverage of communes in bulk.

Communes are processed in spatial batches (cells of CELL_DEGREES): for each batch, one query reads the
published places of the batch's neighbourhood (its bounding box widened by SEARCH_RADIUS_KM) from the
(latitude, longitude) index, as Place.objects.near() does. The places are then put in a fine grid in memory,
and each commune looks only at the grid cells around it: plain Python, no query per commune. Distances are
compared as the haversine formula's intermediate value (no square root nor arc sine per pair) and converted
to kilometres once per commune and key.
"""

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Count, Max, Min
from django.db.models.functions import Cast
from django.utils import timezone

from coverage.keys import KEYS, place_keys
from coverage.models import RADII_KM, SEARCH_RADIUS_KM, CommuneCoverage, CoverageRun
from places.geo import EARTH_RADIUS_KM, bounding_box
from places.models import Commune, Place

CELL_DEGREES = 1.0  # a batch of communes: ~100 batches for the whole of France
FINE_DEGREES = 0.05  # the grid of places inside a batch (about 5.5 × 3.5 km)
WRITE_BATCH = 5000


def _haversine_a(km: float) -> float:
    """The haversine formula's `a` for a distance: comparing a's compares distances."""
    return math.sin(km / (2 * EARTH_RADIUS_KM)) ** 2


A5, A10, A20, A_MAX = (_haversine_a(km) for km in (*RADII_KM, SEARCH_RADIUS_KM))


class Figures(NamedTuple):
    """A commune's figures for one key: nearest distance (None beyond SEARCH_RADIUS_KM) and counts."""

    nearest_km: float | None
    within_5km: int
    within_10km: int
    within_20km: int


@dataclass
class ComputeReport:
    departements: list[str] = field(default_factory=list)
    communes: int = 0
    places_read: int = 0
    rows: int = 0
    seconds: float = 0.0
    reading_s: float = 0.0  # of which: reading the places, measuring in memory, writing the rows
    measuring_s: float = 0.0
    writing_s: float = 0.0


class PlaceGrid:
    """Places bucketed by FINE_DEGREES cells: all of them, and per key for the search beyond 20 km."""

    def __init__(self, places: list[tuple[float, float, tuple[int, ...]]]) -> None:
        self.cells: dict[tuple[int, int], list] = defaultdict(list)
        self.by_key: list[dict[tuple[int, int], list]] = [defaultdict(list) for _ in KEYS]
        for lat, lon, keys in places:
            cell = (math.floor(lat / FINE_DEGREES), math.floor(lon / FINE_DEGREES))
            phi, lam = math.radians(lat), math.radians(lon)
            point = (phi, lam, math.cos(phi))
            self.cells[cell].append((*point, keys))
            for key in keys:
                self.by_key[key][cell].append(point)

    @staticmethod
    def cells_around(lat: float, lon: float, radius_km: float):
        south, north, west, east = bounding_box(lat, lon, radius_km)
        for i in range(math.floor(south / FINE_DEGREES), math.floor(north / FINE_DEGREES) + 1):
            for j in range(math.floor(west / FINE_DEGREES), math.floor(east / FINE_DEGREES) + 1):
                yield i, j


def measure(lat: float, lon: float, grid: PlaceGrid) -> list[Figures]:
    """The figures of a point for every key (in KEYS order)."""
    phi, lam = math.radians(lat), math.radians(lon)
    cos_phi = math.cos(phi)
    best = [math.inf] * len(KEYS)
    # Places by band (0–5, 5–10, 10–20 km); the counts "within" are their running sums.
    band_5, band_10, band_20 = [0] * len(KEYS), [0] * len(KEYS), [0] * len(KEYS)
    sin = math.sin
    for cell in grid.cells_around(lat, lon, RADII_KM[-1]):
        places = grid.cells.get(cell)
        if not places or _cell_is_beyond(lat, lon, cell, cos_phi):
            continue
        for p_phi, p_lam, p_cos, keys in places:
            a = sin((p_phi - phi) / 2) ** 2 + cos_phi * p_cos * sin((p_lam - lam) / 2) ** 2
            if a > A20:
                continue
            band = band_5 if a <= A5 else band_10 if a <= A10 else band_20
            for key in keys:
                band[key] += 1
                if a < best[key]:
                    best[key] = a
    missing = [key for key, a in enumerate(best) if a == math.inf and grid.by_key[key]]
    if missing:
        around = list(grid.cells_around(lat, lon, SEARCH_RADIUS_KM))
        for key in missing:
            best[key] = _nearest_beyond(phi, lam, cos_phi, around, grid.by_key[key])
    return [
        Figures(_km(a), band_5[k], band_5[k] + band_10[k], band_5[k] + band_10[k] + band_20[k])
        for k, a in enumerate(best)
    ]


def _cell_is_beyond(lat: float, lon: float, cell: tuple[int, int], cos_phi: float) -> bool:
    """Whether a whole grid cell lies farther than 20 km: its nearest point (the point clamped into the cell)
    is, with a 2 % margin for the curvature over a cell."""
    south, west = cell[0] * FINE_DEGREES, cell[1] * FINE_DEGREES
    near_lat = min(max(lat, south), south + FINE_DEGREES)
    near_lon = min(max(lon, west), west + FINE_DEGREES)
    a = (
        math.sin(math.radians(near_lat - lat) / 2) ** 2
        + cos_phi * math.cos(math.radians(near_lat)) * math.sin(math.radians(near_lon - lon) / 2) ** 2
    )
    return a > A20 * 1.02


def _nearest_beyond(phi, lam, cos_phi, around: list, cells: dict) -> float:
    """The smallest `a` up to SEARCH_RADIUS_KM among one key's places (few: the key is rare around here)."""
    best = math.inf
    if len(cells) < len(around):  # a rare key: visit its few cells rather than the whole neighbourhood
        wanted = set(around)
        around = [cell for cell in cells if cell in wanted]
    for cell in around:
        for p_phi, p_lam, p_cos in cells.get(cell, ()):
            a = math.sin((p_phi - phi) / 2) ** 2 + cos_phi * p_cos * math.sin((p_lam - lam) / 2) ** 2
            best = min(best, a)
    return best if best <= A_MAX else math.inf


def _km(a: float) -> float | None:
    if a == math.inf:
        return None
    return round(2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a))), 2)


def neighbourhood(south: float, north: float, west: float, east: float) -> tuple[float, float, float, float]:
    """A box widened by SEARCH_RADIUS_KM on every side, as (west, south, east, north) for in_bbox()."""
    lat_for_lon = max(abs(south), abs(north))  # longitudes shrink toward the pole: widen the most there
    low, _, _, _ = bounding_box(south, 0, SEARCH_RADIUS_KM)
    _, high, _, _ = bounding_box(north, 0, SEARCH_RADIUS_KM)
    _, _, lon_low, lon_high = bounding_box(lat_for_lon, 0, SEARCH_RADIUS_KM)
    return west + lon_low, low, east + lon_high, high


def _read_places(box: tuple[float, float, float, float]) -> list[tuple[float, float, tuple[int, ...]]]:
    # The raw bit masks: decoding them into lists of codes for 100,000s of rows costs more than the query.
    rows = (
        Place.objects.published()
        .in_bbox(*box)
        .annotate(
            offers_mask=Cast("offers", BigIntegerField()), services_mask=Cast("services", BigIntegerField())
        )
        .values_list("latitude", "longitude", "offers_mask", "services_mask")
        .order_by()
    )
    return [(lat, lon, _keys_of_masks(offers, services)) for lat, lon, offers, services in rows]


@cache
def _keys_of_masks(offers: int, services: int) -> tuple[int, ...]:
    field = Place._meta.get_field
    return place_keys(field("offers").from_mask(offers), field("services").from_mask(services))


def places_signature(departement: str) -> tuple[int, object]:
    """How many places (any status) lie around the département, and the latest change among them.

    Any creation, edit, status change or move inside the neighbourhood changes it; so does a deletion.
    """
    box = Commune.objects.filter(departement=departement).aggregate(
        south=Min("latitude"), north=Max("latitude"), west=Min("longitude"), east=Max("longitude")
    )
    if box["south"] is None:
        return 0, None
    around = neighbourhood(box["south"], box["north"], box["west"], box["east"])
    result = Place.objects.in_bbox(*around).aggregate(count=Count("id"), last=Max("updated_at"))
    return result["count"], result["last"]


def compute_coverage(*, departements: list[str] | None = None) -> ComputeReport:
    """Compute and store the coverage of the communes of these départements (all of them when None)."""
    started = time.perf_counter()
    communes = Commune.objects.order_by()
    if departements is not None:
        communes = communes.filter(departement__in=departements)
    communes = list(communes.values_list("id", "departement", "latitude", "longitude"))
    report = ComputeReport(departements=sorted({row[1] for row in communes}), communes=len(communes))
    signatures = {code: places_signature(code) for code in report.departements}
    rows = []
    for batch in _batches(communes):
        lats, lons = [row[2] for row in batch], [row[3] for row in batch]
        tick = time.perf_counter()
        places = _read_places(neighbourhood(min(lats), max(lats), min(lons), max(lons)))
        report.places_read += len(places)
        report.reading_s += time.perf_counter() - tick
        tick = time.perf_counter()
        grid = PlaceGrid(places)
        for commune_id, departement, lat, lon in batch:
            for key, figures in zip(KEYS, measure(lat, lon, grid), strict=True):
                rows.append((commune_id, departement, key, *figures))
        report.measuring_s += time.perf_counter() - tick
    report.rows = len(rows)
    tick = time.perf_counter()
    report.seconds = _store(rows, report.departements, signatures, departements is None, started)
    report.writing_s = time.perf_counter() - tick
    return report


def _batches(communes: list) -> list[list]:
    cells: dict[tuple[int, int], list] = defaultdict(list)
    for row in communes:
        cells[(math.floor(row[2] / CELL_DEGREES), math.floor(row[3] / CELL_DEGREES))].append(row)
    return list(cells.values())


def _store(rows, departements, signatures, everything: bool, started: float) -> float:
    """Replace the stored rows in one transaction: readers see the old figures or the new, never half."""
    try:
        with transaction.atomic():
            stale = CommuneCoverage.objects.all()
            if not everything:
                stale = stale.filter(departement__in=departements)
            stale.delete()
            _insert(rows)
            seconds = time.perf_counter() - started
            for code in departements:
                count, last = signatures[code]
                CoverageRun.objects.update_or_create(
                    departement=code,
                    defaults={"places_count": count, "places_updated_at": last, "duration_s": seconds},
                )
    except IntegrityError:
        pass  # a concurrent computation of the same communes stored its rows first: they are as fresh
    return time.perf_counter() - started


COLUMNS = ["commune_id", "departement", "key", "nearest_km", "within_5km", "within_10km", "within_20km"]


def _insert(rows: list[tuple]) -> None:
    """Half a million rows for France: COPY on PostgreSQL, executemany on SQLite (the ORM's bulk_create
    spends most of its time building model instances and SQL text)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())  # converted once, not per row
    table = connection.ops.quote_name(CommuneCoverage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in [*COLUMNS, "created_at", "updated_at"])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, now, now))
            return
        values = ", ".join(["%s"] * (len(COLUMNS) + 2))
        for start in range(0, len(rows), WRITE_BATCH):
            batch = [(*row, now, now) for row in rows[start : start + WRITE_BATCH]]
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({values})", batch)


def ensure_fresh(departement: str) -> CoverageRun | None:
    """The département's last computation, recomputed first if places around it changed since."""
    run = CoverageRun.objects.filter(departement=departement).first()
    signature = places_signature(departement)
    if run is None or (run.places_count, run.places_updated_at) != signature:
        compute_coverage(departements=[departement])
        run = CoverageRun.objects.filter(departement=departement).first()
    return run
