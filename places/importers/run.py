"""Importing a file of places: each record created, updated, merged into the same place from another source,
left unchanged, or rejected with its reason; a summary at the end.

Records are written in batches, each in a transaction with a savepoint per record: a record that fails is
rolled back alone and reported, every good record is kept.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, reset_queries, transaction

from places.communes import CommuneIndex
from places.dedupe import find_duplicate, merge_fields
from places.importers.mapping import RowRejected, map_record
from places.importers.readers import read_records
from places.models import ChangeSource, Place, PlaceSource

BATCH_SIZE = 500


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    rejected: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def summary_lines(self) -> list[str]:
        lines = [
            f"Source « {self.source} » : {self.created} créés, {self.merged} fusionnés avec un lieu existant, "
            f"{self.updated} mis à jour, {self.unchanged} inchangés, {self.rejected_total} refusés."
        ]
        lines += [f"  refusés — {reason} : {count}" for reason, count in self.rejected.most_common()]
        lines += [f"  avertissements — {reason} : {count}" for reason, count in self.warnings.most_common(20)]
        return lines


def import_file(
    path: Path,
    *,
    source: str,
    ignore_hours: bool = False,
    report_line: Callable[[str], None] = lambda line: None,
    communes: CommuneIndex | None = None,
) -> ImportReport:
    """Import every record of a file under a source name; report_line receives one line per problem."""
    communes = communes or CommuneIndex()
    report = ImportReport(source=source)
    seen_ids: set[str] = set()
    batch: list[tuple[str, dict]] = []
    for position, record in read_records(Path(path)):
        batch.append((position, record))
        if len(batch) >= BATCH_SIZE:
            _import_batch(batch, source, ignore_hours, communes, report, seen_ids, report_line)
            batch = []
    _import_batch(batch, source, ignore_hours, communes, report, seen_ids, report_line)
    return report


def _import_batch(batch, source, ignore_hours, communes, report, seen_ids, report_line) -> None:
    with transaction.atomic():
        for position, record in batch:
            try:
                mapped = map_record(record, communes=communes, ignore_hours=ignore_hours)
                if mapped.external_id in seen_ids:
                    raise RowRejected(f"identifiant « {mapped.external_id} » en double dans le fichier")
                seen_ids.add(mapped.external_id)
                with transaction.atomic():
                    outcome = _save(source, mapped, _record_hash(record))
            except RowRejected as error:
                report.rejected[error.reason] += 1
                report_line(f"{position} : refusé : {error}")
                continue
            except ValidationError as error:
                report.rejected["champ invalide : " + ", ".join(sorted(error.message_dict))] += 1
                report_line(f"{position} : refusé : {_describe(error)}")
                continue
            except DatabaseError as error:
                report.rejected["erreur de la base de données"] += 1
                report_line(f"{position} : refusé : erreur de la base de données ({error})")
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
            for reason, message in mapped.warnings:
                report.warnings[reason] += 1
                report_line(f"{position} : {message}")
    reset_queries()  # keeps memory flat when DEBUG is on


def _save(source: str, mapped, data_hash: str) -> str:
    """Write one record; returns the outcome: created, merged, updated or unchanged."""
    link = (
        PlaceSource.objects.filter(source=source, external_id=mapped.external_id)
        .select_related("place")
        .first()
    )
    if link and link.data_hash == data_hash:
        return "unchanged"
    if link:
        place = link.place
        # A new version of the record replaces the place's fields only when nobody else wrote to it: a place
        # merged from other sources, or edited by a person (mediator, moderator, partner, staff) since, only
        # gets its blanks filled, so that an import never overwrites what people corrected.
        replace = not place.sources.exclude(pk=link.pk).exists() and not edited_by_people(place)
        _apply(place, mapped.fields if replace else merge_fields(place, mapped.fields), source)
        link.data_hash = data_hash
        link.save(update_fields=["data_hash", "updated_at"])
        return "updated"
    place = find_duplicate(mapped.fields)
    outcome = "merged" if place else "created"
    if place:
        _apply(place, merge_fields(place, mapped.fields), source)
    else:
        place = Place(**mapped.fields)
        _apply(place, {}, source)
    PlaceSource.objects.create(
        place=place, source=source, external_id=mapped.external_id, data_hash=data_hash
    )
    return outcome


def edited_by_people(place: Place) -> bool:
    """Changed through a person's edit (any history record not written by an import)."""
    return place.history.exclude(history_change_reason__startswith=ChangeSource.IMPORT).exists()


def _apply(place: Place, fields: dict, source: str) -> None:
    for name, value in fields.items():
        setattr(place, name, value)
    place.full_clean(
        validate_constraints=False
    )  # field validators give the messages; the database enforces the constraints
    place._change_reason = f"{ChangeSource.IMPORT} {source}"
    place.save()


def _record_hash(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()


def _describe(error: ValidationError) -> str:
    return " ; ".join(
        f"{Place._meta.get_field(name).verbose_name if name != '__all__' else 'lieu'} : {' '.join(messages)}"
        for name, messages in error.message_dict.items()
    )
