"""`incidentdb eval`: score extraction against gold annotations (CONTRACT.md "Scoring")."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from incidentdb.cli.common import out


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
    if not gold.exists():
        typer.echo(f"--links {gold}: no such file or directory", err=True)
        raise typer.Exit(2)
    try:
        result: Any = evaluate_links(gold)
    except ImportError as exc:  # the hook exists but its implementation has not landed
        typer.echo(f"link evaluation is not available yet ({exc})", err=True)
        raise typer.Exit(2) from exc
    except (OSError, ValueError) as exc:
        typer.echo(f"--links {gold}: {exc}", err=True)
        raise typer.Exit(2) from exc
    if output_format is EvalFormat.json or not isinstance(result, dict):
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
        return
    from rich.table import Table

    table = Table(title=f"incidentdb eval --links {gold}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in result.items():
        # the scores are nested ({"bcubed": {"f1": ...}}): one row per figure, "bcubed f1"
        cells = value.items() if isinstance(value, dict) else [("", value)]
        for sub, cell in cells:
            if isinstance(cell, (int, float, str)) or cell is None:
                label = f"{key} {sub}".strip()
                table.add_row(label, f"{cell:.3f}" if isinstance(cell, float) else str(cell))
    for error in result.get("errors") or []:
        table.add_row("error", ", ".join(f"{k}={v}" for k, v in error.items()))
    out.print(table)


def eval_command(
    gold: Annotated[Path | None, typer.Option("--gold", help="Directory of gold files (*.json).")] = None,
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
    details: Annotated[
        bool, typer.Option("--details", help="Table format: also list misses, wrong fields, false positives.")
    ] = False,
    db: Annotated[str | None, typer.Option("--db", help="Database URL (unused: eval reads files).")] = None,
) -> None:
    """Score extraction against gold annotations: every figure per document and overall."""
    from incidentdb.evaluate import compare_with_baseline, evaluate, render_table
    from incidentdb.evaluate.report import render_details

    if links is not None:
        _links(links, output_format)
        return
    if gold is None:
        typer.echo("error: eval needs --gold DIR (or --links GOLD)", err=True)
        raise typer.Exit(2)
    if not gold.is_dir():
        typer.echo(f"error: --gold {gold}: not a directory", err=True)
        raise typer.Exit(2)
    if not any(gold.glob("*.json")):
        typer.echo(f"error: --gold {gold}: no gold files (*.json) in it", err=True)
        raise typer.Exit(2)
    try:
        report = evaluate(gold, docs_dir=docs, system=system)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: eval: {exc}", err=True)
        raise typer.Exit(2) from exc
    if output_format is EvalFormat.json:
        sys.stdout.write(report.to_json() + "\n")
    else:
        render_table(report, out)
        if details:
            render_details(report)
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
