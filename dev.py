#!/usr/bin/env python3
"""The project's one entry point. Needs only Python 3.11+; sets up everything else itself.

    python3 dev.py run     set up (virtual environment, dependencies, database, demo data), then serve
                           the app on http://127.0.0.1:8000/
    python3 dev.py test    set up, then run the whole test suite on SQLite and on PostgreSQL
    python3 dev.py check   linters and Django's checks (ruff, manage.py check, makemigrations --check)

`test` takes pytest's arguments after `--` (python3 dev.py test -- -k near), and --sqlite or --postgres to
run one backend only. PostgreSQL comes from TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mediation);
when it can't be reached the PostgreSQL run is skipped with a message, unless CI or REQUIRE_POSTGRES is set.
"""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/mediation"


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036  (dev.py may be started by an older python3)
        sys.exit("Python 3.11 or newer is needed.")
    command, *args = sys.argv[1:] or ["help"]
    commands = {"run": run, "test": test, "check": check}
    if command not in commands:
        print(__doc__)
        return 0 if command == "help" else 2
    return commands[command](args)


def setup() -> None:
    """Create the virtual environment and install the pinned dependencies when pyproject.toml changed."""
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("Installing the dependencies …", flush=True)
        subprocess.run([PYTHON, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([PYTHON, "-m", "pip", "install", "-q", "-e", ".[dev]"], check=True, cwd=ROOT)
        stamp.write_text(digest)


def manage(*args: str, env: dict | None = None) -> None:
    subprocess.run([PYTHON, "manage.py", *args], check=True, cwd=ROOT, env=env)


def run(args: list[str]) -> int:
    setup()
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "true")}
    manage("migrate", "--no-input", env=env)
    print("Loading the Hauts-de-France demo data (the first time takes about half a minute) …", flush=True)
    manage("load_demo", env=env)
    address = args[0] if args else "127.0.0.1:8000"
    print(
        f"\nThe directory is served on http://{address}/ (admin: http://{address}/admin/, "
        "create an account with `.venv/bin/python manage.py createsuperuser`).\n",
        flush=True,
    )
    return subprocess.call([PYTHON, "manage.py", "runserver", address], cwd=ROOT, env=env)


def test(args: list[str]) -> int:
    setup()
    ensure_browser()
    pytest_args = args[args.index("--") + 1 :] if "--" in args else []
    backends = ["sqlite", "postgres"]
    if "--sqlite" in args:
        backends = ["sqlite"]
    if "--postgres" in args:
        backends = ["postgres"]
    failed = False
    for backend in backends:
        env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": "tests-only-secret-key",
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
        }
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'test.sqlite3'}"
        else:
            url = os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES_URL)
            if not reachable(url):
                if os.environ.get("CI") or os.environ.get("REQUIRE_POSTGRES"):
                    print(f"PostgreSQL at {url} cannot be reached, and CI needs it.", flush=True)
                    return 1
                print(f"\nPostgreSQL at {url} cannot be reached: the PostgreSQL run is skipped.", flush=True)
                continue
            env["DATABASE_URL"] = url
        # Browser tests run in a pytest process of their own: they commit the demo data to their database.
        for label, marker in (("", "not e2e"), (" (browser)", "e2e")):
            print(f"\n=== Test suite on {backend}{label} ===", flush=True)
            code = subprocess.call([PYTHON, "-m", "pytest", "-m", marker, *pytest_args], cwd=ROOT, env=env)
            failed = failed or code not in (0, 5)  # 5: arguments that select no test of this part
    return 1 if failed else 0


def reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), timeout=2):
            return True
    except OSError:
        return False


def ensure_browser() -> None:
    """The browser tests drive Debian's Chromium; install it where we may (root with apt), else say how."""
    if os.environ.get("CHROMIUM_PATH") or shutil.which("chromium"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Chromium for the browser tests (apt-get install chromium) …", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return
    print(
        "No Chromium found: install your system's `chromium` package, or run "
        "`.venv/bin/playwright install chromium` (then set CHROMIUM_PATH to its binary if needed).",
        flush=True,
    )


def check(args: list[str]) -> int:
    setup()
    env = {**os.environ, "DEBUG": "true"}
    steps = [
        [VENV / "bin" / "ruff", "check", "."],
        [VENV / "bin" / "ruff", "format", "--check", "."],
        [PYTHON, "manage.py", "check"],
        [PYTHON, "manage.py", "makemigrations", "--check", "--dry-run"],
    ]
    return max(subprocess.call(step, cwd=ROOT, env=env) for step in steps)


if __name__ == "__main__":
    sys.exit(main())
