import csv
import io
import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.coverage.territory import make_territory

pytestmark = pytest.mark.django_db


def test_the_api_gives_the_communes_least_covered_first_with_the_headline(client):
    make_territory()
    response = client.get("/api/v1/coverage/", {"departement": "99", "offer": "training"})
    assert response.status_code == 200
    data = response.json()
    assert [c["code"] for c in data["communes"]] == ["99003", "99002", "99001"]
    assert [c["nearest_km"] for c in data["communes"]] == [None, 15.0, 3.0]
    # Beta (15 km) and Gamma (none within 50 km) are far: 700 of 1,700 inhabitants.
    assert (data["population"], data["far_population"], data["far_share"]) == (1700, 700, 41.2)
    assert (data["key"], data["far_km"], data["far_communes"]) == ("training", 10, 2)


def test_the_api_filters_by_service(client):
    make_territory()
    data = client.get("/api/v1/coverage/", {"departement": "99", "service": "demarches"}).json()
    assert {c["code"]: c["nearest_km"] for c in data["communes"]} == {
        "99001": 8.0,
        "99002": 22.0,
        "99003": None,
    }


def test_the_api_answers_csv(client):
    make_territory()
    response = client.get("/api/v1/coverage/", {"departement": "99", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["code"], r["nearest_km"], r["within_20km"]) for r in rows] == [
        ("99003", "", "0"),
        ("99002", "4.0", "2"),
        ("99001", "3.0", "3"),
    ]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "departement", "Ce champ est obligatoire."),
        ({"departement": "99", "offer": "cooking"}, "offer", "cooking"),
        (
            {"departement": "99", "offer": "training", "service": "loisirs"},
            "non_field_errors",
            "Choisissez un type d'aide ou un service, pas les deux.",
        ),
    ],
)
def test_the_api_refuses_a_bad_query_with_a_message_naming_the_parameter(client, params, field, message):
    make_territory()
    response = client.get("/api/v1/coverage/", params)
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert message in errors[field][0]


def test_the_api_answers_404_for_an_unknown_departement(client):
    assert client.get("/api/v1/coverage/", {"departement": "XX"}).status_code == 404


def test_the_api_is_served_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    make_territory()
    client.get("/api/v1/coverage/", {"departement": "99"})  # the first call computes
    # the last run, the places' signature (2), the département, the rows
    with django_assert_num_queries(5):
        assert client.get("/api/v1/coverage/", {"departement": "99"}).status_code == 200


def test_the_api_figures_match_the_page(client):
    make_territory()
    for offer in ["", "training", "assistance"]:
        params = {"departement": "99", **({"offer": offer} if offer else {})}
        data = client.get("/api/v1/coverage/", params).json()
        page = client.get("/couverture/99/", {"aide": offer} if offer else {}).content.decode()
        share = re.search(r'data-far-share="([\d.]+)"', page).group(1)
        assert float(share) == data["far_share"]
        table = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
        names = re.findall(r'<th scope="row">(\w+) ', table)
        assert names == [c["name"] for c in data["communes"]]


def test_the_api_is_documented_in_the_openapi_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/coverage/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["departement", "format", "offer", "service"]
    assert set(operation["responses"]) == {"200", "400", "404"}
    assert "least covered first" in operation["description"]
    commune = schema["components"]["schemas"]["CommuneCoverage"]
    assert commune["properties"]["nearest_km"]["nullable"] is True


def test_a_bad_csv_query_gets_its_errors_as_csv(client):
    response = client.get("/api/v1/coverage/", {"format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines() == [
        "field,message",
        "departement,Ce champ est obligatoire.",
    ]
