"""Property tests: whatever a file holds, the parsers answer a value or a documented rejection with a message.

Bounded for CI (150 cases per property); FUZZ_EXAMPLES=7500 for the longer run of docs/benchmarks.md.
"""

import os
import re
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from places import choices
from places.communes import CommuneIndex
from places.importers.mapping import RowRejected, map_record
from places.importers.readers import UnreadableFile, read_records
from places.validation import PHONE_PATTERN, clean_opening_hours, parse_phone, parse_pivot

# Applied test by test (not as a global profile, which would change other modules' hypothesis tests).
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None, database=None)

# Text that looks like the real thing often enough to get past the first checks.
phone_like = st.one_of(
    st.text(),
    st.from_regex(r"\+?[0-9 .()/\-]{0,20}", fullmatch=True),
    st.from_regex(r"(\+33|0033|0)[1-9]([ .]?[0-9]{2}){4}", fullmatch=True),
)
pivot_like = st.one_of(st.text(), st.from_regex(r"[0-9 ]{8,16}|[Ww][0-9A-Za-z]{8,10}", fullmatch=True))
hours_like = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(
            [
                "Mo",
                "Tu",
                "We",
                "Th",
                "Fr",
                "Sa",
                "Su",
                "PH",
                "off",
                "-",
                ",",
                ";",
                " ",
                ":",
                "09:00",
                "12:00",
                "14:00-18:00",
                "24/7",
                "[1]",
                "week",
                "01",
                "Jan",
                "easter",
                "+",
                '"',
                "sunrise",
                "||",
                "00:00",
            ]
        ),
        max_size=12,
    ).map("".join),
)


def assert_rejection_has_a_message(error: ValidationError) -> None:
    assert error.messages
    assert all(message.strip() for message in error.messages)


@FUZZ
@given(phone_like, st.sampled_from(["", "80", "971", "974", "988", "2A"]))
def test_parse_phone_returns_the_standard_form_or_a_validation_error(value, departement):
    try:
        phone = parse_phone(value, departement=departement)
    except ValidationError as error:
        assert_rejection_has_a_message(error)
        assert error.code == "invalid_phone"
    else:
        assert phone == "" or PHONE_PATTERN.fullmatch(phone)
        assert phone or not value.strip()


@FUZZ
@given(pivot_like)
def test_parse_pivot_returns_a_siret_siren_rna_or_a_validation_error(value):
    try:
        pivot = parse_pivot(value)
    except ValidationError as error:
        assert_rejection_has_a_message(error)
        assert error.code in ("invalid_siret", "invalid_pivot")
    else:
        assert pivot == "" or re.fullmatch(r"\d{9}|\d{14}|W[0-9A-Z]{9}", pivot)


@FUZZ
@given(hours_like)
def test_clean_opening_hours_keeps_valid_hours_or_raises_a_validation_error(value):
    try:
        hours = clean_opening_hours(value)
    except ValidationError as error:
        assert_rejection_has_a_message(error)
        assert error.code == "invalid_hours"
    else:
        assert hours == value.strip()


LABELS = {
    column: [str(label) for label in enum.labels]
    for column, enum in [
        ("services", choices.Service),
        ("publics_specifiquement_adresses", choices.Public),
        ("prise_en_charge_specifique", choices.Need),
        ("frais_a_charge", choices.Fee),
        ("itinerance", choices.Itinerance),
        ("dispositif_programmes_nationaux", choices.Programme),
        ("formations_labels", choices.TrainingLabel),
        ("modalites_acces", choices.AccessMode),
        ("modalites_accompagnement", choices.SupportMode),
    ]
}
FIELD_ENUMS = {
    "services": choices.Service,
    "publics": choices.Public,
    "needs": choices.Need,
    "fees": choices.Fee,
    "programmes": choices.Programme,
    "training_labels": choices.TrainingLabel,
    "access_modes": choices.AccessMode,
    "support_modes": choices.SupportMode,
}
cell_text = st.text(max_size=40)


def multi_value_cell(labels: list[str]):
    """Known labels, misspelt ones and junk, joined with any of the separators real files use."""
    part = st.one_of(st.sampled_from(labels), st.sampled_from(labels).map(str.upper), cell_text)
    return st.tuples(st.lists(part, max_size=5), st.sampled_from(["|", ";", ", ", " | "])).map(
        lambda parts_sep: parts_sep[1].join(parts_sep[0])
    )


records = st.fixed_dictionaries(
    {},
    optional={
        "id": cell_text,
        "nom": cell_text,
        "adresse": cell_text,
        "commune": st.one_of(cell_text, st.sampled_from(["Amiens", "Lille", "Saint-Denis"])),
        "code_postal": st.one_of(cell_text, st.from_regex(r"[0-9]{4,6}", fullmatch=True)),
        "code_insee": st.one_of(cell_text, st.sampled_from(["80021", "59350", "2A004", "97411"])),
        "latitude": st.one_of(cell_text, st.floats(allow_nan=True).map(str)),
        "longitude": st.one_of(cell_text, st.floats(allow_nan=True).map(str)),
        "telephone": phone_like,
        "pivot": pivot_like,
        "horaires": hours_like,
        "courriels": cell_text,
        "site_web": cell_text,
        "date_maj": cell_text,
        "typologie": st.one_of(cell_text, st.sampled_from(["BIB|RFS", "ASSO;EPN", "xx"])),
        "presentation_resume": st.text(max_size=400),
        "conditions_acces": cell_text,
        "publics_accueillis": cell_text,
        **{column: multi_value_cell(labels) for column, labels in LABELS.items()},
    },
)


@pytest.fixture(scope="module")
def communes(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return CommuneIndex()


@pytest.mark.django_db  # read only; the mark also gets the test database set up for the fixture above
@settings(FUZZ, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records)
def test_map_record_makes_a_place_or_rejects_the_record_with_a_reason(communes, record):
    try:
        mapped = map_record(record, communes=communes)
    except RowRejected as error:
        assert error.reason.strip()
        assert str(error).strip()
    else:
        assert mapped.external_id and mapped.fields["name"]
        assert all(reason and message for reason, message in mapped.warnings)
        for name, enum in FIELD_ENUMS.items():
            assert set(mapped.fields[name]) <= set(enum.values)


garbage_files = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda text: text.encode()),
    st.text(max_size=500).map(lambda text: ("[" + text).encode()),
    st.text(max_size=500).map(lambda text: ('{"features": [' + text).encode()),
    st.lists(st.lists(st.text(max_size=15), max_size=6), max_size=8).map(
        lambda rows: "\n".join(";".join(row) for row in rows).encode("latin-1", "replace")
    ),
    st.sampled_from(
        [b"[1, 2]", b'{"features": [{"geometry": {"type": "Point", "coordinates": "x"}}]}', b"\xef\xbb\xbf"]
    ),
)


@FUZZ
@given(garbage_files)
def test_readers_yield_records_or_raise_unreadable_file_on_garbage(content):
    with tempfile.NamedTemporaryFile(suffix=".dat") as handle:
        handle.write(content)
        handle.flush()
        try:
            for position, record in read_records(Path(handle.name)):
                assert re.fullmatch(r"(ligne|enregistrement) \d+", position)
                assert isinstance(record, dict)
        except UnreadableFile as error:
            assert str(error).strip()
