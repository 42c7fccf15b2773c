"""`incidentdb link`: group the stored mentions into incidents; `incidents` then lists them (review applied)."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
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
    report_error,
)

if TYPE_CHECKING:
    from incidentdb.link.types import LinkableMention
    from incidentdb.store import Store


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


def _extract_missing(store: Store) -> int:
    """Extract (and save) stored documents that have no extraction yet; returns how many failed."""
    from incidentdb.extract.pipeline import extract_document

    failed = 0
    for info in store.list_documents():
        if store.load_extraction(info.id) is not None:
            continue
        document = store.get_document(info.id)
        if document is None:
            continue
        try:
            store.save_extraction(extract_document(document))
        except Exception as exc:  # one bad document must not stop the batch
            failed += 1
            report_error(f"{document.source}: extraction failed: {exc.__class__.__name__}: {exc}")
    return failed


def stored_mentions(store: Store) -> list[LinkableMention]:
    """Every stored mention of the latest document versions, ready for linking."""
    from incidentdb.link.evaluate import linkable_mentions

    out: list[LinkableMention] = []
    for extraction in store.iter_extractions():
        out.extend(linkable_mentions(extraction))
    return out


def previous_members(store: Store) -> dict[str, list[str]]:
    """Member keys of the incidents the last run stored (so unchanged incidents keep their ids)."""
    from incidentdb.link.types import member_key

    return {
        str(data["id"]): [member_key(str(m["document"]), int(m["mention"])) for m in data.get("mentions", [])]
        for data in store.list_incidents(apply_review=False)
    }


def link_store(store: Store, engine: str = "duckdb", embeddings: bool = False) -> list[dict[str, Any]]:
    """Link every stored mention and replace the stored machine incidents; returns them (contract shape)."""
    from incidentdb.link import LinkSettings, incident_json, link_mentions
    from incidentdb.settings import get_settings

    settings = get_settings()
    embedder = None
    if embeddings:
        from incidentdb.link.embeddings import minilm_embedder

        embedder = minilm_embedder()
    link_settings = LinkSettings(
        max_days=settings.link_max_days, threshold=settings.link_threshold, embedder=embedder
    )
    incidents = link_mentions(
        stored_mentions(store), engine=engine, settings=link_settings, previous=previous_members(store)
    )
    rows = [incident_json(i) for i in incidents]
    store.save_incidents(rows, replace=True)
    return rows


def link(
    ctx: typer.Context,
    engine: Annotated[
        Engine, typer.Option("--engine", help="duckdb (default) or spark (same model, for large batches).")
    ] = Engine.duckdb,
    extract_missing: Annotated[
        bool,
        typer.Option("--extract-missing/--no-extract-missing", help="Extract unextracted documents first."),
    ] = True,
    embeddings: Annotated[
        bool,
        typer.Option(
            "--embeddings", help="Compare texts with the offline MiniLM model (needs the 'embeddings' extra)."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Group mentions from different reports into incidents, reconcile their figures and grade them."""
    store = cli_store(ctx, db)
    failed = _extract_missing(store) if extract_missing else 0
    try:
        rows = link_store(store, engine.value, embeddings=embeddings)
    except ImportError as exc:
        fail(
            f"--embeddings needs the 'embeddings' extra (pip install 'incidentdb[embeddings]'): {exc}",
            EXIT_USAGE,
        )
    grades = Counter(str(r["grade"]) for r in rows)
    members = sum(len(r["mentions"]) for r in rows)
    summary = ", ".join(f"{n} {g}" for g, n in sorted(grades.items()))
    err.print(f"linked {members} mentions into {len(rows)} incidents ({summary or 'none'})", markup=False)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _incident_loader(store: Store) -> list[dict[str, Any]]:
    """What `incidentdb incidents` lists: linked incidents with review applied, once `link` has run."""
    from incidentdb.review import reviewed_incidents

    if not store.list_incidents(apply_review=False):
        from incidentdb.cli.main import stored_incidents

        return stored_incidents(store)
    return reviewed_incidents(store)


def register(app: typer.Typer) -> None:
    app.command(name="link", epilog=EXIT_CODES_HELP)(link)
    from incidentdb.cli import main

    setter = getattr(main, "set_incident_loader", None)
    if callable(setter):
        setter(_incident_loader)
