"""Load gold annotation files (CONTRACT.md "Gold files") and locate their quotes in a document's text.

A gold file describes one document: ``publication``, ``noise`` quotes, expected ``checks`` and ``mentions``.
Values given as lists mean "any of these"; a count is one claim object or a list of claims. Quotes are located
by exact substring search (first occurrence); a quote that is not found exactly is retried with whitespace and
typographic quotes normalised, and every such fallback or failure is reported in ``GoldDocument.warnings``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentdb.records import Span

#: The count categories a gold mention may carry (the scorer uses killed, injured and captured).
GOLD_COUNT_KEYS: tuple[str, ...] = ("killed", "injured", "captured", "missing", "displaced")

_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


@dataclass(frozen=True)
class GoldClaim:
    low: int | None
    high: int | None
    vague: str | None
    claimant: str | None
    quote: str | None
    span: Span | None = None


@dataclass(frozen=True)
class GoldPlace:
    name: str
    aliases: tuple[str, ...] = ()
    admin1: str | None = None
    admin1_alt: tuple[str, ...] = ()
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    tolerance_km: float = 10.0


@dataclass(frozen=True)
class GoldDate:
    """An interval; either end may be open (None). ``true`` and ``weekday`` are information, never scored."""

    start: dt.date | None
    end: dt.date | None
    weekday: str | None = None
    true: dt.date | None = None

    def contains(self, start: dt.date, end: dt.date) -> bool:
        return (self.start is None or start >= self.start) and (self.end is None or end <= self.end)

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        lo_ok = self.end is None or start is None or start <= self.end
        hi_ok = self.start is None or end is None or end >= self.start
        return lo_ok and hi_ok


@dataclass(frozen=True)
class GoldMention:
    id: str
    kind: str  # incident | background | aggregate
    optional: bool
    evidence: str
    span: Span | None
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    date: GoldDate | None = None
    places: tuple[GoldPlace, ...] = ()
    admin1_alt: tuple[str, ...] = ()  # mention-level alternatives (the seeds put them on places)
    actor1: tuple[str, ...] = ()
    actor2: tuple[str, ...] = ()
    counts: dict[str, tuple[GoldClaim, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class GoldCheck:
    kind: str
    optional: bool
    quote: str | None
    span: Span | None
    note: str | None = None


@dataclass(frozen=True)
class GoldPublication:
    stated: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    how: str | None = None


@dataclass(frozen=True)
class GoldNoise:
    quote: str
    span: Span | None


@dataclass(frozen=True)
class GoldDocument:
    name: str  # the "doc" file name, relative to the documents directory
    gold_path: Path
    publication: GoldPublication
    noise: tuple[GoldNoise, ...]
    checks: tuple[GoldCheck, ...]
    mentions: tuple[GoldMention, ...]
    warnings: tuple[str, ...] = ()

    @property
    def incidents(self) -> tuple[GoldMention, ...]:
        return tuple(m for m in self.mentions if m.kind == "incident")

    @property
    def context_mentions(self) -> tuple[GoldMention, ...]:
        """Background and aggregate mentions: text that must never become an incident."""
        return tuple(m for m in self.mentions if m.kind in ("background", "aggregate"))


# ---------------------------------------------------------------- locating quotes


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Collapse whitespace runs and fold typographic quotes; map each output char to its source."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text.translate(_TYPOGRAPHIC)):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


def _normalise(quote: str) -> str:
    return re.sub(r"\s+", " ", quote.translate(_TYPOGRAPHIC)).strip()


def locate(text: str, quote: str, within: Span | None = None) -> tuple[Span | None, str | None]:
    """Find ``quote`` in ``text``: exact first occurrence, else whitespace-normalised.

    Returns the span (``text[span.start:span.end]`` is the document's own wording) and a warning when the
    exact search failed. ``within`` is searched first (a claim quote inside its mention's evidence).
    """
    if not quote:
        return None, "empty quote"
    if within is not None:
        found = text.find(quote, within.start, within.end)
        if found >= 0:
            return Span.of(text, found, found + len(quote)), None
    found = text.find(quote)
    if found >= 0:
        return Span.of(text, found, found + len(quote)), None
    normalised_text, index = _normalise_with_map(text)
    target = _normalise(quote)
    found = normalised_text.find(target) if target else -1
    if found < 0:
        return None, f"quote not found: {quote[:80]!r}"
    start = index[found]
    end = index[found + len(target) - 1] + 1
    return Span.of(text, start, end), f"quote found only after whitespace normalisation: {quote[:80]!r}"


# ---------------------------------------------------------------- parsing


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(str(value)[:10])


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v is not None)


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    return int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _place(raw: dict[str, Any]) -> GoldPlace:
    tolerance = raw.get("tolerance_km")
    return GoldPlace(
        name=str(raw.get("name") or ""),
        aliases=_strings(raw.get("aliases")),
        admin1=raw.get("admin1"),
        admin1_alt=_strings(raw.get("admin1_alt")),
        country=raw.get("country"),
        lat=_float(raw.get("lat")),
        lon=_float(raw.get("lon")),
        tolerance_km=float(tolerance) if tolerance is not None else 10.0,
    )


class _Locator:
    """Locates quotes in one document and collects the warnings."""

    def __init__(self, text: str, doc_name: str) -> None:
        self.text = text
        self.doc_name = doc_name
        self.warnings: list[str] = []

    def __call__(self, quote: str | None, what: str, within: Span | None = None) -> Span | None:
        if not quote:
            return None
        span, warning = locate(self.text, quote, within)
        if warning:
            self.warnings.append(f"{self.doc_name}: {what}: {warning}")
        return span


def _claims(raw: Any, find: _Locator, what: str, within: Span | None) -> tuple[GoldClaim, ...]:
    items = raw if isinstance(raw, list) else [raw]
    claims = []
    for item in items:
        if not isinstance(item, dict):
            continue
        quote = item.get("quote")
        claims.append(
            GoldClaim(
                low=_int(item.get("low")),
                high=_int(item.get("high")),
                vague=item.get("vague"),
                claimant=item.get("claimant"),
                quote=quote,
                span=find(quote, what, within),
            )
        )
    return tuple(claims)


def _mention(raw: dict[str, Any], position: int, find: _Locator) -> GoldMention:
    mention_id = str(raw.get("id") or f"m{position}")
    evidence = str(raw.get("evidence") or "")
    span = find(evidence, f"{mention_id} evidence")
    date_raw = raw.get("date")
    date = None
    if isinstance(date_raw, dict):
        date = GoldDate(
            start=_date(date_raw.get("start")),
            end=_date(date_raw.get("end")),
            weekday=date_raw.get("weekday"),
            true=_date(date_raw.get("true")),
        )
    counts = {
        key: _claims(raw[key], find, f"{mention_id} {key} claim", span)
        for key in GOLD_COUNT_KEYS
        if raw.get(key) is not None
    }
    return GoldMention(
        id=mention_id,
        kind=str(raw.get("kind") or "incident"),
        optional=bool(raw.get("optional", False)),
        evidence=evidence,
        span=span,
        event_type=_strings(raw.get("event_type")),
        sub_event_type=_strings(raw.get("sub_event_type")),
        date=date,
        places=tuple(_place(p) for p in raw.get("places") or () if isinstance(p, dict)),
        admin1_alt=_strings(raw.get("admin1_alt")),
        actor1=_strings(raw.get("actor1")),
        actor2=_strings(raw.get("actor2")),
        counts=counts,
    )


def parse_gold(raw: dict[str, Any], text: str, gold_path: Path) -> GoldDocument:
    """Build a :class:`GoldDocument` from a gold file's JSON and the text the system's offsets point into."""
    name = str(raw.get("doc") or gold_path.with_suffix(".txt").name)
    find = _Locator(text, name)
    pub = raw.get("publication") or {}
    publication = GoldPublication(
        stated=_date(pub.get("stated")),
        earliest=_date(pub.get("earliest")),
        latest=_date(pub.get("latest")),
        how=pub.get("how"),
    )
    noise = tuple(GoldNoise(str(q), find(str(q), "noise")) for q in raw.get("noise") or ())
    checks = tuple(
        GoldCheck(
            kind=str(c.get("kind")),
            optional=bool(c.get("optional", False)),
            quote=c.get("quote"),
            span=find(c.get("quote"), f"check {c.get('kind')}"),
            note=c.get("note"),
        )
        for c in raw.get("checks") or ()
        if isinstance(c, dict)
    )
    mentions = tuple(
        _mention(m, i, find) for i, m in enumerate(raw.get("mentions") or ()) if isinstance(m, dict)
    )
    return GoldDocument(
        name=name,
        gold_path=gold_path,
        publication=publication,
        noise=noise,
        checks=checks,
        mentions=mentions,
        warnings=tuple(find.warnings),
    )


def gold_files(gold_dir: Path) -> list[Path]:
    """Every gold file in a directory, in name order."""
    return sorted(p for p in gold_dir.glob("*.json") if p.is_file())


def read_gold_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
