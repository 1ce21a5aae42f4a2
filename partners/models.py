"""API tokens of the partners (départements, regional hubs, other directories) that write through the API."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    """Tokens are random (256 bits), so a plain SHA-256 is enough; only the hash is stored."""
    return hashlib.sha256(key.encode()).hexdigest()


class PartnerTokenQuerySet(models.QuerySet):
    def active(self) -> "PartnerTokenQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def for_key(self, key: str) -> "PartnerToken | None":
        """The active token of that key, with its user, or None."""
        return self.active().select_related("user").filter(key_hash=hash_key(key)).first()


class PartnerToken(models.Model):
    """A partner's key to the API: linked to a user account (the author of every change made with it),
    stored hashed, revocable, and scoped to the départements the partner may write."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("compte"),
    )
    name = models.CharField(_("nom"), max_length=100, help_text=_("Le partenaire et l'usage de la clé."))
    key_prefix = models.CharField(_("début de la clé"), max_length=KEY_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    departements = models.JSONField(
        _("départements"),
        default=list,
        help_text=_("Les codes des départements où le partenaire peut créer et modifier des lieux."),
    )
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("clé d'API")
        verbose_name_plural = _("clés d'API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    def set_new_key(self) -> str:
        """Give the token a new random key and return it: the only time it can be read."""
        key = secrets.token_urlsafe(32)
        self.key_prefix = key[:KEY_PREFIX_LENGTH]
        self.key_hash = hash_key(key)
        return key

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at", "updated_at"])

    def may_write_in(self, departement: str) -> bool:
        return self.is_active and departement in self.departements
