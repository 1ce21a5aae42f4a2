"""Generated places spread like the French population, for the benchmarks (never for tests or production).

Each place is put in a commune drawn with a probability proportional to its population, at a random point of
a disc of the commune's area. Deterministic for a given seed. Generated places have slugs `bench-<n>`, so a
benchmark can tell them from places its own requests wrote.
"""

import math
import random

from django.db import connection

from places import choices
from places.choices import normalize_label
from places.models import Commune, Place

SLUG_PREFIX = "bench-"
BATCH = 5_000
HOURS = ["Mo-Fr 09:00-12:00,14:00-17:00", "Tu-Sa 10:00-18:00", "Mo,We,Fr 14:00-18:00", ""]


def add_generated_places(target: int, *, seed: int = 42) -> int:
    """Add generated places until `target` of them exist; returns how many were added."""
    start = Place.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if start >= target:
        return 0
    communes = list(
        Commune.objects.filter(kind="COM", population__gt=0).values_list(
            "code", "name", "departement", "latitude", "longitude", "area_km2", "population", "postal_codes"
        )
    )
    rng = random.Random(seed + start)
    picks = rng.choices(communes, weights=[row[6] for row in communes], k=target - start)
    batch = []
    for number, row in enumerate(picks, start=start):
        batch.append(_place(number, row, rng))
        if len(batch) == BATCH:
            Place.objects.bulk_create(batch)
            batch = []
    Place.objects.bulk_create(batch)
    # Fresh planner statistics and, on PostgreSQL, the visibility map that lets a scan answer from an index
    # alone: what autovacuum would do a little later.
    vacuum = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(f"{vacuum} {Place._meta.db_table}")
    return target - start


def replace_generated_places(count: int, *, seed: int = 42) -> None:
    """Exactly `count` generated places and no other place (done once: kept when already so)."""
    if Place.objects.count() == count == Place.objects.filter(slug__startswith=SLUG_PREFIX).count():
        return
    Place.objects.all().delete()
    add_generated_places(count, seed=seed)


def _place(number: int, row: tuple, rng: random.Random) -> Place:
    code, name, departement, lat, lon, area, _population, postal_codes = row
    distance_km = math.sqrt(max(area, 0.5) / math.pi) * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    postal_code = (postal_codes or ["00000"])[0]
    place = Place(
        slug=f"{SLUG_PREFIX}{number}",
        name=f"Lieu de médiation {number}",
        address=f"{number} rue de la République",
        postal_code=postal_code,
        commune=name,
        insee_code=code,
        departement=departement,
        latitude=round(lat + distance_km * math.cos(angle) / 111.2, 6),
        longitude=round(lon + distance_km * math.sin(angle) / (111.2 * math.cos(math.radians(lat))), 6),
        offers=rng.sample(choices.Offer.values, k=rng.randint(1, 3)),
        services=rng.sample(choices.Service.values, k=rng.randint(1, 4)),
        opening_hours=rng.choice(HOURS),
    )
    place.search_text = normalize_label(f"{place.name} {place.commune} {postal_code} {place.address}")
    return place


def query_points(count: int, *, seed: int = 7) -> list[tuple[float, float]]:
    """Points where people search: commune centres drawn by population."""
    communes = list(
        Commune.objects.filter(kind="COM", population__gt=0).values_list(
            "latitude", "longitude", "population"
        )
    )
    rng = random.Random(seed)
    return [(lat, lon) for lat, lon, _ in rng.choices(communes, weights=[c[2] for c in communes], k=count)]
