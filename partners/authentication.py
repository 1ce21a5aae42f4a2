"""`Authorization: Token <key>` (or `Bearer <key>`) for the partners' API tokens."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from partners.models import PartnerToken
from partners.throttling import AnonymousRateThrottle

KEYWORDS = (b"token", b"bearer")


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates the request as the token's user; `request.auth` is the PartnerToken."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise failure(request, _("En-tête Authorization mal formé : « Token <clé> » attendu."))
        token = PartnerToken.objects.for_key(parts[1].decode("latin-1"))
        if token is None:
            raise failure(request, _("Clé d'API inconnue ou révoquée."))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return "Token"


def failure(request, message: str) -> exceptions.APIException:
    """A 401, counted against the address's anonymous rate; a 429 once over it. DRF authenticates before it
    throttles, so a request with a wrong key would otherwise never be throttled: keys could be guessed at
    any speed."""
    throttle = AnonymousRateThrottle()
    if not throttle.allow(throttle.get_ident(request)):
        return exceptions.Throttled(throttle.wait())
    return exceptions.AuthenticationFailed(message)


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "partners.authentication.PartnerTokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "« Token <clé> » ou « Bearer <clé> » : une clé d'API de partenaire.",
        }
