"""Log in through an OpenID Connect provider (ProConnect): accounts matched and created by e-mail."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


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
