"""The OpenAPI schema: complete, served with its documentation page without any CDN, and honoured by the API
(schemathesis generates requests from it: no 5xx, no response outside the schema)."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_place

SCHEMA_URL = "/api/v1/schema/"
# No 5xx, and every response as documented. (Not "every schema-valid request is accepted": OpenAPI cannot say
# that `radius` needs `lat` and `lon`, which the API rightly refuses with a 400.)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, WSGIHandler())


@pytest.fixture
def openapi(api_client, db) -> dict:
    response = api_client.get(SCHEMA_URL, {"format": "json"})
    assert response.status_code == 200
    return response.json()


def list_parameters(openapi: dict) -> dict[str, dict]:
    return {
        parameter["name"]: parameter for parameter in openapi["paths"]["/api/v1/places/"]["get"]["parameters"]
    }


class TestSchema:
    def test_every_parameter_has_a_type_and_a_description(self, openapi):
        for path, operations in openapi["paths"].items():
            for method, operation in operations.items():
                for parameter in operation.get("parameters", []):
                    where = f"{method.upper()} {path} {parameter['name']}"
                    assert parameter.get("description"), where
                    assert parameter["schema"].get("type"), where

    def test_enumerations_list_their_codes(self, openapi):
        parameters = list_parameters(openapi)
        assert parameters["offer"]["schema"]["items"]["enum"] == [
            "assistance",
            "mediation",
            "training",
            "free_access",
        ]
        assert "demarches" in parameters["services"]["schema"]["items"]["enum"]
        assert parameters["services"]["explode"] is False
        assert sorted(parameters["format"]["schema"]["enum"]) == ["geojson", "json"]

    def test_limits_are_documented(self, openapi):
        parameters = list_parameters(openapi)
        assert parameters["radius"]["schema"]["maximum"] == 100
        assert parameters["page_size"]["schema"]["maximum"] == 100
        assert parameters["lat"]["schema"]["minimum"] == -90

    @pytest.mark.parametrize(
        "path", ["/api/v1/places/export.csv", "/api/v1/places/export.json", "/api/v1/stats/"]
    )
    def test_exports_and_stats_document_every_filter_of_the_list(self, openapi, path):
        paging = {"page", "page_size", "format", "after", "before"}
        expected = {
            name: parameter for name, parameter in list_parameters(openapi).items() if name not in paging
        }
        documented = {
            parameter["name"]: parameter for parameter in openapi["paths"][path]["get"]["parameters"]
        }
        assert set(expected) <= set(documented)
        for name, parameter in expected.items():
            assert documented[name]["schema"] == parameter["schema"], name
            assert documented[name]["description"] == parameter["description"], name
        assert documented["open_now"]["schema"] == {"type": "boolean"}
        assert documented["updated_since"]["schema"] == {"type": "string", "format": "date-time"}

    def test_the_removals_document_their_moment_and_the_paging_of_the_list(self, openapi):
        parameters = {
            parameter["name"]: parameter
            for parameter in openapi["paths"]["/api/v1/places/removed/"]["get"]["parameters"]
        }
        assert parameters["since"]["required"] is True
        assert parameters["since"]["schema"]["format"] == "date-time"
        listed = list_parameters(openapi)
        for name in ("page", "page_size", "after", "before"):
            assert parameters[name]["schema"] == listed[name]["schema"], name
        assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
        for documented in (listed, parameters):  # ids, in the list's links and the removals' alike
            assert documented["after"]["schema"]["type"] == "integer"
            assert documented["before"]["schema"]["type"] == "integer"

    def test_error_responses_are_documented(self, openapi):
        assert {"400", "404", "429"} <= set(openapi["paths"]["/api/v1/places/"]["get"]["responses"])
        assert {"400", "401", "403"} <= set(openapi["paths"]["/api/v1/places/"]["post"]["responses"])
        assert {"401", "403", "404"} <= set(openapi["paths"]["/api/v1/places/{id}/"]["patch"]["responses"])

    def test_the_documentation_page_uses_no_cdn(self, api_client, db):
        response = api_client.get("/api/v1/docs/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
        assert "cdn" not in page.lower()


@pytest.fixture
def wsgi_requests_in_the_test_transaction():
    """Django closes the connection after each request, which would end the test's transaction; its test
    client does not, and nor do we here."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def generous_rates(settings):
    rates = {"api_anonymous": "100000/minute", "api_partner": "100000/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture
def a_few_places(db):
    make_place(
        name="Médiathèque", services=["demarches"], offers=["assistance"], opening_hours="Mo-Fr 09:00-17:00"
    )
    make_place(name="Cyber-base", commune="Lille", postal_code="59000", insee_code="59350", departement="59")


@schema.parametrize()
# Bounded: random generation only (not schemathesis' exhaustive "coverage" phase), a few cases per operation.
@settings(
    max_examples=15,
    phases=[Phase.generate, Phase.shrink],
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_honours_its_schema(
    case, a_few_places, generous_rates, wsgi_requests_in_the_test_transaction
):
    case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)
