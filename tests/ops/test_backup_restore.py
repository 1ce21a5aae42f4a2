import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "backup_restore.sh"


@pytest.mark.django_db
def test_a_pg_dump_of_the_test_database_restores_with_the_same_row_counts():
    if connection.vendor != "postgresql" or not shutil.which("pg_restore"):
        pytest.skip("PostgreSQL and its client tools only")
    settings = connection.settings_dict
    env = {
        "PGHOST": settings["HOST"] or "127.0.0.1",
        "PGUSER": settings["USER"] or "postgres",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run([SCRIPT, settings["NAME"]], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "identical row counts in every table" in result.stdout
