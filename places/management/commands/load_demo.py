from django.core.management.base import BaseCommand

from places.demo import load_demo


class Command(BaseCommand):
    help = (
        "Charge la démonstration réelle des Hauts-de-France : communes, puis les trois sources de lieux "
        "fusionnées sans doublon. Idempotent."
    )

    def handle(self, *args, **options):
        for report in load_demo():
            for line in report.summary_lines()[:1]:
                self.stdout.write(line)
