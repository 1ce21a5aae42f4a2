"""The deployment files hold together (no Docker engine here: YAML and structure are checked)."""

import os
import re
from pathlib import Path

import yaml

from ops.routers import PrimaryReplicaRouter
from places.models import Place
from tests.probe import run_python

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgresql_15_the_app_and_backups():
    services = compose()["services"]
    assert set(services) == {"db", "app", "backup"}
    assert services["db"]["image"] == "postgres:15"
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "pg_dump --format=custom" in "\n".join(services["backup"]["entrypoint"])


def test_compose_checks_the_app_on_readyz_and_the_database_with_pg_isready():
    services = compose()["services"]
    assert "/readyz" in " ".join(services["app"]["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])


def test_compose_requires_the_secrets_and_sets_production_values():
    environment = compose()["services"]["app"]["environment"]
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["SECURE_PROXY_SSL_HEADER"] == "true"
    assert environment["STATIC_MANIFEST"] == "true"
    assert "127.0.0.1" in environment["ALLOWED_HOSTS"]  # the container's own health check


def test_every_variable_compose_passes_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    environment = compose()["services"]["app"]["environment"]
    missing = [name for name in environment if f"`{name}`" not in readme]
    assert missing == []


def test_dockerfile_runs_gunicorn_with_the_entrypoint_that_migrates():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r'^CMD \["gunicorn", "-c", "gunicorn.conf.py", "mediation.wsgi"\]$', dockerfile, re.M)
    assert "collectstatic" in dockerfile
    assert "/readyz" in dockerfile
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    assert "manage.py migrate --no-input" in entrypoint
    assert os.access(ROOT / "docker" / "entrypoint.sh", os.X_OK)


def test_gunicorn_takes_its_worker_count_from_the_cpus_unless_told():
    code = "import runpy; print(runpy.run_path('gunicorn.conf.py')['workers'])"
    env = {key: value for key, value in os.environ.items() if key != "GUNICORN_WORKERS"}
    default = run_python(code, env)
    assert int(default.stdout) == 2 * len(os.sched_getaffinity(0)) + 1
    env["GUNICORN_WORKERS"] = "3"
    told = run_python(code, env)
    assert int(told.stdout) == 3


def test_replica_router_reads_from_the_replica_and_writes_to_the_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Place) == "replica"
    assert router.db_for_write(Place) == "default"
    assert router.allow_migrate("default", "places") is True
    assert router.allow_migrate("replica", "places") is False
