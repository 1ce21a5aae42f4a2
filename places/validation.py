"""Parsers and validators for the standard's values: phone, SIRET/RNA, opening hours, postal and INSEE codes.

Each parser returns the canonical value or raises ValidationError with a French message that names the value;
the model, the forms, the API and the importers all use these.
"""

import re
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

PARIS = ZoneInfo("Europe/Paris")
NO_SIRET = "00000000000000"  # the standard's placeholder for "no SIRET"
# What a spreadsheet runs as a formula when a cell starts with it (exports neutralise such cells).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Overseas national prefixes (0 + 3 digits) and their country codes, as the standard allows them.
OVERSEAS_PREFIXES = {
    "0590": "+590",
    "0690": "+590",
    "0691": "+590",
    "0594": "+594",
    "0694": "+594",
    "0596": "+596",
    "0696": "+596",
    "0697": "+596",
    "0262": "+262",
    "0263": "+262",
    "0692": "+262",
    "0693": "+262",
    "0269": "+262",
    "0639": "+262",
}
# Territories whose local numbers have 6 digits, by département code.
SIX_DIGIT_TERRITORIES = {"988": "+687", "987": "+689", "986": "+681", "975": "+508"}
PHONE_PATTERN = re.compile(r"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$")


def parse_phone(value: str, *, departement: str = "") -> str:
    """A phone number in the standard's form (+33 then digits). '' for an empty value."""
    raw = str(value or "").strip()
    if not raw:
        return ""
    digits = re.sub(r"[\s.\-()/]", "", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+330"):
        digits = "+33" + digits[4:]
    if re.fullmatch(r"0\d{9}", digits):
        country = OVERSEAS_PREFIXES.get(digits[:4], "+33")
        digits = country + (digits[1:] if country == "+33" else digits[1:])
    elif re.fullmatch(r"\d{6}", digits) and departement in SIX_DIGIT_TERRITORIES:
        digits = SIX_DIGIT_TERRITORIES[departement] + digits
    if not PHONE_PATTERN.fullmatch(digits) or (digits.startswith("+33") and len(digits) != 12):
        raise ValidationError(
            _(
                "Le numéro de téléphone « %(value)s » n'est pas valide : 10 chiffres attendus, par exemple 03 21 00 00 00."
            ),
            code="invalid_phone",
            params={"value": raw},
        )
    return digits


def format_phone(value: str) -> str:
    """+33321134420 → 03 21 13 44 20; other country codes keep their prefix, digits grouped by two."""
    if not value:
        return ""
    if value.startswith("+33") and len(value) == 12:
        national = "0" + value[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    match = PHONE_PATTERN.match(value)
    if not match:
        return value
    country, rest = match.group(1), value[len(match.group(1)) :]
    return country + " " + " ".join(rest[i : i + 2] for i in range(0, len(rest), 2)).strip()


def _luhn_ok(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def parse_pivot(value: str) -> str:
    """A SIRET (14 digits), SIREN (9 digits) or RNA (W + 9) number; '' for none or the placeholder."""
    raw = re.sub(r"\s", "", str(value or ""))
    if not raw or raw == NO_SIRET:
        return ""
    if re.fullmatch(r"W[0-9A-Z]{9}", raw.upper()):
        return raw.upper()
    if re.fullmatch(r"\d{9}|\d{14}", raw):
        # La Poste's establishments follow their own rule: digits summing to a multiple of 5.
        if _luhn_ok(raw) or (raw.startswith("356000000") and sum(map(int, raw)) % 5 == 0):
            return raw
        raise ValidationError(
            _("Le numéro SIRET « %(value)s » n'est pas valide (sa clé de contrôle ne correspond pas)."),
            code="invalid_siret",
            params={"value": raw},
        )
    raise ValidationError(
        _(
            "« %(value)s » n'est ni un SIRET (14 chiffres), ni un SIREN (9 chiffres), ni un numéro RNA (W et 9 caractères)."
        ),
        code="invalid_pivot",
        params={"value": raw},
    )


# A time range "HH:MM-HH:MM" (the evaluator also reads "9:00" and spaces around the dash), not inside a longer
# number or time; "24:00" and extended hours ("26:00") are plain numbers here. Comments ("...") are left out.
TIME_RANGE = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})(?![\d:])")
HOURS_COMMENT = re.compile(r'"[^"]*"')


def parse_opening_hours(value: str) -> opening_hours.OpeningHours:
    """Parsed OpenStreetMap opening hours, or a ValidationError (code invalid_hours) naming what is wrong."""
    try:
        parsed = opening_hours.OpeningHours(value, timezone=PARIS, country="FR")
    except (opening_hours.ParserError, ValueError, TypeError) as error:
        position = re.search(r"--> \d+:(\d+)", str(error))
        raise ValidationError(
            _(
                "Les horaires « %(value)s » ne sont pas au format OpenStreetMap (par exemple « Mo-Fr 09:00-12:00,14:00-17:00 ») : erreur au caractère %(position)s."
            ),
            code="invalid_hours",
            params={"value": value, "position": position.group(1) if position else "?"},
        ) from None
    _refuse_unlikely_ranges(value)
    return parsed


def _ranges(value: str) -> list[tuple[str, int, int]]:
    """Each "HH:MM-HH:MM" range outside comments: as written, its start and its end in minutes."""
    return [
        (match.group(0), _minutes(match.group(1, 2)), _minutes(match.group(3, 4)))
        for match in TIME_RANGE.finditer(HOURS_COMMENT.sub("", value))
    ]


def _minutes(hour_minute: tuple[str, str]) -> int:
    return int(hour_minute[0]) * 60 + int(hour_minute[1])


def _refuse_unlikely_ranges(value: str) -> None:
    """The evaluator reads a range ending when it starts as 24 hours, and one ending before it starts as running
    past midnight: sources and mediators mean a missing or mistyped closing time (no place of the field opens
    at night). A night opening stays possible, written out with extended hours ("22:00-26:00")."""
    ranges = _ranges(value)
    if same := [written for written, start, end in ranges if start == end]:
        raise ValidationError(
            _(
                "La plage « %(range)s » commence et finit à la même heure : indiquez l'heure de fermeture (pour 24 h sur 24, écrivez 00:00-24:00)."
            ),
            code="invalid_hours",
            params={"range": same[0]},
        )
    # Ending at midnight ("18:00-00:00") is no backward range.
    if backward := [written for written, start, end in ranges if end < start and end != 0]:
        raise ValidationError(
            _(
                "La plage « %(range)s » finit avant de commencer : vérifiez les heures (pour une ouverture qui passe minuit, écrivez par exemple 22:00-26:00)."
            ),
            code="invalid_hours",
            params={"range": backward[0]},
        )


def clean_opening_hours(value: str) -> str:
    """Validate an OpenStreetMap opening_hours string; '' stays ''."""
    value = str(value or "").strip()
    if value:
        parse_opening_hours(value)
    return value


def validate_postal_code(value: str) -> None:
    if not re.fullmatch(r"\d{5}", value or ""):
        raise ValidationError(
            _("Le code postal « %(value)s » doit compter 5 chiffres."),
            code="invalid",
            params={"value": value},
        )


# Mainland, Corsica, overseas; used with fullmatch (and as the OpenAPI schema's pattern, hence ^…$).
DEPARTEMENT_PATTERN = re.compile(r"^(\d{2}|2A|2B|97\d|98\d)$")


def validate_insee_code(value: str) -> None:
    if value and not re.fullmatch(r"([013-9]\d|2[AB1-9])\d{3}", value):
        raise ValidationError(
            _("Le code INSEE « %(value)s » n'est pas valide."), code="invalid", params={"value": value}
        )


def validate_latitude(value: float) -> None:
    if value is not None and not -90 <= value <= 90:
        raise ValidationError(
            _("La latitude doit être comprise entre -90 et 90 (reçu %(value)s)."),
            params={"value": f"{value:g}"},
        )


def validate_longitude(value: float) -> None:
    if value is not None and not -180 <= value <= 180:
        raise ValidationError(
            _("La longitude doit être comprise entre -180 et 180 (reçu %(value)s)."),
            params={"value": f"{value:g}"},
        )


def validate_phone(value: str) -> None:
    if value and parse_phone(value) != value:
        raise ValidationError(_("Le téléphone doit être enregistré au format +33…"), code="invalid_phone")


def validate_email_address(value: str) -> None:
    """An e-mail address, which must not start like a spreadsheet formula: Django's validator lets
    « =cmd|'/C calc'!A0@example.fr » through, and exports write addresses as cells."""
    if str(value).startswith(FORMULA_STARTS):
        raise ValidationError(
            _("L'adresse e-mail « %(value)s » ne peut pas commencer par =, +, -, @ ni une tabulation."),
            code="invalid_email",
            params={"value": value},
        )
    validate_email(value)


def validate_email_addresses(values: list) -> None:
    """A list of e-mail addresses (Place.emails), each checked by validate_email_address."""
    for value in values or []:
        validate_email_address(value)


def validate_pivot(value: str) -> None:
    if value:
        parse_pivot(value)


def validate_opening_hours(value: str) -> None:
    clean_opening_hours(value)
