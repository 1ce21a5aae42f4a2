"""Log in through an OpenID Connect provider (ProConnect): accounts matched and created by e-mail; log out of
the provider too."""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect, resolve_url
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

logger = logging.getLogger(__name__)


class ProConnectBackend(OIDCAuthenticationBackend):
    """The provider has checked the address: an account it creates or finds is confirmed."""

    def filter_users_by_claims(self, claims):
        email = claims.get("email", "").strip()
        return self.UserModel.objects.filter(email__iexact=email) if email else self.UserModel.objects.none()

    def create_user(self, claims):
        email = claims["email"].strip().lower()
        return self.UserModel.objects.create_user(
            username=email,
            email=email,
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("usual_name", claims.get("family_name", ""))[:150],
            email_confirmed=True,
        )

    def update_user(self, user, claims):
        if not user.email_confirmed:
            user.email_confirmed = True
            user.save(update_fields=["email_confirmed", "updated_at"])
        return user


class ProConnectCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer. A login it refused (or the person cancelled), or whose token cannot be verified,
    brings the person back to the login page, told so, instead of a bare error page."""

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation as error:  # a state, nonce or signature that does not check out
            logger.warning("ProConnect login refused: %s", error)
        except requests.RequestException as error:  # the provider down, slow, or refusing a used code
            logger.warning("ProConnect did not answer the login: %s", error)
        return self.login_failure()

    def login_failure(self):
        if self.request.user.is_authenticated:  # the answer reloaded after a login that worked
            return redirect(self.success_url)
        messages.error(
            self.request,
            _(
                "La connexion par ProConnect n'a pas abouti : réessayez, ou connectez-vous avec votre adresse "
                "e-mail et votre mot de passe."
            ),
        )
        return redirect("accounts:login")


def provider_logout_url(request) -> str | None:
    """Where to end the person's ProConnect session too, when they logged in through it (read it before
    logout() clears the session); None otherwise."""
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_OP_LOGOUT_ENDPOINT and id_token):
        return None
    query = {
        "id_token_hint": id_token,
        "state": get_random_string(32),
        "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL)),
    }
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(query)}"
