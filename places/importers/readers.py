"""Reading place files record by record, whatever their shape, in constant memory.

Shapes: CSV (`,` or `;` delimited, UTF-8 with or without BOM, or Latin-1), a JSON array of objects, a GeoJSON
FeatureCollection (properties plus the point's coordinates). Each record comes with its position: the line
number for CSV, the record number for JSON.
"""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import ijson


class UnreadableFile(Exception):
    """The file as a whole cannot be read: nothing was imported."""


def read_records(path: Path) -> Iterator[tuple[str, dict]]:
    """Yield (position, record) pairs; position reads « ligne 12 » or « enregistrement 12 »."""
    with open(path, "rb") as handle:
        start = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        raise UnreadableFile("le fichier est vide")
    if start[:1] == b"[":
        yield from _json_records(path, "item")
    elif start[:1] == b"{":
        yield from _json_records(path, "features.item")
    else:
        yield from _csv_records(path)


def _json_records(path: Path, prefix: str) -> Iterator[tuple[str, dict]]:
    with open(path, "rb") as handle:
        try:
            for number, item in enumerate(ijson.items(handle, prefix, use_float=True), start=1):
                if not isinstance(item, dict):
                    raise UnreadableFile(f"l'enregistrement {number} n'est pas un objet JSON")
                if prefix == "features.item":
                    item = _feature_record(item)
                yield f"enregistrement {number}", item
        except ijson.JSONError as error:
            raise UnreadableFile(f"JSON illisible : {error}") from None


def _feature_record(feature: dict) -> dict:
    record = dict(feature.get("properties") or {})
    geometry = feature.get("geometry") or {}
    coordinates = geometry.get("coordinates") if geometry.get("type") == "Point" else None
    if isinstance(coordinates, list) and len(coordinates) >= 2:
        record.setdefault("longitude", coordinates[0])
        record.setdefault("latitude", coordinates[1])
        if record.get("latitude") in (None, ""):
            record["latitude"], record["longitude"] = coordinates[1], coordinates[0]
    return record


def _csv_records(path: Path) -> Iterator[tuple[str, dict]]:
    encoding = _csv_encoding(path)
    with open(path, encoding=encoding, newline="") as handle:
        header = handle.readline()
        delimiter = max([",", ";", "\t"], key=header.count)
        handle.seek(0)
        reader = csv.DictReader(handle, delimiter=delimiter)
        if not reader.fieldnames or len(reader.fieldnames) < 2:
            raise UnreadableFile("aucune colonne reconnue sur la première ligne")
        reader.fieldnames = [name.strip().lstrip("\ufeff") for name in reader.fieldnames]
        try:
            for record in reader:
                record.pop(None, None)  # cells beyond the header
                yield f"ligne {reader.line_num}", record
        except csv.Error as error:
            raise UnreadableFile(f"CSV illisible ligne {reader.line_num} : {error}") from None


def _csv_encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        decoder = io.TextIOWrapper(handle, encoding="utf-8-sig")
        try:
            while decoder.read(1 << 20):
                pass
        except UnicodeDecodeError:
            return "latin-1"
    return "utf-8-sig"
