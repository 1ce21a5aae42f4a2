"""Forget the e-mail and IP address of reporters after the retention period (REPORTS_RETENTION_MONTHS)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.models import ErrorReport


class Command(BaseCommand):
    help = "Efface le courriel et l'adresse IP des signalements plus anciens que la durée de conservation."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=round(settings.REPORTS_RETENTION_MONTHS * 30.44))
        count = ErrorReport.objects.with_personal_data_older_than(cutoff).purge_personal_data()
        self.stdout.write(f"{count} signalement(s) anonymisé(s) (avant le {cutoff:%Y-%m-%d}).")
