"""Exports for analysts' tools and whole-database dump/restore.

Library API (the CLI's `export`, `dump` and `restore` are thin layers over it)::

    from incidentdb.export import ExportFilter, export_incidents
    result = export_incidents(store, "acled-csv", Path("out.csv"), ExportFilter(admin1="Idleb"))

    from incidentdb.export.dump import dump_store, restore_store
    dump_store(store, Path("backup.jsonl.gz"))
    restore_store(empty_store, Path("backup.jsonl.gz"))

Every file is written to a temporary file beside the target and renamed into place only when complete:
a failure (bad path, no matching incident, crash) never leaves a partial file. See docs/export.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from incidentdb.export.atomic import ExportError, atomic_output, check_writable
from incidentdb.export.incidents import GRADES, ExportFilter, IncidentView, load_incidents

if TYPE_CHECKING:
    from incidentdb.store import Store

FORMATS = ("acled-csv", "ucdp-csv", "geojson", "jsonl")

_SKIP_REASON = {
    "acled-csv": "without a date (ACLED has no undated events)",
    "ucdp-csv": "undated or not organised violence (UCDP GED holds Battles, Explosions/Remote violence and "
    "Violence against civilians)",
    "geojson": "without coordinates",
    "jsonl": "",
}


class NothingToExport(ExportError):
    """No incident matches (or the store holds none): nothing is written."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    rows: int  # rows / features / incident lines written
    skipped: int  # matching incidents the layout cannot hold
    notes: list[str] = field(default_factory=list)


def export_incidents(
    store: Store, fmt: str, out: Path, filters: ExportFilter | None = None, *, base_url: str = ""
) -> ExportResult:
    """Write the matching incidents (review decisions applied) to ``out`` in ``fmt``; atomic."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    filters = filters or ExportFilter()
    bad = [g for g in filters.grades if g not in GRADES]
    if bad:
        raise ExportError(f"unknown grade {bad[0]!r}; expected one of {', '.join(GRADES)}")
    check_writable(out)
    chosen = load_incidents(store, filters)
    if not chosen.incidents:
        if chosen.total == 0:
            raise NothingToExport(
                "the store holds no incidents: run `incidentdb ingest`, `incidentdb extract --from-store --save` "
                "and `incidentdb link` first"
            )
        raise NothingToExport(f"no incident matches the filters ({filters.describe()}) among {chosen.total}")
    notes = list(chosen.notes)
    with atomic_output(out) as handle:
        if fmt == "acled-csv":
            from incidentdb.export import acled

            rows, skipped = acled.write(chosen.incidents, handle)
        elif fmt == "ucdp-csv":
            from incidentdb.export import ucdp

            rows, skipped = ucdp.write(chosen.incidents, handle)
        elif fmt == "geojson":
            from incidentdb.export import geojson

            rows, skipped = geojson.write(chosen.incidents, handle, base_url)
        else:
            from incidentdb.export import jsonl

            jsonl.write(store, chosen.incidents, handle, filters)
            rows, skipped = len(chosen.incidents), 0
        if rows == 0:  # raising inside the block removes the temporary file
            raise NothingToExport(
                f"none of the {len(chosen.incidents)} matching incidents fits {fmt}: all are {_SKIP_REASON[fmt]}"
            )
    if skipped:
        notes.append(
            f"{skipped} matching incidents left out, {_SKIP_REASON[fmt]}; `--format jsonl` keeps them"
        )
    return ExportResult(out, fmt, rows, skipped, notes)


__all__ = [
    "FORMATS",
    "GRADES",
    "ExportError",
    "ExportFilter",
    "ExportResult",
    "IncidentView",
    "NothingToExport",
    "export_incidents",
    "load_incidents",
]
