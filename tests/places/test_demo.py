"""The Hauts-de-France demo: three sources merged without duplicates, exported in the national standard."""

import csv
import itertools

import pytest
from django.core.management import call_command

from places.dedupe import name_key, names_similar
from places.demo import load_demo
from places.geo import haversine_km
from places.models import Place, PlaceSource
from tests.places.schema import validate_standard_csv


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (committed), removed afterwards."""
    with django_db_blocker.unblock():
        reports = load_demo()
        yield {report.source: report for report in reports}
        Place.history.all().delete()
        Place.objects.all().delete()


pytestmark = pytest.mark.django_db


def test_demo_merges_the_three_sources_into_1790_places(demo):
    counts = {source: (r.created, r.merged, r.rejected_total) for source, r in demo.items()}
    assert counts == {
        "france-services-hdf": (193, 1, 0),
        "conseillers-numeriques-hdf": (246, 14, 0),
        "portrea-hdf": (1351, 390, 0),
    }
    assert Place.objects.count() == 1790
    assert PlaceSource.objects.count() == 194 + 260 + 1741
    assert set(Place.objects.values_list("departement", flat=True)) == {"02", "59", "60", "62", "80"}


def test_a_place_found_in_several_sources_keeps_every_source_id(demo):
    place = Place.objects.get(sources__source="france-services-hdf", sources__external_id="3")
    assert place.name == "Bus France services Thiérache Sambre et Oise"
    merged = Place.objects.filter(sources__source="portrea-hdf").filter(sources__source="france-services-hdf")
    assert merged.count() > 50


def test_demo_leaves_no_duplicate_pair(demo):
    """No two places with the same name and address, nor two within 60 m with similar names."""
    rows = list(Place.objects.values("pk", "name", "address", "postal_code", "latitude", "longitude"))
    same_identity = {}
    for row in rows:
        key = (name_key(row["name"]), name_key(row["address"]), row["postal_code"])
        assert key not in same_identity, (row, same_identity[key])
        same_identity[key] = row
    cells: dict[tuple, list] = {}
    for row in rows:
        cells.setdefault((round(row["latitude"], 2), round(row["longitude"], 2)), []).append(row)
    pairs = []
    for (lat, lon), here in cells.items():
        around = [
            other
            for dlat, dlon in itertools.product((-0.01, 0, 0.01), repeat=2)
            for other in cells.get((round(lat + dlat, 2), round(lon + dlon, 2)), [])
        ]
        for a in here:
            for b in around:
                if (
                    a["pk"] < b["pk"]
                    and haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]) < 0.06
                ):
                    if names_similar(a["name"], b["name"]):
                        pairs.append((a["name"], b["name"]))
    assert pairs == []


def test_reloading_the_demo_changes_nothing(demo):
    before = Place.objects.count()
    reports = load_demo()
    assert [r.unchanged for r in reports] == [194, 260, 1741]
    assert Place.objects.count() == before


def test_portrea_hours_known_to_be_wrong_are_not_imported(demo):
    only_portrea = Place.objects.filter(sources__source="portrea-hdf").exclude(
        sources__source__in=["france-services-hdf", "conseillers-numeriques-hdf"]
    )
    assert not only_portrea.exclude(opening_hours="").exists()


def test_export_of_the_demo_validates_against_the_official_schema(demo, tmp_path):
    path = tmp_path / "export.csv"
    call_command("export_places", str(path))
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1790
    assert validate_standard_csv(path) == []
