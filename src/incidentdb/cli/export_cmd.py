"""`incidentdb export`, `dump` and `restore`: thin layers over :mod:`incidentdb.export`.

Exit status: 0 written; 1 failed (unwritable path, nothing matches, bad dump, non-empty target), with one
line on stderr and no file left behind; 2 usage error (unknown format, bad date or grade, database URL).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from incidentdb.cli.common import EXIT_SOME_FAILED, EXIT_USAGE, DbOption, cli_store, err, fail

EXPORT_EXIT_HELP = (
    "Exit status: 0 written; 1 nothing written (unwritable path, no matching incident, bad dump), "
    "the reason on stderr; 2 usage error."
)


class Format(StrEnum):
    acled_csv = "acled-csv"
    ucdp_csv = "ucdp-csv"
    geojson = "geojson"
    jsonl = "jsonl"


class Grade(StrEnum):
    confirmed = "confirmed"
    fair = "fair"
    weak = "weak"
    contested = "contested"


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date (YYYY-MM-DD)", EXIT_USAGE)


def export(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Argument(metavar="OUT", help="File to write (replaced atomically when complete).")
    ],
    output_format: Annotated[
        Format, typer.Option("--format", help="acled-csv, ucdp-csv, geojson or jsonl (everything).")
    ],
    date_from: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="Incidents whose date interval ends on or after DATE."),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help="Incidents whose date interval starts on or before DATE."),
    ] = None,
    admin1: Annotated[
        str | None,
        typer.Option("--admin1", metavar="NAME", help="Only this governorate/province (any known spelling)."),
    ] = None,
    grade: Annotated[
        list[Grade] | None, typer.Option("--grade", help="Only incidents of this grade (repeatable).")
    ] = None,
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url", metavar="URL", help="GeoJSON: prefix of the link back to each incident's web page."
        ),
    ] = "",
    db: DbOption = None,
) -> None:
    """Export linked incidents (review decisions applied) as ACLED or UCDP CSV, GeoJSON or JSON Lines."""
    from incidentdb.export import ExportError, ExportFilter, export_incidents

    filters = ExportFilter(
        date_from=_date(date_from, "--from"),
        date_to=_date(date_to, "--to"),
        admin1=admin1,
        grades=tuple(g.value for g in grade or ()),
    )
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        fail(f"--from {date_from} is after --to {date_to}", EXIT_USAGE)
    store = cli_store(ctx, db)
    try:
        result = export_incidents(store, output_format.value, out, filters, base_url=base_url)
    except ExportError as exc:
        fail(str(exc), EXIT_SOME_FAILED)
    for note in result.notes:
        err.print(f"note: {note}", markup=False)
    err.print(f"wrote {result.rows} incidents to {result.path} ({result.format})", markup=False)


def dump(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Argument(metavar="OUT", help="Dump file (JSON Lines; gzip-compressed when it ends in .gz)."),
    ],
    db: DbOption = None,
) -> None:
    """Write the whole database (documents with raw bytes, extractions, incidents, review, audit, users)."""
    from incidentdb.export import ExportError
    from incidentdb.export.dump import dump_store

    store = cli_store(ctx, db)
    try:
        summary = dump_store(store, out)
    except ExportError as exc:
        fail(str(exc), EXIT_SOME_FAILED)
    err.print(f"dumped {summary.rows} rows from {len(summary.tables)} tables to {out}", markup=False)


def restore(
    ctx: typer.Context,
    dump_file: Annotated[Path, typer.Argument(metavar="IN", help="A file written by `incidentdb dump`.")],
    db: DbOption = None,
) -> None:
    """Load a dump into an empty database (SQLite or PostgreSQL); all rows or none."""
    from incidentdb.export import ExportError
    from incidentdb.export.dump import restore_store

    if not dump_file.is_file():
        fail(f"cannot read {dump_file}: no such file", EXIT_SOME_FAILED)
    store = cli_store(ctx, db)
    try:
        summary = restore_store(store, dump_file)
    except ExportError as exc:
        fail(str(exc), EXIT_SOME_FAILED)
    err.print(f"restored {summary.rows} rows into {len(summary.tables)} tables", markup=False)


def register(app: typer.Typer) -> None:
    app.command(name="export", epilog=EXPORT_EXIT_HELP)(export)
    app.command(name="dump", epilog=EXPORT_EXIT_HELP)(dump)
    app.command(name="restore", epilog=EXPORT_EXIT_HELP)(restore)
