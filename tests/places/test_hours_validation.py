"""A time range that ends when it starts ("Fr 13:30-13:30") is a data error, not 24 hours: refused by the one
rule of places.validation, so by the model, the API and the importers, and cleared from stored places."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from places.importers.run import import_file
from places.models import Place
from places.validation import PARIS, clean_opening_hours
from tests.factories import auth, make_partner_token, make_place

SAME_TIME = (
    "La plage « %s » commence et finit à la même heure : indiquez l'heure de fermeture "
    "(pour 24 h sur 24, écrivez 00:00-24:00)."
)
BACKWARD = (
    "La plage « %s » finit avant de commencer : vérifiez les heures "
    "(pour une ouverture qui passe minuit, écrivez par exemple 22:00-26:00)."
)
WINGLES = "Mo,Tu 13:30-15:30; Th 00:00-00:00; Fr 13:30-13:30"  # the demo's PIJ de Wingles
URL = "/api/v1/places/"


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("Fr 13:30-13:30", SAME_TIME % "13:30-13:30"),
        ("Th 00:00-00:00", SAME_TIME % "00:00-00:00"),
        (WINGLES, SAME_TIME % "00:00-00:00"),
        ("Mo 09:00-12:00,14:00-14:00", SAME_TIME % "14:00-14:00"),
        ("Mo 9:00-09:00", SAME_TIME % "9:00-09:00"),
        ("Mo 10:00 - 10:00", SAME_TIME % "10:00 - 10:00"),
        ("Mo 10:00-10:00/01:00", SAME_TIME % "10:00-10:00"),
        ("2026 Dec 24 10:00-10:00", SAME_TIME % "10:00-10:00"),
        ("Mo-Fr 12:00-10:00", BACKWARD % "12:00-10:00"),  # a typo the evaluator would read as open all night
        ("Fr 22:00-02:00", BACKWARD % "22:00-02:00"),
        ("Mo 09:00-12:00,14:00-13:00", BACKWARD % "14:00-13:00"),
    ],
)
def test_a_range_ending_when_or_before_it_starts_is_refused_with_a_message_naming_it(hours, message):
    with pytest.raises(ValidationError) as caught:
        clean_opening_hours(hours)
    assert caught.value.code == "invalid_hours"
    assert caught.value.messages == [message]


@pytest.mark.parametrize(
    "hours",
    [
        "Mo-Fr 09:00-12:00",
        "Mo 00:00-24:00",
        "Fr 18:00-00:00",  # until midnight
        "Fr 22:00-26:00",  # a night opening, written out
        "Mo 12:00-36:00",  # 24 hours, written out
        "24/7",
        "Mo 10:00-16:00/01:30",
        "week 01-53/2 Mo 10:00-12:00",
        'Mo 10:00-12:00 "pas de 12:00-12:00 le mardi"',  # a comment is no range
        "Mo (sunrise-01:00)-12:00",
    ],
)
def test_real_ranges_are_kept(hours):
    assert clean_opening_hours(hours) == hours


@pytest.mark.django_db
def test_the_model_refuses_such_hours():
    place = Place(name="PIJ", address="1 rue", postal_code="62410", commune="Wingles", opening_hours=WINGLES)
    with pytest.raises(ValidationError) as caught:
        place.full_clean()
    assert caught.value.message_dict["opening_hours"] == [SAME_TIME % "00:00-00:00"]


@pytest.mark.django_db
def test_stored_hours_ending_when_they_start_never_count_as_open():
    place = make_place(opening_hours="Mo 09:00-12:00")
    Place.objects.filter(pk=place.pk).update(opening_hours=WINGLES)  # stored before the rule
    place.refresh_from_db()
    saturday_morning = datetime.datetime(2026, 12, 5, 6, 44, tzinfo=PARIS)
    assert place.is_open_at(saturday_morning) is False
    assert not Place.objects.open_at(saturday_morning).exists()


@pytest.mark.django_db
def test_an_imported_record_with_such_hours_is_kept_without_hours_and_with_a_warning(tmp_path):
    source = tmp_path / "wingles.csv"
    source.write_text(
        "id,nom,commune,code_postal,code_insee,adresse,latitude,longitude,horaires,date_maj\n"
        f'pij,PIJ de Wingles,Wingles,62410,62894,1 rue de la Paix,50.49,2.85,"{WINGLES}",2024-03-01\n',
        encoding="utf-8",
    )
    lines = []
    report = import_file(source, source="test", report_line=lines.append)
    assert (report.created, report.rejected_total) == (1, 0)
    assert report.warnings == {"horaires invalides": 1}
    assert lines == [f"ligne 2 : {SAME_TIME % '00:00-00:00'} (valeur ignorée)"]
    place = Place.objects.get()
    assert (place.name, place.opening_hours) == ("PIJ de Wingles", "")


def test_an_api_change_to_such_hours_is_a_400_and_changes_nothing(api_client, db):
    # A creation with such hours: test_api_writes.TestCreate.test_a_bad_field_is_a_400_naming_it…
    _, key = make_partner_token(departements=["80"])
    place = make_place(opening_hours="Mo-Fr 09:00-12:00")
    change = {"opening_hours": "Th 00:00-00:00"}
    response = api_client.patch(f"{URL}{place.pk}/", change, format="json", **auth(key))
    assert response.status_code == 400
    assert response.json() == {"opening_hours": [SAME_TIME % "00:00-00:00"]}
    place.refresh_from_db()
    assert place.opening_hours == "Mo-Fr 09:00-12:00"


@pytest.mark.django_db
def test_the_data_migration_clears_only_the_hours_with_a_range_ending_when_it_starts():
    migration = importlib.import_module("places.migrations.0008_clear_zero_length_hours")
    kept = ["Mo 00:00-24:00", "Fr 22:00-26:00", 'Mo 10:00-12:00 "pas de 12:00-12:00"', ""]
    places = {hours: make_place(opening_hours=hours) for hours in kept}
    stored_before = make_place(opening_hours="Mo 09:00-12:00")
    Place.objects.filter(pk=stored_before.pk).update(opening_hours=WINGLES)
    before = stored_before.updated_at
    migration.clear_zero_length_hours(apps, None)
    stored_before.refresh_from_db()
    assert stored_before.opening_hours == ""
    assert stored_before.updated_at > before  # seen by the ETags and by partners syncing with updated_since
    assert {hours: Place.objects.get(pk=place.pk).opening_hours for hours, place in places.items()} == {
        hours: hours for hours in kept
    }
