"""Conditional requests (ETag / Last-Modified → 304), throttling (429), CORS, and the number of SQL queries."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone
from django.utils.http import http_date

from places.models import Place
from tests.factories import auth, make_partner_token, make_place

URL = "/api/v1/places/"


@pytest.fixture
def place(db) -> Place:
    return make_place(name="Médiathèque")


class TestConditionalRequests:
    def test_an_unchanged_list_is_a_304(self, api_client, place):
        first = api_client.get(URL)
        assert first.status_code == 200
        again = api_client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again.content == b""

    def test_an_unchanged_list_since_its_date_is_a_304(self, api_client, place):
        first = api_client.get(URL)
        assert api_client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    def test_a_changed_place_changes_the_lists_etag(self, api_client, place):
        etag = api_client.get(URL)["ETag"]
        place.name = "Médiathèque renommée"
        place.save()
        response = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert response["ETag"] != etag

    def test_a_deleted_place_changes_the_lists_etag(self, api_client, place):
        make_place(name="Autre")
        etag = api_client.get(URL)["ETag"]
        place.delete()
        response = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert response["ETag"] != etag

    def test_other_filters_have_another_etag(self, api_client, place):
        assert api_client.get(URL)["ETag"] != api_client.get(URL, {"departement": "80"})["ETag"]

    def test_geojson_has_its_own_etag(self, api_client, place):
        assert api_client.get(URL)["ETag"] != api_client.get(URL, {"format": "geojson"})["ETag"]

    def test_an_unchanged_place_is_a_304(self, api_client, place):
        first = api_client.get(f"{URL}{place.pk}/")
        assert first.status_code == 200
        assert api_client.get(f"{URL}{place.pk}/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        assert (
            api_client.get(f"{URL}{place.pk}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code
            == 304
        )

    def test_open_now_is_revalidated_by_its_etag_only(self, api_client, db):
        """What is open changes with the clock, not with the data: the data's date would be a wrong
        Last-Modified, and an If-Modified-Since a wrong 304 once the clock has changed what is open."""
        open_place = make_place(name="Ouvert le matin", opening_hours="Mo 09:00-12:00")
        monday_10am = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
        with mock.patch.object(timezone, "now", return_value=monday_10am):
            first = api_client.get(URL, {"open_now": "true"})
            assert [row["id"] for row in first.json()["results"]] == [open_place.pk]
            assert "Last-Modified" not in first
            assert (
                api_client.get(URL, {"open_now": "true"}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
            )
        since = timezone.now() + datetime.timedelta(days=3650)  # after anything: a 304 if it were read
        with mock.patch.object(timezone, "now", return_value=monday_10am + datetime.timedelta(hours=4)):
            later = api_client.get(
                URL, {"open_now": "true"}, HTTP_IF_MODIFIED_SINCE=http_date(since.timestamp())
            )
            assert later.status_code == 200
            assert later.json()["results"] == []
            stale = api_client.get(URL, {"open_now": "true"}, HTTP_IF_NONE_MATCH=first["ETag"])
            assert stale.status_code == 200

    def test_a_changed_place_is_a_200(self, api_client, place):
        etag = api_client.get(f"{URL}{place.pk}/")["ETag"]
        place.phone = "+33322000000"
        place.save()
        assert api_client.get(f"{URL}{place.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 200


class TestThrottling:
    @pytest.fixture
    def low_rates(self, settings):
        # Per day: the windows are fixed, and a test must not straddle two of them.
        rates = {"api_anonymous": "2/day", "api_partner": "4/day"}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

    def test_anonymous_reads_over_the_rate_get_a_429(self, api_client, place, low_rates):
        assert [api_client.get(URL).status_code for _ in range(3)] == [200, 200, 429]
        assert int(api_client.get(URL)["Retry-After"]) > 0

    def test_the_anonymous_rate_is_per_ip_address(self, api_client, place, low_rates):
        for _ in range(2):
            api_client.get(URL, REMOTE_ADDR="192.0.2.1")
        assert api_client.get(URL, REMOTE_ADDR="192.0.2.1").status_code == 429
        assert api_client.get(URL, REMOTE_ADDR="192.0.2.2").status_code == 200

    def test_a_token_holder_has_a_higher_rate(self, api_client, place, low_rates):
        _, key = make_partner_token(departements=["80"])
        assert [api_client.get(URL, **auth(key)).status_code for _ in range(5)] == [200, 200, 200, 200, 429]

    def test_wrong_keys_count_against_the_addresss_anonymous_rate(self, api_client, place, low_rates):
        """DRF authenticates before it throttles: without this, keys could be guessed at any speed."""
        wrong = {**auth("not-the-key"), "REMOTE_ADDR": "192.0.2.7"}
        assert [api_client.get(URL, **wrong).status_code for _ in range(3)] == [401, 401, 429]
        assert int(api_client.post(URL, {}, format="json", **wrong)["Retry-After"]) > 0
        assert api_client.get(URL, REMOTE_ADDR="192.0.2.7").status_code == 429  # the same budget as reads
        assert api_client.get(URL, **{**wrong, "REMOTE_ADDR": "192.0.2.8"}).status_code == 401

    def test_a_right_key_is_not_slowed_by_wrong_ones_from_its_address(self, api_client, place, low_rates):
        """The wrong keys spent the address's anonymous budget; a partner's key has its own."""
        _, key = make_partner_token(departements=["80"])
        for _ in range(3):
            api_client.get(URL, **auth("not-the-key"), REMOTE_ADDR="192.0.2.7")
        assert api_client.get(URL, REMOTE_ADDR="192.0.2.7").status_code == 429
        assert api_client.get(URL, **auth(key), REMOTE_ADDR="192.0.2.7").status_code == 200


def test_reads_are_open_to_other_origins(api_client, place):
    response = api_client.get(URL, HTTP_ORIGIN="https://carte.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_browsers_may_revalidate_and_read_the_caching_and_throttling_headers(api_client, place):
    response = api_client.get(URL, HTTP_ORIGIN="https://carte.example.org")
    exposed = {name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified", "retry-after"} <= exposed
    preflight = api_client.options(
        URL,
        HTTP_ORIGIN="https://carte.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, if-modified-since",
    )
    allowed = {name.strip().lower() for name in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"if-none-match", "if-modified-since", "authorization"} <= allowed


def test_unknown_api_paths_get_a_json_404(api_client, db):
    response = api_client.get("/api/v1/nowhere/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Introuvable."}


class TestNumberOfQueries:
    """The version of the data (its newest row and history record, for the ETag, in one query), the count, the
    page: whatever the page size."""

    @pytest.fixture
    def many_places(self, db):
        for number in range(30):
            place = make_place(name=f"Lieu {number}", services=["demarches"])
            place.sources.create(source="test", external_id=str(number))

    @pytest.mark.parametrize("page_size", [1, 30])
    def test_list(self, api_client, many_places, django_assert_num_queries, page_size):
        with django_assert_num_queries(3):
            assert len(api_client.get(URL, {"page_size": page_size}).json()["results"]) == page_size

    @pytest.mark.parametrize("page_size", [1, 30])
    def test_list_near_a_point_filtered(self, api_client, many_places, django_assert_num_queries, page_size):
        params = {"page_size": page_size, "lat": 49.89, "lon": 2.29, "services": "demarches"}
        with django_assert_num_queries(3):  # the page's ids ranked and counted from the index, then its rows
            assert len(api_client.get(URL, params).json()["results"]) == page_size

    def test_list_in_a_bbox(self, api_client, many_places, django_assert_num_queries):
        with django_assert_num_queries(2):
            body = api_client.get(URL, {"bbox": "2.2,49.8,2.4,50", "page_size": 7, "page": 2}).json()
        assert (body["count"], len(body["results"])) == (30, 7)
        assert "page=3" in body["next"]
        assert body["previous"] is not None

    def test_geojson(self, api_client, many_places, django_assert_num_queries):
        with django_assert_num_queries(3):
            assert len(api_client.get(URL, {"format": "geojson", "page_size": 30}).json()["features"]) == 30

    def test_list_with_a_token(self, api_client, many_places, django_assert_num_queries):
        _, key = make_partner_token(departements=["80"])
        with django_assert_num_queries(4):  # and the token with its account
            response = api_client.get(URL, {"page_size": 30}, **auth(key))
        assert response.status_code == 200
        assert len(response.json()["results"]) == 30

    def test_detail_with_its_sources(self, api_client, many_places, django_assert_num_queries):
        place = Place.objects.first()
        with django_assert_num_queries(2):
            assert len(api_client.get(f"{URL}{place.pk}/").json()["sources"]) == 1

    def test_stats(self, api_client, many_places, django_assert_num_queries):
        with django_assert_num_queries(4):  # totals, départements, communes, then the communes' names
            assert api_client.get("/api/v1/stats/").json()["count"] == 30


class RecordingRouter:
    """Sends every read to the default database, noting the models read."""

    reads: list = []

    def db_for_read(self, model, **hints):
        self.reads.append(model)
        return "default"


def test_the_data_version_is_read_where_the_rows_are_read(db, settings):
    """With a replica, the ETag's version must come from the database the page is read from: a version ahead
    of the rows would label stale rows as new, and the partner would keep them."""
    from places.caching import data_version as _data_version

    make_place()
    settings.DATABASE_ROUTERS = ["tests.places.test_api_caching.RecordingRouter"]
    RecordingRouter.reads.clear()
    assert _data_version() is not None
    assert RecordingRouter.reads == [Place]
