import json
import logging
import sys

import pytest

from ops.logs import JsonFormatter, RequestIdFilter


def test_response_returns_the_callers_request_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc-123.def")
    assert response["X-Request-ID"] == "abc-123.def"


def test_a_forged_request_id_is_replaced_by_a_new_one(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="evil\nline")
    assert response["X-Request-ID"] != "evil\nline"
    assert len(response["X-Request-ID"]) == 32


def test_each_request_is_logged_with_its_id_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="ops.requests"):
        response = client.get("/healthz")
    [record] = [r for r in caplog.records if r.name == "ops.requests"]
    assert record.status == 200
    assert record.path == "/healthz"
    assert record.method == "GET"
    assert record.duration_ms >= 0
    assert response["Server-Timing"] == f"app;dur={record.duration_ms}"
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"] == "GET /healthz 200"
    assert line["level"] == "INFO"
    assert line["status"] == 200


def test_a_signed_token_in_the_path_is_never_logged(client, db, caplog):
    token = "eyJ1c2VyIjoxfQ:secret-signature"
    with caplog.at_level(logging.INFO, logger="ops.requests"):
        client.get(f"/compte/confirmer/{token}/")
    [record] = [r for r in caplog.records if r.name == "ops.requests"]
    assert record.path == "/compte/confirmer/<str:token>/"
    assert token not in record.getMessage()


def test_json_lines_include_the_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", ("here",), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed here"
    assert "ValueError: boom" in line["exception"]


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BODY_SIZE = 1000
    response = client.post("/", data="x" * 1001, content_type="text/plain")
    assert response.status_code == 413
    assert client.post("/", data="x" * 1000, content_type="text/plain").status_code == 200
