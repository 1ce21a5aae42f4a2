"""?format=geojson, export.csv (the national standard), export.json (data·inclusion) and stats."""

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from frictionless import Resource, Schema

from tests.factories import make_place

DATA = Path(__file__).resolve().parent.parent / "data"
STANDARD_SCHEMA = DATA / "standard-mediation-num_schema_v1.0.2.json"


@pytest.fixture
def places(db):
    return [
        make_place(
            name="Médiathèque d'Amiens",
            services=["demarches", "securite"],
            offers=["assistance", "mediation"],
            fees=["gratuit"],
            publics=["seniors"],
            needs=["surdite"],
            access_modes=["se_presenter", "rdv_en_ligne"],
            booking_url="https://rdv.example.org/amiens",
            programmes=["france_services"],
            training_labels=["etapes_numeriques"],
            phone="+33322000000",
            emails=["contact@example.org"],
            websites=["https://example.org"],
            opening_hours="Mo-Fr 09:00-17:00",
            pivot="",
        ),
        make_place(
            name='=HYPERLINK("http://evil.example","Cliquez")',
            description="+33 appelez-nous",
            commune="Lille",
            postal_code="59000",
            insee_code="59350",
            departement="59",
            latitude=50.6292,
            longitude=3.0573,
            services=["loisirs"],
            offers=["training"],
        ),
        make_place(name="Sans position", latitude=None, longitude=None, services=["demarches"]),
    ]


def body_of(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


class TestGeoJSON:
    def test_is_a_feature_collection_of_points(self, api_client, places):
        response = api_client.get("/api/v1/places/", {"format": "geojson"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json"
        body = response.json()
        assert body["type"] == "FeatureCollection"
        assert body["count"] == 2  # the place without a position has no feature
        feature = next(f for f in body["features"] if f["id"] == places[0].pk)
        assert feature["type"] == "Feature"
        assert feature["geometry"] == {"type": "Point", "coordinates": [2.2957, 49.8942]}
        assert feature["properties"]["name"] == "Médiathèque d'Amiens"
        assert feature["properties"]["offers"] == ["assistance", "mediation"]

    def test_takes_the_same_filters(self, api_client, places):
        body = api_client.get("/api/v1/places/", {"format": "geojson", "services": "loisirs"}).json()
        assert [feature["id"] for feature in body["features"]] == [places[1].pk]

    def test_near_a_point_carries_the_distance(self, api_client, places):
        body = api_client.get("/api/v1/places/", {"format": "geojson", "lat": 49.8942, "lon": 2.2957}).json()
        assert [f["properties"]["distance_km"] for f in body["features"]] == [0.0]

    def test_a_bad_filter_is_still_a_400(self, api_client, places):
        assert api_client.get("/api/v1/places/", {"format": "geojson", "bbox": "x"}).status_code == 400


class TestCsvExport:
    def test_is_valid_against_the_official_schema(self, api_client, places, tmp_path):
        response = api_client.get("/api/v1/places/export.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        path = tmp_path / "export.csv"
        path.write_text(body_of(response), encoding="utf-8")
        schema = Schema.from_descriptor(json.loads(STANDARD_SCHEMA.read_text()))
        report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    def test_has_one_row_per_filtered_place(self, api_client, places):
        rows = list(
            csv.DictReader(io.StringIO(body_of(api_client.get("/api/v1/places/export.csv?departement=80"))))
        )
        assert sorted(row["nom"] for row in rows) == ["Médiathèque d'Amiens", "Sans position"]
        assert rows[0]["services"] == "Aide aux démarches administratives|Utilisation sécurisée du numérique"

    def test_cells_a_spreadsheet_would_run_are_neutralised(self, api_client, places):
        rows = list(
            csv.DictReader(io.StringIO(body_of(api_client.get("/api/v1/places/export.csv?departement=59"))))
        )
        assert rows[0]["nom"] == '\'=HYPERLINK("http://evil.example","Cliquez")'
        assert rows[0]["presentation_detail"] == "'+33 appelez-nous"

    def test_a_bad_filter_is_a_400(self, api_client, places):
        response = api_client.get("/api/v1/places/export.csv", {"services": "magie"})
        assert response.status_code == 400
        assert "services" in response.json()


class TestDataInclusionExport:
    def test_each_place_is_a_valid_structure_and_service(self, api_client, places):
        response = api_client.get("/api/v1/places/export.json")
        assert response.status_code == 200
        body = json.loads(body_of(response))
        structure_schema = json.loads((DATA / "data-inclusion_v1_structure.json").read_text())
        service_schema = json.loads((DATA / "data-inclusion_v1_service.json").read_text())
        assert len(body["structures"]) == len(body["services"]) == 3
        for structure in body["structures"]:
            jsonschema.validate(structure, structure_schema)
        for service in body["services"]:
            jsonschema.validate(service, service_schema)

    def test_maps_the_standard_onto_data_inclusion_values(self, api_client, places):
        body = json.loads(body_of(api_client.get("/api/v1/places/export.json", {"services": "securite"})))
        [service] = body["services"]
        assert (
            service["structure_id"] == body["structures"][0]["id"] == f"mediation-numerique--{places[0].pk}"
        )
        assert service["thematiques"] == [
            "numerique--acceder-a-des-services-en-ligne",
            "numerique--maitriser-les-fondamentaux-du-numerique",
        ]
        assert service["frais"] == "gratuit"
        assert service["publics"] == ["seniors", "personnes-en-situation-de-handicap"]
        assert service["modes_mobilisation"] == ["se-presenter", "utiliser-lien-mobilisation"]
        assert service["lien_mobilisation"] == "https://rdv.example.org/amiens"
        assert body["structures"][0]["lien_source"] == f"http://localhost/lieux/{places[0].slug}/"


class TestDataInclusionEdgeCases:
    @pytest.fixture
    def schema(self) -> dict:
        return json.loads((DATA / "data-inclusion_v1_structure.json").read_text())

    def structures(self, api_client) -> list[dict]:
        return json.loads(body_of(api_client.get("/api/v1/places/export.json")))["structures"]

    @pytest.mark.parametrize(
        "pivot, siret",
        [("13003013300016", "13003013300016"), ("130030133", None), ("W123456789", None), ("", None)],
    )
    def test_siret_is_a_siret_or_null(self, api_client, db, schema, pivot, siret):
        make_place(pivot=pivot)
        [structure] = self.structures(api_client)
        assert structure["siret"] == siret
        jsonschema.validate(structure, schema)

    @pytest.mark.parametrize("name", ["AB", "A.", "X", "Lieu.. ", "." * 5])
    def test_a_name_is_3_characters_at_least_and_never_ends_with_a_dot(self, api_client, db, schema, name):
        make_place(name=name)
        [structure] = self.structures(api_client)
        assert 3 <= len(structure["nom"]) <= 150
        assert not structure["nom"].endswith(".")
        jsonschema.validate(structure, schema)

    def test_a_short_name_keeps_its_text(self, api_client, db):
        make_place(name="AB")
        assert self.structures(api_client)[0]["nom"] == "AB (médiation numérique)"


class TestStats:
    def test_counts_by_departement_commune_service_and_offer(self, api_client, places):
        body = api_client.get("/api/v1/stats/").json()
        assert body["count"] == 3
        assert body["departements"] == [{"code": "59", "count": 1}, {"code": "80", "count": 2}]
        assert body["communes"][0] == {"insee_code": "80021", "name": "Amiens", "count": 2}
        assert body["services"]["demarches"] == 2
        assert body["services"]["loisirs"] == 1
        assert body["services"]["parentalite"] == 0
        assert body["offers"] == {"assistance": 1, "mediation": 1, "training": 1, "free_access": 0}

    def test_takes_the_same_filters(self, api_client, places):
        body = api_client.get("/api/v1/stats/", {"lat": 49.8942, "lon": 2.2957, "radius": 5}).json()
        assert body["count"] == 1
        assert body["departements"] == [{"code": "80", "count": 1}]

    def test_a_bad_filter_is_a_400(self, api_client, places):
        assert api_client.get("/api/v1/stats/", {"lat": "north"}).status_code == 400
