"""Read one document's system output (the CONTRACT.md JSON shape) into small typed records for scoring.

The scorer never trusts offsets blindly: every evidence span is checked against the document text, and a span
whose quote does not sit at its offsets is relocated by searching for the quote (and counted as a bad offset).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from incidentdb.evaluate.gold import locate
from incidentdb.records import Span

SCORED_COUNTS: tuple[str, ...] = ("killed", "injured", "captured")


@dataclass(frozen=True)
class SysClaim:
    low: int | None
    high: int | None
    vague: str | None


@dataclass(frozen=True)
class SysCount:
    low: int | None
    best: int | None
    high: int | None
    vague: str | None
    claims: tuple[SysClaim, ...] = ()


@dataclass(frozen=True)
class SysMention:
    index: int  # position in the document's "mentions" list
    kind: str
    evidence: tuple[Span, ...]
    event_type: str | None = None
    sub_event_type: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    place_name: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    actor1: str | None = None
    counts: dict[str, SysCount] = field(default_factory=dict)

    def first_quote(self) -> str:
        return self.evidence[0].quote if self.evidence else ""


@dataclass(frozen=True)
class SysCheck:
    kind: str
    span: Span | None


@dataclass(frozen=True)
class SysDocument:
    published_date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    mentions: tuple[SysMention, ...]
    checks: tuple[SysCheck, ...]
    bad_offsets: int = 0
    warnings: tuple[str, ...] = ()


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


class _SpanReader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.bad = 0
        self.warnings: list[str] = []

    def read(self, raw: Any) -> Span | None:
        if not isinstance(raw, dict):
            return None
        quote = raw.get("quote")
        start, end = _int(raw.get("start")), _int(raw.get("end"))
        in_text = start is not None and end is not None and 0 <= start <= end <= len(self.text)
        if in_text and (quote is None or self.text[start:end] == quote):
            return Span.of(self.text, start, end)  # type: ignore[arg-type]
        if not quote:
            return None
        self.bad += 1
        span, _ = locate(self.text, str(quote))
        self.warnings.append(
            f"offsets {start}..{end} do not hold {str(quote)[:60]!r}"
            + ("; relocated by quote" if span else "; quote not in text")
        )
        return span


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _count(raw: Any) -> SysCount | None:
    if not isinstance(raw, dict):
        return None
    claims = tuple(
        SysClaim(low=_int(c.get("low")), high=_int(c.get("high")), vague=c.get("vague"))
        for c in raw.get("claims") or ()
        if isinstance(c, dict)
    )
    return SysCount(
        low=_int(raw.get("low")),
        best=_int(raw.get("best")),
        high=_int(raw.get("high")),
        vague=raw.get("vague"),
        claims=claims,
    )


def _mention(index: int, raw: dict[str, Any], spans: _SpanReader) -> SysMention:
    evidence = tuple(s for s in (spans.read(e) for e in raw.get("evidence") or ()) if s is not None)
    date = _dict(raw.get("date"))
    location = _dict(raw.get("location"))
    start = _date(date.get("start"))
    end = _date(date.get("end")) or start
    counts = {key: c for key in SCORED_COUNTS if (c := _count(raw.get(key))) is not None}
    return SysMention(
        index=index,
        kind=str(raw.get("kind") or "incident"),
        evidence=evidence,
        event_type=raw.get("event_type"),
        sub_event_type=raw.get("sub_event_type"),
        date_start=start,
        date_end=end,
        place_name=location.get("name"),
        admin1=location.get("admin1"),
        lat=_float(location.get("lat")),
        lon=_float(location.get("lon")),
        actor1=raw.get("actor1"),
        counts=counts,
    )


def parse_system(output: dict[str, Any], text: str) -> SysDocument:
    """Typed view of one contract object; ``text`` is the document text its offsets point into."""
    spans = _SpanReader(text)
    document = output.get("document") or {}
    published = document.get("published") or {}
    mentions = tuple(
        _mention(i, m, spans) for i, m in enumerate(output.get("mentions") or ()) if isinstance(m, dict)
    )
    checks = tuple(
        SysCheck(kind=str(c.get("kind")), span=spans.read(c) if c.get("quote") else None)
        for c in output.get("checks") or ()
        if isinstance(c, dict)
    )
    return SysDocument(
        published_date=_date(published.get("date")),
        earliest=_date(published.get("earliest")),
        latest=_date(published.get("latest")),
        mentions=mentions,
        checks=checks,
        bad_offsets=spans.bad,
        warnings=tuple(spans.warnings),
    )
