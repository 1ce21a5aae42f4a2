"""The real Hauts-de-France demo: three public datasets merged without duplicates (see data/SOURCES.md)."""

from places.choices import DATA_DIR
from places.communes import CommuneIndex, load_reference_tables
from places.importers.run import ImportReport, import_file
from places.models import Commune

DEMO_FILES = [
    # (file, source name, the source's hours are known to be wrong)
    ("hdf_france-services.csv", "france-services-hdf", False),
    ("hdf_conseillers-numeriques_permanences_2022.json", "conseillers-numeriques-hdf", False),
    # Its hours all cover Saturday only (an upstream bug): the other sources bring the real ones.
    ("hdf_portrea_locations.geojson", "portrea-hdf", True),
]


def load_demo() -> list[ImportReport]:
    if not Commune.objects.exists():
        load_reference_tables()
    communes = CommuneIndex()
    return [
        import_file(DATA_DIR / "lieux" / name, source=source, ignore_hours=ignore_hours, communes=communes)
        for name, source, ignore_hours in DEMO_FILES
    ]
