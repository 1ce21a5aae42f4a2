"""Generated places spread like the French population, for benchmarks (never for tests or production).

Each place is put in a commune drawn with a probability proportional to its population, at a random point
within the commune's radius. Deterministic for a given seed.
"""

import math
import random

from places.models import Commune, Place

BATCH = 10_000


def add_generated_places(target: int, *, seed: int = 42) -> int:
    """Add generated places until the table holds `target`; returns how many were added."""
    missing = target - Place.objects.count()
    if missing <= 0:
        return 0
    communes = list(
        Commune.objects.filter(kind="COM", population__gt=0).values_list(
            "code", "name", "departement", "latitude", "longitude", "area_km2", "population"
        )
    )
    weights = [row[6] for row in communes]
    rng = random.Random(seed + target)
    start = Place.objects.count()
    added = 0
    while added < missing:
        size = min(BATCH, missing - added)
        batch = []
        for row in rng.choices(communes, weights=weights, k=size):
            code, name, departement, lat, lon, area, _ = row
            radius_km = math.sqrt(max(area, 0.5) / math.pi) * math.sqrt(rng.random())
            angle = rng.random() * 2 * math.pi
            number = start + added + len(batch)
            batch.append(
                Place(
                    slug=f"genere-{number}",
                    name=f"Lieu généré {number}",
                    address=f"{number} rue du Test",
                    postal_code="00000",
                    commune=name,
                    insee_code=code,
                    departement=departement,
                    latitude=lat + radius_km * math.cos(angle) / 111.2,
                    longitude=lon + radius_km * math.sin(angle) / (111.2 * math.cos(math.radians(lat))),
                    offers=rng.sample(
                        ["assistance", "mediation", "training", "free_access"], k=rng.randint(1, 3)
                    ),
                    services=rng.sample(["demarches", "outils_quotidien", "securite", "acces_internet"], k=2),
                    opening_hours=rng.choice(["Mo-Fr 09:00-12:00,14:00-17:00", "Tu-Sa 10:00-18:00", ""]),
                    search_text=f"lieu genere {number} {name.lower()}",
                )
            )
        Place.objects.bulk_create(batch, batch_size=2000)
        added += size
    return added


def query_points(count: int, *, seed: int = 7) -> list[tuple[float, float]]:
    """Points where people search: commune centres drawn by population."""
    communes = list(
        Commune.objects.filter(kind="COM", population__gt=0).values_list(
            "latitude", "longitude", "population"
        )
    )
    rng = random.Random(seed)
    return [(lat, lon) for lat, lon, _ in rng.choices(communes, weights=[c[2] for c in communes], k=count)]
