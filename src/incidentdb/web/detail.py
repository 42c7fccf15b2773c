"""What the incident and document pages show, composed from the store.

Text is never turned into HTML here: a highlighted text is a list of ``Segment`` (plain text + a mark kind), and
the templates escape every segment, so a report containing markup is shown as text everywhere.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from incidentdb.records import COUNT_CATEGORIES, Document, Extraction, Mention
from incidentdb.store import AuditEntry, Store

CONTEXT_CHARS = 350  # characters of source text shown around a quote on the incident page


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # evidence | claim | noise | check
    label: str = ""


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None = None
    label: str = ""


_PRIORITY = {"claim": 3, "evidence": 2, "check": 1, "noise": 0}


def segments(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> list[Segment]:
    """Split ``text[start:end]`` into plain and marked pieces; where marks overlap the strongest kind wins."""
    end = len(text) if end is None else end
    inside = [mk for mk in marks if mk.start < end and mk.end > start and 0 <= mk.start < mk.end <= len(text)]
    cuts = sorted(
        {start, end, *(max(start, mk.start) for mk in inside), *(min(end, mk.end) for mk in inside)}
    )
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        covering = [mk for mk in inside if mk.start <= a and b <= mk.end]
        best = max(covering, key=lambda mk: _PRIORITY.get(mk.kind, 0), default=None)
        piece = Segment(text[a:b], best.kind if best else None, best.label if best else "")
        if out and out[-1].kind == piece.kind and out[-1].label == piece.label:
            out[-1] = Segment(out[-1].text + piece.text, piece.kind, piece.label)
        else:
            out.append(piece)
    return out


def _window(text: str, marks: list[Mark]) -> tuple[int, int]:
    """A readable window around the marks: some context on both sides, cut at whitespace."""
    if not marks:
        return 0, min(len(text), 2 * CONTEXT_CHARS)
    lo = max(0, min(mk.start for mk in marks) - CONTEXT_CHARS)
    hi = min(len(text), max(mk.end for mk in marks) + CONTEXT_CHARS)
    if lo > 0:
        space = text.find(" ", lo)
        lo = space + 1 if 0 <= space < min(mk.start for mk in marks) else lo
    if hi < len(text):
        space = text.rfind(" ", max(mk.end for mk in marks), hi)
        hi = space if space > 0 else hi
    return lo, hi


def claims_of(mention: Mention) -> list[dict[str, Any]]:
    out = []
    for category in COUNT_CATEGORIES:
        count = mention.counts.get(category)
        for claim in count.claims if count else ():
            out.append(
                {
                    "category": category,
                    "low": claim.low,
                    "high": claim.high,
                    "vague": claim.vague,
                    "claimant": claim.claimant,
                    "quote": claim.span.quote,
                    "start": claim.span.start,
                    "end": claim.span.end,
                }
            )
    return out


def mention_marks(mention: Mention) -> list[Mark]:
    marks = [Mark(s.start, s.end, "evidence") for s in mention.evidence]
    marks += [Mark(c["start"], c["end"], "claim", c["category"]) for c in claims_of(mention)]
    return marks


def mention_fields(mention: Mention) -> dict[str, Any]:
    """The values one source gives, for the side-by-side comparison."""
    date, place = mention.date, mention.location

    def count(category: str) -> str | None:
        c = mention.counts.get(category)
        if c is None:
            return None
        figures = "/".join("?" if v is None else str(v) for v in (c.low, c.best, c.high))
        return f"{figures} ({c.vague})" if c.vague else figures

    return {
        "event_type": " / ".join(x for x in (mention.event_type, mention.sub_event_type) if x) or None,
        "date": (
            None
            if date is None or date.start is None
            else date.start.isoformat()
            + (f" – {date.end.isoformat()}" if date.end and date.end != date.start else "")
        ),
        "place": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "actor1": mention.actor1,
        "actor2": mention.actor2,
        "killed (low/best/high)": count("killed"),
        "injured (low/best/high)": count("injured"),
    }


@dataclass
class MemberView:
    """One mention of an incident, with its source and the quote shown inside the source text."""

    position: int
    document_ref: str
    source: str
    mention_index: int
    quote: str | None
    document: Document | None = None
    mention: Mention | None = None
    excerpt: list[Segment] = field(default_factory=list)
    excerpt_cut: tuple[bool, bool] = (False, False)
    claims: list[dict[str, Any]] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)


class ExtractionCache:
    """Loads each document's extraction once per page."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[str, Extraction | None] = {}

    def get(self, ref: str) -> Extraction | None:
        if ref not in self._cache:
            try:
                self._cache[ref] = self.store.load_extraction(ref)
            except LookupError:
                self._cache[ref] = None
        return self._cache[ref]


def member_views(
    store: Store, incident: dict[str, Any], cache: ExtractionCache | None = None
) -> list[MemberView]:
    cache = cache or ExtractionCache(store)
    views = []
    for position, member in enumerate(incident.get("mentions") or []):
        ref = str(member.get("document_id") or member.get("document") or "")
        view = MemberView(
            position=position,
            document_ref=ref,
            source=str(member.get("document") or ref),
            mention_index=int(member.get("mention") or 0),
            quote=member.get("quote"),
        )
        extraction = cache.get(ref) if ref else None
        if extraction is not None:
            view.document = extraction.document
            view.document_ref = extraction.document.id
            if 0 <= view.mention_index < len(extraction.mentions):
                view.mention = extraction.mentions[view.mention_index]
        if view.document is not None:
            text = view.document.text
            marks = mention_marks(view.mention) if view.mention else []
            if not marks and view.quote and view.quote in text:
                at = text.index(view.quote)
                marks = [Mark(at, at + len(view.quote), "evidence")]
            lo, hi = _window(text, marks)
            view.excerpt = segments(text, marks, lo, hi)
            view.excerpt_cut = (lo > 0, hi < len(text))
        if view.mention is not None:
            view.claims = claims_of(view.mention)
            view.fields = mention_fields(view.mention)
        views.append(view)
    return views


def comparison(views: list[MemberView]) -> list[dict[str, Any]]:
    """Rows of field → value per source; ``conflict`` when the sources that state a value disagree."""
    if not views:
        return []
    names: list[str] = []
    for v in views:
        names += [n for n in v.fields if n not in names]
    rows = []
    for name in names:
        values = [v.fields.get(name) for v in views]
        stated = {str(x) for x in values if x is not None}
        rows.append({"field": name, "values": values, "conflict": len(stated) > 1})
    return rows


def checks_for(
    store: Store, refs: Iterable[str], cache: ExtractionCache | None = None
) -> list[dict[str, Any]]:
    cache = cache or ExtractionCache(store)
    out = []
    for ref in dict.fromkeys(refs):
        extraction = cache.get(ref)
        if extraction is None:
            continue
        for check in extraction.checks:
            out.append(
                {
                    "document": extraction.document.id,
                    "source": extraction.document.source,
                    "kind": check.kind,
                    "message": check.message,
                    "severity": check.severity,
                    "quote": check.span.quote if check.span else None,
                }
            )
    return out


def _targets(entry: AuditEntry) -> set[str]:
    after = entry.after or {}
    targets = {str(t) for t in after.get("target_ids", [])}
    payload = after.get("payload") or {}
    if payload.get("new_id"):
        targets.add(str(payload["new_id"]))
    return targets


def audit_trail(store: Store, incident_id: str) -> list[AuditEntry]:
    """Every audit entry about this incident, newest first: its own entries and the review decisions on it.

    A review decision appears once: when the review layer wrote an ``incident`` entry (with before/after) for
    it, the bare ``review_decision`` entry of the same action, reviewer and reason is left out.
    """
    entries = store.list_audit()
    own = [e for e in entries if e.entity == "incident" and e.entity_id == incident_id]
    seen = {(e.who, e.action, e.why) for e in own}
    decisions = [
        e
        for e in entries
        if e.entity == "review_decision"
        and incident_id in _targets(e)
        and (e.who, e.action, e.why) not in seen
    ]
    return sorted(own + decisions, key=lambda e: (e.at, e.id), reverse=True)


_DERIVED = ("claims", "review", "previous_ids")


def _compact(value: Any) -> Any:
    """Mention lists as ``source#index`` strings, so an audit row stays readable."""
    if isinstance(value, list) and value and all(isinstance(v, dict) and "mention" in v for v in value):
        return [f"{v.get('document')}#{v.get('mention')}" for v in value]
    return value


def audit_changes(entry: AuditEntry) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Before and after reduced to the fields that differ (whole records are stored; people read changes)."""
    before, after = entry.before, entry.after
    if not isinstance(before, dict) or not isinstance(after, dict):
        return before, after
    keys = [
        k for k in dict.fromkeys([*before, *after]) if k not in _DERIVED and before.get(k) != after.get(k)
    ]
    return (
        {k: _compact(before.get(k)) for k in keys if k in before},
        {k: _compact(after.get(k)) for k in keys if k in after},
    )


def incidents_citing(incidents: Iterable[dict[str, Any]], document: Document) -> list[dict[str, Any]]:
    refs = {document.id, document.source, document.url}
    return [
        i
        for i in incidents
        if any(m.get("document_id") in refs or m.get("document") in refs for m in i.get("mentions") or [])
    ]


def document_view(extraction: Extraction | None, document: Document) -> dict[str, Any]:
    """The full clean text with furniture and every mention's evidence marked, plus mentions and checks."""
    marks = [Mark(s.start, s.end, "noise", "removed furniture") for s in document.noise]
    mentions = []
    checks = []
    if extraction is not None:
        for index, mention in enumerate(extraction.mentions):
            marks += [Mark(s.start, s.end, "evidence", f"mention {index}") for s in mention.evidence]
            marks += [Mark(c["start"], c["end"], "claim", c["category"]) for c in claims_of(mention)]
            mentions.append(
                {
                    "index": index,
                    "kind": mention.kind,
                    "fields": mention_fields(mention),
                    "evidence": [s.quote for s in mention.evidence],
                    "claims": claims_of(mention),
                    "notes": list(mention.notes),
                }
            )
        for check in extraction.checks:
            if check.span is not None:
                marks.append(Mark(check.span.start, check.span.end, "check", check.kind))
            checks.append(
                {
                    "kind": check.kind,
                    "message": check.message,
                    "severity": check.severity,
                    "quote": check.span.quote if check.span else None,
                }
            )
    publication = extraction.publication if extraction is not None else None
    return {
        "segments": segments(document.text, marks),
        "mentions": mentions,
        "checks": checks,
        "removed": list(document.removed),
        "noise": [s.quote for s in document.noise],
        "publication": publication,
    }


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
