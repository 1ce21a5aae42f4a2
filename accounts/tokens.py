"""Signed, expiring links that confirm an e-mail address (sign-up, invitation by a colleague)."""

from django.conf import settings
from django.core import signing

from accounts.models import User

CONFIRM_SALT = "accounts.confirm-email"


def confirmation_token(user: User) -> str:
    # The address is signed too: a link stops working when the address changes.
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT, compress=True)


def user_from_confirmation_token(token: str) -> User | None:
    """The user of a valid, unexpired link whose address is not confirmed yet; None otherwise (a link works once:
    it cannot log anyone in again, nor reactivate an account that was switched off)."""
    max_age = settings.ACCOUNT_CONFIRMATION_MAX_AGE_DAYS * 86400
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return User.objects.filter(pk=data.get("user"), email=data.get("email"), email_confirmed=False).first()
