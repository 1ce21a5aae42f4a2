"""`manage.py check --deploy` with the production environment: no warning."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENVIRONMENT = {
    "DEBUG": "false",
    "SECRET_KEY": "k8#Qz!v2Lr@9pWm$Xe4Tn&7Yb1Hc^6Fd*3Js(0Ga)5Ku%8Mo-2Vi+",
    "ALLOWED_HOSTS": "annuaire.example.fr",
    "DATABASE_URL": "postgres://mediation:secret@db:5432/mediation",
    "SECURE_PROXY_SSL_HEADER": "true",
    "STATIC_MANIFEST": "true",
}


def run_deploy_check(**overrides: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(PRODUCTION_ENVIRONMENT, **overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deploy_check_is_clean_with_the_production_environment():
    result = run_deploy_check()
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_warns_when_https_is_turned_off():
    result = run_deploy_check(SECURE_SSL_REDIRECT="false", SESSION_COOKIE_SECURE="false")
    assert result.returncode == 1
    assert "security.W008" in result.stderr
    assert "security.W012" in result.stderr


def test_the_app_refuses_to_start_without_a_secret_key_in_production():
    result = run_deploy_check(SECRET_KEY="")
    assert result.returncode == 1
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr
