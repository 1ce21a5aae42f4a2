from django.core.management.base import BaseCommand, CommandError

from coverage.compute import compute_coverage
from places.models import Departement


class Command(BaseCommand):
    help = "Compute the coverage of the communes (distance to the nearest place, places within 5/10/20 km)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--departement",
            action="append",
            dest="departements",
            metavar="CODE",
            help="A département's code (repeatable); every commune of France when omitted.",
        )

    def handle(self, *args, departements=None, **options):
        if departements:
            unknown = sorted(set(departements) - set(Departement.objects.values_list("code", flat=True)))
            if unknown:
                raise CommandError(f"Unknown département(s): {', '.join(unknown)} (load_communes first?)")
        report = compute_coverage(departements=departements)
        self.stdout.write(
            f"{report.communes} communes in {len(report.departements)} département(s), "
            f"{report.places_read} places read, {report.rows} rows stored in {report.seconds:.1f} s"
        )
