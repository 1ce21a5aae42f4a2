"""A territory's statistics: its places by kind of help, service, structure type and programme, how fresh
the listings are, and how many places there are for 10,000 inhabitants by size of commune."""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from places.choices import Offer, Programme, Service, structure_types
from places.models import Commune, Departement, Place

CHECKED_WITHIN_MONTHS = 6
# (lowest population, label): a commune belongs to the last band whose lowest population it reaches
POPULATION_BANDS = [
    (0, _("moins de 1 000 habitants")),
    (1_000, _("de 1 000 à 4 999 habitants")),
    (5_000, _("de 5 000 à 19 999 habitants")),
    (20_000, _("de 20 000 à 99 999 habitants")),
    (100_000, _("100 000 habitants et plus")),
]


@dataclass(frozen=True)
class Band:
    label: str
    communes: int
    population: int
    places: int

    @property
    def places_per_10000(self) -> float | None:
        return round(10_000 * self.places / self.population, 2) if self.population else None


@dataclass(frozen=True)
class TerritoryStatistics:
    departement: Departement
    places: int
    by_offer: list[tuple[str, int]]
    by_service: list[tuple[str, int]]
    by_structure_type: list[tuple[str, int]]
    by_programme: list[tuple[str, int]]
    checked_recently: int
    bands: list[Band]

    @property
    def checked_share(self) -> float:
        return round(100 * self.checked_recently / self.places, 1) if self.places else 0.0


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier, clamped to the month's last day (31 August − 6 months = 28/29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def territory_statistics(departement: Departement, *, today: datetime.date) -> TerritoryStatistics:
    """The published places of the département (by their own département field), counted in one query."""
    rows = list(
        Place.objects.published()
        .filter(departement=departement.code)
        .with_checked_on()
        .order_by()
        .values_list("offers", "services", "programmes", "structure_types", "checked_on", "insee_code")
    )
    since = months_before(today, CHECKED_WITHIN_MONTHS)
    offers, services, programmes, types = Counter(), Counter(), Counter(), Counter()
    for row_offers, row_services, row_programmes, row_types, _checked, _insee in rows:
        offers.update(row_offers)
        services.update(row_services)
        programmes.update(row_programmes)
        types.update(row_types)
    labels = structure_types()
    return TerritoryStatistics(
        departement=departement,
        places=len(rows),
        by_offer=[(str(member.label), offers[member.value]) for member in Offer],
        by_service=[(str(member.label), services[member.value]) for member in Service],
        by_structure_type=[(labels.get(code, code), n) for code, n in types.most_common()],
        by_programme=[(str(member.label), programmes[member.value]) for member in Programme],
        checked_recently=sum(1 for row in rows if row[4] >= since),
        bands=_bands(departement, Counter(row[5] for row in rows)),
    )


def _bands(departement: Departement, places_by_commune: Counter) -> list[Band]:
    totals = [[0, 0, 0] for _ in POPULATION_BANDS]  # communes, population, places
    communes = Commune.objects.filter(departement=departement.code).values_list("code", "population")
    for code, population in communes:
        band = max(i for i, (lowest, _label) in enumerate(POPULATION_BANDS) if population >= lowest)
        totals[band][0] += 1
        totals[band][1] += population
        totals[band][2] += places_by_commune.get(code, 0)
    return [
        Band(str(label), *total) for (_lowest, label), total in zip(POPULATION_BANDS, totals, strict=True)
    ]
