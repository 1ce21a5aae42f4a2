"""Dated exceptions to a place's usual hours: closed for the holidays, or open at other hours for a while."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from places import validation


class ClosureQuerySet(models.QuerySet):
    def covering(self, day: datetime.date) -> "ClosureQuerySet":
        return self.filter(start_date__lte=day, end_date__gte=day)


class Closure(models.Model):
    """A dated exception to a place's usual hours: closed (holidays, summer), or open at other hours."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Fermé")
        EXCEPTIONAL_HOURS = "hours", _("Horaires exceptionnels")

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="closures")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.CLOSED)
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au"))
    label = models.CharField(
        _("motif"), max_length=120, blank=True, help_text=_("Par exemple « Congés d'été ».")
    )
    hours = models.CharField(
        _("horaires pendant cette période"),
        max_length=250,
        blank=True,
        validators=[validation.validate_opening_hours],
        help_text=_("Au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00 »."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClosureQuerySet.as_manager()
    # Every change and deletion kept with its author (set from the request by simple-history's middleware).
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("fermeture temporaire")
        verbose_name_plural = _("fermetures temporaires")
        indexes = [models.Index(fields=["start_date", "end_date"], name="closure_dates_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="closure_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="closed", hours="") | Q(kind="hours") & ~Q(hours=""),
                name="closure_hours_only_for_exceptional_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.start_date}–{self.end_date}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La date de fin doit être après la date de début.")
        if self.kind == self.Kind.EXCEPTIONAL_HOURS and not self.hours:
            errors["hours"] = _("Indiquez les horaires de cette période.")
        if self.kind == self.Kind.CLOSED:
            self.hours = ""
        if errors:
            raise ValidationError(errors)
