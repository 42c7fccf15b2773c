"""Ground an LLM's answer in the document: quotes become offsets, names go through the pack.

The model only ever returns *quotes*. This module finds each quote in the document's clean text and computes
its offsets itself; a quote that is not in the text (verbatim, up to runs of whitespace and the typography of
quote marks) is dropped with a note, never given invented offsets. Places, dates, actors and figures found at
the quoted offsets are normalised by the same pack functions the rules extractor uses, so both backends give
the same shape and the same vocabulary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

from incidentdb.extract.actors import actor_kind, canonical_actor, find_actors
from incidentdb.extract.claimants import sentence_bounds
from incidentdb.extract.counts import CountFinding, find_counts, summarise
from incidentdb.extract.dates import find_dates, precision_of, resolve_all
from incidentdb.extract.numbers import find_numbers
from incidentdb.extract.places import PlaceMention, find_places, precision_for
from incidentdb.log import get_logger
from incidentdb.packs import Pack
from incidentdb.records import (
    ACLED_TYPES,
    COUNT_CATEGORIES,
    Actor,
    CountClaim,
    DateInterval,
    Document,
    Mention,
    MentionKind,
    Place,
    Publication,
    Span,
)

log = get_logger(__name__)

KINDS: tuple[MentionKind, ...] = ("incident", "background", "aggregate")
_SUB_TO_TYPE = {sub.lower(): (event, sub) for event, subs in ACLED_TYPES.items() for sub in subs}
_TYPES = {event.lower(): event for event in ACLED_TYPES}
# a model writes straight quote marks where the report has typographic ones, and the reverse
_QUOTE_CLASSES = {"'": "['‘’`]", "‘": "['‘’`]", "’": "['‘’`]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}
_MAX_OCCURRENCES = 200
_MIN_QUOTE = 2


def resolution_basis(pub: Publication) -> Publication:
    """The writing period relative dates resolve against (the rules pipeline's convention): a stated date the
    content contradicts does not anchor "Thursday"; a bare stated date is a one-day window."""
    if pub.date and pub.earliest and pub.latest and not (pub.earliest <= pub.date <= pub.latest):
        return replace(pub, date=None)
    if pub.date and pub.earliest is None and pub.latest is None:
        return replace(pub, earliest=pub.date, latest=pub.date)
    return pub


def normalise_types(event_type: Any, sub_event_type: Any) -> tuple[str | None, str | None]:
    """ACLED's closed vocabulary: a known sub-event type decides its event type; anything else is dropped."""
    sub = _SUB_TO_TYPE.get(str(sub_event_type).strip().lower()) if sub_event_type else None
    if sub is not None:
        return sub
    event = _TYPES.get(str(event_type).strip().lower()) if event_type else None
    return event, None


def _flexible_pattern(quote: str) -> re.Pattern[str]:
    parts = []
    for token in quote.split():
        parts.append("".join(_QUOTE_CLASSES.get(ch) or re.escape(ch) for ch in token))
    return re.compile(r"\s+".join(parts))


def _as_text(value: Any) -> str | None:
    """The quote a model gave: a string, or the quote/text/name of an object (models vary in shape)."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("quote", "text", "name") if isinstance(value.get(k), str)), None)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if len(value) >= _MIN_QUOTE else None


def _at_word_edges(text: str, span: Span) -> bool:
    before = text[span.start - 1] if span.start > 0 else " "
    after = text[span.end] if span.end < len(text) else " "
    return not (before.isalnum() and span.quote[:1].isalnum()) and not (
        after.isalnum() and span.quote[-1:].isalnum()
    )


@dataclass
class Grounder:
    """Everything found in one document once, and the quote-to-offsets lookups over it."""

    doc: Document
    pack: Pack
    publication: Publication
    places: list[PlaceMention] = field(init=False)
    dates: list[tuple[Span, DateInterval]] = field(init=False)
    basis: Publication = field(init=False)

    def __post_init__(self) -> None:
        self.text = self.doc.text
        self.basis = resolution_basis(self.publication)
        self.places = find_places(self.text, self.pack, exclude=self.doc.noise)
        # resolved together, in text order, so that "the next day" has the date told before it as anchor
        mentions = find_dates(self.text, exclude=self.doc.noise)
        self.dates = [(dm.span, d) for dm, d in zip(mentions, resolve_all(mentions, self.basis), strict=True)]

    # ---- quotes -> offsets
    def _occurrences(self, quote: str) -> list[Span]:
        found: list[Span] = []
        at = self.text.find(quote)
        while at >= 0 and len(found) < _MAX_OCCURRENCES:
            found.append(Span(at, at + len(quote), quote))
            at = self.text.find(quote, at + 1)
        if not found:
            for match in _flexible_pattern(quote).finditer(self.text):
                found.append(Span.of(self.text, match.start(), match.end()))
                if len(found) >= _MAX_OCCURRENCES:
                    break
        # page furniture is not the report: a quote found only there is not evidence
        found = [s for s in found if not any(n.contains(s) for n in self.doc.noise)]
        # "Bedouin" is a part of "Bedouins": whole words first
        whole = [s for s in found if _at_word_edges(self.text, s)]
        return whole or found

    def whole_words(self, span: Span) -> Span:
        """``span`` widened to the words it cuts into, for name lookups ("armed Bedouin" -> "armed Bedouins")."""
        start, end = span.start, span.end
        while start > 0 and self.text[start - 1].isalnum() and self.text[start].isalnum():
            start -= 1
        while end < len(self.text) and self.text[end].isalnum() and self.text[end - 1].isalnum():
            end += 1
        return Span.of(self.text, start, end)

    def locate(self, quote: Any, *, within: Sequence[Span] = (), near: Span | None = None) -> Span | None:
        """Where ``quote`` is in the text: inside ``within`` if it occurs there, else nearest to ``near``,
        else its first occurrence; None when the text does not hold it."""
        text = _as_text(quote)
        if text is None:
            return None
        found = self._occurrences(text)
        if not found:
            return None
        inside = [s for s in found if any(w.contains(s) for w in within)]
        if inside:
            return inside[0]
        if near is not None:
            return min(found, key=lambda s: abs(s.start - near.start))
        return found[0]

    # ---- values at offsets, through the pack
    def place_at(self, span: Span) -> Place:
        span = self.whole_words(span)
        hits = [h for h in self.places if h.span.overlaps(span)]
        if hits:
            hit = min(hits, key=lambda h: (not span.contains(h.span), h.place.geo_precision, h.span.start))
            return hit.place if hit.place.evidence else replace(hit.place, evidence=hit.span)
        # not in the gazetteer: the name as written, without coordinates (never guessed)
        return Place(name=span.quote, country=self.pack.country, geo_precision=precision_for(self.text, span),
                     evidence=span)  # fmt: skip

    def places_in(self, spans: Sequence[Span]) -> list[Place]:
        return [
            h.place if h.place.evidence else replace(h.place, evidence=h.span)
            for h in self.places
            if any(s.contains(h.span) for s in spans)
        ]

    def date_at(self, span: Span) -> DateInterval | None:
        return next((date for at, date in self.dates if at.overlaps(span)), None)

    def first_date_in(self, spans: Sequence[Span]) -> DateInterval | None:
        return next((date for at, date in self.dates if any(s.contains(at) for s in spans)), None)

    def sentences_of(self, spans: Sequence[Span]) -> list[Span]:
        out = []
        for span in spans:
            start = sentence_bounds(self.text, span.start)[0]
            end = sentence_bounds(self.text, max(span.start, span.end - 1))[1]
            out.append(Span.of(self.text, start, end))
        return out

    def writing_window(self) -> DateInterval | None:
        """An incident the report tells as news but does not date happened by the time it was written."""
        start = self.basis.earliest or self.basis.date
        end = self.basis.latest or self.basis.date
        if start is None and end is None:
            return None
        start = start or end
        assert start is not None
        return DateInterval(start, end, precision=precision_of(start, end) if end else 3)

    def actor_at(self, span: Span, when: dt.date | None) -> str | None:
        span = self.whole_words(span)
        name = canonical_actor(span.quote, self.pack, when)
        if name is not None:
            return name
        found = {a.canonical for a in find_actors(span.quote, self.pack, when=when)}
        return found.pop() if len(found) == 1 else None

    def claimant_resolver(self) -> Callable[[str], str | None]:
        pack = self.pack

        def resolve_name(name: str) -> str | None:
            return canonical_actor(name, pack)

        return resolve_name


@dataclass
class _Draft:
    """One mention while it is grounded, with the notes a reviewer reads about what was dropped."""

    kind: MentionKind
    evidence: list[Span]
    notes: list[str] = field(default_factory=list)


def _evidence(g: Grounder, raw: dict[str, Any], notes: list[str]) -> list[Span]:
    quotes = raw.get("evidence")
    if isinstance(quotes, str):
        quotes = [quotes]
    spans: list[Span] = []
    for quote in quotes if isinstance(quotes, list) else []:
        span = g.locate(quote, near=spans[0] if spans else None)
        if span is None:
            notes.append(f"llm: evidence quote not in the text, dropped: {str(quote)[:80]!r}")
        elif span not in spans:
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _date(g: Grounder, raw: dict[str, Any], d: _Draft) -> DateInterval | None:
    quote = raw.get("date")
    if _as_text(quote):
        span = g.locate(quote, within=d.evidence, near=d.evidence[0])
        if span is None:
            d.notes.append(f"llm: date quote not in the text, dropped: {str(quote)[:60]!r}")
        else:
            date = g.date_at(span)
            if date is not None:
                return date
            d.notes.append(f"llm: no date expression at {span.quote!r}")
    # the model quoted no date: one its evidence holds, else one in the sentences around it (as the rules do)
    date = g.first_date_in(d.evidence) or g.first_date_in(g.sentences_of(d.evidence))
    if date is None and d.kind == "incident":
        date = g.writing_window()
        if date is not None:
            d.notes.append("llm: undated incident, dated by when the report was written")
    return date


def _place(g: Grounder, raw: dict[str, Any], d: _Draft) -> Place | None:
    quote = raw.get("place")
    if _as_text(quote):
        span = g.locate(quote, within=d.evidence, near=d.evidence[0])
        if span is not None:
            return g.place_at(span)
        d.notes.append(f"llm: place quote not in the text, dropped: {str(quote)[:60]!r}")
    return None


def _actor(g: Grounder, raw: dict[str, Any], key: str, d: _Draft, when: dt.date | None) -> Actor | None:
    quote = raw.get(key)
    if not _as_text(quote):
        return None
    span = g.locate(quote, within=d.evidence, near=d.evidence[0])
    if span is None:
        d.notes.append(f"llm: {key} quote not in the text, dropped: {str(quote)[:60]!r}")
        return None
    canonical = g.actor_at(span, when)
    if canonical is None:
        d.notes.append(f"llm: {key} {span.quote!r} is not in the pack's actor list, left empty")
        return None
    return Actor(canonical, span.quote, span, role="perpetrator" if key == "actor1" else "target")


def _findings(g: Grounder, span: Span, category: str, d: _Draft) -> list[CountFinding]:
    """The rules' count parser over the quoted figure, then over the evidence clause holding it."""
    resolver = g.claimant_resolver()
    scopes = [span, *(e for e in d.evidence if e.contains(span) and e != span)]
    for scope in scopes:
        found = [
            f
            for f in find_counts(g.text, scope.start, scope.end, claimant_resolver=resolver)
            if f.category == category and not f.is_subtotal and f.claim.span.overlaps(span)
        ]
        if found:
            return found
    return []


def _fallback_claim(g: Grounder, span: Span) -> CountClaim | None:
    """A figure the parser could not bind to a category: the first number written inside the quote."""
    numbers = find_numbers(g.text, span.start, span.end)
    if not numbers:
        return None
    num = numbers[0]
    return CountClaim(num.value_low, num.value_high, num.claim_vague, None, span)


def _with_claimant(g: Grounder, claim: CountClaim, raw_claimant: Any, d: _Draft) -> CountClaim:
    if claim.claimant is not None or not _as_text(raw_claimant):
        return claim
    span = g.locate(raw_claimant, near=claim.span)
    if span is None:
        d.notes.append(f"llm: claimant not in the text, dropped: {str(raw_claimant)[:60]!r}")
        return claim
    name = canonical_actor(span.quote, g.pack) or span.quote
    return replace(claim, claimant=name, claimant_span=span)


def _count_items(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Figure items in the asked shape (a "counts" list), or keyed by category in "counts" or in the mention."""
    counts = raw.get("counts")
    if isinstance(counts, list):
        return [item for item in counts if isinstance(item, dict)]
    keyed = counts if isinstance(counts, dict) else {c: raw[c] for c in COUNT_CATEGORIES if raw.get(c)}
    items: list[dict[str, Any]] = []
    for category, value in keyed.items():
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, str):
                items.append({"category": category, "quote": one})
            elif isinstance(one, dict):
                items.append({**one, "category": category})
    return items


def _counts(g: Grounder, raw: dict[str, Any], d: _Draft) -> dict[str, list[CountClaim]]:
    out: dict[str, list[CountClaim]] = {}
    for item in _count_items(raw):
        category = str(item.get("category") or "").strip().lower()
        if category not in COUNT_CATEGORIES:
            d.notes.append(f"llm: unknown count category {category!r}, dropped")
            continue
        span = g.locate(item.get("quote"), within=d.evidence, near=d.evidence[0])
        if span is None:
            d.notes.append(f"llm: {category} quote not in the text, dropped: {str(item.get('quote'))[:60]!r}")
            continue
        claims = [f.claim for f in _findings(g, span, category, d)]
        if not claims:
            fallback = _fallback_claim(g, span)
            if fallback is None:
                d.notes.append(f"llm: no figure in {span.quote!r}, dropped")
                continue
            claims = [fallback]
        for claim in claims:
            claim = _with_claimant(g, claim, item.get("claimant"), d)
            if claim not in out.setdefault(category, []):
                out[category].append(claim)
    return out


_TERRITORY = ("Non-state actor overtakes territory", "Government regains territory")


def _territory_by_actor(pack: Pack, sub_event_type: str | None, actor1: str | None) -> str | None:
    """ACLED splits territorial change by who gains (as the rules do): state forces regain, others overtake."""
    if sub_event_type not in _TERRITORY or actor1 is None:
        return sub_event_type
    kind = actor_kind(actor1, pack)
    if kind == "state":
        return _TERRITORY[1]
    if kind not in ("unknown", "external"):
        return _TERRITORY[0]
    return sub_event_type


def _coding_defaults(
    g: Grounder, mention: Mention, actor1: str | None, actor2: str | None
) -> tuple[str | None, str | None]:
    """Who ACLED's conventions say took part when the report names nobody, from the pack's ``defaults.yaml``
    exactly as the rules extractor applies them (the air force of the period for an unattributed air strike,
    generic protesters/rioters, an unidentified armed group, civilians as victims)."""
    from incidentdb.packs.defaults import load_defaults

    defaults = load_defaults(g.pack.path)
    day = mention.date.start if mention.date and mention.date.start else g.basis.latest
    return defaults.fill(
        mention.event_type,
        mention.sub_event_type,
        actor1,
        actor2,
        from_the_air=mention.sub_event_type == "Air/drone strike",
        day=day,
    )


def ground_mention(g: Grounder, raw: Any) -> Mention | None:
    """One mention from one item of the model's answer, or None when nothing of it is in the text."""
    if not isinstance(raw, dict):
        return None
    kind = str(raw.get("kind") or "incident").strip().lower()
    if kind not in KINDS:
        log.warning("llm_mention_dropped", doc=g.doc.id[:12], reason=f"unknown kind {kind!r}")
        return None
    notes: list[str] = []
    evidence = _evidence(g, raw, notes)
    if not evidence:
        log.warning("llm_mention_dropped", doc=g.doc.id[:12], reason="no evidence quote found in the text")
        return None
    d = _Draft(cast(MentionKind, kind), evidence, notes)
    event_type, sub_event_type = normalise_types(raw.get("event_type"), raw.get("sub_event_type"))
    if raw.get("sub_event_type") and sub_event_type is None:
        d.notes.append(f"llm: sub-event type {str(raw.get('sub_event_type'))[:40]!r} is not ACLED's, dropped")
    date = _date(g, raw, d)
    location = _place(g, raw, d)
    places = g.places_in(d.evidence)
    if location is not None and location not in places:
        places.insert(0, location)
    when = date.start if date else None
    actors = [a for a in (_actor(g, raw, "actor1", d, when), _actor(g, raw, "actor2", d, when)) if a]
    actor1 = next((a.canonical for a in actors if a.role == "perpetrator"), None)
    actor2 = next((a.canonical for a in actors if a.role == "target" and a.canonical != actor1), None)
    counts = {category: summarise(claims) for category, claims in _counts(g, raw, d).items()}
    mention = Mention(
        kind=d.kind,
        evidence=tuple(d.evidence),
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=date,
        location=location or (places[0] if places else None),
        places=tuple(places),
        actor1=actor1,
        actor2=actor2,
        actors=tuple(actors),
        counts=counts,
        notes=tuple(d.notes),
    )
    mention = replace(mention, sub_event_type=_territory_by_actor(g.pack, sub_event_type, actor1))
    if d.kind != "incident":
        return mention
    actor1, actor2 = _coding_defaults(g, mention, actor1, actor2)
    return replace(mention, actor1=actor1, actor2=actor2)


def ground_mentions(g: Grounder, items: Sequence[Any]) -> tuple[Mention, ...]:
    """Every grounded mention of the model's answer in text order; exact repeats are kept once."""
    mentions: list[Mention] = []
    seen: set[tuple[tuple[int, int], ...]] = set()
    for item in items:
        mention = ground_mention(g, item)
        if mention is None:
            continue
        key = tuple((s.start, s.end) for s in mention.evidence)
        if key in seen:
            continue
        seen.add(key)
        mentions.append(mention)
    mentions.sort(key=lambda m: m.evidence[0].start)
    return tuple(mentions)
