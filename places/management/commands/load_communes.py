from django.core.management.base import BaseCommand

from places.communes import load_reference_tables


class Command(BaseCommand):
    help = "Charge (ou met à jour) les tables de référence des communes et des départements (INSEE 2024)."

    def handle(self, *args, **options):
        departements, communes = load_reference_tables()
        self.stdout.write(f"{departements} départements et {communes} communes chargés.")
