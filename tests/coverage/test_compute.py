import pytest
from django.core.management import CommandError, call_command

from coverage.compute import compute_coverage, ensure_fresh
from coverage.models import CommuneCoverage, CoverageRun
from places.models import Place
from tests.coverage.territory import lon, make_territory
from tests.factories import make_place

pytestmark = pytest.mark.django_db


def figures(code: str, key: str) -> tuple:
    row = CommuneCoverage.objects.get(commune__code=code, key=key)
    nearest = None if row.nearest_km is None else pytest.approx(row.nearest_km, abs=0.01)
    return nearest, row.within_5km, row.within_10km, row.within_20km


def test_every_distance_and_count_matches_the_hand_computed_ones():
    make_territory()
    report = compute_coverage(departements=["99"])
    assert (report.communes, report.rows) == (3, 3 * 14)
    # Alpha (0 km): P1 3, P2 8, P3 15, P4 26, P6 45 km; the draft P5 (1 km) never counts.
    assert figures("99001", "all") == (3, 1, 2, 3)
    assert figures("99001", "training") == (3, 1, 1, 2)
    assert figures("99001", "assistance") == (8, 0, 1, 1)
    assert figures("99001", "mediation") == (15, 0, 0, 1)
    assert figures("99001", "free_access") == (45, 0, 0, 0)
    assert figures("99001", "loisirs") == (3, 1, 1, 1)
    assert figures("99001", "demarches") == (8, 0, 1, 1)
    assert figures("99001", "securite") == (None, 0, 0, 0)
    # Beta (30 km): P1 27, P2 22, P3 15, P4 4, P6 75 km.
    assert figures("99002", "all") == (4, 1, 1, 2)
    assert figures("99002", "training") == (15, 0, 0, 1)
    assert figures("99002", "assistance") == (4, 1, 1, 1)
    assert figures("99002", "free_access") == (None, 0, 0, 0)  # 75 km: beyond the 50 km searched
    # Gamma (100 km): the nearest, P4, is 74 km away.
    assert figures("99003", "all") == (None, 0, 0, 0)


def test_a_place_in_another_departement_counts_for_the_communes_near_it():
    make_territory()
    make_place(latitude=0.0, longitude=lon(97), departement="98", offers=["training"], postal_code="98000")
    compute_coverage(departements=["99"])
    assert figures("99003", "training") == (3, 1, 1, 1)


def test_recomputing_replaces_the_rows_instead_of_adding_to_them():
    make_territory()
    compute_coverage(departements=["99"])
    compute_coverage(departements=["99"])
    assert CommuneCoverage.objects.filter(departement="99").count() == 3 * 14


def test_coverage_is_recomputed_when_a_place_around_changes():
    make_territory()
    ensure_fresh("99")
    first = CoverageRun.objects.get(departement="99").updated_at
    ensure_fresh("99")
    assert CoverageRun.objects.get(departement="99").updated_at == first  # nothing changed: not recomputed
    make_place(latitude=0.0, longitude=lon(98), departement="99", offers=["training"], postal_code="99000")
    ensure_fresh("99")
    assert figures("99003", "training") == (2, 1, 1, 1)


def test_a_deleted_place_triggers_a_recomputation():
    make_territory()
    ensure_fresh("99")
    Place.objects.get(name="P4").delete()
    ensure_fresh("99")
    assert figures("99002", "all") == (15, 0, 0, 1)


def test_the_command_computes_a_departement():
    make_territory()
    call_command("compute_coverage", "--departement", "99")
    assert CommuneCoverage.objects.filter(departement="99").count() == 42


def test_the_command_refuses_an_unknown_departement():
    with pytest.raises(CommandError, match="Unknown département"):
        call_command("compute_coverage", "--departement", "XX")
