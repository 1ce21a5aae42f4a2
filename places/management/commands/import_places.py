from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from places.importers.readers import UnreadableFile
from places.importers.run import import_file
from places.models import Commune


class Command(BaseCommand):
    help = (
        "Importe un fichier de lieux : standard national v1.0.2 ou v0.1 (CSV, JSON, GeoJSON), permanences des "
        "conseillers numériques (JSON) ou liste des France Services (CSV). Le format est reconnu seul. "
        "Réimporter le même fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--source", help="Nom de la source (par défaut : le nom du fichier).")
        parser.add_argument(
            "--ignore-hours",
            action="store_true",
            help="Ne pas importer les horaires (quand la source est connue pour les donner faux).",
        )
        parser.add_argument(
            "--quiet-warnings", action="store_true", help="N'afficher que les lignes refusées."
        )

    def handle(
        self, *args, path: Path, source: str | None, ignore_hours: bool, quiet_warnings: bool, **options
    ):
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        if not Commune.objects.exists():
            raise CommandError("La table des communes est vide : lancez d'abord « manage.py load_communes ».")

        def report_line(line: str) -> None:
            if not quiet_warnings or "refusé" in line:
                self.stderr.write(line)

        try:
            report = import_file(
                path, source=source or path.stem, ignore_hours=ignore_hours, report_line=report_line
            )
        except UnreadableFile as error:
            raise CommandError(
                f"Lecture interrompue : {error}. Les enregistrements lus avant ont été importés ; "
                "réimporter le fichier corrigé ne crée pas de doublon."
            ) from None
        for line in report.summary_lines():
            self.stdout.write(line)
