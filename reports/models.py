"""Errors that visitors report on a place's page, kept for the moderators."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorReportQuerySet(models.QuerySet):
    def with_personal_data_older_than(self, cutoff: datetime.datetime) -> "ErrorReportQuerySet":
        """Reports made before `cutoff` that still hold the reporter's e-mail or IP address."""
        return self.filter(created_at__lt=cutoff).filter(
            ~models.Q(email="") | models.Q(ip_address__isnull=False)
        )

    def purge_personal_data(self) -> int:
        """Forget the reporters' e-mail and IP address; the message stays for the place's history."""
        return self.update(email="", ip_address=None)


class ErrorReport(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("À traiter")
        HANDLED = "handled", _("Traité")

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="error_reports")
    message = models.TextField(_("message"), max_length=2000)
    email = models.EmailField(_("courriel"), blank=True)
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signalement d'erreur")
        verbose_name_plural = _("signalements d'erreur")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "handled"]), name="report_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.place} — {self.created_at:%Y-%m-%d}"
