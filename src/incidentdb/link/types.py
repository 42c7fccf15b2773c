"""Records of the linking stage: what goes in (a mention with its report's context) and what comes out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from incidentdb.records import DateInterval, Mention, MentionKind, Place

Grade = str  # confirmed | fair | weak | contested


@dataclass(frozen=True)
class LinkableMention:
    """One extracted mention together with what linking needs to know about its report."""

    document: str  # the document's source as given at ingest (URL or path)
    index: int  # the mention's index in that document's `extract` output
    mention: Mention
    published: dt.date | None = None  # publication date of the report (stated or inferred)
    outlet: str | None = None  # who published it; derived from the source URL when not given
    document_id: str | None = None  # sha256 of the document, when known

    @property
    def key(self) -> str:
        return member_key(self.document, self.index)

    @property
    def source_name(self) -> str:
        """The outlet, used to judge whether two reports are independent."""
        return self.outlet or outlet_of(self.document)


def member_key(document: str, index: int) -> str:
    return f"{document}#{index}"


def outlet_of(source: str) -> str:
    """The publishing outlet of a source: the host of a URL without ``www.``, else the source itself."""
    parsed = urlparse(source)
    host = parsed.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    return host or source


@dataclass(frozen=True)
class Figure:
    """One casualty category reconciled across sources (see docs/linking.md for the rule)."""

    low: int | None
    best: int | None
    high: int | None
    vague: str | None = None


@dataclass(frozen=True)
class SourceClaim:
    """A figure as one claimant states it in one report, kept side by side with the others."""

    category: str
    low: int | None
    high: int | None
    vague: str | None
    claimant: str | None
    party: bool  # the claimant (or the outlet) is a party to the conflict
    document: str
    mention: int
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Conflict:
    """Sources disagree on a field: ``values[i]`` is what ``sources[i]`` says."""

    field: str
    values: tuple[str, ...]
    sources: tuple[str, ...]
    quotes: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Member:
    """A mention in an incident, by document source and mention index."""

    document: str
    mention: int
    quote: str
    kind: MentionKind = "incident"
    outlet: str = ""
    document_id: str | None = None

    @property
    def key(self) -> str:
        return member_key(self.document, self.mention)


@dataclass(frozen=True)
class Incident:
    """Mentions of one event from several reports, reconciled and graded."""

    id: str
    members: tuple[Member, ...]
    event_type: str | None = None
    sub_event_type: str | None = None
    date: DateInterval | None = None
    location: Place | None = None
    actor1: str | None = None
    actor2: str | None = None
    figures: dict[str, Figure] = field(default_factory=dict)
    claims: tuple[SourceClaim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    grade: Grade = "weak"
    grade_reason: str = ""
    background: tuple[Member, ...] = ()  # background mentions in later reports that recall this incident
    previous_ids: tuple[str, ...] = ()
    review: tuple[dict[str, str], ...] = ()
    sources: tuple[LinkableMention, ...] = ()  # the linked mentions themselves (not serialised)
    background_sources: tuple[LinkableMention, ...] = ()
    overrides: dict[str, Any] = field(default_factory=dict)  # reviewers' field edits, applied on output

    @property
    def member_keys(self) -> frozenset[str]:
        return frozenset(m.key for m in self.members)
