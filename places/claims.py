"""Who keeps a place's listing true (its managers), and mediators' requests to become one (claims)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PlaceManager(models.Model):
    """A person who keeps a place's listing true."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Gestionnaire")

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="place_managers", verbose_name=_("lieu")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="place_roles",
        verbose_name=_("personne"),
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MANAGER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitée par"),
    )
    reminded_on = models.DateField(_("dernier rappel le"), null=True, blank=True)
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Who was made a manager, or removed, by whom and when (the author from the request, simple-history's
    # middleware): the place's history page shows it.
    history = HistoricalRecords(excluded_fields=["reminded_on", "updated_at"])

    class Meta:
        verbose_name = _("gestionnaire d'un lieu")
        verbose_name_plural = _("gestionnaires d'un lieu")
        constraints = [models.UniqueConstraint(fields=["place", "user"], name="place_manager_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.place}"


class ClaimQuerySet(models.QuerySet):
    def pending(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.PENDING)


class Claim(models.Model):
    """A mediator's request to manage a place, granted at once or decided by a moderator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        GRANTED = "granted", _("Acceptée")
        REFUSED = "refused", _("Refusée")

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="claims", verbose_name=_("lieu")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims", verbose_name=_("demandeur")
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidée par"),
    )
    decision_message = models.TextField(_("réponse"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("demande de gestion")
        verbose_name_plural = _("demandes de gestion")
        constraints = [
            models.UniqueConstraint(
                fields=["place", "user"], condition=Q(status="pending"), name="claim_one_pending_per_user"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "granted", "refused"]), name="claim_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.place} ({self.status})"
