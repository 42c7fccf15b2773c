"""The date a report states for itself: ingest metadata, a dateline or byline date in the first lines
("Jan 30, 2026 5:50 AM", "Posted Thursday 24 March 2011", "News site | Monday, 22 February 2016",
"Published 03.04.2025"), or a wire dateline that gives only day and month ("BEIRUT, Feb 3 (Agency) —")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from incidentdb.extract.dates import NUMERIC_DATELINE, WIRE_DATELINE, find_dates, head_end
from incidentdb.records import Document, PublishedBasis, Span

DATELINE_LINES = 12  # a stated date sits in the first lines (byline, dateline)
DATELINE_MAX_EXTRA = 45  # characters besides the date on a dateline
_PUBLISHED_WORDS = re.compile(
    r"\b(published|updated|posted|date|last modified|first published)\b", re.IGNORECASE
)
_SEGMENT_BREAK = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+")


@dataclass(frozen=True)
class WireDateline:
    """A dateline with day and month but no year: the writing day, once the year is known."""

    month: int
    day: int
    span: Span


def _in_noise(doc: Document, start: int, end: int) -> bool:
    return any(start < s.end and s.start < end for s in doc.noise)


def _segments(text: str, start: int, end: int) -> list[Span]:
    """A line split at ' | ' and ' — ' separators (site name | date), each trimmed."""
    out = []
    pos = start
    for m in [*_SEGMENT_BREAK.finditer(text, start, end), None]:
        seg_end = m.start() if m else end
        raw = text[pos:seg_end]
        lead = len(raw) - len(raw.lstrip())
        if raw.strip():
            out.append(Span.of(text, pos + lead, pos + len(raw.rstrip())))
        if m:
            pos = m.end()
    return out


@lru_cache(maxsize=1)
def _parser() -> Any:
    """One dateparser instance for English datelines (building one per call recompiles its patterns)."""
    from dateparser.date import DateDataParser  # lazy: importing dateparser costs a few hundred ms

    return DateDataParser(
        languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )


# "First published: 3 Feb 2014" is this page's own date; "originally published" names an earlier copy's
_EARLIER_COPY = re.compile(r"\boriginally\s+(?:published|posted)\b", re.IGNORECASE)


def _dated(segment: Span) -> dt.date | None:
    if _EARLIER_COPY.search(segment.quote):
        return None  # the date of an earlier copy, not of this one
    for dm in find_dates(segment.quote, datelines=True):
        if dm.kind != "date" or dm.year is None or dm.month is None or dm.day is None:
            continue
        extra = len(segment.quote) - len(dm.span.quote)
        if extra > DATELINE_MAX_EXTRA and not _PUBLISHED_WORDS.search(segment.quote):
            continue
        when = dt.date(dm.year, dm.month, dm.day)  # numeric dates are read day first
        if not dm.span.quote[:1].isdigit():
            parsed = _parser().get_date_data(dm.span.quote).date_obj
            if parsed is not None and parsed.date() != when:
                continue  # the line says something else than the date we found
        return when
    return None


def find_dateline(doc: Document) -> tuple[dt.date, Span] | None:
    """A publication date written in the first lines: a short line (or ' | '-separated part of one) that
    is mostly a full date, with or without a time or 'Published'/'Updated', outside noise spans."""
    text = doc.text
    offset = 0
    for line_no, line in enumerate(text.split("\n")):
        if line_no >= DATELINE_LINES:
            break
        start, end = offset, offset + len(line)
        offset += len(line) + 1
        for segment in _segments(text, start, end):
            if _in_noise(doc, segment.start, segment.end):
                continue  # a teaser, or page furniture next to the date ("Posted ... | 7 comments")
            when = _dated(segment)
            if when is not None:
                return when, segment
    return None


def find_wire_dateline(doc: Document) -> WireDateline | None:
    """'BEIRUT, Feb 3 (Agency) —': the day and month the report was filed, without a year."""
    for m in WIRE_DATELINE.finditer(doc.text, 0, head_end(doc.text)):
        if _in_noise(doc, m.start("date"), m.end("date")):
            continue
        found = find_dates(m.group("date"), datelines=True)
        if found and found[0].kind == "day_month" and found[0].month and found[0].day:
            return WireDateline(
                found[0].month, found[0].day, Span.of(doc.text, m.start("date"), m.end("date"))
            )
    return None


def find_wire_full_date(doc: Document) -> tuple[dt.date, Span] | None:
    """'BEIRUT, Jan 22, 2022 (Agency) —', 'Lattakia, 5/9/2016, SANA -': a wire dateline that gives the year
    states the filing day (numeric dates day first, as the agencies that write them do)."""
    head = head_end(doc.text)
    for m in [*WIRE_DATELINE.finditer(doc.text, 0, head), *NUMERIC_DATELINE.finditer(doc.text, 0, head)]:
        if _in_noise(doc, m.start("date"), m.end("date")):
            continue
        found = find_dates(m.group("date"), datelines=True)
        dm = found[0] if found else None
        if dm is not None and dm.kind == "date" and dm.year and dm.month and dm.day:
            return dt.date(dm.year, dm.month, dm.day), Span.of(doc.text, m.start("date"), m.end("date"))
    return None


# "This article was published on 13 May 2024." at the foot of a page; the line must begin so, which leaves out
# "originally published" (the date of an earlier copy, a republication sign for the checks)
_PUBLISHED_NOTE = re.compile(
    r"^[ \t]*(?:(?:this|the) (?:article|report|story|piece|news) (?:was|has been) )?"
    r"(?:(?:published|posted)(?: on| at)?[ \t]*:?|date[ \t]*:)[ \t]*(?P<rest>[^\n]{6,40})$",
    re.IGNORECASE | re.MULTILINE,
)


def find_published_note(doc: Document) -> tuple[dt.date, Span] | None:
    """A line anywhere that says when this report was published ("This article was published on 13 May 2024")."""
    for m in _PUBLISHED_NOTE.finditer(doc.text):
        if _in_noise(doc, m.start(), m.end()):
            continue
        for dm in find_dates(m.group("rest"), datelines=True):
            if dm.kind == "date" and dm.year and dm.month and dm.day and dm.span.start <= 3:
                start = m.start("rest") + dm.span.start
                return dt.date(dm.year, dm.month, dm.day), Span.of(
                    doc.text, start, start + len(dm.span.quote)
                )
    return None


def stated_publication(doc: Document) -> tuple[dt.date, PublishedBasis, Span | None] | None:
    """The date the document states for itself: ingest metadata first, then a dateline."""
    if doc.published_stated:
        basis: PublishedBasis = (
            doc.published_basis if doc.published_basis in ("stated", "metadata") else "stated"
        )
        return doc.published_stated, basis, doc.published_evidence
    found = find_dateline(doc) or find_wire_full_date(doc) or find_published_note(doc)
    if found:
        return found[0], "stated", found[1]
    return None
