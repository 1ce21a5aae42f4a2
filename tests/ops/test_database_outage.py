"""A database that does not answer gives fast 503s: the app runs in a subprocess against a closed port."""

import json
import os
import socket

from tests.probe import run_python

PROBE = """
import json, time
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for path in ["/healthz", "/readyz", "/lieux/une-fiche/", "/"]:
    started = time.perf_counter()
    response = client.get(path, HTTP_ACCEPT="text/html")
    answers[path] = {
        "status": response.status_code,
        "seconds": time.perf_counter() - started,
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode()[:2000],
    }
print(json.dumps(answers))
"""


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


def test_pages_and_probes_answer_503_fast_when_postgresql_is_down():
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/nowhere",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "CRITICAL",
        "DJANGO_SETTINGS_MODULE": "mediation.settings",
    }
    result = run_python(PROBE, env)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["/healthz"]["status"] == 200
    assert answers["/readyz"]["status"] == 503
    for path in ["/lieux/une-fiche/", "/"]:
        assert answers[path]["status"] == 503, path
        assert answers[path]["retry_after"] == "5"
        assert "Service momentanément indisponible" in answers[path]["body"]
    assert max(answer["seconds"] for answer in answers.values()) < 2, {
        p: a["seconds"] for p, a in answers.items()
    }
