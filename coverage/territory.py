"""A territory's coverage as the page and the API show it: one function computes both."""

from dataclasses import dataclass

from django.db.models import F

from coverage.compute import ensure_fresh
from coverage.models import CommuneCoverage
from places.models import Departement

FAR_KM = 10  # the headline's threshold: "lives more than 10 km from a place"


@dataclass(frozen=True)
class CommuneFigures:
    code: str
    name: str
    population: int
    latitude: float
    longitude: float
    nearest_km: float | None  # None: no place within SEARCH_RADIUS_KM
    within_5km: int
    within_10km: int
    within_20km: int

    @property
    def is_far(self) -> bool:
        return self.nearest_km is None or self.nearest_km > FAR_KM


@dataclass(frozen=True)
class TerritoryCoverage:
    departement: Departement
    key: str
    communes: list[CommuneFigures]  # least covered first
    computed_at: object

    @property
    def population(self) -> int:
        return sum(commune.population for commune in self.communes)

    @property
    def far_population(self) -> int:
        return sum(commune.population for commune in self.communes if commune.is_far)

    @property
    def far_communes(self) -> int:
        return sum(1 for commune in self.communes if commune.is_far)

    @property
    def far_share(self) -> float:
        """Percentage of the population living more than FAR_KM from a place, one decimal."""
        return round(100 * self.far_population / self.population, 1) if self.population else 0.0


def territory_coverage(departement: Departement, key: str) -> TerritoryCoverage:
    """Every commune of the département with its figures for the key, the least covered first.

    Recomputes the département first when places around it changed since its last computation.
    """
    run = ensure_fresh(departement.code)
    rows = (
        CommuneCoverage.objects.filter(departement=departement.code, key=key)
        .order_by(F("nearest_km").desc(nulls_first=True), "-commune__population", "commune__code")
        .values_list(
            "commune__code",
            "commune__name",
            "commune__population",
            "commune__latitude",
            "commune__longitude",
            "nearest_km",
            "within_5km",
            "within_10km",
            "within_20km",
        )
    )
    return TerritoryCoverage(
        departement=departement,
        key=key,
        communes=[CommuneFigures(*row) for row in rows],
        computed_at=run.updated_at if run else None,
    )
