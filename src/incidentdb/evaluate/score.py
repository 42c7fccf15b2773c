"""Score one document's system output against its gold file: exactly the rules of CONTRACT.md "Scoring".

1. matching (evidence overlap, else place + date/type), duplicates per place; 2. incident precision/recall/F1
and leaks; 3. field accuracy over matched gold incidents; 4. kind accuracy; 5. checks recall and extra checks;
6. publication. Where the contract leaves a choice open, the reading taken is written in docs/eval.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from incidentdb.evaluate.gold import GoldClaim, GoldDocument, GoldMention, GoldPlace
from incidentdb.evaluate.normalise import actor_matches, admin1_key, haversine_km, name_key, vague_kept
from incidentdb.evaluate.system import SCORED_COUNTS, SysCount, SysDocument, SysMention
from incidentdb.records import Span

#: Fields of rule 3, in report order.
FIELDS: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "date",
    "place",
    "admin1",
    "killed",
    "injured",
    "captured",
    "actor1",
)
PUBLICATION_SLACK = dt.timedelta(days=31)


@dataclass
class Tally:
    """right out of total; ``ratio`` is None when nothing was scored."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    def merge(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total

    @property
    def ratio(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class IncidentResult:
    """One gold incident: its matching system incidents (duplicates excluded) and each field's verdict."""

    gold_id: str
    optional: bool
    system: list[int] = field(default_factory=list)
    how: str | None = None  # overlap | place
    fields: dict[str, bool] = field(default_factory=dict)
    evidence: str = ""  # the gold evidence quote, for reading the report
    got: dict[str, str] = field(default_factory=dict)  # what the system said for each wrong field


@dataclass
class FalsePositive:
    mention: int
    quote: str
    reason: str  # unmatched | leak | duplicate
    gold_id: str | None = None


@dataclass
class DocScore:
    doc: str
    gold_incidents: int = 0  # non-optional
    gold_found: int = 0
    system_incidents: int = 0
    true_positives: int = 0  # system incidents matched (not as duplicates) to non-optional gold incidents
    optional_matches: int = 0
    false_positives: int = 0
    leaks: int = 0
    duplicates: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})
    kinds: Tally = field(default_factory=Tally)
    kind_pairs: Tally = field(default_factory=Tally)
    checks: Tally = field(default_factory=Tally)
    extra_checks: int = 0
    publication: Tally = field(default_factory=Tally)
    bad_offsets: int = 0
    extraction_errors: int = 0  # 1 when the pipeline raised on this document (scored as empty output)
    incidents: list[IncidentResult] = field(default_factory=list)
    false_positive_list: list[FalsePositive] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- rule 1: matching


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def place_fits(mention: SysMention, place: GoldPlace) -> bool:
    """Within the place's tolerance_km, or the system name equals the gold name or an alias (folded)."""
    if mention.place_name:
        key = name_key(mention.place_name)
        if key and key in {name_key(n) for n in (place.name, *place.aliases)}:
            return True
    if None not in (mention.lat, mention.lon, place.lat, place.lon):
        distance = haversine_km(mention.lat, mention.lon, place.lat, place.lon)  # type: ignore[arg-type]
        return distance <= place.tolerance_km
    return False


def _fallback_fits(mention: SysMention, gold: GoldMention) -> bool:
    if not any(place_fits(mention, p) for p in gold.places):
        return False
    if gold.date is not None:
        return mention.date_start is not None and gold.date.overlaps(mention.date_start, mention.date_end)
    return bool(mention.event_type) and _in_list(mention.event_type, gold.event_type)


def _in_list(value: str | None, accepted: tuple[str, ...]) -> bool:
    return value is not None and value.strip().lower() in {a.strip().lower() for a in accepted}


def _fit_rank(mention: SysMention, place: GoldPlace) -> tuple[int, float] | None:
    """How well a mention fits a gold place (smaller is better): a name match, then the distance."""
    if not place_fits(mention, place):
        return None
    named = bool(mention.place_name) and name_key(mention.place_name) in {
        name_key(n) for n in (place.name, *place.aliases)
    }
    distance = 0.0
    if None not in (mention.lat, mention.lon, place.lat, place.lon):
        distance = haversine_km(mention.lat, mention.lon, place.lat, place.lon)  # type: ignore[arg-type]
    return (0 if named else 1, distance)


def _kept_matches(mentions: list[SysMention], places: tuple[GoldPlace, ...]) -> list[int]:
    """Positions of the matches a gold incident keeps: at most one per place, the rest are duplicates.

    In order, each match takes the free place it fits best. A match that fits no place still takes one of the
    slots (its place is then scored wrong); a match that fits only places already taken is a duplicate.
    """
    capacity = max(1, len(places))
    taken: set[int] = set()
    kept: list[int] = []
    for position, mention in enumerate(mentions):
        if len(kept) >= capacity:
            break
        fitting = {
            i: rank for i, place in enumerate(places) if (rank := _fit_rank(mention, place)) is not None
        }
        if fitting:
            free = {i: rank for i, rank in fitting.items() if i not in taken}
            if not free:
                continue
            taken.add(min(free, key=lambda i: free[i]))
        kept.append(position)
    return kept


@dataclass
class _Matching:
    assigned: dict[str, list[SysMention]] = field(default_factory=dict)  # gold id -> system incidents
    how: dict[str, str] = field(default_factory=dict)
    by_overlap: set[int] = field(default_factory=set)  # system mention indices matched by evidence
    unmatched: list[tuple[SysMention, bool]] = field(default_factory=list)  # (mention, is_leak)

    def assign(self, gold: GoldMention, mention: SysMention, how: str) -> None:
        self.assigned.setdefault(gold.id, []).append(mention)
        self.how.setdefault(gold.id, how)
        if how == "overlap":
            self.by_overlap.add(mention.index)

    def open_slots(self, gold: GoldMention) -> int:
        return max(1, len(gold.places)) - len(self.assigned.get(gold.id, ()))


def match(gold: GoldDocument, system: SysDocument) -> _Matching:
    """Assign every system incident to at most one gold incident (rule 1).

    Evidence overlaps are assigned first for every system incident, so that a place-and-date match never
    takes a gold incident's slot from a system incident that quotes its evidence.
    """
    result = _Matching()
    golds = [g for g in gold.incidents if g.span is not None]
    context = [n.span for n in gold.noise if n.span] + [m.span for m in gold.context_mentions if m.span]
    leftovers: list[SysMention] = []
    for mention in (m for m in system.mentions if m.kind == "incident"):
        scored = [(g, sum(_overlap(e, g.span) for e in mention.evidence)) for g in golds if g.span]
        overlapping = [(g, size) for g, size in scored if size > 0]
        if overlapping:
            # Prefer a gold incident with a free slot (one per place), then the largest overlap.
            best = max(overlapping, key=lambda gs: (result.open_slots(gs[0]) > 0, gs[1]))[0]
            result.assign(best, mention, "overlap")
        elif any(_overlap(e, c) > 0 for e in mention.evidence for c in context):
            result.unmatched.append((mention, True))
        else:
            leftovers.append(mention)
    for mention in leftovers:
        candidates = [g for g in gold.incidents if _fallback_fits(mention, g)]
        if candidates:
            result.assign(max(candidates, key=lambda g: result.open_slots(g) > 0), mention, "place")
        else:
            result.unmatched.append((mention, False))
    return result


# ---------------------------------------------------------------- rule 3: fields


def count_right(gold: tuple[GoldClaim, ...], count: SysCount | None) -> bool:
    """CONTRACT.md count rule (lows first, else highs, else the vague word; "unknown" wants low null)."""
    claims = count.claims if count else ()
    lows = {c.low for c in gold if c.low is not None}
    if lows:
        system_lows = {count.low} | {c.low for c in claims} if count else set()
        return bool(lows & system_lows)
    highs = {c.high for c in gold if c.high is not None}
    if highs:
        if count is None:
            return False
        figures = {count.low, count.best, count.high} | {c.low for c in claims} | {c.high for c in claims}
        return bool(highs & figures)
    vague = [c.vague for c in gold if c.vague]
    if not vague:
        return False
    system_words = [count.vague, *(c.vague for c in claims)] if count else []
    for word in vague:
        if word.strip().lower() == "unknown":
            if count is None or count.low is None:
                return True
        elif vague_kept(system_words, word):
            return True
    return False


def _admin1_accepted(gold: GoldMention) -> set[str]:
    names = [p.admin1 for p in gold.places if p.admin1]
    names += [alt for p in gold.places for alt in p.admin1_alt] + list(gold.admin1_alt)
    return {admin1_key(n) for n in names if n}


def _field_checks(gold: GoldMention) -> dict[str, Callable[[SysMention], bool]]:
    """The fields this gold incident gives, each with its rule."""
    checks: dict[str, Callable[[SysMention], bool]] = {}
    if gold.event_type:
        checks["event_type"] = lambda m: _in_list(m.event_type, gold.event_type)
    if gold.sub_event_type:
        checks["sub_event_type"] = lambda m: _in_list(m.sub_event_type, gold.sub_event_type)
    if gold.date is not None:
        interval = gold.date
        checks["date"] = lambda m: (
            m.date_start is not None and interval.contains(m.date_start, m.date_end or m.date_start)
        )
    if gold.places:
        checks["place"] = lambda m: any(place_fits(m, p) for p in gold.places)
    accepted_admin1 = _admin1_accepted(gold)
    if accepted_admin1:
        checks["admin1"] = lambda m: bool(m.admin1) and admin1_key(m.admin1) in accepted_admin1
    for key in SCORED_COUNTS:
        if gold.counts.get(key):
            claims = gold.counts[key]
            checks[key] = lambda m, claims=claims, key=key: count_right(claims, m.counts.get(key))  # type: ignore[misc]
    if gold.actor1:
        checks["actor1"] = lambda m: actor_matches(m.actor1, gold.actor1)
    return checks


# ---------------------------------------------------------------- rules 4-6


def _score_kinds(gold: GoldDocument, system: SysDocument, score: DocScore) -> None:
    for context in gold.context_mentions:
        if context.span is None:
            continue
        span = context.span
        touching = [m for m in system.mentions if any(_overlap(e, span) > 0 for e in m.evidence)]
        for mention in touching:
            score.kind_pairs.add(mention.kind == context.kind)
        score.kinds.add(all(m.kind == context.kind for m in touching))


def _score_checks(gold: GoldDocument, system: SysDocument, score: DocScore) -> None:
    system_kinds = {c.kind for c in system.checks}
    for check in gold.checks:
        if not check.optional:
            score.checks.add(check.kind in system_kinds)
    gold_kinds = {c.kind for c in gold.checks}
    score.extra_checks = sum(1 for c in system.checks if c.kind not in gold_kinds)


def publication_right(gold: GoldDocument, system: SysDocument) -> bool:
    pub = gold.publication
    if pub.stated is not None and system.published_date == pub.stated:
        return True
    if pub.earliest is None and pub.latest is None:
        return False
    if pub.earliest is not None and (
        system.earliest is None or system.earliest < pub.earliest - PUBLICATION_SLACK
    ):
        return False
    return pub.latest is None or (
        system.latest is not None and system.latest <= pub.latest + PUBLICATION_SLACK
    )


def _score_publication(gold: GoldDocument, system: SysDocument, score: DocScore) -> None:
    pub = gold.publication
    if pub.stated is None and pub.earliest is None and pub.latest is None:
        return
    score.publication.add(publication_right(gold, system))


# ---------------------------------------------------------------- one document


def _false_positive(score: DocScore, mention: SysMention, reason: str, gold_id: str | None = None) -> None:
    score.false_positives += 1
    score.leaks += reason == "leak"
    score.duplicates += reason == "duplicate"
    score.false_positive_list.append(FalsePositive(mention.index, mention.first_quote(), reason, gold_id))


def _score_incident(
    gold: GoldMention, matched: list[SysMention], how: str | None, by_overlap: set[int], score: DocScore
) -> None:
    result = IncidentResult(gold_id=gold.id, optional=gold.optional, how=how, evidence=gold.evidence)
    score.incidents.append(result)
    if not gold.optional:
        score.gold_incidents += 1
    if not matched:
        return
    # Evidence matches claim places before place-and-date matches, each group in document order.
    matched = sorted(matched, key=lambda m: (m.index not in by_overlap, m.index))
    kept_positions = _kept_matches(matched, gold.places)
    kept = [matched[i] for i in kept_positions]
    result.system = [m.index for m in kept]
    for position, mention in enumerate(matched):
        if position not in kept_positions:
            _false_positive(score, mention, "duplicate", gold.id)
    if gold.optional:
        score.optional_matches += len(kept)
        return
    score.gold_found += 1
    score.true_positives += len(kept)
    for name, rule in _field_checks(gold).items():
        ok = any(rule(m) for m in kept)
        result.fields[name] = ok
        score.fields[name].add(ok)
        if not ok:
            result.got[name] = "; ".join(_system_value(m, name) for m in kept)


def _system_value(mention: SysMention, name: str) -> str:
    """A short rendering of what a system mention says for one field (for the report's readers)."""
    if name == "date":
        return f"{mention.date_start}..{mention.date_end}"
    if name == "place":
        return f"{mention.place_name} ({mention.lat}, {mention.lon})"
    if name == "admin1":
        return str(mention.admin1)
    if name in SCORED_COUNTS:
        count = mention.counts.get(name)
        if count is None:
            return "none"
        claims = ", ".join(f"{c.low}/{c.high}/{c.vague}" for c in count.claims)
        return f"low={count.low} high={count.high} vague={count.vague} claims=[{claims}]"
    return str(getattr(mention, name))


def score_document(gold: GoldDocument, system: SysDocument) -> DocScore:
    """Every figure of CONTRACT.md "Scoring" for one document."""
    score = DocScore(doc=gold.name, bad_offsets=system.bad_offsets)
    score.warnings.extend(gold.warnings)
    score.warnings.extend(system.warnings)
    score.system_incidents = sum(1 for m in system.mentions if m.kind == "incident")
    matching = match(gold, system)
    for incident in gold.incidents:
        if incident.span is None:
            score.warnings.append(
                f"{gold.name}: gold incident {incident.id} not located; matched by place only"
            )
        matched = matching.assigned.get(incident.id, [])
        _score_incident(incident, matched, matching.how.get(incident.id), matching.by_overlap, score)
    for mention, is_leak in matching.unmatched:
        _false_positive(score, mention, "leak" if is_leak else "unmatched")
    score.false_positive_list.sort(key=lambda fp: fp.mention)
    _score_kinds(gold, system, score)
    _score_checks(gold, system, score)
    _score_publication(gold, system, score)
    return score


def total(scores: Iterable[DocScore]) -> DocScore:
    """Overall figures: every count summed over documents (micro-average)."""
    overall = DocScore(doc="overall")
    for s in scores:
        for name in (
            "gold_incidents",
            "gold_found",
            "system_incidents",
            "true_positives",
            "optional_matches",
            "false_positives",
            "leaks",
            "duplicates",
            "extra_checks",
            "bad_offsets",
            "extraction_errors",
        ):
            setattr(overall, name, getattr(overall, name) + getattr(s, name))
        for name in FIELDS:
            overall.fields[name].merge(s.fields[name])
        overall.kinds.merge(s.kinds)
        overall.kind_pairs.merge(s.kind_pairs)
        overall.checks.merge(s.checks)
        overall.publication.merge(s.publication)
    return overall
