"""Reconciliation: one incident's fields from the mentions of many reports, with their disagreements kept.

Figures (killed, injured, captured, missing, displaced) follow a UCDP-style rule, per category:

* each report contributes one figure range: its mention's ``low`` and ``high`` (the highest figure it cites);
* ``low``  = the lowest figure any report gives (the most conservative credible count);
* ``high`` = the highest figure any report gives;
* ``best`` = the median (lower median when even) of the reports' best figures, counting only reports whose
  claimant is not a party to the conflict when there is at least one such report, else all reports.

Every individual claim is kept with its claimant, report and quote. Date, place, type and actors take the
consensus of the reports (the most precise information, then the most common value) and any disagreement
is listed in ``conflicts`` with what each report says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from statistics import median_low

from incidentdb.link.features import count_range, fold, place_key
from incidentdb.link.types import Conflict, Figure, LinkableMention, SourceClaim
from incidentdb.log import get_logger
from incidentdb.records import COUNT_CATEGORIES, DateInterval, Place
from incidentdb.settings import get_settings

log = get_logger(__name__)

#: Words that mark a claimant (or outlet) as a party to the conflict rather than an independent monitor.
PARTY_MARKERS = (
    "ministry",
    "army",
    "armed forces",
    "military",
    "ministry of defence",
    "defence ministry",
    "defense ministry",
    "government",
    "state media",
    "state news",
    "state television",
    "state tv",
    "official news agency",
    "rebel",
    "militant",
    "militia",
    "brigade",
    "faction",
    "spokesman",
    "spokesperson",
    "commander",
    "police",
    "security forces",
    "security source",
    "military source",
    "interior",
    "governor",
)


def is_party(claimant: str | None, actors: Sequence[str | None] = ()) -> bool:
    """True when a claimant is (or speaks for) a side: a conflict actor or an official or armed body.

    The region pack's actor knowledge base decides first (an alias found in the claimant, longest first, and
    that actor's ``party_to_conflict``); then the incident's own actors; then generic markers."""
    if not claimant:
        return False
    text = fold(claimant)
    if any(actor and (fold(actor) in text or text in fold(actor)) for actor in actors):
        return True
    return _claimant_is_party(text)


@lru_cache(maxsize=4096)
def _claimant_is_party(text: str) -> bool:
    padded = f" {_NON_WORD.sub(' ', text)} "
    for alias, party in _pack_aliases(get_settings().pack):
        if f" {alias} " in padded:
            return party
    return any(marker in text for marker in PARTY_MARKERS)


_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4)
def _pack_aliases(pack_name: str) -> tuple[tuple[str, bool], ...]:
    """(folded alias, party_to_conflict) of every actor in the region pack, longest alias first."""
    try:
        from incidentdb.packs import load_pack

        pack = load_pack(pack_name)
    except Exception as exc:  # no pack, or a broken one: fall back to the generic markers
        log.warning("link.no_pack", pack=pack_name, error=str(exc))
        return ()
    pairs = {
        _NON_WORD.sub(" ", fold(alias)).strip(): actor.party_to_conflict
        for actor in pack.actors
        for alias in (actor.canonical, *actor.aliases)
        if actor.kind != "person"
    }
    return tuple(sorted(((a, p) for a, p in pairs.items() if len(a) >= 3), key=lambda kv: -len(kv[0])))


def _actors(mentions: Sequence[LinkableMention]) -> list[str]:
    names: list[str] = []
    for lm in mentions:
        names.extend(n for n in (lm.mention.actor1, lm.mention.actor2) if n)
    return names


def source_claims(mentions: Sequence[LinkableMention]) -> list[SourceClaim]:
    """Every figure every report gives, side by side."""
    actors = _actors(mentions)
    claims: list[SourceClaim] = []
    for lm in mentions:
        for category in COUNT_CATEGORIES:
            count = lm.mention.counts.get(category)
            if count is None:
                continue
            for c in count.claims:
                claims.append(
                    SourceClaim(
                        category=category,
                        low=c.low,
                        high=c.high,
                        vague=c.vague,
                        claimant=c.claimant,
                        party=is_party(c.claimant, actors),
                        document=lm.document,
                        mention=lm.index,
                        quote=c.span.quote,
                        start=c.span.start,
                        end=c.span.end,
                    )
                )
    return claims


def _report_is_party(lm: LinkableMention, category: str, actors: Sequence[str]) -> bool:
    """A report's figure counts as a party's when every claim behind it comes from a party."""
    count = lm.mention.counts.get(category)
    claimants = [c.claimant for c in count.claims] if count else []
    if claimants and all(is_party(c, actors) for c in claimants):
        return True
    return is_party(lm.outlet, actors)


def reconcile_figure(
    mentions: Sequence[LinkableMention], category: str
) -> tuple[Figure | None, Conflict | None]:
    """The low/best/high of one category across reports, and a conflict when reports disagree."""
    actors = _actors(mentions)
    rows: list[tuple[int, int, int, bool, LinkableMention]] = []
    vague: str | None = None
    for lm in mentions:
        count = lm.mention.counts.get(category)
        low, high = count_range(count)
        if count is not None and vague is None and count.vague and low is None:
            vague = count.vague
        if low is None:
            continue
        best = count.best if count is not None and count.best is not None else low
        rows.append(
            (low, best, high if high is not None else low, _report_is_party(lm, category, actors), lm)
        )
    if not rows:
        return (Figure(None, None, None, vague) if vague else None), None
    independent = [r for r in rows if not r[3]] or rows
    figure = Figure(
        low=min(r[0] for r in rows),
        best=int(median_low([r[1] for r in independent])),
        high=max(r[2] for r in rows),
    )
    conflict = None
    if len({r[1] for r in rows}) > 1:
        conflict = Conflict(
            field=category,
            values=tuple(str(r[1]) for r in rows),
            sources=tuple(r[4].document for r in rows),
            quotes=tuple(_count_quote(r[4], category) for r in rows),
        )
    return figure, conflict


def _count_quote(lm: LinkableMention, category: str) -> str | None:
    count = lm.mention.counts.get(category)
    return count.claims[0].span.quote if count and count.claims else None


def reconcile_date(mentions: Sequence[LinkableMention]) -> tuple[DateInterval | None, Conflict | None]:
    """The consensus date: the day most precise reports agree on, else the span they cover."""
    precise = [
        (lm.mention.date.start, lm)
        for lm in mentions
        if lm.mention.date
        and lm.mention.date.precision == 1
        and lm.mention.date.start
        and lm.mention.date.start == (lm.mention.date.end or lm.mention.date.start)
    ]
    conflict = None
    if precise:
        days = Counter(day for day, _ in precise)
        if len(days) > 1:
            conflict = Conflict(
                field="date",
                values=tuple(day.isoformat() for day, _ in precise),
                sources=tuple(lm.document for _, lm in precise),
                quotes=tuple(
                    lm.mention.date.evidence.quote if lm.mention.date and lm.mention.date.evidence else None
                    for _, lm in precise
                ),
            )
        (top, votes), *rest = sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))
        if not rest or votes > rest[0][1]:
            return DateInterval(top, top, 1), conflict
        first, last = min(days), max(days)
        return DateInterval(first, last, 2 if (last - first).days <= 7 else 3), conflict
    intervals = [
        (
            lm.mention.date.start or lm.mention.date.end,
            lm.mention.date.end or lm.mention.date.start,
            lm.mention.date.precision,
        )
        for lm in mentions
        if lm.mention.date and (lm.mention.date.start or lm.mention.date.end)
    ]
    if not intervals:
        return None, None
    starts = [s for s, _, _ in intervals if s is not None]
    ends = [e for _, e, _ in intervals if e is not None]
    start: dt.date = max(starts)
    end: dt.date = min(ends)
    if start > end:  # no common day: fall back to the span of all
        start, end = min(starts), max(ends)
    precision = min(p for _, _, p in intervals)
    return DateInterval(start, end, max(precision, 2 if start != end else 1)), None


def reconcile_place(mentions: Sequence[LinkableMention]) -> tuple[Place | None, Conflict | None]:
    """The consensus place: the most common of the most precisely located places."""
    located = [(lm.mention.location, lm) for lm in mentions if lm.mention.location is not None]
    if not located:
        return None, None
    best_precision = min(place.geo_precision for place, _ in located)
    precise = [(place, lm) for place, lm in located if place.geo_precision == best_precision]
    votes = Counter(place_key(place.name) for place, _ in precise)
    top_key = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0] or ""))[0][0]
    chosen = next(place for place, _ in precise if place_key(place.name) == top_key)
    conflict = None
    town_level = [(place, lm) for place, lm in located if place.geo_precision == 1]
    if len({place_key(p.name) for p, _ in town_level}) > 1 and _spread_km(town_level) > 2.0:
        conflict = Conflict(
            field="place",
            values=tuple(p.name for p, _ in town_level),
            sources=tuple(lm.document for _, lm in town_level),
            quotes=tuple(p.evidence.quote if p.evidence else None for p, _ in town_level),
        )
    return chosen, conflict


def _spread_km(located: Sequence[tuple[Place, LinkableMention]]) -> float:
    points = [(p.lat, p.lon) for p, _ in located if p.lat is not None and p.lon is not None]
    if len(points) < len(located):
        return float("inf")  # a town without coordinates: names differ, so count it as a disagreement
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    return max((max(lats) - min(lats)) * 110.57, (max(lons) - min(lons)) * 91.0)


def reconcile_type(mentions: Sequence[LinkableMention]) -> tuple[str | None, str | None, Conflict | None]:
    typed = [lm for lm in mentions if lm.mention.event_type]
    if not typed:
        return None, None, None
    votes = Counter((lm.mention.event_type, lm.mention.sub_event_type) for lm in typed)
    (event_type, sub_type), _ = sorted(votes.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]
    conflict = None
    if len({lm.mention.event_type for lm in typed}) > 1:
        conflict = Conflict(
            field="event_type",
            values=tuple(str(lm.mention.event_type) for lm in typed),
            sources=tuple(lm.document for lm in typed),
        )
    return event_type, sub_type, conflict


def reconcile_actors(mentions: Sequence[LinkableMention]) -> tuple[str | None, str | None]:
    ones = Counter(lm.mention.actor1 for lm in mentions if lm.mention.actor1)
    twos = Counter(lm.mention.actor2 for lm in mentions if lm.mention.actor2)
    actor1 = ones.most_common(1)[0][0] if ones else None
    if actor1 is not None:
        twos.pop(actor1, None)
    actor2 = twos.most_common(1)[0][0] if twos else None
    return actor1, actor2
