from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    def get_by_email(self, email: str) -> "User":
        return self.get(email__iexact=email.strip())


class User(AbstractUser):
    """A mediator, a moderator or a member of staff. Logs in with an e-mail address."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    email_confirmed = models.BooleanField(
        _("adresse e-mail confirmée"),
        default=False,
        help_text=_("Confirmée par le lien envoyé à l'inscription ou par le fournisseur d'identité."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmailUserManager()

    def __str__(self) -> str:
        return self.email or self.username

    @property
    def never_confirmed(self) -> bool:
        """An account whose address was never confirmed (a lost mail, an invitation not taken up): signing up
        or being invited again sends it a new confirmation link."""
        return not (self.is_active or self.email_confirmed)

    @property
    def is_moderator(self) -> bool:
        """Staff, or a moderator of at least one territory."""
        return self.is_active and (self.is_staff or self.territories.exists())

    @property
    def can_propose_places(self) -> bool:
        return self.is_active and (self.email_confirmed or self.is_staff)
