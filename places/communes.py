"""The commune reference table: loading it from the shipped INSEE files, and resolving a place's commune."""

import csv
import gzip
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from places.choices import DATA_DIR, normalize_label
from places.models import Commune, Departement

COMMUNES_FILE = DATA_DIR / "france_communes.csv.gz"
DEPARTEMENTS_FILE = DATA_DIR / "france_departements.csv"
REGIONS_FILE = DATA_DIR / "france_regions.csv"


def departement_of(insee_code: str) -> str:
    """The département code of an INSEE commune code: 59350 → 59, 2A004 → 2A, 97105 → 971."""
    return insee_code[:3] if insee_code[:2] in ("97", "98") else insee_code[:2]


def load_reference_tables(*, communes_file: Path = COMMUNES_FILE) -> tuple[int, int]:
    """Create or refresh the départements and communes tables (idempotent); returns their counts."""
    regions = {row["insee_reg"]: row["region"] for row in _read_csv(REGIONS_FILE)}
    departements = [
        Departement(
            code=row["insee_dep"],
            name=row["departement"],
            region_code=row["insee_reg"],
            region_name=regions.get(row["insee_reg"], ""),
        )
        for row in _read_csv(DEPARTEMENTS_FILE)
    ]
    communes = _communes_from_rows(_read_csv(communes_file))
    with transaction.atomic():
        Departement.objects.bulk_create(
            departements,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "region_code", "region_name", "updated_at"],
        )
        Commune.objects.bulk_create(
            communes,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=[
                "name",
                "kind",
                "parent_code",
                "departement",
                "region",
                "postal_codes",
                "former_names",
                "latitude",
                "longitude",
                "area_km2",
                "population",
                "search_text",
                "updated_at",
            ],
        )
    return len(departements), len(communes)


def _read_csv(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _communes_from_rows(rows) -> list[Commune]:
    """One Commune per INSEE code: its rows (one per postal code) merged; communes déléguées (COMD) folded into
    their parent as former names, since they share its code."""
    communes: dict[str, Commune] = {}
    delegated: list[dict] = []
    for row in rows:
        if row["commune_type"] == "COMD":
            delegated.append(row)
            continue
        commune = communes.get(row["insee_com"])
        if commune is None:
            commune = communes[row["insee_com"]] = Commune(
                code=row["insee_com"],
                name=row["commune_article"] or row["commune"],
                kind=row["commune_type"],
                parent_code=row["insee_parente"],
                departement=row["insee_dep"] or departement_of(row["insee_com"]),
                region=row["insee_reg"],
                postal_codes=[],
                former_names=[],
                latitude=float(row["lat"] or 0),
                longitude=float(row["lng"] or 0),
                area_km2=float(row["superficie_km2"] or 0),
                population=int(row["population_2021"] or 0),
            )
        if row["code_postal"] and row["code_postal"] not in commune.postal_codes:
            commune.postal_codes.append(row["code_postal"])
    for row in delegated:
        parent = communes.get(row["insee_parente"] or row["insee_com"])
        if parent is None:
            continue
        name = row["commune_article"] or row["commune"]
        if name != parent.name and name not in parent.former_names:
            parent.former_names.append(name)
        if row["code_postal"] and row["code_postal"] not in parent.postal_codes:
            parent.postal_codes.append(row["code_postal"])
    for commune in communes.values():
        commune.search_text = normalize_label(" ".join([commune.name, *commune.former_names]))
    return [commune for commune in communes.values() if commune.latitude or commune.longitude]


@dataclass(frozen=True)
class CommuneRef:
    code: str
    name: str
    departement: str
    latitude: float
    longitude: float


class CommuneIndex:
    """The whole commune table in memory (≈35,000 small rows), to resolve imported rows without a query each."""

    def __init__(self) -> None:
        self.by_code: dict[str, CommuneRef] = {}
        self.by_postal_code: dict[str, list[CommuneRef]] = defaultdict(list)
        self.by_name: dict[str, list[CommuneRef]] = defaultdict(list)
        self.first_postal_code: dict[str, str] = {}
        rows = Commune.objects.values_list(
            "code", "name", "departement", "latitude", "longitude", "postal_codes", "former_names"
        )
        for code, name, departement, lat, lon, postal_codes, former_names in rows.iterator(chunk_size=5000):
            ref = CommuneRef(code, name, departement, lat, lon)
            self.by_code[code] = ref
            self.first_postal_code[code] = postal_codes[0] if postal_codes else ""
            for postal_code in postal_codes:
                self.by_postal_code[postal_code].append(ref)
            for known_name in [name, *former_names]:
                self.by_name[_commune_key(known_name)].append(ref)

    def __len__(self) -> int:
        return len(self.by_code)

    def postal_code_of(self, commune: CommuneRef | None) -> str:
        """The commune's first postal code ('' when unknown)."""
        return self.first_postal_code.get(commune.code, "") if commune else ""

    def resolve(self, *, insee_code: str = "", postal_code: str = "", name: str = "") -> CommuneRef | None:
        """The commune an address names, from its INSEE code, else its postal code and name."""
        if insee_code in self.by_code:
            return self.by_code[insee_code]
        key = _commune_key(name)
        candidates = self.by_postal_code.get(postal_code, [])
        if len(candidates) == 1:
            return candidates[0]
        named = [ref for ref in candidates if ref in self.by_name.get(key, [])]
        if named:
            return named[0]
        departement = departement_of(postal_code) if postal_code else ""
        same_name = [ref for ref in self.by_name.get(key, []) if ref.departement == departement]
        if len(same_name) == 1:
            return same_name[0]
        return None


def _commune_key(name: str) -> str:
    """« ST-OMER CEDEX » and « Saint-Omer » give the same key."""
    words = normalize_label(name).split()
    words = [
        "saint" if w == "st" else "sainte" if w == "ste" else w
        for w in words
        if w != "cedex" and not w.isdigit()
    ]
    return " ".join(words)


def find_commune(*, postal_code: str, name: str) -> Commune | None:
    """The commune of a postal code and commune name, read from the table (a few rows: no index in memory)."""
    candidates = (
        list(Commune.objects.filter(postal_codes__icontains=f'"{postal_code}"')) if postal_code else []
    )
    if len(candidates) == 1:
        return candidates[0]
    key = _commune_key(name)
    named = [c for c in candidates if key in {_commune_key(n) for n in [c.name, *c.former_names]}]
    return named[0] if named else None
