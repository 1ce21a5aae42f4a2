"""Writing places in the national standard v1.0.2 (CSV), streamed: one row at a time, whatever the count."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils import translation

from places.models import MAX_SUMMARY_LENGTH, Place
from places.validation import FORMULA_STARTS, NO_SIRET

COLUMNS = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
]
# The official schema's pattern misspells this label (no space before the parenthesis): files that use the
# intended spelling fail validation, so exports write the schema's.
SCHEMA_SPELLING = {"Étapes numériques (La Poste)": "Étapes numériques(La Poste)"}


def neutralize_formula(value: str, max_length: int | None = None) -> str:
    """A free-text cell a spreadsheet would run as a formula gets a leading apostrophe; the text is cut so
    that the cell keeps within the column's `max_length` (the official schema's maxLength)."""
    if not value.startswith(FORMULA_STARTS):
        return value
    return "'" + (value if max_length is None else value[: max_length - 1])


def _labels(place: Place, name: str) -> str:
    field = Place._meta.get_field(name)
    labels = [str(field.enum(code).label) for code in getattr(place, name)]
    return "|".join(SCHEMA_SPELLING.get(label, label) for label in labels)


def standard_row(place: Place) -> dict[str, str]:
    """One place as a row of the standard, every cell a string."""
    text = neutralize_formula
    return {
        "id": str(place.pk),
        "pivot": place.pivot or NO_SIRET,
        "nom": text(place.name),
        "commune": text(place.commune),
        "code_postal": place.postal_code,
        "code_insee": place.insee_code,
        "adresse": text(place.address),
        "complement_adresse": text(place.address_complement),
        "latitude": "" if place.latitude is None else f"{place.latitude:.6f}",
        "longitude": "" if place.longitude is None else f"{place.longitude:.6f}",
        "typologie": "|".join(place.structure_types),
        "telephone": place.phone,
        "courriels": text("|".join(place.emails)),  # refused when written; this is the last defence
        "site_web": "|".join(place.websites),
        "horaires": text(place.opening_hours),
        "presentation_resume": text(place.summary, MAX_SUMMARY_LENGTH),
        "presentation_detail": text(place.description),
        "source": text(place.source),
        "itinerance": _labels(place, "itinerance"),
        "structure_parente": text(place.parent_structure),
        "date_maj": place.updated_on.isoformat(),
        "services": _labels(place, "services"),
        "publics_specifiquement_adresses": _labels(place, "publics"),
        "prise_en_charge_specifique": _labels(place, "needs"),
        "frais_a_charge": _labels(place, "fees"),
        "dispositif_programmes_nationaux": _labels(place, "programmes"),
        "formations_labels": _labels(place, "training_labels"),
        "autres_formations_labels": text(place.other_training_labels),
        "modalites_acces": _labels(place, "access_modes"),
        "modalites_accompagnement": _labels(place, "support_modes"),
        "fiche_acces_libre": place.acceslibre_url,
        "prise_rdv": place.booking_url,
    }


def iter_csv(places: Iterable[Place]) -> Iterator[str]:
    """The CSV text, a header then a line per place: feed it to a streaming response or a file."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return value

    writer.writeheader()
    yield flush()
    with translation.override("fr"):
        for place in places:
            writer.writerow(standard_row(place))
            yield flush()


def export_queryset(queryset) -> Iterator[str]:
    """Places read from the database in chunks (constant memory), in id order."""
    return iter_csv(queryset.order_by("pk").iterator(chunk_size=2000))
