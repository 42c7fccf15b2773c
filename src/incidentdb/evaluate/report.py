"""The evaluation report: figures per document and overall, as JSON and rich tables; baseline comparison."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from incidentdb.evaluate.score import FIELDS, DocScore, total

#: Figures where a smaller number is better; every other figure is better when larger.
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {"leaks", "duplicates", "extra_checks", "bad_offsets", "extraction_errors"}
)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def figures(score: DocScore) -> dict[str, float | int | None]:
    """The flat figures of one document (or of the overall total), in a stable order."""
    predicted = score.true_positives + score.false_positives
    precision = score.true_positives / predicted if predicted else None
    recall = score.gold_found / score.gold_incidents if score.gold_incidents else None
    f1: float | None = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    elif recall is not None:
        f1 = 0.0
    out: dict[str, float | int | None] = {
        "incident_precision": _round(precision),
        "incident_recall": _round(recall),
        "incident_f1": _round(f1),
        "leaks": score.leaks,
        "duplicates": score.duplicates,
    }
    for name in FIELDS:
        out[f"{name}_accuracy"] = _round(score.fields[name].ratio)
    out["kind_accuracy"] = _round(score.kinds.ratio)
    out["checks_recall"] = _round(score.checks.ratio)
    out["extra_checks"] = score.extra_checks
    out["publication_accuracy"] = _round(score.publication.ratio)
    out["bad_offsets"] = score.bad_offsets
    out["extraction_errors"] = score.extraction_errors
    return out


def counts(score: DocScore) -> dict[str, Any]:
    """The raw numbers behind the figures (so a reader can recompute every ratio)."""
    return {
        "gold_incidents": score.gold_incidents,
        "gold_found": score.gold_found,
        "system_incidents": score.system_incidents,
        "true_positives": score.true_positives,
        "optional_matches": score.optional_matches,
        "false_positives": score.false_positives,
        "fields": {name: {"right": t.right, "total": t.total} for name, t in score.fields.items()},
        "kinds": {"right": score.kinds.right, "total": score.kinds.total},
        "kind_pairs": {"right": score.kind_pairs.right, "total": score.kind_pairs.total},
        "checks": {"right": score.checks.right, "total": score.checks.total},
        "publication": {"right": score.publication.right, "total": score.publication.total},
    }


@dataclass
class EvalReport:
    """Per-document scores plus their micro-averaged total."""

    documents: list[DocScore]
    source: str = "extract"  # extract (the pipeline was run) or the system file's path
    warnings: list[str] = field(default_factory=list)

    @property
    def overall(self) -> DocScore:
        return total(self.documents)

    def figures(self) -> dict[str, float | int | None]:
        return figures(self.overall)

    def to_dict(self) -> dict[str, Any]:
        overall = self.overall
        return {
            "source": self.source,
            "overall": {"figures": self.figures(), "counts": counts(overall)},
            "documents": [
                {
                    "doc": s.doc,
                    "figures": figures(s),
                    "counts": counts(s),
                    "incidents": [asdict(i) for i in s.incidents],
                    "false_positives": [asdict(fp) for fp in s.false_positive_list],
                    "warnings": s.warnings,
                }
                for s in self.documents
            ],
            "warnings": self.warnings,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def baseline(self) -> dict[str, Any]:
        """What a baseline file stores: figures only, overall and per document."""
        return {
            "overall": {"figures": self.figures()},
            "documents": {s.doc: figures(s) for s in self.documents},
        }


# ---------------------------------------------------------------- baseline comparison


@dataclass(frozen=True)
class Regression:
    figure: str
    baseline: float | int | None
    current: float | int | None

    def __str__(self) -> str:
        direction = "higher" if self.figure in LOWER_IS_BETTER else "lower"
        return f"{self.figure}: {self.current} is {direction} than the baseline {self.baseline}"


def baseline_figures(data: dict[str, Any]) -> dict[str, Any]:
    """Overall figures from a baseline file or from a full ``eval --format json`` report."""
    overall = data.get("overall", data)
    found: dict[str, Any] = overall.get("figures", overall)
    return found


def compare_with_baseline(report: EvalReport, data: dict[str, Any]) -> list[Regression]:
    """Regressions of the overall figures against a baseline file's.

    When the baseline lists its documents, the current figures are recomputed over those documents only, so
    that adding gold files never fails the gate by itself (regenerate the baseline to take them in).
    """
    listed = data.get("documents")
    if isinstance(listed, list):  # a full `eval --format json` report
        listed = {d.get("doc") for d in listed if isinstance(d, dict)}
    if listed:
        kept = [s for s in report.documents if s.doc in listed]
        report = EvalReport(documents=kept, source=report.source)
    return compare(report.figures(), baseline_figures(data))


def compare(current: dict[str, Any], baseline: dict[str, Any], epsilon: float = 1e-9) -> list[Regression]:
    """Every overall figure that got worse than the baseline (None counts as the worst value)."""
    regressions = []
    for name, before in baseline.items():
        if before is None:
            continue
        now = current.get(name)
        if now is None:
            regressions.append(Regression(name, before, now))
        elif name in LOWER_IS_BETTER:
            if now > before + epsilon:
                regressions.append(Regression(name, before, now))
        elif now < before - epsilon:
            regressions.append(Regression(name, before, now))
    return regressions


# ---------------------------------------------------------------- tables


def _cell(value: float | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def render_table(report: EvalReport, console: Any | None = None) -> None:
    """Print the overall figures and a per-document table with rich."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    overall = report.overall
    summary = Table(title=f"incidentdb eval: overall ({len(report.documents)} documents)")
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    summary.add_column("right/total", justify="right")
    tallies = {f"{n}_accuracy": overall.fields[n] for n in FIELDS}
    tallies |= {
        "kind_accuracy": overall.kinds,
        "checks_recall": overall.checks,
        "publication_accuracy": overall.publication,
    }
    for name, value in report.figures().items():
        tally = tallies.get(name)
        summary.add_row(name, _cell(value), f"{tally.right}/{tally.total}" if tally else "")
    console.print(summary)

    groups = {
        "detection": [
            ("P", "incident_precision"),
            ("R", "incident_recall"),
            ("F1", "incident_f1"),
            ("leaks", "leaks"),
            ("dups", "duplicates"),
            ("offsets", "bad_offsets"),
        ],
        "kinds, checks, publication": [
            ("kind", "kind_accuracy"),
            ("checks", "checks_recall"),
            ("extra", "extra_checks"),
            ("pub", "publication_accuracy"),
        ],
        "fields": [
            ("type", "event_type_accuracy"),
            ("sub", "sub_event_type_accuracy"),
            ("date", "date_accuracy"),
            ("place", "place_accuracy"),
            ("adm1", "admin1_accuracy"),
        ],
        "counts and actor": [
            ("killed", "killed_accuracy"),
            ("injured", "injured_accuracy"),
            ("captured", "captured_accuracy"),
            ("actor1", "actor1_accuracy"),
        ],
    }
    for title, columns in groups.items():
        table = Table(title=f"per document: {title}", box=box.SIMPLE_HEAD, padding=(0, 1))
        table.add_column("doc", no_wrap=True, overflow="ellipsis", min_width=8, max_width=20)
        for header, _ in columns:
            table.add_column(header, justify="right", no_wrap=True, min_width=max(4, len(header)))
        for score in [*report.documents, overall]:
            values = figures(score)
            table.add_row(Path(score.doc).stem[:20], *(_cell(values[key]) for _, key in columns))
        console.print(table)
    for warning in report.warnings + [w for s in report.documents for w in s.warnings]:
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)


def render_details(report: EvalReport, console: Any | None = None) -> None:
    """Print, per document, the missed gold incidents, the wrong fields and the false positives."""
    from rich.console import Console

    console = console or Console()
    for score in report.documents:
        lines: list[str] = []
        for incident in score.incidents:
            if incident.optional:
                continue
            if not incident.system:
                lines.append(f"  missed {incident.gold_id}: {incident.evidence[:90]!r}")
                continue
            for name, ok in incident.fields.items():
                if not ok:
                    got = incident.got.get(name, "")
                    lines.append(f"  {incident.gold_id} (mention {incident.system}) {name} wrong: {got}")
        for fp in score.false_positive_list:
            target = f" of {fp.gold_id}" if fp.gold_id else ""
            lines.append(f"  false positive, {fp.reason}{target} (mention {fp.mention}): {fp.quote[:90]!r}")
        if lines:
            console.print(f"[bold]{score.doc}[/bold]", highlight=False)
            for line in lines:
                console.print(line, highlight=False, markup=False)
