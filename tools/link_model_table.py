"""Regenerate the model table in docs/linking.md from the comparisons in src/incidentdb/link/model.py."""

from __future__ import annotations

import math
from pathlib import Path

from incidentdb.link.model import comparisons

DOCS = Path(__file__).resolve().parents[1] / "docs" / "linking.md"
START, END = "<!-- table start -->", "<!-- table end -->"


def table() -> str:
    lines: list[str] = []
    semantic = comparisons(semantic=True)[-1]
    for creator in [*comparisons(), semantic]:
        comparison = creator.get_comparison("duckdb")
        title = comparison.output_column_name
        if creator is semantic:
            title += " (with `--embeddings` / `LinkSettings(embedder=...)`, instead of shared words)"
        lines += ["", f"**{title}**", ""]
        lines += [
            "| level | SQL (`_l` = one mention, `_r` = the other) | m | u | log2(m/u) |",
            "|---|---|---|---|---|",
        ]
        for level in comparison.comparison_levels:
            sql = level.sql_condition.replace("|", "\\|")
            sql = sql if len(sql) <= 120 else sql[:117] + "..."
            if level.is_null_level:
                lines.append(f"| missing | `{sql}` | – | – | 0 |")
                continue
            m, u = level.m_probability, level.u_probability
            lines.append(
                f"| {level.label_for_charts} | `{sql}` | {m:.2f} | {u:.2f} | {math.log2(m / u):+.2f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    text = DOCS.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOCS.write_text(head + START + table() + END + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
