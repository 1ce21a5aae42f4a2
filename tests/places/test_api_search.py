"""GET /api/v1/places/: every filter alone and combined, pagination, and the 400s of bad values."""

import datetime
import json

import pytest

from places.choices import Status
from places.models import Place, PlaceQuerySet
from tests.factories import make_place

URL = "/api/v1/places/"


@pytest.fixture
def places(db) -> dict[str, Place]:
    """Six published places around Amiens, in Abbeville and in Lille, and a draft."""
    return {
        "amiens": make_place(
            name="Médiathèque Louis Aragon",
            address="50 rue de la République",
            services=["demarches"],
            offers=["assistance"],
            publics=["seniors"],
            fees=["gratuit"],
            programmes=["france_services"],
            structure_types=["RFS"],
            opening_hours="Mo-Fr 09:00-17:00",
            pass_numerique=True,
        ),
        "etouvie": make_place(  # in Amiens (INSEE code) but 5 km from the town centre
            name="Espace numérique d'Étouvie",
            latitude=49.86,
            longitude=2.24,
            services=["loisirs"],
            offers=["training"],
            publics=["jeunes"],
            fees=["payant"],
            needs=["surdite"],
            structure_types=["BIB"],
            opening_hours="Sa 10:00-12:00",
        ),
        "rivery": make_place(  # another commune, 2 km from the centre of Amiens
            name="Centre social de Rivery",
            commune="Rivery",
            postal_code="80136",
            insee_code="80674",
            latitude=49.905,
            longitude=2.31,
            services=["acces_internet", "demarches"],
            offers=["assistance", "free_access"],
            programmes=["conseillers_numeriques"],
            structure_types=["CCAS"],
            opening_hours="24/7",
        ),
        "camon": make_place(
            name="Cyber-base Camon",
            commune="Camon",
            postal_code="80450",
            insee_code="80164",
            latitude=49.9032,
            longitude=2.3607,
            services=["securite"],
            offers=["mediation"],
        ),
        "abbeville": make_place(
            name="France Services Abbeville",
            commune="Abbeville",
            postal_code="80100",
            insee_code="80001",
            latitude=50.1054,
            longitude=1.8332,
            services=["demarches", "securite"],
            offers=["mediation"],
        ),
        "lille": make_place(
            name="Maison France Services Lille",
            commune="Lille",
            postal_code="59000",
            insee_code="59350",
            departement="59",
            latitude=50.6292,
            longitude=3.0573,
            services=["demarches"],
            offers=["assistance", "mediation"],
            publics=["familles"],
        ),
        "draft": make_place(name="Brouillon d'Amiens", status="draft"),
    }


def found(api_client, **params) -> set[str]:
    """The names of the places a query returns."""
    response = api_client.get(URL, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def keys(places, *names) -> set[str]:
    return {places[name].name for name in names}


def ordered_ids(api_client, **params) -> list[int]:
    response = api_client.get(URL, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


class TestFiltersAlone:
    def test_without_filters_every_published_place_is_listed_and_no_draft(self, api_client, places):
        assert found(api_client) == keys(places, "amiens", "etouvie", "rivery", "camon", "abbeville", "lille")

    def test_q_matches_name_words_ignoring_accents_and_case(self, api_client, places):
        assert found(api_client, q="MEDIATHEQUE aragon") == keys(places, "amiens")

    def test_q_matches_the_commune(self, api_client, places):
        assert found(api_client, q="lille") == keys(places, "lille")

    def test_near_a_point_sorts_by_distance_within_the_radius(self, api_client, places):
        response = api_client.get(URL, {"lat": 49.8942, "lon": 2.2957, "radius": 3})
        rows = response.json()["results"]
        assert [row["id"] for row in rows] == [places["amiens"].pk, places["rivery"].pk]
        assert rows[0]["distance_km"] == 0.0
        assert 1.0 < rows[1]["distance_km"] < 2.0

    def test_near_a_point_uses_a_10_km_radius_by_default(self, api_client, places):
        assert ordered_ids(api_client, lat=49.8942, lon=2.2957) == [
            places[name].pk for name in ("amiens", "rivery", "camon", "etouvie")
        ]

    def test_a_place_unpublished_while_its_page_is_read_is_left_out(self, api_client, places, monkeypatch):
        """The page's ids are ranked first, then their rows read: a place unpublished in between (another
        request's write, made here at that very moment) is left out, instead of failing the page."""
        read_rows = PlaceQuerySet.in_bulk

        def in_bulk_after_a_write(queryset, *args, **kwargs):
            Place.objects.filter(pk=places["camon"].pk).update(status=Status.DRAFT)
            return read_rows(queryset, *args, **kwargs)

        monkeypatch.setattr(PlaceQuerySet, "in_bulk", in_bulk_after_a_write)
        assert ordered_ids(api_client, lat=49.8942, lon=2.2957) == [
            places[name].pk for name in ("amiens", "rivery", "etouvie")
        ]

    @pytest.mark.parametrize(
        "url, params, status",
        [
            (URL, {"q": "aragon"}, 200),
            ("/api/v1/stats/", {}, 200),
            ("/api/v1/stats/", {"lat": "200"}, 400),
            ("/api/v1/places/export.json", {"lat": "200"}, 400),
            ("/api/v1/coverage/", {"departement": "80"}, 200),
        ],
    )
    def test_a_browser_gets_json(self, api_client, places, url, params, status):
        """Production serves no browsable API pages (they break the Content-Security-Policy)."""
        accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        response = api_client.get(url, params, HTTP_ACCEPT=accept)
        assert (response.status_code, response["Content-Type"]) == (status, "application/json")

    def test_each_row_links_to_its_detail(self, api_client, places):
        [row] = api_client.get(URL, {"q": "aragon"}).json()["results"]
        assert row["url"] == f"http://localhost/api/v1/places/{places['amiens'].pk}/"
        assert api_client.get(row["url"]).json()["name"] == "Médiathèque Louis Aragon"

    def test_distance_is_null_without_a_point(self, api_client, places):
        rows = api_client.get(URL).json()["results"]
        assert {row["distance_km"] for row in rows} == {None}

    def test_bbox_keeps_the_places_inside(self, api_client, places):
        assert found(api_client, bbox="2.2,49.85,2.4,49.95") == keys(
            places, "amiens", "etouvie", "rivery", "camon"
        )

    def test_commune_covers_its_places_and_a_radius_following_its_size(self, api_client, places):
        # Étouvie: INSEE code of Amiens, 5 km out; Rivery: 2 km from the centre; Camon: 5 km, another commune.
        assert found(api_client, commune="80021") == keys(places, "amiens", "etouvie", "rivery")

    def test_departement_takes_several_codes(self, api_client, places):
        assert found(api_client, departement="59") == keys(places, "lille")
        assert len(found(api_client, departement="59,80")) == 6

    def test_offer_any_of_several(self, api_client, places):
        assert found(api_client, offer="training") == keys(places, "etouvie")
        assert found(api_client, offer="training,free_access") == keys(places, "etouvie", "rivery")

    def test_services_by_code_or_by_the_standards_label(self, api_client, places):
        assert found(api_client, services="securite") == keys(places, "camon", "abbeville")
        assert found(api_client, services="Utilisation sécurisée du numérique") == keys(
            places, "camon", "abbeville"
        )

    def test_services_any_of_several(self, api_client, places):
        assert found(api_client, services="loisirs,acces_internet") == keys(places, "etouvie", "rivery")

    def test_publics(self, api_client, places):
        assert found(api_client, publics="seniors,familles") == keys(places, "amiens", "lille")

    def test_needs(self, api_client, places):
        assert found(api_client, needs="surdite") == keys(places, "etouvie")

    def test_fees(self, api_client, places):
        assert found(api_client, fees="payant") == keys(places, "etouvie")

    def test_programmes(self, api_client, places):
        assert found(api_client, programmes="conseillers_numeriques") == keys(places, "rivery")

    def test_pass_numerique(self, api_client, places):
        assert found(api_client, pass_numerique="true") == keys(places, "amiens")

    def test_types_any_of_several(self, api_client, places):
        assert found(api_client, types="BIB") == keys(places, "etouvie")
        assert found(api_client, types="RFS,CCAS") == keys(places, "amiens", "rivery")

    def test_open_at_a_paris_time(self, api_client, places):
        monday_10am = "2026-11-23T10:00:00"
        saturday_11am = "2026-11-21T11:00:00"
        assert found(api_client, open_at=monday_10am) == keys(places, "amiens", "rivery")
        assert found(api_client, open_at=saturday_11am) == keys(places, "etouvie", "rivery")

    def test_open_at_with_a_utc_offset_is_read_in_paris_time(self, api_client, places):
        assert found(api_client, open_at="2026-11-23T07:30:00Z") == keys(places, "rivery")  # 8:30 in Paris
        assert found(api_client, open_at="2026-11-23T08:30:00Z") == keys(places, "amiens", "rivery")

    def test_open_now_keeps_a_place_always_open_and_drops_places_without_hours(self, api_client, places):
        result = found(api_client, open_now="true")
        assert keys(places, "rivery") <= result
        assert not result & keys(places, "camon", "abbeville", "lille")

    def test_updated_since_for_incremental_sync(self, api_client, places):
        old = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        Place.objects.exclude(pk=places["lille"].pk).update(updated_at=old)
        assert found(api_client, updated_since="2021-01-01T00:00:00Z") == keys(places, "lille")


class TestFiltersCombined:
    def test_services_and_departement(self, api_client, places):
        assert found(api_client, services="demarches", departement="80") == keys(
            places, "amiens", "rivery", "abbeville"
        )

    def test_offer_near_a_point_stays_sorted_by_distance(self, api_client, places):
        assert ordered_ids(api_client, offer="assistance", lat=49.8942, lon=2.2957, radius=5) == [
            places["amiens"].pk,
            places["rivery"].pk,
        ]

    def test_text_departement_and_service(self, api_client, places):
        assert found(api_client, q="france", departement="80", services="securite") == keys(
            places, "abbeville"
        )

    def test_commune_and_open_at(self, api_client, places):
        assert found(api_client, commune="80021", open_at="2026-11-21T11:00:00") == keys(
            places, "etouvie", "rivery"
        )

    def test_bbox_and_needs_find_nothing_when_no_place_has_both(self, api_client, places):
        assert found(api_client, bbox="1.8,50.0,1.9,50.2", needs="surdite") == set()


class TestPublishedOnly:
    def test_a_draft_has_no_detail(self, api_client, places):
        assert api_client.get(f"{URL}{places['draft'].pk}/").status_code == 404

    def test_detail_of_a_published_place_has_the_standard_and_links(self, api_client, places):
        place = places["amiens"]
        place.sources.create(source="france-services", external_id="FS-1")
        body = api_client.get(f"{URL}{place.pk}/").json()
        assert body["name"] == "Médiathèque Louis Aragon"
        assert body["services"] == ["demarches"]
        assert body["offers"] == ["assistance"]
        assert body["sources"] == [{"source": "france-services", "external_id": "FS-1"}]
        assert body["links"]["page"] == f"http://localhost/lieux/{place.slug}/"
        assert body["links"]["directions"].startswith("https://www.openstreetmap.org/directions?route=")
        assert body["verified_on"] is None


class TestPagination:
    def test_page_size_and_links(self, api_client, places):
        body = api_client.get(URL, {"page_size": 2}).json()
        assert body["count"] == 6
        assert len(body["results"]) == 2
        assert body["previous"] is None
        assert "page=2" in body["next"]

    def test_last_page(self, api_client, places):
        body = api_client.get(URL, {"page_size": 4, "page": 2}).json()
        assert len(body["results"]) == 2
        assert body["next"] is None
        assert body["previous"] is not None

    def test_pages_cover_every_place_once(self, api_client, places):
        seen = []
        for page in (1, 2, 3):
            seen += [
                row["id"] for row in api_client.get(URL, {"page_size": 2, "page": page}).json()["results"]
            ]
        assert sorted(seen) == sorted(place.pk for key, place in places.items() if key != "draft")

    def test_a_page_past_the_end_is_a_404(self, api_client, places):
        assert api_client.get(URL, {"page": 99}).status_code == 404

    def test_pages_near_a_point_count_the_whole_set(self, api_client, places):
        body = api_client.get(URL, {"lat": 49.8942, "lon": 2.2957, "page_size": 3, "page": 2}).json()
        assert body["count"] == 4
        assert [row["id"] for row in body["results"]] == [places["etouvie"].pk]
        assert body["next"] is None

    @pytest.mark.parametrize("page", ["99", "0", "x", "²", "99999999999999999999"])
    def test_a_bad_page_near_a_point_is_a_404(self, api_client, places, page):
        assert api_client.get(URL, {"lat": 49.8942, "lon": 2.2957, "page": page}).status_code == 404

    @pytest.mark.parametrize("page_size", ["0", "101", "abc", "-1", "²"])
    def test_a_bad_page_size_is_a_400(self, api_client, db, page_size):
        response = api_client.get(URL, {"page_size": page_size})
        assert response.status_code == 400
        assert list(response.json()) == ["page_size"]


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"services": "magie"}, "services"),
        ({"services": "demarches,magie"}, "services"),
        ({"offer": "everything"}, "offer"),
        ({"publics": "martiens"}, "publics"),
        ({"needs": "x"}, "needs"),
        ({"fees": "cher"}, "fees"),
        ({"programmes": "x"}, "programmes"),
        ({"types": "NOPE"}, "types"),
        ({"lat": "200", "lon": "2"}, "lat"),
        ({"lat": "49", "lon": "-181"}, "lon"),
        ({"lat": "abc", "lon": "2"}, "lat"),
        ({"lat": "NaN", "lon": "2"}, "lat"),
        ({"lat": "49"}, "lon"),
        ({"lon": "2"}, "lat"),
        ({"radius": "5"}, "radius"),
        ({"lat": "49", "lon": "2", "radius": "101"}, "radius"),
        ({"lat": "49", "lon": "2", "radius": "0"}, "radius"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "3,49,2,50"}, "bbox"),
        ({"bbox": "2,49,3,95"}, "bbox"),
        ({"commune": "99999"}, "commune"),
        ({"departement": "ABC"}, "departement"),
        ({"open_at": "nope"}, "open_at"),
        ({"updated_since": "0107-09-27T06:31:39-22:32"}, "updated_since"),  # offset PostgreSQL refuses
        ({"open_at": "0118-03-21T09:41:52Z"}, "open_at"),
        ({"open_now": "maybe"}, "open_now"),
        ({"pass_numerique": "peut-être"}, "pass_numerique"),
        ({"updated_since": "yesterday"}, "updated_since"),
    ],
)
def test_a_bad_value_is_a_400_naming_its_parameter(api_client, db, params, parameter):
    response = api_client.get(URL, params)
    assert response.status_code == 400
    assert parameter in response.json()
    assert isinstance(response.json()[parameter][0], str)


@pytest.mark.parametrize(
    "url, params, unknown",
    [
        (URL, {"service": "demarches"}, ["service"]),  # misspelt: not every place silently
        (URL, {"saturday": "true", "q": "amiens"}, ["saturday"]),
        (URL, {"_": "1733390000", "zoom": "6"}, ["zoom"]),
        ("/api/v1/stats/", {"open": "1"}, ["open"]),
        ("/api/v1/places/export.csv", {"departements": "80"}, ["departements"]),
        ("/api/v1/places/export.json", {"offers": "training"}, ["offers"]),
    ],
)
def test_an_unknown_parameter_is_a_400_naming_it(api_client, places, url, params, unknown):
    response = api_client.get(url, params)
    assert response.status_code == 400
    assert sorted(response.json()) == unknown
    assert "/api/v1/docs/" in response.json()[unknown[0]][0]


@pytest.mark.parametrize(
    "url, params",
    [
        (URL, {"page": "1", "page_size": "2", "format": "geojson"}),
        (URL, {"updated_since": "2020-01-01T00:00:00Z", "after": "1"}),
        (URL, {"updated_since": "2020-01-01T00:00:00Z", "before": "99"}),
        (URL, {"_": "1733390000", "utm_source": "newsletter"}),  # what web tools add to a URL
        ("/api/v1/places/export.csv", {"departement": "80", "page_size": "100"}),  # copied from the list
        ("/api/v1/stats/", {"page": "2"}),
    ],
)
def test_the_pages_format_and_web_tools_parameters_are_harmless(api_client, places, url, params):
    assert api_client.get(url, params).status_code == 200


def test_the_written_out_list_shape_equals_the_declared_fields(places):
    """PlaceListSerializer writes its dict by hand for speed: it must stay what its fields declare."""
    from rest_framework import serializers
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from places.serializers import PlaceListSerializer

    request = Request(APIRequestFactory().get("/", HTTP_HOST="localhost"))
    rows = [*Place.objects.published(), *Place.objects.published().near(49.8942, 2.2957, 10)]
    for place in rows:
        serializer = PlaceListSerializer(context={"request": request})
        assert serializer.to_representation(place) == serializers.ModelSerializer.to_representation(
            serializer, place
        )


class TestRepeatedParameters:
    def test_a_repeated_any_of_filter_adds_its_values(self, api_client, places):
        assert found(api_client, services=["loisirs", "acces_internet"]) == keys(places, "etouvie", "rivery")
        assert found(api_client, departement=["59", "80"], offer=["training", "free_access"]) == keys(
            places, "etouvie", "rivery"
        )

    def test_a_repeated_any_of_filter_checks_every_value(self, api_client, places):
        response = api_client.get(URL, {"services": ["loisirs", "magie"]})
        assert response.status_code == 400
        assert "magie" in response.json()["services"][0]

    @pytest.mark.parametrize(
        "params, parameter",
        [
            ({"q": ["lille", "amiens"]}, "q"),
            ({"lat": ["49.8942", "50.6292"], "lon": "2.2957"}, "lat"),
            ({"commune": ["80021", "59350"]}, "commune"),
            ({"open_now": ["true", "false"]}, "open_now"),
            ({"bbox": ["2.2,49.8,2.4,50", "1,49,3,51"]}, "bbox"),
        ],
    )
    def test_a_single_valued_filter_given_different_values_is_a_400_naming_it(
        self, api_client, places, params, parameter
    ):
        response = api_client.get(URL, params)
        assert response.status_code == 400
        assert list(response.json()) == [parameter]

    def test_a_single_valued_filter_given_twice_the_same_value_is_read_once(self, api_client, places):
        assert found(api_client, q=["lille", "lille"]) == keys(places, "lille")

    def test_the_exports_and_stats_read_repeated_parameters_alike(self, api_client, places):
        repeated = {"services": ["loisirs", "acces_internet"]}
        assert api_client.get("/api/v1/stats/", repeated).json()["count"] == 2
        structures = json.loads(
            b"".join(api_client.get("/api/v1/places/export.json", repeated).streaming_content)
        )
        assert len(structures["structures"]) == 2
        rows = b"".join(api_client.get("/api/v1/places/export.csv", repeated).streaming_content).decode()
        assert len(rows.strip().splitlines()) == 1 + 2  # the header, then the two places
        for url in ("/api/v1/stats/", "/api/v1/places/export.json", "/api/v1/places/export.csv"):
            assert api_client.get(url, {"q": ["lille", "amiens"]}).status_code == 400, url


def test_the_smallest_radius_the_schema_allows_is_accepted(api_client, places):
    # 0.1 km: float 0.1 is above Decimal("0.1"), which refused the schema's own minimum.
    assert ordered_ids(api_client, lat=49.8942, lon=2.2957, radius="0.1") == [places["amiens"].pk]
    assert api_client.get(URL, {"lat": 49.8942, "lon": 2.2957, "radius": "0.09"}).status_code == 400
