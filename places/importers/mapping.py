"""Turning one record of a source file into the fields of a Place.

One mapper reads the national standard in v1.0.2 and v0.1 (CSV, JSON, GeoJSON, and the digital advisers' JSON
which is v0.1 with commas), another the France Services list. Values are matched leniently and stored in
their canonical form; a bad optional value is dropped with a warning, a record that cannot make a place is
rejected with its reason.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from places import choices, validation
from places.communes import CommuneIndex, departement_of
from places.models import MAX_SUMMARY_LENGTH
from places.offers import derive_offers

# Legacy values with no v1 equivalent, dropped without a warning.
KNOWN_UNMAPPED = {"adultes", "tout public", "autre", "autres"}
PASS_NUMERIQUE_WORDS = ("pass numerique", "aptic")
ON_BEHALF_WORDS = ("a ma place", "realiser des demarches administratives avec un accompagnement")


class RowRejected(Exception):
    """The record cannot make a place: `reason` names the problem (to count them), the message says it all."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason


@dataclass
class MappedRow:
    external_id: str
    fields: dict
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (reason, message)


PARSER_REASONS = {
    "invalid_phone": "téléphone invalide",
    "invalid_siret": "SIRET invalide",
    "invalid_pivot": "SIRET ou RNA invalide",
    "invalid_hours": "horaires invalides",
}


def map_record(record: dict, *, communes: CommuneIndex, ignore_hours: bool = False) -> MappedRow:
    if "lib_fs" in record or "id_fs" in record:
        record = france_services_record(record)
    return StandardRecord(record, communes=communes, ignore_hours=ignore_hours).mapped()


class StandardRecord:
    """A record of the national standard (v1.0.2 or v0.1), with its legacy column names."""

    def __init__(self, record: dict, *, communes: CommuneIndex, ignore_hours: bool) -> None:
        self.raw = {str(k).strip().lower(): v for k, v in record.items()}
        self.communes = communes
        self.ignore_hours = ignore_hours
        self.warnings: list[tuple[str, str]] = []

    def warn(self, reason: str, message: str) -> None:
        self.warnings.append((reason, message))

    def text(self, *names: str) -> str:
        for name in names:
            value = self.raw.get(name)
            if value not in (None, ""):
                return re.sub(r"\s+", " ", str(value)).strip()
        return ""

    def values(self, *names: str) -> list[str]:
        """Multiple values of a cell: `|` in v1, `;` in v0.1."""
        return [part.strip() for part in re.split(r"[|;]", self.text(*names)) if part.strip()]

    def choice_set(self, enum, *names: str, split_commas: bool = False) -> list[str]:
        codes: list[str] = []
        for value in self.values(*names):
            parts = [value]
            if split_commas and not choices.match_label(enum, value):
                parts = [part.strip() for part in value.split(",") if part.strip()]
            for part in parts:
                matched = choices.match_label(enum, part)
                if not matched and choices.normalize_label(part) not in KNOWN_UNMAPPED:
                    if not self._is_known_elsewhere(part):
                        self.warn(
                            f"valeur inconnue dans {names[0]}",
                            f"valeur inconnue « {part} » dans {names[0]} (ignorée)",
                        )
                codes.extend(code for code in matched if code not in codes)
        return [member.value for member in enum if member.value in codes]

    @staticmethod
    def _is_known_elsewhere(value: str) -> bool:
        """v0.1 mixed publics with needs and fees with the pass numérique: such values are not unknown."""
        key = choices.normalize_label(value)
        return any(word in key for word in PASS_NUMERIQUE_WORDS) or any(
            choices.match_label(enum, value) for enum in (choices.Public, choices.Need, choices.Fee)
        )

    def mapped(self) -> MappedRow:
        external_id = self.text("id")
        if not external_id:
            raise RowRejected("identifiant (id) manquant")
        name = self.text("nom")
        if not name:
            raise RowRejected("nom manquant")
        fields = {"name": name[:250], **self.address(), **self.contact(), **self.offer(), **self.provenance()}
        return MappedRow(external_id=external_id[:250], fields=fields, warnings=self.warnings)

    def address(self) -> dict:
        postal_code = self.text("code_postal").replace(" ", "")
        if re.fullmatch(r"\d{4}", postal_code):
            postal_code = "0" + postal_code  # spreadsheets drop the leading zero of 01000…09999
        commune_name = self.text("commune")
        insee_code = self.text("code_insee").upper()
        if insee_code and re.fullmatch(r"\d{4}", insee_code):
            insee_code = "0" + insee_code
        commune = self.communes.resolve(insee_code=insee_code, postal_code=postal_code, name=commune_name)
        address = self.text("adresse")
        if not address:
            raise RowRejected("adresse manquante")
        if not re.fullmatch(r"\d{5}", postal_code):
            if commune is None:
                raise RowRejected(
                    "code postal invalide et commune introuvable", f"« {postal_code} », « {commune_name} »"
                )
            self.warn(
                "code postal invalide",
                f"code postal « {postal_code} » invalide, celui de la commune est retenu",
            )
        latitude, longitude, approximate = self.location(commune)
        return {
            "address": address[:250],
            "address_complement": self.text("complement_adresse")[:250],
            "postal_code": postal_code
            if re.fullmatch(r"\d{5}", postal_code)
            else self.communes.postal_code_of(commune),
            "commune": (commune_name or (commune.name if commune else ""))[:100],
            "insee_code": commune.code if commune else "",
            "departement": commune.departement if commune else departement_of(postal_code),
            "latitude": latitude,
            "longitude": longitude,
            "location_is_approximate": approximate,
        }

    def location(self, commune) -> tuple[float, float, bool]:
        lat_text, lon_text = self.text("latitude"), self.text("longitude")
        if lat_text and lon_text:
            try:
                latitude, longitude = float(lat_text.replace(",", ".")), float(lon_text.replace(",", "."))
            except ValueError:
                raise RowRejected("coordonnées illisibles", f"{lat_text}, {lon_text}") from None
            if not -90 <= latitude <= 90:
                raise RowRejected("latitude hors limites (-90 à 90)", lat_text)
            if not -180 <= longitude <= 180:
                raise RowRejected("longitude hors limites (-180 à 180)", lon_text)
            if (latitude, longitude) != (0.0, 0.0):
                return latitude, longitude, False
        if commune is None:
            raise RowRejected("ni coordonnées ni commune reconnue pour placer le lieu")
        self.warn(
            "sans coordonnées : placé au centre de sa commune",
            "sans coordonnées : placé au centre de sa commune",
        )
        return commune.latitude, commune.longitude, True

    def contact(self) -> dict:
        return {
            "phone": self.optional(
                validation.parse_phone, self.text("telephone"), departement=self._departement()
            ),
            "emails": self.valid_items(
                self.values("courriels", "courriel"), validation.validate_email_address, "courriel"
            ),
            "websites": self.valid_items(
                [self._with_scheme(url) for url in self.values("site_web")], URLValidator(), "site web"
            ),
            "opening_hours": ""
            if self.ignore_hours
            else self.optional(validation.clean_opening_hours, self.text("horaires")),
            "summary": self.summary(),
            "description": self.text("presentation_detail"),  # after summary(), which may fill it
            "acceslibre_url": self.url(self.text("fiche_acces_libre", "accessibilite")),
            "booking_url": self.url(self.text("prise_rdv")),
        }

    def _departement(self) -> str:
        code = self.text("code_postal")
        return departement_of(code) if code else ""

    def summary(self) -> str:
        summary = self.text("presentation_resume")
        if len(summary) > MAX_SUMMARY_LENGTH and not self.text("presentation_detail"):
            self.raw["presentation_detail"] = summary  # the full text is kept as the detailed presentation
        if len(summary) > MAX_SUMMARY_LENGTH:
            self.warn(
                "présentation résumée trop longue, coupée",
                f"présentation résumée de {len(summary)} caractères, coupée à {MAX_SUMMARY_LENGTH}",
            )
            summary = summary[: MAX_SUMMARY_LENGTH - 1].rstrip() + "…"
        return summary

    def offer(self) -> dict:
        services = self.choice_set(choices.Service, "services", split_commas=True)
        publics_raw = ("publics_specifiquement_adresses", "publics_accueillis")
        support_modes = self.choice_set(choices.SupportMode, "modalites_accompagnement")
        programmes = self.choice_set(
            choices.Programme, "dispositif_programmes_nationaux", "labels_nationaux", split_commas=True
        )
        training_labels = self.choice_set(choices.TrainingLabel, "formations_labels")
        conditions = " ".join(
            self.values("frais_a_charge", "conditions_acces", "conditions_access", "labels_nationaux")
        )
        pass_numerique = any(word in choices.normalize_label(conditions) for word in PASS_NUMERIQUE_WORDS)
        on_behalf = any(
            word in choices.normalize_label(self.text("modalites_accompagnement", "services"))
            for word in ON_BEHALF_WORDS
        )
        stated_offers = self.choice_set(choices.Offer, "types_aide", "offers")
        return {
            "services": services,
            "publics": self.quiet_choice_set(choices.Public, *publics_raw),
            "needs": self.quiet_choice_set(choices.Need, "prise_en_charge_specifique", "publics_accueillis"),
            "fees": self.quiet_choice_set(
                choices.Fee, "frais_a_charge", "conditions_acces", "conditions_access"
            ),
            "pass_numerique": pass_numerique,
            "itinerance": self.choice_set(choices.Itinerance, "itinerance"),
            "programmes": programmes,
            "training_labels": training_labels,
            "other_training_labels": (
                self.text("autres_formations_labels") or " | ".join(self.values("labels_autres"))
            )[:500],
            "access_modes": self.choice_set(choices.AccessMode, "modalites_acces"),
            "support_modes": support_modes,
            "offers": stated_offers
            or derive_offers(
                services=services,
                support_modes=support_modes,
                programmes=programmes,
                pass_numerique=pass_numerique,
                training_labels=training_labels,
                on_behalf=on_behalf,
            ),
            "structure_types": self.structure_types(),
        }

    def quiet_choice_set(self, enum, *names: str) -> list[str]:
        """For v0.1 cells that mix several v1 fields: values of the other fields are not warnings."""
        codes: list[str] = []
        for value in self.values(*names):
            codes.extend(code for code in choices.match_label(enum, value) if code not in codes)
            if not self._is_known_elsewhere(value) and choices.normalize_label(value) not in KNOWN_UNMAPPED:
                if not choices.match_label(choices.Programme, value):
                    self.warn(
                        f"valeur inconnue dans {names[0]}",
                        f"valeur inconnue « {value} » dans {names[0]} (ignorée)",
                    )
        return [member.value for member in enum if member.value in codes]

    def structure_types(self) -> list[str]:
        known = choices.structure_types()
        by_key = {choices.normalize_label(code): code for code in known}
        codes = []
        for value in self.values("typologie"):
            code = by_key.get(choices.normalize_label(value))
            if code is None:
                self.warn("typologie inconnue", f"typologie inconnue « {value} » (ignorée)")
            elif code not in codes:
                codes.append(code)
        return codes

    def provenance(self) -> dict:
        pivot = self.optional(validation.parse_pivot, self.text("pivot"))
        date_text = self.text("date_maj")
        try:
            updated_on = datetime.date.fromisoformat(date_text[:10])
        except ValueError:
            self.warn(
                "date de mise à jour illisible",
                f"date de mise à jour « {date_text} » illisible : date du jour retenue",
            )
            updated_on = datetime.date.today()
        return {
            "pivot": pivot,
            "parent_structure": self.text("structure_parente")[:250],
            "source": self.text("source")[:250],
            "updated_on": updated_on,
        }

    def optional(self, parser, value: str, **kwargs) -> str:
        if not value:
            return ""
        try:
            return parser(value, **kwargs)
        except ValidationError as error:
            self.warn(
                PARSER_REASONS.get(error.code, "valeur invalide"), f"{error.messages[0]} (valeur ignorée)"
            )
            return ""

    def valid_items(self, items: list[str], validator, label: str) -> list[str]:
        valid = []
        for item in items:
            try:
                validator(item)
            except ValidationError:
                self.warn(f"{label} invalide", f"{label} invalide « {item} » (ignoré)")
            else:
                if item not in valid:
                    valid.append(item)
        return valid

    def url(self, value: str) -> str:
        valid = self.valid_items([self._with_scheme(value)] if value else [], URLValidator(), "adresse web")
        return valid[0][:500] if valid else ""

    @staticmethod
    def _with_scheme(url: str) -> str:
        return url if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I) else f"https://{url}"


DAYS = [
    ("h_lundi", "Mo"),
    ("h_mardi", "Tu"),
    ("h_mercredi", "We"),
    ("h_jeudi", "Th"),
    ("h_vendredi", "Fr"),
    ("h_samedi", "Sa"),
    ("h_dimanche", "Su"),
]


def france_services_record(record: dict) -> dict:
    """The France Services list (ANCT) in the standard's terms."""
    record = {str(k).strip().lower(): v for k, v in record.items()}
    mobile = str(record.get("itinerance", "")).strip().lower() == "oui"
    return {
        "id": record.get("id_fs", ""),
        "pivot": "",
        "nom": record.get("lib_fs", ""),
        "adresse": record.get("adresse", ""),
        "complement_adresse": record.get("complement_adresse", ""),
        "code_insee": record.get("insee_com", ""),
        "code_postal": record.get("code_postal", ""),
        "commune": record.get("lib_com", ""),
        "latitude": record.get("latitude", ""),
        "longitude": record.get("longitude", ""),
        "courriels": record.get("mail", ""),
        "telephone": record.get("telephone", ""),
        "horaires": france_services_hours(record),
        "presentation_detail": record.get("commentaire", ""),
        "itinerance": "Itinérant" if mobile else "Fixe",
        "typologie": "RFS",
        "services": "Aide aux démarches administratives",
        "dispositif_programmes_nationaux": "France Services",
        "modalites_accompagnement": "Accompagnement individuel",
        "frais_a_charge": "Gratuit",
        "source": "France Services (ANCT)",
        "date_maj": _labelled_on(record.get("labellisation", "")),
    }


def france_services_hours(record: dict) -> str:
    """« 08:45 - 12:00 / 13:30 - 18:00 » per day → « Mo-Fr 08:45-12:00,13:30-18:00 » (equal days grouped)."""
    days: list[tuple[str, str]] = []
    for column, day in DAYS:
        cell = str(record.get(column) or "").strip()
        ranges = re.findall(r"(\d{1,2})[:h](\d{2})\s*-\s*(\d{1,2})[:h](\d{2})", cell)
        if ranges:
            days.append((day, ",".join(f"{int(a):02d}:{b}-{int(c):02d}:{d}" for a, b, c, d in ranges)))
    groups: list[list] = []
    order = [day for _, day in DAYS]
    for day, hours in days:
        last = groups[-1] if groups else None
        if last and last[2] == hours and order.index(day) == order.index(last[1]) + 1:
            last[1] = day
        else:
            groups.append([day, day, hours])
    return "; ".join(f"{first}{'-' + end if end != first else ''} {hours}" for first, end, hours in groups)


def _labelled_on(text: str) -> str:
    match = re.search(r"(\d{2})/(\d{2})/(\d{4})", text or "")
    return f"{match.group(3)}-{match.group(2)}-{match.group(1)}" if match else ""
