"""Dump a whole database to one file and restore it into an empty one, SQLite and PostgreSQL alike.

The dump is JSON Lines (gzip-compressed when the name ends in ``.gz``): a header line with the format, the
schema revision and the row count of every table, then one line per row (``{"t": table, "r": row}``) table
by table in foreign-key order, rows in primary-key order, and an end line with the total. Raw document bytes
are base64, timestamps ISO 8601 with their UTC offset. Primary keys are kept, so review decisions, audit
entries and incident memberships point at the same rows after a restore.

Every table of the store's models is included (documents with their raw bytes, versions, extractions,
mentions, claims, evidence, checks, incidents, review decisions, the audit log and user accounts with their
password hashes: treat a dump as sensitive). New tables added to the models are dumped without changes here.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Column, Date, DateTime, LargeBinary, String, Table, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator

from incidentdb.export.atomic import ExportError, atomic_output
from incidentdb.log import get_logger
from incidentdb.store.models import Base

if TYPE_CHECKING:
    from incidentdb.store import Store

log = get_logger(__name__)

FORMAT = "incidentdb-dump"
VERSION = 1
BATCH = 500


@dataclass(frozen=True)
class DumpSummary:
    path: Path
    schema: str | None
    tables: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)  # parents before children


def _kind(column: Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, LargeBinary):
        return "bytes"
    if isinstance(kind, DateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    return "plain"


def _encode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "bytes":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind == "datetime":
        if value.tzinfo is None:  # stored naive means UTC in this schema
            value = value.replace(tzinfo=dt.UTC)
        return value.isoformat()
    if kind == "date":
        return value.isoformat()
    return value


def _decode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "bytes":
        return base64.b64decode(value)
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    return value


def schema_revision(connection: Connection) -> str | None:
    """The Alembic revision the database is at (None when it was never migrated)."""
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:
        return None


def _counts(connection: Connection) -> dict[str, int]:
    return {
        t.name: int(connection.execute(select(func.count()).select_from(t)).scalar() or 0) for t in _tables()
    }


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    kinds = {c.name: _kind(c) for c in table.columns}
    order: list[Any] = list(table.primary_key.columns)
    if connection.dialect.name == "postgresql":  # byte order, as SQLite sorts: the same dump on both
        order = [c.collate("C") if isinstance(c.type, String) else c for c in order]
    query = select(table).order_by(*order)
    result = connection.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for row in result.mappings():
        yield {name: _encode(kinds[name], row[name]) for name in kinds}


def _open_text(handle: IO[bytes], path: Path) -> io.TextIOWrapper:
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(
            gzip.GzipFile(fileobj=handle, mode="wb", mtime=0), encoding="utf-8", newline="\n"
        )
    return io.TextIOWrapper(handle, encoding="utf-8", newline="\n")


def dump_store(store: Store, out: Path) -> DumpSummary:
    """Write every row of every table to ``out`` (atomic: the file appears only when complete)."""
    with store.engine.connect() as connection:
        if connection.dialect.name == "postgresql":  # one consistent snapshot across tables
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            revision = schema_revision(connection)
            counts = _counts(connection)
            with atomic_output(out, binary=True) as handle:
                stream = _open_text(handle, out)
                header = {"format": FORMAT, "version": VERSION, "schema": revision, "tables": counts}
                stream.write(json.dumps(header) + "\n")
                total = 0
                for table in _tables():
                    for row in _rows(connection, table):
                        stream.write(json.dumps({"t": table.name, "r": row}, ensure_ascii=False) + "\n")
                        total += 1
                stream.write(json.dumps({"end": True, "rows": total}) + "\n")
                stream.flush()
                inner = stream.detach()
                if isinstance(inner, gzip.GzipFile):
                    inner.close()  # writes the gzip trailer; the file underneath stays open
    log.info("dump.done", path=str(out), rows=total, schema=revision)
    return DumpSummary(out, revision, counts)


def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
    if not path.is_file():
        raise ExportError(f"cannot read {path}: no such file")
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    try:
        handle: IO[str] = (
            gzip.open(path, "rt", encoding="utf-8") if gzipped else path.open("r", encoding="utf-8")  # noqa: SIM115
        )
        with handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ExportError(f"{path}: line {number} is not JSON ({exc.msg})") from exc
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ExportError(f"cannot read {path}: {exc}") from exc


def _check_header(header: dict[str, Any], path: Path, target_revision: str | None) -> None:
    if header.get("format") != FORMAT:
        raise ExportError(f"{path} is not an incidentdb dump (its first line has no format {FORMAT!r})")
    if header.get("version") != VERSION:
        raise ExportError(
            f"{path}: dump format version {header.get('version')} is not supported ({VERSION} is)"
        )
    if header.get("schema") != target_revision:
        raise ExportError(
            f"{path} was dumped at schema revision {header.get('schema')}, this incidentdb is at "
            f"{target_revision}: restore it with the incidentdb version that made it, then upgrade"
        )


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL serial counters continue after the restored ids (SQLite does this by itself)."""
    if connection.dialect.name != "postgresql":
        return
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].autoincrement is False or _kind(pk[0]) != "plain":
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": pk[0].name},
        ).scalar()
        if sequence:
            connection.execute(
                text(
                    f'SELECT setval(:seq, COALESCE((SELECT MAX("{pk[0].name}") FROM "{table.name}"), 0) + 1, false)'
                ),
                {"seq": sequence},
            )


def restore_store(store: Store, path: Path) -> DumpSummary:
    """Load a dump into an empty store in one transaction: all rows or, on any error, none."""
    lines = _read_lines(path)
    header = next(lines, None)
    if header is None:
        raise ExportError(f"{path} is empty")
    tables = {t.name: t for t in _tables()}
    kinds = {name: {c.name: _kind(c) for c in t.columns} for name, t in tables.items()}
    restored: dict[str, int] = {}
    ended = False
    with store.engine.begin() as connection:
        _check_header(header, path, schema_revision(connection))
        nonempty = [name for name, n in _counts(connection).items() if n]
        if nonempty:
            raise ExportError(
                f"the target database is not empty (rows in {', '.join(nonempty)}); restore needs an empty one"
            )
        batch: list[dict[str, Any]] = []
        current: str | None = None

        def flush() -> None:
            if batch and current is not None:
                connection.execute(tables[current].insert(), batch)
                restored[current] = restored.get(current, 0) + len(batch)
                batch.clear()

        for record in lines:
            if record.get("end"):
                ended = True
                if record.get("rows") != sum(restored.values()) + len(batch):
                    raise ExportError(
                        f"{path}: the end line counts {record.get('rows')} rows, the file has others"
                    )
                break
            name = record.get("t")
            if name not in tables:
                raise ExportError(f"{path}: unknown table {name!r}")
            if name != current or len(batch) >= BATCH:
                flush()
                current = name
            batch.append({k: _decode(kinds[name][k], v) for k, v in record["r"].items() if k in kinds[name]})
        flush()
        if not ended:
            raise ExportError(f"{path} is truncated (no end line): nothing restored")
        expected = {k: int(v) for k, v in (header.get("tables") or {}).items() if int(v)}
        if expected != restored:
            raise ExportError(f"{path}: row counts differ from its header ({expected} vs {restored})")
        _reset_sequences(connection)
    log.info("restore.done", path=str(path), rows=sum(restored.values()))
    return DumpSummary(path, header.get("schema"), restored)
