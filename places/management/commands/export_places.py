from pathlib import Path

from django.core.management.base import BaseCommand

from places.exporters import export_queryset
from places.models import Place


class Command(BaseCommand):
    help = "Exporte les lieux publiés au format CSV du standard national v1.0.2."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Fichier CSV à écrire (« - » pour la sortie standard).")
        parser.add_argument("--departement", help="Seulement les lieux de ce département.")

    def handle(self, *args, path: Path, departement: str | None, **options):
        places = Place.objects.published()
        if departement:
            places = places.filter(departement=departement)
        if str(path) == "-":
            for chunk in export_queryset(places):
                self.stdout.write(chunk, ending="")
            return
        count = -1
        with open(path, "w", encoding="utf-8", newline="") as handle:
            for chunk in export_queryset(places):
                handle.write(chunk)
                count += 1
        self.stdout.write(f"{count} lieux exportés dans {path}.")
