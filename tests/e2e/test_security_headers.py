"""Each public page, opened in Chromium: no Content-Security-Policy violation, and no request to an origin
other than the app's and the configured tile server's (whose tiles are answered here, never fetched)."""

import base64
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from mediation.settings import origin_of
from places.models import Place
from tests.factories import make_place

# Every public page; add new ones here ({slug} is a published place's).
PUBLIC_PAGES = [
    "/",
    "/?q=Amiens",
    "/lieux/{slug}/",
    "/lieux/{slug}/fiche/",
    "/embed/?territory=80",
    "/embed/generateur/",
    "/couverture/",
    "/couverture/80/",
    "/couverture/80/statistiques/",
    "/compte/connexion/",
    "/compte/inscription/",
    "/api/v1/docs/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
]
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
)
# Collects the violations the page reports, from before its first script runs.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""

pytestmark = pytest.mark.e2e


@pytest.fixture
def security_browser(browser):
    """The shared harness's Chromium (tests/e2e/conftest.py)."""
    return browser


@pytest.fixture
def app_url(live_url) -> str:
    """The app's base URL, without a trailing slash."""
    return live_url


@pytest.fixture
def place_slug(app_url, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        place = Place.objects.published().first() or make_place(name="Espace numérique du test")
    return place.slug


def visit(browser, url: str, app_origin: str) -> dict:
    """Open the page; return its CSP header, the violations it reported and the foreign requests it tried."""
    # django-leaflet reads its tile URL once at import: a test harness may change MAP_TILES_URL after.
    tiles_origins = {origin_of(settings.MAP_TILES_URL), origin_of(settings.LEAFLET_CONFIG["TILES"][0][1])} - {
        "'self'"
    }
    foreign: list[str] = []
    tiles: list[str] = []
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))

    def route(route):
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(route.request.url))
        if origin == app_origin or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        elif any(_matches(origin, allowed) for allowed in tiles_origins):
            tiles.append(route.request.url)
            route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    response = page.goto(app_origin + url, wait_until="networkidle")
    result = {
        "status": response.status,
        "policy": response.headers.get("content-security-policy", ""),
        "violations": page.evaluate("window.__cspViolations"),
        "console": [text for text in console if "Content Security Policy" in text],
        "foreign": foreign,
        "tiles": tiles,
        "map_ready": page.evaluate("document.querySelector('#m.leaflet-container') !== null"),
    }
    context.close()
    return result


def _matches(origin: str, allowed: str) -> bool:
    """An origin against a CSP source with an optional `*.` subdomain wildcard."""
    if "*." not in allowed:
        return origin == allowed
    scheme, host = allowed.split("://*.", 1)
    return origin.startswith(scheme + "://") and origin.endswith("." + host)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_reports_no_csp_violation_and_contacts_no_other_origin(
    security_browser, app_url, place_slug, path
):
    result = visit(security_browser, path.format(slug=place_slug), app_url)
    assert result["status"] == 200
    assert "script-src 'self'" in result["policy"]
    assert result["violations"] == []
    assert result["console"] == []
    assert result["foreign"] == []


def test_a_django_leaflet_map_runs_under_the_policy_and_loads_tiles_from_the_tile_server(
    security_browser, app_url, settings
):
    settings.ROOT_URLCONF = "tests.e2e.csp_check_urls"
    result = visit(security_browser, "/map/", app_url)
    assert result["violations"] == []
    assert result["map_ready"] is True
    assert result["tiles"] and all(
        url.startswith("https://tile.openstreetmap.org/") for url in result["tiles"]
    )
    assert result["foreign"] == []


def test_the_check_itself_catches_inline_scripts_and_foreign_requests(security_browser, app_url, settings):
    """A page that breaks both rules is caught: the test above cannot pass by not looking."""
    settings.ROOT_URLCONF = "tests.e2e.csp_check_urls"
    inline = visit(security_browser, "/bad-inline/", app_url)
    assert [violation.split()[:2] for violation in inline["violations"]] == [["script-src-elem", "inline"]]
    foreign = visit(security_browser, "/bad-foreign/", app_url)
    assert foreign["foreign"] == ["https://cdn.example.net/tracker.js"]
