"""Typed records that flow through the pipeline: ingest -> extract -> check -> link -> store.

Every value an extraction stage adds carries a :class:`Span` into the document's clean text, so that
``document.text[span.start:span.end] == span.quote`` always holds. Records are frozen: a stage builds new
records (``dataclasses.replace``) instead of mutating those of an earlier stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

MentionKind = Literal["incident", "background", "aggregate"]
PublishedBasis = Literal["stated", "metadata", "inferred", "unknown"]
CountCategory = Literal["killed", "injured", "captured", "missing", "displaced"]
COUNT_CATEGORIES: tuple[CountCategory, ...] = ("killed", "injured", "captured", "missing", "displaced")

#: ACLED event types and their sub-event types (the contract's closed vocabulary).
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}


@dataclass(frozen=True)
class Span:
    """A piece of evidence: ``text[start:end] == quote`` in the document's clean text."""

    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Document:
    """One ingested report. ``raw`` is kept byte for byte; ``text`` is what offsets point into."""

    id: str  # sha256 hex of raw
    source: str  # path or URL as given
    raw: bytes
    text: str  # clean plain text, as `incidentdb show` prints it
    encoding: str
    media_type: str  # text/plain, text/html, application/jsonl
    title: str | None = None
    url: str | None = None
    published_stated: dt.date | None = None  # date the document itself states (dateline, metadata)
    published_basis: PublishedBasis = "unknown"  # where published_stated came from
    published_evidence: Span | None = None
    fetched_at: dt.datetime | None = None
    noise: tuple[Span, ...] = ()  # page furniture / teasers inside `text`
    removed: tuple[str, ...] = ()  # parts of the source dropped before `text` (HTML nav, comments)


@dataclass(frozen=True)
class Publication:
    """When the report was written: a stated date and/or an inferred interval with its basis."""

    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    basis: PublishedBasis
    reason: str = ""
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class DateInterval:
    """An event date. precision follows ACLED: 1 day, 2 week/span of days, 3 month or wider."""

    start: dt.date | None
    end: dt.date | None
    precision: int = 3
    weekday: str | None = None
    evidence: Span | None = None


@dataclass(frozen=True)
class Place:
    name: str
    country: str = "Syria"
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int = 3  # ACLED: 1 town/neighbourhood, 2 near/part of region, 3 province
    gazetteer_id: str | None = None
    evidence: Span | None = None


@dataclass(frozen=True)
class CountClaim:
    """One figure as one claimant states it."""

    low: int | None
    high: int | None
    vague: str | None  # a qualifier or word kept as written: "at least", "dozens", "unknown"
    claimant: str | None
    span: Span  # the quote holding the figure
    claimant_span: Span | None = None


@dataclass(frozen=True)
class Count:
    """All claims for one category in one mention, with a summary low/best/high."""

    low: int | None
    best: int | None
    high: int | None
    vague: str | None
    claims: tuple[CountClaim, ...] = ()


@dataclass(frozen=True)
class Actor:
    canonical: str
    surface: str
    span: Span
    role: str | None = None  # perpetrator | target | claimant


@dataclass(frozen=True)
class Mention:
    """One incident, background event or aggregate as told in one document."""

    kind: MentionKind
    evidence: tuple[Span, ...]
    event_type: str | None = None
    sub_event_type: str | None = None
    date: DateInterval | None = None
    location: Place | None = None
    places: tuple[Place, ...] = ()  # every place named for this mention; location is the main one
    actor1: str | None = None
    actor2: str | None = None
    actors: tuple[Actor, ...] = ()
    counts: dict[str, Count] = field(default_factory=dict)  # keyed by CountCategory
    notes: tuple[str, ...] = ()  # why the stages decided what they did, for reviewers


@dataclass(frozen=True)
class Check:
    kind: str  # misdated | republished | weekday_mismatch | contradicts_reference | undated | date_conflict | ...
    message: str
    span: Span | None = None
    severity: str = "warning"


@dataclass(frozen=True)
class Extraction:
    """Everything extract and check stages say about one document."""

    document: Document
    publication: Publication
    mentions: tuple[Mention, ...] = ()
    checks: tuple[Check, ...] = ()
    extractor: str = "rules"
