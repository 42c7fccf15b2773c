"""The `incidentdb` command line: a thin layer over the library (ingest, extract, store, link, export, web).

Command modules other engineers own live beside this file as ``<name>_cmd.py`` with ``register(app)``;
:data:`COMMAND_MODULES` lists them and any that do not exist yet are skipped.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from incidentdb.cli.common import (
    EXIT_CODES_HELP,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    DbOption,
    cli_store,
    err,
    fail,
    out,
    progress,
    report_error,
)
from incidentdb.cli.render import documents_table, incidents_table, mentions_table, print_document
from incidentdb.settings import get_settings

if TYPE_CHECKING:
    from incidentdb.records import Document, Extraction
    from incidentdb.settings import Settings
    from incidentdb.store import Store

app = typer.Typer(
    name="incidentdb",
    help="Turn news reports about armed violence into a verified, deduplicated incident database.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = ("link_cmd", "export_cmd", "web_cmd", "gazetteer_cmd", "user_cmd", "eval_cmd")


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class ExtractorName(StrEnum):
    rules = "rules"
    llm = "llm"


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="INCIDENTDB_DATABASE_URL",
            help="Database URL (default sqlite:///incidentdb.sqlite).",
        ),
    ] = None,
) -> None:
    """incidentdb: ingest reports, extract incidents with their evidence, link, review and export them."""
    ctx.obj = {"db": db}


# ---- ingest ---------------------------------------------------------------------------------------------
@app.command(epilog=EXIT_CODES_HELP)
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help=".txt, .html/.htm, .jsonl files or directories (recursive).")
    ],
    max_file_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-file-bytes", min=1, help="Refuse larger files (default 20 MB; INCIDENTDB_MAX_FILE_BYTES)."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Store reports verbatim (sha256, encoding, source, title, stated date) with cleaned text and noise spans.

    Re-ingesting the same bytes is a no-op; the same URL or path with new bytes becomes a new version.
    """
    from incidentdb.ingest import ingest_paths, input_files

    settings = get_settings()
    if max_file_bytes is not None:
        settings = settings.model_copy(update={"max_file_bytes": max_file_bytes})
    store = cli_store(ctx, db)
    total = len(input_files(paths))
    with progress(total, "ingest") as step:
        report = ingest_paths(
            paths, store=store, settings=settings, on_error=lambda e: report_error(e.one_line()), on_file=step
        )
    err.print(report.summary(), markup=False)
    raise typer.Exit(report.exit_code)


@app.command(epilog=EXIT_CODES_HELP)
def documents(
    ctx: typer.Context,
    all_versions: Annotated[
        bool, typer.Option("--all-versions", help="Every stored version, not only the newest.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="At most this many, newest first.")
    ] = None,
    output_format: Annotated[
        ListFormat,
        typer.Option("--format", help="table, or jsonl (one document per line, full id and source)."),
    ] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List stored documents (newest first): id prefix for `show`, version, size, source and title."""
    store = cli_store(ctx, db)
    rows = store.list_documents(limit=limit, all_versions=all_versions)
    if output_format is ListFormat.jsonl:
        # The table folds long paths to the terminal width; scripts need the whole values.
        for info in rows:
            sys.stdout.write(json.dumps(dataclasses.asdict(info), ensure_ascii=False, default=str) + "\n")
        return
    out.print(documents_table(rows))


# ---- extract --------------------------------------------------------------------------------------------
def _extract(doc: Document, extractor: str = "rules", settings: Settings | None = None) -> Extraction:
    from incidentdb.extract.backends import extract_with
    from incidentdb.settings import get_settings

    settings = settings or get_settings()
    return extract_with(doc, extractor, settings.pack, settings)


def _documents_from_store(store: Store, refs: list[str]) -> Iterable[Document | str]:
    """The stored documents named by ``refs``; a name that matches nothing yields an error line instead."""
    for ref in refs:
        try:
            doc = store.get_document(ref)
        except LookupError as exc:
            yield f"{ref}: {exc}"
            continue
        yield doc if doc is not None else f"{ref}: no such document in the store"


@app.command(epilog=EXIT_CODES_HELP)
def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or directories; with --from-store, document ids or sources."),
    ] = None,
    from_store: Annotated[bool, typer.Option("--from-store", help="Extract stored documents.")] = False,
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", help="jsonl (the contract) or table.")
    ] = (ExtractFormat.jsonl),
    save: Annotated[bool, typer.Option("--save", help="Also store documents and extractions.")] = False,
    extractor: Annotated[
        ExtractorName | None,
        typer.Option(
            "--extractor",
            help="rules (default, offline) or llm (needs INCIDENTDB_LLM_BASE_URL; see docs/llm.md). "
            "Default: $INCIDENTDB_EXTRACTOR, else rules.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Extract incidents, background events, aggregates and checks; one contract JSON object per document."""
    from incidentdb.contract import to_contract
    from incidentdb.extract.backends import BackendConfigError, check_backend
    from incidentdb.ingest import input_files, iter_documents
    from incidentdb.settings import get_settings

    refs = paths or []
    if not refs and not from_store:
        fail("give files or directories to extract, or --from-store", EXIT_USAGE)
    settings = get_settings()
    backend = str(extractor or settings.extractor)
    try:
        check_backend(backend, settings)
    except BackendConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    store = cli_store(ctx, db) if (from_store or save) else None
    failed = 0

    def on_error(error: Any) -> None:
        nonlocal failed
        failed += 1
        report_error(error.one_line() if hasattr(error, "one_line") else str(error))

    extractions: list[Extraction] = []

    def handle(doc: Document | str) -> None:
        if isinstance(doc, str):
            on_error(doc)
            return
        try:
            extraction = _extract(doc, backend, settings)
            if store is not None and save:
                store.save_document(doc)
                store.save_extraction(extraction)
        except Exception as exc:  # one document's failure must not stop the batch
            on_error(f"{doc.source}: extraction failed: {exc.__class__.__name__}: {exc}")
            return
        if output_format is ExtractFormat.jsonl:
            sys.stdout.write(json.dumps(to_contract(extraction), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            extractions.append(extraction)

    if from_store:
        assert store is not None
        refs = refs or [info.id for info in store.list_documents()]
        with progress(len(refs), "extract") as step:
            for ref, doc in zip(refs, _documents_from_store(store, refs), strict=True):
                handle(doc)
                step(ref)
    else:
        with progress(len(input_files(refs)), "extract") as step:
            for doc in iter_documents(refs, on_error=on_error, on_file=step):
                handle(doc)
    if output_format is ExtractFormat.table:
        out.print(mentions_table(extractions))
    raise typer.Exit(EXIT_SOME_FAILED if failed else 0)


# ---- show -----------------------------------------------------------------------------------------------
@app.command(epilog=EXIT_CODES_HELP)
def show(
    ctx: typer.Context,
    doc: Annotated[
        str, typer.Argument(help="Document id (or unique prefix), URL or source; or a file path.")
    ],
    plain: Annotated[
        bool, typer.Option("--plain", help="Print only the exact text offsets count in (no marks, no lists).")
    ] = False,
    markers: Annotated[
        bool | None,
        typer.Option("--markers/--no-markers", help="Wrap noise in ⟦ ⟧ (default: only when not a terminal)."),
    ] = None,
    removed: Annotated[
        bool,
        typer.Option("--removed", help="Also list what was dropped before the text (HTML navigation etc.)."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Print a document's text with page furniture marked, then its mentions and checks."""
    from incidentdb.ingest import iter_documents

    store = cli_store(ctx, db)
    try:
        document = store.get_document(doc)
    except LookupError as exc:
        fail(f"{doc}: {exc}", EXIT_USAGE)
    extraction = store.load_extraction(document.id) if document is not None else None
    if document is None and Path(doc).is_file():
        found = list(iter_documents([doc], on_error=lambda e: fail(e.one_line())))
        document = found[0] if found else None
    if document is None:
        fail(f"{doc}: no such document in the store (see `incidentdb ingest`)", EXIT_USAGE)
    if plain:
        sys.stdout.write(document.text)
        return
    use_markers = markers if markers is not None else not out.is_terminal
    print_document(out, document, extraction, use_markers)
    if removed:
        for part in document.removed:
            out.print(f"removed: {part}", markup=False)


# ---- incidents ------------------------------------------------------------------------------------------
IncidentLoader = Callable[["Store"], list[dict[str, Any]]]


def stored_incidents(store: Store) -> list[dict[str, Any]]:
    """Linked incidents when a linking run stored some; else each stored incident mention on its own."""
    linked = store.list_incidents()
    if linked:
        return linked
    rows = []
    for item in store.list_mentions(kind="incident"):
        c = item.contract
        rows.append(
            {
                "id": f"{item.document_id[:12]}-{item.index}",
                "event_type": c.get("event_type"),
                "sub_event_type": c.get("sub_event_type"),
                "date": c.get("date"),
                "location": c.get("location"),
                "killed": c.get("killed"),
                "injured": c.get("injured"),
                "grade": "weak",
                "grade_reason": "one report, not linked yet",
                "conflicts": [],
                "mentions": [
                    {
                        "document": item.source,
                        "mention": item.index,
                        "quote": (c.get("evidence") or [{}])[0].get("quote"),
                    }
                ],
            }
        )
    return rows


_incident_loader: IncidentLoader = stored_incidents


def set_incident_loader(loader: IncidentLoader) -> None:
    """Let the link stage decide what `incidents` lists (called from link_cmd.register)."""
    global _incident_loader
    _incident_loader = loader


@app.command(epilog=EXIT_CODES_HELP)
def incidents(
    ctx: typer.Context,
    output_format: Annotated[
        ListFormat, typer.Option("--format", help="table, or jsonl (one linked incident per line).")
    ] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List incidents from the store (linked incidents once `link` has run), review decisions applied."""
    store = cli_store(ctx, db)
    rows = _incident_loader(store)
    if output_format is ListFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    if not rows:
        err.print(
            "no incidents stored yet: run `incidentdb ingest` and `incidentdb extract --from-store --save`"
        )
        return
    out.print(incidents_table(rows))


# ---- demo -----------------------------------------------------------------------------------------------
def samples_dir() -> Path:
    return Path(str(resources.files("incidentdb") / "samples"))


def _link_if_available(store: Store) -> None:
    """Link the demo's mentions into incidents when the link stage is installed."""
    try:
        from incidentdb.cli.link_cmd import link_store
    except ImportError:
        return
    rows = link_store(store)
    err.print(f"linked them into {len(rows)} incidents", markup=False)


@app.command(epilog=EXIT_CODES_HELP)
def demo(ctx: typer.Context, db: DbOption = None) -> None:
    """Ingest the bundled sample reports, extract them into the store and print the incident table."""
    from incidentdb.ingest import ingest_paths

    samples = samples_dir()
    if not samples.is_dir():
        fail(f"the bundled samples are missing ({samples})", EXIT_USAGE)
    store = cli_store(ctx, db)
    report = ingest_paths([samples], store=store, on_error=lambda e: report_error(e.one_line()))
    err.print(f"ingest {samples}: {report.summary()}", markup=False)
    failed = len(report.errors)
    for info in store.list_documents():
        document = store.get_document(info.id)
        if document is None:
            continue
        try:
            store.save_extraction(_extract(document))
        except Exception as exc:
            failed += 1
            report_error(f"{document.source}: extraction failed: {exc.__class__.__name__}: {exc}")
    err.print(f"extracted {len(store.list_documents())} documents", markup=False)
    _link_if_available(store)
    rows = _incident_loader(store)
    out.print(incidents_table(rows))
    raise typer.Exit(EXIT_SOME_FAILED if failed else 0)


# ---- command modules owned by other parts of the product --------------------------------------------------
def _register_modules() -> None:
    for name in COMMAND_MODULES:
        module_name = f"incidentdb.cli.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # not written yet
            raise
        module.register(app)


_register_modules()
