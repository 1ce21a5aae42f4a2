"""The directory's read rules, written once as QuerySet methods."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from places.models import Commune, Place
from tests.factories import make_place
from tests.places.query_plans import query_plan

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


def test_multi_valued_fields_filter_on_any_of_the_values():
    make_place(name="A", services=["demarches", "loisirs"])
    make_place(name="B", services=["loisirs"])
    make_place(name="C", services=["securite"])
    make_place(name="D", services=[])
    assert names(Place.objects.filter(services__any=["demarches", "securite"])) == {"A", "C"}
    assert names(Place.objects.filter(services__any=["loisirs"])) == {"A", "B"}


def test_multi_valued_fields_filter_on_all_of_the_values():
    make_place(name="A", publics=["jeunes", "seniors"])
    make_place(name="B", publics=["jeunes"])
    assert names(Place.objects.filter(publics__all=["jeunes", "seniors"])) == {"A"}


def test_multi_valued_field_reads_back_in_the_enumeration_order():
    place = make_place(services=["acces_internet", "demarches"])
    assert Place.objects.get(pk=place.pk).services == ["demarches", "acces_internet"]


def test_offering_keeps_places_with_any_of_the_kinds_of_help():
    make_place(name="Formation", offers=["training"])
    make_place(name="Assistance", offers=["assistance", "free_access"])
    make_place(name="Médiation", offers=["mediation"])
    assert names(Place.objects.offering("training", "free_access")) == {"Formation", "Assistance"}


def test_published_hides_drafts_and_closed_places():
    make_place(name="Ouvert")
    make_place(name="Brouillon", status="draft")
    make_place(name="Fermé", status="closed")
    assert names(Place.objects.published()) == {"Ouvert"}


def test_search_ignores_accents_and_case_and_looks_at_commune_and_address():
    make_place(name="Médiathèque Élisabeth", commune="Amiens", address="2 rue des Écoles")
    make_place(name="Tiers-lieu", commune="Abbeville", address="1 rue Haute")
    assert names(Place.objects.search("MEDIATHEQUE elisabeth")) == {"Médiathèque Élisabeth"}
    assert names(Place.objects.search("abbeville")) == {"Tiers-lieu"}
    assert names(Place.objects.search("ecoles")) == {"Médiathèque Élisabeth"}
    assert names(Place.objects.search("%")) == names(Place.objects.search(" -- ")) == set()


def test_open_at_evaluates_the_opening_hours_at_that_moment():
    make_place(name="Semaine", opening_hours="Mo-Fr 09:00-12:00,14:00-17:00")
    make_place(name="Samedi", opening_hours="Sa 09:00-12:00")
    make_place(name="Sans horaires", opening_hours="")
    monday_10 = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
    saturday_10 = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=PARIS)
    monday_13 = datetime.datetime(2026, 11, 23, 13, 0, tzinfo=PARIS)
    assert names(Place.objects.open_at(monday_10)) == {"Semaine"}
    assert names(Place.objects.open_at(saturday_10)) == {"Samedi"}
    assert names(Place.objects.open_at(monday_13)) == set()


def test_open_at_reads_utc_moments_in_paris_time():
    make_place(name="Matin", opening_hours="Mo 09:00-10:00")
    assert names(Place.objects.open_at(datetime.datetime(2026, 11, 23, 8, 30, tzinfo=datetime.UTC))) == {
        "Matin"
    }


def test_public_holidays_are_honoured():
    make_place(name="Fermé les jours fériés", opening_hours="Mo-Fr 09:00-17:00; PH off")
    christmas = datetime.datetime(2026, 12, 25, 10, 0, tzinfo=PARIS)  # a Friday
    assert names(Place.objects.open_at(christmas)) == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's (pg_trgm)")
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        # The search alone: on a test's tiny table the planner would rather filter the status index's rows.
        (lambda: Place.objects.search("médiathèque amiens"), "place_search_trgm"),
        (lambda: Commune.objects.search("Abbeville")[:5], "commune_search_trgm"),
    ],
)
def test_text_search_reads_a_trigram_index_on_postgresql(db, queryset, index):
    assert index in query_plan(queryset())


def test_a_search_word_matches_the_start_of_a_word_not_its_middle(db):
    make_place(name="Espace numérique", address="2 rue Haute", commune="Amiens", postal_code="80000")
    make_place(name="Mairie annexe", address="1 place Jean Jaurès", commune="Saint-Pol-sur-Mer")
    assert names(Place.objects.search("mer")) == {"Mairie annexe"}  # not "numérique"
    assert names(Place.objects.search("saint pol sur mer")) == {"Mairie annexe"}
    assert names(Place.objects.search("num")) == {"Espace numérique"}  # a word begun, as people type
