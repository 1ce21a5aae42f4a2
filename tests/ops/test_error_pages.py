import json

from django.db import OperationalError
from django.test import RequestFactory

from ops.views import server_error


def answer_to(path: str, error: Exception):
    try:
        raise error
    except Exception:
        return server_error(RequestFactory().get(path))


def test_a_database_error_under_the_api_is_a_json_503_to_retry():
    response = answer_to("/api/v1/places/", OperationalError("the database system is shutting down"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert json.loads(response.content) == {
        "detail": "Service momentanément indisponible : réessayez dans quelques secondes."
    }


def test_a_database_error_on_a_page_is_an_html_503():
    response = answer_to("/lieux/x/", OperationalError("connection refused"))
    assert response.status_code == 503
    assert "<h1>Service momentanément indisponible</h1>" in response.content.decode()


def test_any_other_error_stays_a_500_without_retry_after():
    response = answer_to("/lieux/x/", ValueError("bug"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "<h1>Erreur du serveur</h1>" in response.content.decode()
