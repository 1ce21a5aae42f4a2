"""The production server as configured (gunicorn.conf.py): it serves, and every log line is JSON."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.probe import run_python

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_serves_the_app_and_logs_json_lines_with_the_request_id():
    port = free_port()
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [gunicorn, "-c", "gunicorn.conf.py", "mediation.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "probe-42"}
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    assert response.status == 200
                    assert response.headers["X-Request-ID"] == "probe-42"
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer in 30 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]  # fails on any non-JSON line
    assert any(
        line["logger"] == "gunicorn.error" and line["message"].startswith("Booting worker") for line in lines
    )
    [served] = [line for line in lines if line["logger"] == "ops.requests"]
    assert served["request_id"] == "probe-42"
    assert served["status"] == 200


def test_the_wsgi_module_loads_the_views_before_any_request():
    """gunicorn preloads it in its master: forked workers must not import the views in a visitor's request."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mediation.settings", "DEBUG": "true", "SECRET_KEY": "x"}
    probe = (
        "import sys, mediation.wsgi; from django.db import connections; "
        "print(all(name in sys.modules for name in ('places.api', 'mediators.views', 'coverage.views')), "
        "any(c.connection is not None for c in connections.all()))"
    )
    result = run_python(probe, env)
    assert result.stdout.split()[-2:] == ["True", "False"], result.stderr
    config = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)  # the settings file gunicorn reads
    assert config["preload_app"] is True
