"""POST and PATCH /api/v1/places/: partners' tokens (missing, wrong, revoked, out of scope), validation, and
the author of every change."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from accounts.models import User
from places.choices import Status
from places.models import Place
from tests.factories import auth, make_partner_token, make_place

URL = "/api/v1/places/"
NEW_PLACE = {
    "name": "Espace numérique de Doullens",
    "address": "2 place Thiers",
    "postal_code": "80600",
    "commune": "Doullens",
    "insee_code": "80253",
    "latitude": 50.157,
    "longitude": 2.341,
    "services": ["demarches", "Loisirs et créations numériques"],
    "offers": ["assistance"],
    "phone": "+33322000000",
    "opening_hours": "Mo-Fr 09:00-12:00",
    "updated_on": "2026-11-20",
}


@pytest.fixture
def somme_key(db) -> str:
    return make_partner_token(departements=["80"])[1]


class TestTokens:
    def test_a_write_without_a_token_is_a_401(self, api_client, db):
        response = api_client.post(URL, NEW_PLACE, format="json")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert Place.objects.count() == 0

    def test_a_wrong_token_is_a_401(self, api_client, somme_key):
        response = api_client.post(URL, NEW_PLACE, format="json", **auth("not-the-key"))
        assert response.status_code == 401
        assert Place.objects.count() == 0

    def test_a_malformed_authorization_header_is_a_401(self, api_client, somme_key):
        response = api_client.post(
            URL, NEW_PLACE, format="json", HTTP_AUTHORIZATION=f"Token {somme_key} extra"
        )
        assert response.status_code == 401

    def test_a_revoked_token_is_a_401(self, api_client, db):
        token, key = make_partner_token(departements=["80"])
        token.revoke()
        response = api_client.post(URL, NEW_PLACE, format="json", **auth(key))
        assert response.status_code == 401
        assert Place.objects.count() == 0

    def test_a_token_of_a_deactivated_account_is_a_401(self, api_client, db):
        token, key = make_partner_token(departements=["80"])
        User.objects.filter(pk=token.user_id).update(is_active=False)
        assert api_client.post(URL, NEW_PLACE, format="json", **auth(key)).status_code == 401

    def test_a_creation_out_of_the_tokens_departements_is_a_403(self, api_client, db):
        _, key = make_partner_token(departements=["59", "62"])
        response = api_client.post(URL, NEW_PLACE, format="json", **auth(key))
        assert response.status_code == 403
        assert "80" in response.json()["detail"]
        assert Place.objects.count() == 0

    def test_a_logged_in_user_without_a_token_cannot_write(self, api_client, db):
        user = User.objects.create_user(username="m", email="m@example.org")
        api_client.force_login(user)
        assert api_client.post(URL, NEW_PLACE, format="json").status_code == 403

    def test_only_the_hash_of_a_key_is_stored(self, db):
        token, key = make_partner_token(departements=["80"])
        token.refresh_from_db()
        assert key not in (token.key_hash, token.key_prefix)
        assert token.key_prefix == key[:8]

    def test_reads_with_a_token_are_allowed(self, api_client, somme_key):
        make_place()
        assert api_client.get(URL, **auth(somme_key)).json()["count"] == 1


class TestCreate:
    def test_a_partner_creates_a_place_in_its_departement(self, api_client, somme_key):
        response = api_client.post(URL, NEW_PLACE, format="json", **auth(somme_key))
        assert response.status_code == 201, response.content
        place = Place.objects.get(pk=response.json()["id"])
        assert place.name == "Espace numérique de Doullens"
        assert place.departement == "80"
        assert place.services == ["demarches", "loisirs"]
        assert response.json()["services"] == ["demarches", "loisirs"]

    def test_the_bearer_keyword_works_too(self, api_client, somme_key):
        assert api_client.post(URL, NEW_PLACE, format="json", **auth(somme_key, "Bearer")).status_code == 201

    def test_the_creation_is_recorded_with_the_partners_account_as_author(self, api_client, db):
        token, key = make_partner_token(departements=["80"])
        place_id = api_client.post(URL, NEW_PLACE, format="json", **auth(key)).json()["id"]
        [record] = Place.history.filter(id=place_id)
        assert record.history_type == "+"
        assert record.history_user == token.user
        assert record.history_change_reason == "api partner"

    @pytest.mark.parametrize(
        "change, field",
        [
            ({"phone": "03 22 00 00 00"}, "phone"),
            ({"services": ["magie"]}, "services"),
            ({"services": "demarches"}, "services"),
            ({"latitude": 200}, "latitude"),
            ({"opening_hours": "Lundi 9h-12h"}, "opening_hours"),
            ({"opening_hours": "Fr 13:30-13:30"}, "opening_hours"),
            ({"postal_code": "8000"}, "postal_code"),
            ({"structure_types": ["NOPE"]}, "structure_types"),
            ({"emails": ["pas-un-courriel"]}, "emails"),
            ({"emails": ["=cmd|'/Ccalc.exe'!A0@example.fr"]}, "emails"),
            ({"emails": ["contact@example.org", "+1+1@example.fr"]}, "emails"),
            ({"emails": ["-2+3@example.fr"]}, "emails"),
            ({"emails": ["@SUM(1)@example.fr"]}, "emails"),
            ({"emails": ["\t=1@example.fr"]}, "emails"),
            ({"name": ""}, "name"),
        ],
    )
    def test_a_bad_field_is_a_400_naming_it_and_nothing_is_stored(self, api_client, somme_key, change, field):
        response = api_client.post(URL, {**NEW_PLACE, **change}, format="json", **auth(somme_key))
        assert response.status_code == 400
        assert field in response.json()
        assert Place.objects.count() == 0
        assert Place.history.count() == 0

    def test_a_latitude_without_longitude_is_refused(self, api_client, somme_key):
        data = {key: value for key, value in NEW_PLACE.items() if key != "longitude"}
        response = api_client.post(URL, data, format="json", **auth(somme_key))
        assert response.status_code == 400
        assert Place.objects.count() == 0


class TestPatch:
    def test_a_partner_changes_a_place_of_its_departement_and_is_recorded_as_author(self, api_client, db):
        token, key = make_partner_token(departements=["80"])
        place = make_place(name="Ancien nom")
        response = api_client.patch(f"{URL}{place.pk}/", {"name": "Nouveau nom"}, format="json", **auth(key))
        assert response.status_code == 200, response.content
        place.refresh_from_db()
        assert place.name == "Nouveau nom"
        latest = Place.history.filter(id=place.pk).latest("history_date")
        assert latest.history_type == "~"
        assert latest.history_user == token.user

    def test_a_place_of_another_departement_is_a_403(self, api_client, db):
        _, key = make_partner_token(departements=["59"])
        place = make_place(name="Ancien nom")
        response = api_client.patch(f"{URL}{place.pk}/", {"name": "Nouveau nom"}, format="json", **auth(key))
        assert response.status_code == 403
        place.refresh_from_db()
        assert place.name == "Ancien nom"

    def test_moving_a_place_out_of_the_tokens_departements_is_a_403(self, api_client, somme_key):
        place = make_place()
        lille = {"postal_code": "59000", "insee_code": "59350", "commune": "Lille"}
        response = api_client.patch(f"{URL}{place.pk}/", lille, format="json", **auth(somme_key))
        assert response.status_code == 403
        place.refresh_from_db()
        assert place.commune == "Amiens"

    def test_a_bad_value_changes_nothing(self, api_client, somme_key):
        place = make_place(phone="+33322000000")
        response = api_client.patch(
            f"{URL}{place.pk}/", {"phone": "n/a", "name": "X"}, format="json", **auth(somme_key)
        )
        assert response.status_code == 400
        assert list(response.json()) == ["phone"]
        place.refresh_from_db()
        assert (place.phone, place.name.startswith("Médiathèque")) == ("+33322000000", True)

    def test_an_email_starting_a_formula_is_refused(self, api_client, somme_key):
        place = make_place(emails=["contact@example.org"])
        response = api_client.patch(
            f"{URL}{place.pk}/",
            {"emails": ["=cmd|'/Ccalc.exe'!A0@example.fr"]},
            format="json",
            **auth(somme_key),
        )
        assert response.status_code == 400
        assert list(response.json()) == ["emails"]
        place.refresh_from_db()
        assert place.emails == ["contact@example.org"]

    def test_a_partner_fixes_its_own_draft_and_reopens_a_place_it_closed(self, api_client, somme_key):
        created = api_client.post(URL, {**NEW_PLACE, "status": "draft"}, format="json", **auth(somme_key))
        assert created.status_code == 201, created.content
        draft = created.json()["id"]
        response = api_client.patch(
            f"{URL}{draft}/",
            {"name": "Lieu corrigé", "status": "published"},
            format="json",
            **auth(somme_key),
        )
        assert response.status_code == 200, response.content
        fixed = Place.objects.get(pk=draft)
        assert (fixed.name, fixed.status) == ("Lieu corrigé", Status.PUBLISHED)

        place = make_place(name="Ouvert")
        for status in (Status.CLOSED, Status.PUBLISHED):  # closed by the partner, reopened by it
            response = api_client.patch(
                f"{URL}{place.pk}/", {"status": status}, format="json", **auth(somme_key)
            )
            assert response.status_code == 200, response.content
            place.refresh_from_db()
            assert place.status == status

    @pytest.mark.parametrize("status", [Status.DRAFT, Status.CLOSED])
    def test_a_token_never_publishes_what_moderation_or_a_manager_holds_back(
        self, api_client, somme_key, status
    ):
        """A mediator's proposal waiting for moderation, a place a moderator refused or a manager took down."""
        from tests.factories import make_user

        place = make_place(name="En attente")
        place.status = status
        place.save_change(user=make_user("moderatrice@somme.fr"), source="moderator")
        response = api_client.patch(
            f"{URL}{place.pk}/", {"status": "published"}, format="json", **auth(somme_key)
        )
        assert response.status_code == 404
        place.refresh_from_db()
        assert place.status == status

    def test_an_unpublished_place_outside_the_tokens_departements_stays_unseen(self, api_client, db):
        _, key = make_partner_token(departements=["59"])
        place = make_place(name="Brouillon", status=Status.DRAFT)
        response = api_client.patch(f"{URL}{place.pk}/", {"name": "X"}, format="json", **auth(key))
        assert response.status_code == 404
        place.refresh_from_db()
        assert place.name == "Brouillon"

    def test_reads_of_an_unpublished_place_stay_a_404_even_with_a_token(self, api_client, somme_key):
        place = make_place(status=Status.DRAFT)
        assert api_client.get(f"{URL}{place.pk}/", **auth(somme_key)).status_code == 404
        assert api_client.get(URL, **auth(somme_key)).json()["count"] == 0

    def test_a_change_without_its_date_is_dated_today_in_paris(self, api_client, somme_key):
        place = make_place(updated_on=datetime.date(2024, 1, 15))
        late_evening = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)  # 2 March in Paris
        with mock.patch.object(timezone, "now", return_value=late_evening):
            response = api_client.patch(f"{URL}{place.pk}/", {"name": "X"}, format="json", **auth(somme_key))
        assert response.status_code == 200
        assert response.json()["updated_on"] == "2026-03-02"
        place.refresh_from_db()
        assert place.updated_on == datetime.date(2026, 3, 2)

    def test_a_change_keeps_the_date_the_partner_gives(self, api_client, somme_key):
        place = make_place()
        change = {"name": "X", "updated_on": "2025-06-30"}
        assert (
            api_client.patch(f"{URL}{place.pk}/", change, format="json", **auth(somme_key)).status_code == 200
        )
        place.refresh_from_db()
        assert place.updated_on == datetime.date(2025, 6, 30)

    def test_a_patch_without_a_token_is_a_401(self, api_client, db):
        place = make_place()
        assert api_client.patch(f"{URL}{place.pk}/", {"name": "X"}, format="json").status_code == 401

    def test_put_and_delete_are_not_offered(self, api_client, somme_key):
        place = make_place()
        assert api_client.delete(f"{URL}{place.pk}/", **auth(somme_key)).status_code == 405
        assert (
            api_client.put(f"{URL}{place.pk}/", NEW_PLACE, format="json", **auth(somme_key)).status_code
            == 405
        )
        assert Place.objects.filter(pk=place.pk).exists()


@pytest.mark.parametrize(
    ("postal_code", "commune", "departement"), [("97100", "Basse-Terre", "971"), ("20000", "Ajaccio", "2A")]
)
def test_a_place_without_insee_code_gets_its_departement_from_the_postal_code(
    api_client, db, postal_code, commune, departement
):
    _token, key = make_partner_token(departements=[departement])
    place = {
        **NEW_PLACE,
        "postal_code": postal_code,
        "commune": commune,
        "insee_code": "",
        "latitude": None,
        "longitude": None,
    }
    response = api_client.post(URL, place, format="json", **auth(key))
    assert response.status_code == 201, response.json()
    assert Place.objects.get(pk=response.json()["id"]).departement == departement
