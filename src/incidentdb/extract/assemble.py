"""Turn trigger clauses into mentions: one mention per event told, not one per sentence that speaks of it.

A report tells one incident over several sentences ("The explosion ...", "the blast was likely ...", "the
village"), so a clause that names no new place, date or actor continues the incident told before it. A clause
that names a new place, a different date, or a different perpetrator doing a different kind of thing starts a new
one. Background and aggregate clauses never merge into incidents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from incidentdb.extract.kinds import KindDecision
from incidentdb.extract.types import Trigger
from incidentdb.records import Actor, CountClaim, DateInterval, MentionKind, Place, Span


@dataclass
class PlaceHit:
    span: Span
    place: Place
    kind: str  # city | neighbourhood | village | governorate | ...
    parent: str | None
    route: bool = False  # "on the Amuda road": names a road, not where the event happened


@dataclass
class Candidate:
    """One clause that tells of an event, with what the stages found inside it."""

    clause: Span
    sentence_index: int
    paragraph: int
    triggers: list[Trigger]
    event_type: str | None
    sub_event_type: str | None
    places: list[PlaceHit]
    actors: list[Actor]
    date: DateInterval | None
    date_explicit: bool
    counts: list[tuple[str, CountClaim]]
    decision: KindDecision
    rank: int = 0  # rank of the strongest trigger: generic words ("killed", "attack") rank low
    definite: bool = False  # "the explosion", "the shelling": refers back to an event already told
    refers_back: bool = False  # definite, or past perfect ("had taken control"): an event told before
    indefinite: bool = False  # "an air strike", "another strike": a new event
    borrowed_place: bool = False  # its place was named earlier in its sentence, not in the clause itself


@dataclass
class Builder:
    """A mention being assembled from one or more candidates."""

    kind: MentionKind
    evidence: list[Span]
    event_type: str | None
    sub_event_type: str | None
    places: list[PlaceHit]
    actors: list[Actor]
    date: DateInterval | None
    counts: list[tuple[str, CountClaim]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_sentence: int = 0
    last_paragraph: int = 0
    trigger_words: list[str] = field(default_factory=list)
    inherited_place: bool = False
    type_rank: int = 0  # rank of the trigger its type comes from


_NORMALISE = re.compile(r"[^a-z0-9]+")


def _norm(name: str) -> str:
    name = name.lower().replace("’", "'")
    name = re.sub(r"^(?:al|el|ar|as|az|ad|an|at)[- ]", "", name)
    return _NORMALISE.sub("", name)


def same_place(a: PlaceHit, b: PlaceHit) -> bool:
    """Same place, or one inside the other (a landmark in its neighbourhood, a neighbourhood in its city)."""
    pa, pb = a.place, b.place
    if pa.gazetteer_id and pa.gazetteer_id == pb.gazetteer_id:
        return True
    na, nb = _norm(pa.name), _norm(pb.name)
    if na == nb:
        return True
    if a.parent and _norm(a.parent) == nb:
        return True
    return bool(b.parent and _norm(b.parent) == na)


def dates_overlap(a: DateInterval | None, b: DateInterval | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    a_end = a.end or a.start
    b_end = b.end or b.start
    return a.start <= b_end and b.start <= a_end


def perpetrator(actors: list[Actor]) -> str | None:
    for actor in actors:
        if actor.role == "perpetrator":
            return actor.canonical
    return None


def _related_places(candidate: Candidate, builder: Builder) -> bool:
    return any(same_place(p, q) for p in candidate.places for q in builder.places)


_CITY_KINDS = frozenset({"city", "governorate", "district", "region"})
_GENERIC_RANK = 30
_STRONG_RANK = 50
_VAGUE_RANK = 40  # "a raid", "an attack": says violence happened, not how


def most_specific(places: list[PlaceHit]) -> PlaceHit | None:
    specific = [p for p in places if p.place.geo_precision <= 2 and p.kind != "governorate" and not p.route]
    if not specific:
        return None
    order = {"landmark": 0, "neighbourhood": 1, "village": 2, "town": 2, "city": 3}
    return min(specific, key=lambda h: (order.get(h.kind, 3), h.span.start))


def place_continues(places: list[PlaceHit], builder: Builder, strong: bool = False) -> bool:
    """Does a clause naming ``places`` speak of the place of this incident?

    A neighbourhood, village or landmark decides: the same one, or a landmark inside the incident's
    neighbourhood, continues it; another neighbourhood of the same city does not. Only a clause that names
    nothing finer than a city is matched on the city.
    """
    specific = [p for p in places if p.place.geo_precision <= 2 and p.kind != "governorate" and not p.route]
    fine = [p for p in specific if p.kind not in _CITY_KINDS]
    listed = [q for q in builder.places if q.place.geo_precision <= 2 and q.kind != "governorate"]
    if strong and len(listed) >= 2:
        # "raids hit A, B and C" then "In B, a strike killed three": the follow-up is B's own event
        return False
    for p in fine:
        for q in builder.places:
            if same_identity(p, q):
                return True
            if p.parent and _norm(p.parent) == _norm(q.place.name) and q.kind not in _CITY_KINDS:
                return True
    if fine:
        return False
    for p in specific:
        for q in builder.places:
            # a neighbourhood is in its city, but not in "the countryside of" or "near" the city
            inside = p.place.geo_precision == 1 and q.parent and _norm(q.parent) == _norm(p.place.name)
            if same_identity(p, q) or inside:
                return True
    return False


def same_identity(a: PlaceHit, b: PlaceHit) -> bool:
    if a.place.gazetteer_id and a.place.gazetteer_id == b.place.gazetteer_id:
        return True
    return _norm(a.place.name) == _norm(b.place.name)


_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _own_event(candidate: Candidate) -> bool:
    """A strong event word with its own figures: "In B, a strike killed three" after "raids hit A, B and C"."""
    return candidate.rank >= _STRONG_RANK and not candidate.refers_back and bool(candidate.counts)


def type_compatible(candidate: Candidate, builder: Builder) -> bool:
    """Could this clause tell more of the same event? A generic word ("killed", "a massacre") fits any violent
    event; a clause that refers back ("the groups had taken control") fits whatever it refers to."""
    if candidate.rank <= _GENERIC_RANK or candidate.refers_back:
        return True
    if builder.event_type is None or candidate.event_type is None:
        return True
    if candidate.sub_event_type == "Attack" and builder.event_type in _VIOLENT:
        return True
    return candidate.event_type == builder.event_type


def find_merge_target(
    candidate: Candidate, builders: list[Builder], current: Builder | None, max_paragraphs: int = 6
) -> Builder | None:
    """The incident this candidate continues, or None when it starts a new one."""
    incidents = [b for b in builders if b.kind == "incident"]
    if candidate.indefinite and candidate.borrowed_place:
        return None  # "a strike hit the market of X, and another strike hit the outskirts"
    main = most_specific(candidate.places)
    if main is not None:
        # the incident being told continues first; else the first incident told at that place (the main one)
        ordered = ([current] if current in incidents else []) + [b for b in incidents if b is not current]
        for builder in ordered:
            if (
                place_continues(candidate.places, builder, strong=_own_event(candidate))
                and dates_overlap(candidate.date, builder.date)
                and type_compatible(candidate, builder)
                and not _different_event(candidate, builder)
            ):
                return builder
        if candidate.refers_back and current is not None and current.kind == "incident":
            same_kind = candidate.rank <= _GENERIC_RANK or candidate.event_type == current.event_type
            # "The soldiers were killed near Balyun": the place of an event told just before without one
            if (not current.places or current.inherited_place) and same_kind:
                return current
            # "the drone fired two missiles at the car on the Amuda road": more detail on the event just told
            if candidate.definite and same_kind and candidate.paragraph - current.last_paragraph <= 1:
                return current
        # a clause naming a town can only retell an incident that had no town of its own
        placeless = [
            b
            for b in incidents
            if not any(p.place.geo_precision <= 2 and p.kind != "governorate" for p in b.places)
        ]
        return _same_story(candidate, placeless)
    routes = [p for p in candidate.places if p.route and p.place.geo_precision <= 2]
    if routes and candidate.counts and current is not None and not _related_places(candidate, current):
        # "three were killed on the road between A and B" after an event at C: its own stretch, its own toll
        return _same_story(candidate, incidents)
    if candidate.definite:
        for builder in reversed(incidents):
            if builder.event_type == candidate.event_type and dates_overlap(candidate.date, builder.date):
                return builder
    if current is None or current.kind != "incident":
        return None
    if candidate.indefinite:
        return None
    if candidate.paragraph - current.last_paragraph > max_paragraphs:
        return None
    if candidate.date_explicit and not dates_overlap(candidate.date, current.date):
        return _same_story(candidate, incidents)
    if candidate.rank >= _STRONG_RANK and not type_compatible(candidate, current):
        # "Warplanes also bombed the town" after a battle there: another event at the same place
        return None
    if _different_event(candidate, current):
        return _same_story(candidate, incidents)
    return current


def _same_story(candidate: Candidate, incidents: list[Builder]) -> Builder | None:
    """The same perpetrator doing the same kind of thing within a day, told again later in the report."""
    actor = perpetrator(candidate.actors)
    if actor is None or _generic(actor) or candidate.event_type is None:
        return None
    for builder in incidents:
        same = builder.event_type == candidate.event_type and perpetrator(builder.actors) == actor
        if same and _within_days(candidate.date, builder.date, 1):
            return builder
    return None


def _within_days(a: DateInterval | None, b: DateInterval | None, slack: int) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    return a.start - dt.timedelta(days=slack) <= b_end and b.start - dt.timedelta(days=slack) <= a_end


def _different_event(candidate: Candidate, builder: Builder) -> bool:
    """A different perpetrator doing a different kind of thing is a different event."""
    actor = perpetrator(candidate.actors)
    other = perpetrator(builder.actors)
    if _generic(actor) or _generic(other):
        return False  # "armed factions" may well be the group named before
    if actor and other and actor != other and candidate.event_type and builder.event_type:
        return (
            candidate.event_type != builder.event_type or candidate.sub_event_type != builder.sub_event_type
        )
    return False


def _generic(actor: str | None) -> bool:
    return actor is not None and actor.lower().startswith(("unidentified", "civilians"))


def new_builder(candidate: Candidate, current: Builder | None) -> Builder:
    places = list(candidate.places)
    inherited = False
    if not places and current is not None and current.kind == "incident" and current.places:
        places = [current.places[0]]
        inherited = True
    date = candidate.date
    notes = [candidate.decision.reason]
    follows = (
        current is not None
        and current.kind == "incident"
        and candidate.paragraph - current.last_paragraph <= 2
    )
    if date is None and follows and current is not None and current.date is not None:
        # a report tells events in sequence: an undated event right after a dated one shares its day
        date = current.date
        notes.append("undated: takes the date of the event told just before it")
    return Builder(
        kind=candidate.decision.kind or "incident",
        evidence=[candidate.clause],
        event_type=candidate.event_type,
        sub_event_type=candidate.sub_event_type,
        places=places,
        actors=list(candidate.actors),
        date=date,
        counts=list(candidate.counts),
        notes=notes,
        first_sentence=candidate.sentence_index,
        last_paragraph=candidate.paragraph,
        trigger_words=[t.word.lower() for t in candidate.triggers],
        inherited_place=inherited,
        type_rank=candidate.rank,
    )


def merge_into(builder: Builder, candidate: Candidate) -> None:
    """A later clause about the same incident: keep its figures, places and actors, not its framing."""
    for hit in candidate.places:
        if not any(same_place(hit, p) for p in builder.places):
            builder.places.append(hit)
    if _aftermath(candidate, builder):
        # "the military police arrested two suspects" after a bombing: told with it, but the arrest's actor and
        # figure are not the bombing's
        builder.last_paragraph = max(builder.last_paragraph, candidate.paragraph)
        return
    for actor in candidate.actors:
        if all(a.canonical != actor.canonical for a in builder.actors):
            builder.actors.append(actor)
    builder.counts.extend(candidate.counts)
    # every clause that tells the event itself is evidence for it (the contract's evidence is a list)
    if (
        builder.kind == "incident"
        and candidate.rank >= _STRONG_RANK
        and candidate.clause not in builder.evidence
    ):
        builder.evidence.append(candidate.clause)
    if builder.date is None or (
        candidate.date_explicit and candidate.date and _narrower(candidate.date, builder.date)
    ):
        builder.date = candidate.date
    # "an Israeli raid near Aleppo ... the strikes hit positions": the generic word gives way to the specific one
    generic = (
        builder.type_rank <= _VAGUE_RANK
        and candidate.rank >= _STRONG_RANK
        and builder.event_type in _VIOLENT
        and candidate.event_type == "Explosions/Remote violence"
    )
    if candidate.event_type is not None and (builder.event_type is None or generic):
        builder.event_type, builder.sub_event_type = candidate.event_type, candidate.sub_event_type
        builder.type_rank = candidate.rank
    builder.trigger_words.extend(t.word.lower() for t in candidate.triggers)
    builder.last_paragraph = max(builder.last_paragraph, candidate.paragraph)


def _aftermath(candidate: Candidate, builder: Builder) -> bool:
    """A security measure (arrests, a curfew) by a named actor told after a violent event."""
    return (
        candidate.event_type == "Strategic developments"
        and builder.event_type in _VIOLENT
        and perpetrator(candidate.actors) is not None
    )


def _narrower(a: DateInterval, b: DateInterval | None) -> bool:
    if b is None or b.start is None or b.end is None:
        return True
    if a.start is None or a.end is None:
        return False
    return (a.end - a.start) < (b.end - b.start) and a.start >= b.start and a.end <= b.end


_CATEGORY_WORDS = {
    "captured": ("prisoner", "captur", "abduct", "kidnap", "hostage", "detain", "captive"),
    "missing": ("missing", "disappear"),
    "displaced": ("fle", "displac", "exodus"),
}


def count_target(
    category: str,
    builders: list[Builder],
    current: Builder | None,
    paragraph: int,
    places: Sequence[PlaceHit] = (),
) -> Builder | None:
    """Which incident a figure stated on its own ("About 100 others were wounded") belongs to: the incident at
    the place the figure's clause names ("several were still missing under the rubble in Saraqeb"), else the one
    whose event words fit the category, else the one being told."""
    incidents = [b for b in builders if b.kind == "incident" and paragraph - b.last_paragraph <= 6]
    if not incidents:
        return None
    specific = [p for p in places if p.place.geo_precision <= 2 and p.kind != "governorate"]
    at_place = [b for b in incidents if any(same_place(p, q) for p in specific for q in b.places)]
    if len(at_place) == 1:
        return at_place[0]
    words = _CATEGORY_WORDS.get(category)
    if words:
        for builder in incidents:
            if any(k in w for w in builder.trigger_words for k in words):
                return builder
    if current is not None and current in incidents:
        return current
    return incidents[-1]


def days(start: dt.date | None, end: dt.date | None) -> int | None:
    if start is None or end is None:
        return None
    return (end - start).days
