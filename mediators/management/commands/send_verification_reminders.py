from django.conf import settings
from django.core.management.base import BaseCommand

from mediators.verification import send_reminders


class Command(BaseCommand):
    help = (
        "Mail the managers of listings not confirmed for PLACE_REMINDER_DAYS days a signed link that confirms "
        "them in one click (run daily; each manager is reminded at most every PLACE_REMINDER_INTERVAL_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="override PLACE_REMINDER_DAYS")

    def handle(self, *args, days=None, **options):
        sent = send_reminders(
            days=days if days is not None else settings.PLACE_REMINDER_DAYS,
            interval_days=settings.PLACE_REMINDER_INTERVAL_DAYS,
        )
        for email, place in sent:
            self.stdout.write(f"{email}: {place}")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} rappel(s) envoyé(s)."))
