"""Browser tests: Playwright driving Chromium against the app served in this process.

The demo data is loaded once per session and committed, and the server runs in threads of this process, so
a test can prepare or check data through the ORM (fixture `db_access`, autocommit) and patch the clock.
These tests run in a pytest process of their own (`-m e2e`, see dev.py): their committed data never meets the
other tests. Map tiles come from this server (a blank PNG), never from the internet.
"""

import base64
import os
import shutil
import threading

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connections

from tests.e2e.accounts import PASSWORD

TILE_PREFIX = "/__test_tiles__/"
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAQAAAAEAAQMAAABmvDolAAAAA1BMVEXy8vLa9aXqAAAAH0lEQVRoge3BAQ0AAADCoPdPbQ43oAAAAAAAAAAAvg0hAAABmmDh1QAAAABJRU5ErkJggg=="
)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def _with_blank_tiles(app):
    def wrapped(environ, start_response):
        if environ.get("PATH_INFO", "").startswith(TILE_PREFIX):
            start_response("200 OK", [("Content-Type", "image/png"), ("Cache-Control", "max-age=3600")])
            return [BLANK_TILE]
        return app(environ, start_response)

    return wrapped


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database, created whatever the tests ask for: these tests reach it through the server."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
    yield
    with django_db_blocker.unblock():
        connections.close_all()
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def live_url(django_db_setup, django_db_blocker):
    """The app with the Hauts-de-France demo, served on a free local port; its base URL without a slash."""
    from places.demo import load_demo

    with django_db_blocker.unblock():
        load_demo()
        for alias in settings.DATABASES:
            settings.DATABASES[alias]["CONN_MAX_AGE"] = 0  # server threads close their connections
        server = ThreadedWSGIServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
        server.daemon_threads = True
        server.set_app(_with_blank_tiles(StaticFilesHandler(get_wsgi_application())))
        base_url = f"http://127.0.0.1:{server.server_address[1]}"
        settings.MAP_TILES_URL = base_url + TILE_PREFIX + "{z}/{x}/{y}.png"
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield base_url
        server.shutdown()
        server.server_close()
        connections.close_all()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: CI must run the browser tests")
        pytest.skip("Chromium is not installed (see README: Two commands)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_url):
    """A fresh page (own cookies and storage) in French, 1280 px wide."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, base_url=live_url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser, live_url):
    """A page 360 px wide, as on a small phone."""
    context = browser.new_context(
        locale="fr-FR",
        viewport={"width": 360, "height": 740},
        base_url=live_url,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def db_access(django_db_blocker):
    """ORM access in autocommit mode, shared with the server: what a test writes, the pages see."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def mediator_place(db_access):
    """A demo place of Amiens with known hours, managed by a mediator; put back as it was afterwards, since
    the demo data is shared with the other browser tests."""
    from accounts.models import User
    from places.models import Place, PlaceManager

    place = Place.objects.published().filter(commune="Amiens").order_by("pk").first()
    original = (
        Place.objects.filter(pk=place.pk)
        .values(
            "opening_hours",
            "updated_on",
            "verified_on",
            "latitude",
            "longitude",
            "location_is_approximate",
            "insee_code",
            "departement",
        )
        .get()
    )
    place.opening_hours = "Mo-Fr 09:00-12:00"
    place.save()
    user = User.objects.create_user(
        username="e2e-mediatrice@mairie-amiens.fr",
        email="e2e-mediatrice@mairie-amiens.fr",
        password=PASSWORD,
        email_confirmed=True,
    )
    PlaceManager.objects.create(place=place, user=user)
    yield place
    user.delete()
    place.closures.all().delete()
    Place.objects.filter(pk=place.pk).update(**original)
