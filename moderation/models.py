"""Moderators of a territory (a hub, a département): who decides claims and proposals there."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from places.validation import DEPARTEMENT_PATTERN, validate_insee_code


def validate_departement_codes(codes: list) -> None:
    for code in codes:
        if not (isinstance(code, str) and DEPARTEMENT_PATTERN.fullmatch(code)):
            raise ValidationError(_("« %(code)s » n'est pas un code de département."), params={"code": code})


def validate_insee_codes(codes: list) -> None:
    for code in codes:
        validate_insee_code(code if isinstance(code, str) else "?")


class TerritoryQuerySet(models.QuerySet):
    def of_user(self, user) -> "TerritoryQuerySet":
        return self.filter(user=user) if user.is_authenticated else self.none()

    def places_q(self) -> Q:
        """A filter on Place matching the places of any of these territories (none if there are none)."""
        departements, insee_codes = set(), set()
        for territory in self:
            departements.update(territory.departements)
            insee_codes.update(territory.insee_codes)
        return Q(departement__in=sorted(departements)) | Q(insee_code__in=sorted(insee_codes))


class Territory(models.Model):
    """A moderator's territory: whole départements and/or single communes (INSEE codes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="territories",
        verbose_name=_("modérateur"),
    )
    name = models.CharField(_("nom"), max_length=150, help_text=_("Par exemple « Hub Hinaura — Somme »."))
    departements = models.JSONField(
        _("départements"), default=list, blank=True, validators=[validate_departement_codes]
    )
    insee_codes = models.JSONField(
        _("communes (codes INSEE)"), default=list, blank=True, validators=[validate_insee_codes]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("territoire de modération")
        verbose_name_plural = _("territoires de modération")

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    def covers(self, place) -> bool:
        return place.departement in self.departements or place.insee_code in self.insee_codes
