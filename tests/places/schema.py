"""Validating a CSV against the national standard's official TableSchema with frictionless."""

from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "standard-mediation-num_schema_v1.0.2.json"


def validate_standard_csv(path: Path) -> list[str]:
    """Every error frictionless finds, as « row/field: message » lines ([] when the file is valid)."""
    from frictionless import Resource, Schema, system

    with system.use_context(trusted=True):  # our own files, outside frictionless's working folder
        schema = Schema.from_descriptor(str(SCHEMA))
        report = Resource(path=str(path), schema=schema).validate(limit_errors=50)
    return [
        f"{getattr(error, 'row_number', '?')}/{getattr(error, 'field_name', '?')}: {error.message}"
        for task in report.tasks
        for error in task.errors
    ]
