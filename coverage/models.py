"""Coverage of the territory: for each commune and each kind of help or service, how far the nearest place is
and how many places lie within 5, 10 and 20 km. Derived data, recomputed by coverage.compute."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from places.models import Commune

SEARCH_RADIUS_KM = 50  # beyond it, "no place within 50 km": nearest_km stays empty
RADII_KM = (5, 10, 20)


class CommuneCoverage(models.Model):
    """One row per (commune, key): key is "all", an Offer code or a Service code (see coverage.keys)."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="coverage")
    departement = models.CharField(_("département"), max_length=3)
    key = models.CharField(_("type d'aide ou service"), max_length=30)
    nearest_km = models.FloatField(_("distance du lieu le plus proche (km)"), null=True, blank=True)
    within_5km = models.PositiveIntegerField(_("lieux à moins de 5 km"), default=0)
    within_10km = models.PositiveIntegerField(_("lieux à moins de 10 km"), default=0)
    within_20km = models.PositiveIntegerField(_("lieux à moins de 20 km"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("couverture d'une commune")
        indexes = [models.Index(fields=["departement", "key"], name="coverage_dep_key_idx")]
        constraints = [
            models.UniqueConstraint(fields=["commune", "key"], name="coverage_commune_key_unique"),
            models.CheckConstraint(
                condition=models.Q(within_5km__lte=models.F("within_10km"))
                & models.Q(within_10km__lte=models.F("within_20km")),
                name="coverage_counts_nested",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.key}: {self.nearest_km} km"


class CoverageRun(models.Model):
    """When a département's coverage was last computed, and the state of the places it saw then."""

    departement = models.CharField(_("département"), max_length=3, unique=True)
    places_count = models.PositiveIntegerField(default=0)
    places_updated_at = models.DateTimeField(null=True, blank=True)
    duration_s = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calcul de couverture")

    def __str__(self) -> str:
        return f"{self.departement} ({self.updated_at:%Y-%m-%d %H:%M})"
