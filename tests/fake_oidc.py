"""A small OpenID Connect provider for tests: discovery, authorize, token, userinfo and JWKS, with a fresh
RSA key. It logs in `provider.identity` (claims) at once, as ProConnect would after its own login page."""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID, CLIENT_SECRET, KEY_ID = "annuaire-test", "secret-de-test", "cle-test"


class FakeOIDCProvider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.identity = {
            "sub": "agent-1",
            "email": "agent@mairie-amiens.fr",
            "given_name": "Camille",
            "usual_name": "Durand",
        }
        self.codes: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.provider = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FakeOIDCProvider":
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict:
        """The project's OIDC_* settings pointing at this provider."""
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.url + "/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": self.url + "/token",
            "OIDC_OP_USER_ENDPOINT": self.url + "/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": self.url + "/jwks",
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_OP_LOGOUT_ENDPOINT": self.url + "/session/end",
            "OIDC_STORE_ID_TOKEN": True,
        }

    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": self.url + "/authorize",
            "token_endpoint": self.url + "/token",
            "userinfo_endpoint": self.url + "/userinfo",
            "jwks_uri": self.url + "/jwks",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict) -> str:
        """The redirect back to the client, with a one-time code remembering the nonce."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"nonce": query.get("nonce", ""), "redirect_uri": query["redirect_uri"]}
        return query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})

    def token(self, form: dict) -> dict | None:
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return None
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "sub": self.identity["sub"],
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
        }
        id_token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KEY_ID})
        return {
            "access_token": "jeton-" + secrets.token_urlsafe(8),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }


class _Handler(BaseHTTPRequestHandler):
    def _json(self, data, status=200):
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        provider, url = self.server.provider, urlparse(self.path)
        if url.path == "/.well-known/openid-configuration":
            return self._json(provider.discovery())
        if url.path == "/jwks":
            return self._json(provider.jwks())
        if url.path == "/userinfo":
            if not self.headers.get("Authorization", "").startswith("Bearer jeton-"):
                return self._json({"error": "invalid_token"}, 401)
            return self._json(provider.identity)
        if url.path == "/authorize":
            query = {key: values[0] for key, values in parse_qs(url.query).items()}
            self.send_response(302)
            self.send_header("Location", provider.authorize(query))
            self.end_headers()
            return None
        return self._json({"error": "not_found"}, 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
        if urlparse(self.path).path != "/token":
            return self._json({"error": "not_found"}, 404)
        answer = self.server.provider.token(form)
        return self._json(answer) if answer else self._json({"error": "invalid_grant"}, 400)

    def log_message(self, *args):
        pass
