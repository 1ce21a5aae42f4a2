import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from places.models import Place
from places.validation import format_phone, parse_phone, parse_pivot
from tests.factories import make_place


def errors_of(**fields) -> dict:
    place = Place(name="Lieu", address="1 rue de la Paix", postal_code="80000", commune="Amiens", **fields)
    with pytest.raises(ValidationError) as caught:
        place.full_clean()
    return caught.value.message_dict


@pytest.mark.django_db
class TestPlaceValidation:
    def test_latitude_out_of_range_is_refused_with_a_message(self):
        assert errors_of(latitude=200, longitude=2)["latitude"] == [
            "La latitude doit être comprise entre -90 et 90 (reçu 200)."
        ]

    def test_longitude_out_of_range_is_refused_with_a_message(self):
        assert "longitude" in errors_of(latitude=49, longitude=-181)

    def test_invalid_opening_hours_are_refused_with_a_message(self):
        message = errors_of(opening_hours="Lundi 9h-12h")["opening_hours"][0]
        assert message.startswith("Les horaires « Lundi 9h-12h » ne sont pas au format OpenStreetMap")

    def test_phone_not_in_the_standard_form_is_refused(self):
        assert "phone" in errors_of(phone="03 21 13 44 20")

    def test_bad_siret_is_refused_with_a_message(self):
        assert errors_of(pivot="12345678901234")["pivot"] == [
            "Le numéro SIRET « 12345678901234 » n'est pas valide (sa clé de contrôle ne correspond pas)."
        ]

    def test_summary_of_281_characters_is_refused(self):
        message = errors_of(summary="a" * 281)["summary"][0]
        assert "280" in message

    def test_summary_of_280_characters_is_accepted(self):
        assert make_place(summary="a" * 280).summary == "a" * 280

    def test_unknown_service_is_refused(self):
        assert "services" in errors_of(services=["cuisine"])

    def test_valid_place_is_saved_with_a_slug(self):
        place = make_place(name="Espace numérique", commune="Amiens")
        assert place.slug == "espace-numerique-amiens"
        assert make_place(name="Espace numérique", commune="Amiens").slug == "espace-numerique-amiens-2"


@pytest.mark.django_db
class TestDatabaseConstraints:
    """The database refuses what the model's validation refuses, even when validation is bypassed."""

    def test_latitude_range_is_a_database_constraint(self):
        place = make_place()
        with pytest.raises(IntegrityError), transaction.atomic():
            Place.objects.filter(pk=place.pk).update(latitude=91)

    def test_latitude_without_longitude_is_refused_by_the_database(self):
        place = make_place()
        with pytest.raises(IntegrityError), transaction.atomic():
            Place.objects.filter(pk=place.pk).update(longitude=None)

    def test_summary_length_is_a_database_constraint(self):
        place = make_place()
        # PostgreSQL's varchar(280) refuses it first (DataError), SQLite's check constraint (IntegrityError).
        with pytest.raises((IntegrityError, DataError)), transaction.atomic():
            Place.objects.filter(pk=place.pk).update(summary="a" * 281)

    def test_same_source_id_cannot_be_stored_twice(self):
        place = make_place()
        place.sources.create(source="s", external_id="1")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_place().sources.create(source="s", external_id="1")


class TestPhone:
    @pytest.mark.parametrize(
        ("raw", "stored"),
        [
            ("03 21 13 44 20", "+33321134420"),
            ("03.21.13.44.20", "+33321134420"),
            ("+33 3 21 13 44 20", "+33321134420"),
            ("0033321134420", "+33321134420"),
            ("+33(0)3 21 13 44 20", "+33321134420"),
            ("0690 12 34 56", "+590690123456"),
            ("0262 12 34 56", "+262262123456"),
        ],
    )
    def test_french_forms_are_stored_in_the_standard_form(self, raw, stored):
        assert parse_phone(raw) == stored

    def test_new_caledonian_six_digit_number_gets_its_country_code(self):
        assert parse_phone("44 57 28", departement="988") == "+687445728"

    @pytest.mark.parametrize("raw", ["12", "+3366323200", "03 21 13 44", "téléphone"])
    def test_wrong_numbers_are_refused_with_a_message(self, raw):
        with pytest.raises(ValidationError) as caught:
            parse_phone(raw)
        assert caught.value.messages[0].startswith(f"Le numéro de téléphone « {raw} » n'est pas valide")

    def test_stored_phone_is_shown_in_french_form(self):
        assert format_phone("+33321134420") == "03 21 13 44 20"
        assert format_phone("+687445728") == "+687 44 57 28"


class TestPivot:
    def test_placeholder_means_no_siret(self):
        assert parse_pivot("00000000000000") == ""

    def test_valid_siret_siren_and_rna_are_kept(self):
        assert parse_pivot("43493312300029") == "43493312300029"
        assert parse_pivot("434933123") == "434933123"
        assert parse_pivot("w595012345") == "W595012345"

    def test_la_poste_siret_follows_its_own_rule(self):
        assert parse_pivot("35600000000010") == "35600000000010"

    def test_malformed_pivot_is_refused(self):
        with pytest.raises(ValidationError):
            parse_pivot("2000739000010")
