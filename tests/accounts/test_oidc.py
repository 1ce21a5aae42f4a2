"""Logging in through ProConnect (OpenID Connect), against the local provider of tests/fake_oidc.py."""

import html
import http.client
import json
import os
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import make_user
from tests.fake_oidc import FakeOIDCProvider
from tests.probe import run_python


@pytest.fixture
def provider(settings):
    provider = FakeOIDCProvider().start()
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "accounts.oidc.ProConnectBackend"]
    yield provider
    provider.stop()


def log_in_through(provider, client: Client):
    """Start at the site, go through the provider's authorize endpoint, come back to the callback."""
    start = client.get(reverse("accounts:oidc_login"))
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize?")
    authorize = urlparse(start["Location"])
    connection = http.client.HTTPConnection(authorize.hostname, authorize.port, timeout=5)
    connection.request("GET", f"{authorize.path}?{authorize.query}")
    callback = urlparse(connection.getresponse().getheader("Location"))
    assert callback.path == reverse("accounts:oidc_callback")
    return client.get(f"{callback.path}?{callback.query}")


def assert_back_on_the_login_page_with_the_proconnect_message(client: Client, response) -> None:
    """A ProConnect login that failed: back on the login page with the message, no account made, anonymous."""
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "La connexion par ProConnect n'a pas abouti" in html.unescape(
        client.get(response["Location"]).content.decode()
    )
    assert not User.objects.exists()
    assert client.get(reverse("mediators:dashboard")).status_code == 302  # still anonymous


def test_proconnect_creates_a_confirmed_account_and_logs_in(provider, db):
    client = Client()
    response = log_in_through(provider, client)
    assert response.status_code == 302 and response["Location"] == reverse("mediators:dashboard")
    user = User.objects.get(email="agent@mairie-amiens.fr")
    assert (user.email_confirmed, user.first_name, user.last_name) == (True, "Camille", "Durand")
    assert client.get(reverse("mediators:dashboard")).status_code == 200


def test_proconnect_logs_in_the_existing_account_of_that_address_and_confirms_it(provider, db):
    existing = make_user("Agent@Mairie-Amiens.fr", email_confirmed=False)
    log_in_through(provider, Client())
    assert User.objects.count() == 1
    existing.refresh_from_db()
    assert existing.email_confirmed


def test_a_token_signed_by_another_key_is_refused(provider, db):
    from cryptography.hazmat.primitives.asymmetric import rsa

    provider.key, real_key = rsa.generate_private_key(public_exponent=65537, key_size=2048), provider.key
    jwks = provider.jwks()
    provider.key = real_key
    provider.jwks = lambda: jwks  # the published key is not the one that signs
    client = Client()
    response = log_in_through(provider, client)
    assert_back_on_the_login_page_with_the_proconnect_message(client, response)


def test_a_login_cancelled_at_the_provider_comes_back_to_the_login_page_with_a_message(provider, db):
    client = Client()
    start = client.get(reverse("accounts:oidc_login"))
    state = parse_qs(urlparse(start["Location"]).query)["state"][0]
    response = client.get(reverse("accounts:oidc_callback"), {"error": "access_denied", "state": state})
    assert_back_on_the_login_page_with_the_proconnect_message(client, response)


def test_logging_out_after_proconnect_ends_the_provider_session_too(provider, db):
    client = Client()
    log_in_through(provider, client)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    end = urlparse(response["Location"])
    assert f"{end.scheme}://{end.netloc}{end.path}" == provider.url + "/session/end"
    query = {key: values[0] for key, values in parse_qs(end.query).items()}
    assert jwt.decode(query["id_token_hint"], options={"verify_signature": False})["sub"] == "agent-1"
    assert query["post_logout_redirect_uri"] == "http://testserver/"
    assert len(query["state"]) == 32
    assert client.get(reverse("mediators:dashboard")).status_code == 302  # logged out here already


def test_logging_out_of_a_password_account_stays_on_the_site(provider, db):
    client = Client()
    client.force_login(make_user("mediatrice@asso.fr"))
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("places:list")


def test_proconnect_urls_are_404_when_not_configured(db, settings):
    settings.OIDC_ENABLED = False
    assert Client().get(reverse("accounts:oidc_login")).status_code == 404


def test_the_provider_publishes_its_discovery_document(provider):
    import json
    import urllib.request

    with urllib.request.urlopen(provider.url + "/.well-known/openid-configuration", timeout=5) as answer:
        document = json.load(answer)
    assert document["token_endpoint"] == provider.url + "/token"


def test_a_code_the_provider_refuses_comes_back_to_the_login_page_with_a_message(provider, db):
    provider.token = lambda form: None  # a used or expired code: the token endpoint answers 400
    client = Client()
    response = log_in_through(provider, client)
    assert_back_on_the_login_page_with_the_proconnect_message(client, response)


def test_a_provider_that_does_not_answer_comes_back_to_the_login_page(provider, db):
    client = Client()
    start = client.get(reverse("accounts:oidc_login"))
    query = parse_qs(urlparse(start["Location"]).query)
    provider.stop()  # the token endpoint no longer answers
    response = client.get(reverse("accounts:oidc_callback"), {"code": "x", "state": query["state"][0]})
    assert_back_on_the_login_page_with_the_proconnect_message(client, response)


def test_the_log_out_form_may_redirect_to_the_provider_under_the_csp():
    """Browsers check a form's redirects against form-action: the provider's origin is allowed when set."""
    env = {
        **os.environ,
        "DEBUG": "true",
        "SECRET_KEY": "x",
        "OIDC_RP_CLIENT_ID": "annuaire",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://auth.example.gouv.fr/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": "https://auth.example.gouv.fr/token",
        "OIDC_OP_USER_ENDPOINT": "https://auth.example.gouv.fr/userinfo",
        "OIDC_OP_LOGOUT_ENDPOINT": "https://auth.example.gouv.fr/api/v2/session/end",
        "DJANGO_SETTINGS_MODULE": "mediation.settings",
    }
    probe = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']))"
    )
    for logout_endpoint, expected in [
        (env["OIDC_OP_LOGOUT_ENDPOINT"], ["'self'", "https://auth.example.gouv.fr"]),
        ("", ["'self'"]),
    ]:
        result = run_python(probe, {**env, "OIDC_OP_LOGOUT_ENDPOINT": logout_endpoint})
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout.strip().splitlines()[-1]) == expected


def test_the_provider_answer_reloaded_after_a_login_that_worked_goes_on_to_the_dashboard(provider, db):
    client = Client()
    log_in_through(provider, client)
    response = client.get(reverse("accounts:oidc_callback"), {"code": "used", "state": "used"})
    assert response.status_code == 302 and response["Location"] == reverse("mediators:dashboard")
    assert "n'a pas abouti" not in html.unescape(client.get(response["Location"]).content.decode())
