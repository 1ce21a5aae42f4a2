"""A small hand-made territory, « 99 », on the equator: there one degree of longitude is exactly
KM_PER_DEGREE km of great circle, so every distance below is known by hand.

    commune         position   population
    99001 Alpha       0 km       1 000
    99002 Beta       30 km         500
    99003 Gamma     100 km         200

    place           position   published   offers                  services
    P1                3 km     yes         training                loisirs
    P2                8 km     yes         assistance              demarches
    P3               15 km     yes         training, mediation     —
    P4               26 km     yes         assistance              —
    P5                1 km     no (draft)  training                —
    P6              −45 km     yes         free_access             —
"""

from places.geo import KM_PER_DEGREE_LATITUDE as KM_PER_DEGREE
from places.models import Commune, Departement
from tests.factories import make_place


def lon(km: float) -> float:
    return km / KM_PER_DEGREE


def make_territory() -> Departement:
    departement = Departement.objects.create(code="99", name="Testland", region_code="99", region_name="Test")
    for code, name, km, population in [
        ("99001", "Alpha", 0, 1000),
        ("99002", "Beta", 30, 500),
        ("99003", "Gamma", 100, 200),
    ]:
        Commune.objects.create(
            code=code, name=name, departement="99", latitude=0.0, longitude=lon(km), population=population
        )
    for name, km, status, offers, services, insee in [
        ("P1", 3, "published", ["training"], ["loisirs"], "99001"),
        ("P2", 8, "published", ["assistance"], ["demarches"], "99001"),
        ("P3", 15, "published", ["mediation", "training"], [], "99001"),
        ("P4", 26, "published", ["assistance"], [], "99002"),
        ("P5", 1, "draft", ["training"], [], "99001"),
        ("P6", -45, "published", ["free_access"], [], ""),
    ]:
        make_place(
            name=name,
            latitude=0.0,
            longitude=lon(km),
            status=status,
            offers=offers,
            services=services,
            departement="99",
            insee_code=insee,
            postal_code="99000",
        )
    return departement
