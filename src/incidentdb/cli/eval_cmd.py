"""`incidentdb eval`: score extraction against gold annotations (CONTRACT.md "Scoring")."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


def _links(gold: Path, output_format: EvalFormat) -> None:
    """Score linked incidents when the link stage offers ``evaluate_links``."""
    try:
        from incidentdb import link
    except ImportError:  # pragma: no cover - the package always exists
        link = None  # type: ignore[assignment]
    evaluate_links = getattr(link, "evaluate_links", None)
    if not callable(evaluate_links):
        typer.echo("link evaluation is not available yet", err=True)
        raise typer.Exit(2)
    result: Any = evaluate_links(gold)
    if hasattr(result, "to_json"):
        typer.echo(result.to_json())
    elif output_format is EvalFormat.json or not hasattr(result, "__rich__"):
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    else:  # pragma: no cover - depends on the link stage's report type
        from rich.console import Console

        Console().print(result)


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="Directory of gold files (*.json).")],
    docs: Annotated[
        Path | None,
        typer.Option(
            "--docs", help="Directory of the documents (default: the gold dir, else X/gold/NAME -> X/NAME)."
        ),
    ] = None,
    system: Annotated[
        Path | None,
        typer.Option(
            "--system", help="Score this `extract --format jsonl` output instead of running extraction."
        ),
    ] = None,
    output_format: Annotated[EvalFormat, typer.Option("--format", help="table or json.")] = EvalFormat.table,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Baseline JSON: exit 1 when any overall figure is worse."),
    ] = None,
    links: Annotated[
        Path | None,
        typer.Option("--links", help="Gold links file or directory: score linked incidents instead."),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database URL (unused: eval reads files).")] = None,
) -> None:
    """Score extraction against gold annotations: every figure per document and overall."""
    from incidentdb.evaluate import compare_with_baseline, evaluate, render_table

    if links is not None:
        _links(links, output_format)
        return
    if not gold.is_dir():
        typer.echo(f"--gold {gold}: not a directory", err=True)
        raise typer.Exit(2)
    try:
        report = evaluate(gold, docs_dir=docs, system=system)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"eval: {exc}", err=True)
        raise typer.Exit(2) from exc
    if output_format is EvalFormat.json:
        sys.stdout.write(report.to_json() + "\n")
    else:
        render_table(report)
    if baseline is None:
        return
    try:
        before = json.loads(baseline.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        typer.echo(f"--baseline {baseline}: {exc}", err=True)
        raise typer.Exit(2) from exc
    regressions = compare_with_baseline(report, before)
    for regression in regressions:
        typer.echo(f"regression: {regression}", err=True)
    if regressions:
        raise typer.Exit(1)
    typer.echo(f"no figure is worse than {baseline}", err=True)


def register(app: typer.Typer) -> None:
    """Add the `eval` command to the CLI application."""
    app.command("eval")(eval_command)
