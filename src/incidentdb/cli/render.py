"""Rich rendering for the CLI: documents with noise marked, mention and incident tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from incidentdb.records import Document, Extraction, Mention
from incidentdb.store import DocumentInfo

NOISE_OPEN, NOISE_CLOSE = "⟦", "⟧"


def marked_text(document: Document, markers: bool) -> Text:
    """The document text with noise spans dimmed and struck through, or wrapped in ⟦ ⟧ when ``markers``."""
    text = Text()
    pos = 0
    for span in sorted(document.noise, key=lambda s: s.start):
        if span.start < pos:
            continue
        text.append(document.text[pos : span.start])
        if markers:
            text.append(f"{NOISE_OPEN}{span.quote}{NOISE_CLOSE}")
        else:
            text.append(span.quote, style="dim strike")
        pos = span.end
    text.append(document.text[pos:])
    return text


def _date(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    start, end = value.get("start"), value.get("end")
    if start and end and start != end:
        return f"{start}..{end}"
    return str(start or end or "")


def _count(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    low, best, high = value.get("low"), value.get("best"), value.get("high")
    if low is None and best is None:
        return str(value.get("vague") or "")
    if high is not None and high != low:
        return f"{low}-{high}"
    return str(best if best is not None else low)


def _place(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    name, admin1 = value.get("name") or "", value.get("admin1")
    return f"{name} ({admin1})" if admin1 and admin1 != name else name


def _mention_cells(mention: Mention) -> list[str]:
    from incidentdb.contract import mention_json

    data = mention_json(mention)
    quote = mention.evidence[0].quote if mention.evidence else ""
    return [
        mention.kind,
        mention.sub_event_type or mention.event_type or "",
        _date(data.get("date")),
        _place(data.get("location")),
        mention.actor1 or "",
        _count(data.get("killed")),
        _count(data.get("injured")),
        quote[:60] + ("…" if len(quote) > 60 else ""),
    ]


def mentions_table(extractions: Sequence[Extraction]) -> Table:
    table = Table(title="Mentions", show_lines=False)
    for column in (
        "document",
        "#",
        "kind",
        "type",
        "date",
        "place",
        "actor1",
        "killed",
        "injured",
        "evidence",
    ):
        table.add_column(column, overflow="fold")
    for extraction in extractions:
        name = extraction.document.source.rsplit("/", 1)[-1][:24]
        if not extraction.mentions:
            table.add_row(name, "", "(none)", *[""] * 7)
        for i, mention in enumerate(extraction.mentions):
            table.add_row(name, str(i), *_mention_cells(mention))
    return table


def documents_table(rows: Sequence[DocumentInfo]) -> Table:
    table = Table(title=f"Documents ({len(rows)})")
    for column in ("id", "version", "type", "bytes", "published", "source", "title"):
        table.add_column(column, overflow="fold")
    for info in rows:
        table.add_row(
            info.id[:12],
            f"{info.version}/{info.versions}",
            info.media_type,
            str(info.size),
            str(info.published_stated or ""),
            info.source,
            (info.title or "")[:60],
        )
    return table


def incidents_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title=f"Incidents ({len(rows)})")
    for column in ("id", "date", "type", "place", "killed", "injured", "grade", "reports"):
        table.add_column(column, overflow="fold")
    for row in rows:
        sources = {m.get("document") for m in row.get("mentions", [])}
        table.add_row(
            str(row.get("id", "")),
            _date(row.get("date")),
            str(row.get("sub_event_type") or row.get("event_type") or ""),
            _place(row.get("location")),
            _count(row.get("killed")),
            _count(row.get("injured")),
            str(row.get("grade") or ""),
            str(len(sources)),
        )
    return table


def print_document(
    console: Console, document: Document, extraction: Extraction | None, markers: bool
) -> None:
    header = f"{document.source}  id {document.id[:12]}  {document.media_type}, {document.encoding}"
    console.print(header, style="bold", markup=False, highlight=False)
    if document.title:
        console.print(f"title: {document.title}", markup=False)
    if document.published_stated:
        console.print(f"published: {document.published_stated} ({document.published_basis})", markup=False)
    console.print(
        f"noise spans: {len(document.noise)}; parts removed before the text: {len(document.removed)}"
    )
    console.rule()
    console.print(marked_text(document, markers), markup=False, highlight=False)
    console.rule()
    if extraction is None:
        console.print("not extracted yet (incidentdb extract --from-store --save)")
        return
    console.print(mentions_table([extraction]))
    for check in extraction.checks:
        where = f" [{check.span.start}:{check.span.end}] {check.span.quote!r}" if check.span else ""
        console.print(f"check {check.kind}: {check.message}{where}", markup=False)
