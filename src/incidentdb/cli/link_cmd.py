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
    progress,
    report_error,
)

if TYPE_CHECKING:
    from incidentdb.store import Store


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


def _extract_missing(store: Store) -> int:
    """Extract (and save) stored documents that have no extraction yet; returns how many failed."""
    from incidentdb.extract.pipeline import extract_document

    failed = 0
    missing = [info.id for info in store.list_documents() if store.load_extraction(info.id) is None]
    with progress(len(missing), "extract") as step:
        for document_id in missing:
            document = store.get_document(document_id)
            if document is None:
                continue
            try:
                store.save_extraction(extract_document(document))
            except Exception as exc:  # one bad document must not stop the batch
                failed += 1
                report_error(f"{document.source}: extraction failed: {exc.__class__.__name__}: {exc}")
            step(document.source)
    return failed


def link_store(store: Store, engine: str = "duckdb", embeddings: bool = False) -> list[dict[str, Any]]:
    """Link every stored mention and replace the stored machine incidents (see incidentdb.link.stored)."""
    from incidentdb.link.stored import link_store as _link_store

    return _link_store(store, engine=engine, embeddings=embeddings)


def link(
    ctx: typer.Context,
    engine: Annotated[
        Engine | None,
        typer.Option(
            "--engine",
            help="duckdb or spark (same model, for large batches); default $INCIDENTDB_LINK_ENGINE, else duckdb.",
        ),
    ] = None,
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
        from incidentdb.settings import get_settings

        chosen = engine.value if engine is not None else get_settings().link_engine
        rows = link_store(store, chosen, embeddings=embeddings)
    except ImportError as exc:
        fail(
            f"an optional dependency is missing ({exc}): --engine spark needs the 'spark' extra,"
            " --embeddings the 'embeddings' extra (pip install 'incidentdb[spark,embeddings]')",
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


# ---- review -------------------------------------------------------------------------------------------
review_app = typer.Typer(
    help="Review linked incidents: merge, split, confirm, reject, edit (stored with who/when/why, audited).",
    no_args_is_help=True,
)
WhoOption = Annotated[str, typer.Option("--who", help="Reviewer's name (required).")]
WhyOption = Annotated[
    str, typer.Option("--why", help="Reason (required; kept with the decision and in the audit log).")
]


def _decide(action: str, ctx: typer.Context, db: str | None, *args: Any, **kwargs: Any) -> None:
    from incidentdb import review

    store = cli_store(ctx, db)
    try:
        # ids as the incident table shows them: a unique prefix is enough
        first = args[0]
        ids = [review.resolve_incident_id(store, i) for i in first] if isinstance(first, list) else None
        args = (
            (ids, *args[1:])
            if ids is not None
            else (review.resolve_incident_id(store, str(first)), *args[1:])
        )
        decision = getattr(review, action)(store, *args, **kwargs)
    except (LookupError, ValueError) as exc:
        fail(f"review {action}: {exc}", EXIT_USAGE)
    err.print(f"review {action}: decision {decision} recorded", markup=False)


@review_app.command("merge")
def review_merge(
    ctx: typer.Context,
    incidents: Annotated[list[str], typer.Argument(help="Incident ids; the first one is kept.")],
    who: WhoOption,
    why: WhyOption,
    db: DbOption = None,
) -> None:
    """Merge incidents into the first one (figures reconciled again)."""
    _decide("merge", ctx, db, incidents, who=who, why=why)


@review_app.command("split")
def review_split(
    ctx: typer.Context,
    incident: Annotated[str, typer.Argument(help="Incident id.")],
    mentions: Annotated[
        list[str],
        typer.Option(
            "--mention",
            help="SOURCE#INDEX of a mention to move out, as `incidents --format jsonl` lists it (repeatable).",
        ),
    ],
    who: WhoOption,
    why: WhyOption,
    db: DbOption = None,
) -> None:
    """Move mentions out of an incident into a new one."""
    refs = []
    for ref in mentions:
        document, _, index = ref.rpartition("#")
        if not document or not index.isdigit():
            fail(f"--mention {ref!r}: expected DOCUMENT#INDEX", EXIT_USAGE)
        refs.append((document, int(index)))
    _decide("split", ctx, db, incident, refs, who=who, why=why)


@review_app.command("confirm")
def review_confirm(
    ctx: typer.Context, incident: str, who: WhoOption, why: WhyOption, db: DbOption = None
) -> None:
    """Confirm an incident (its grade becomes confirmed, with the reviewer in the reason)."""
    _decide("confirm", ctx, db, incident, who=who, why=why)


@review_app.command("reject")
def review_reject(
    ctx: typer.Context, incident: str, who: WhoOption, why: WhyOption, db: DbOption = None
) -> None:
    """Reject an incident (hidden from `incidents`; the decision and the machine output stay stored)."""
    _decide("reject", ctx, db, incident, who=who, why=why)


@review_app.command("edit")
def review_edit(
    ctx: typer.Context,
    incident: str,
    fields: Annotated[str, typer.Option("--set", help='Fields as JSON, e.g. \'{"killed": {"low": 8}}\'.')],
    who: WhoOption,
    why: WhyOption,
    db: DbOption = None,
) -> None:
    """Override fields of an incident's output."""
    import json

    try:
        values = json.loads(fields)
    except json.JSONDecodeError as exc:
        fail(f"--set: not JSON ({exc})", EXIT_USAGE)
    if not isinstance(values, dict):
        fail("--set: expected a JSON object", EXIT_USAGE)
    _decide("edit", ctx, db, incident, values, who=who, why=why)


def register(app: typer.Typer) -> None:
    app.command(name="link", epilog=EXIT_CODES_HELP)(link)
    app.add_typer(review_app, name="review")
    from incidentdb.cli import main

    setter = getattr(main, "set_incident_loader", None)
    if callable(setter):
        setter(_incident_loader)
