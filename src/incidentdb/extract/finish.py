"""Finishing a mention: its date when the report gives none, its main place, who ACLED's conventions say took part,
and its figures summarised per category."""

from __future__ import annotations

import re
from dataclasses import replace

from incidentdb.extract import assemble as asm
from incidentdb.extract.context import DocumentContext
from incidentdb.records import (
    Actor,
    CountClaim,
    DateInterval,
    Mention,
)


def default_window(ctx: DocumentContext, builders: list[asm.Builder]) -> DateInterval | None:
    """Date of an incident the report does not date: from its story's first dated event to the writing."""
    pub = ctx.basis
    end = pub.latest or pub.date
    earliest = pub.earliest or pub.date
    firsts = [b.date.start for b in builders if b.kind == "incident" and b.date and b.date.start]
    start = firsts[0] if firsts else earliest
    if start is not None and earliest is not None and (earliest - start).days > 7:
        start = earliest
    if end is None and start is None:
        return None
    if start is not None and end is not None and start > end:
        start = end
    start = start or end
    span_days = asm.days(start, end) or 0
    return DateInterval(start, end, precision=1 if span_days == 0 else (2 if span_days <= 7 else 3))


def finish_mention(ctx: DocumentContext, builder: asm.Builder, window: DateInterval | None) -> Mention:
    from incidentdb.extract.counts import summarise

    _territory_by_actor(ctx, builder)
    main = _main_place(builder.places)
    date = (
        builder.date
        if builder.date and builder.date.start
        else (window if builder.kind == "incident" else builder.date)
    )
    actor1 = asm.perpetrator(builder.actors)
    targets = [a.canonical for a in builder.actors if a.role == "target" and a.canonical != actor1]
    actor2 = targets[0] if targets else None
    if builder.kind == "incident":
        actor1, actor2 = _default_actors(ctx, builder, actor1, actor2)
    by_category: dict[str, list[CountClaim]] = {}
    for category, claim in builder.counts:
        if claim not in by_category.setdefault(category, []):
            by_category[category].append(claim)
    counts = {category: summarise(_without_bare_another(claims)) for category, claims in by_category.items()}
    places = tuple(h.place if h.place.evidence else replace(h.place, evidence=h.span) for h in builder.places)
    location = None
    if main is not None:
        location = main.place if main.place.evidence else replace(main.place, evidence=main.span)
    return Mention(
        kind=builder.kind,
        evidence=tuple(builder.evidence),
        event_type=builder.event_type,
        sub_event_type=builder.sub_event_type,
        date=date,
        location=location,
        places=places,
        actor1=actor1,
        actor2=actor2,
        actors=tuple(builder.actors),
        counts=counts,
        notes=tuple(builder.notes),
    )


def _without_bare_another(claims: list[CountClaim]) -> list[CountClaim]:
    """ "Two were killed ... Another died later": the bare "another" (or "three more", "several of the wounded")
    is more on top of a figure already told, not a rival claim (which would pull the low figure down); it counts
    only when it stands alone ("and another was wounded")."""
    from incidentdb.extract.counts import BARE_ANOTHER_RE, INCREMENT_RE

    bare = [c for c in claims if BARE_ANOTHER_RE.match(c.span.quote) or INCREMENT_RE.search(c.span.quote)]
    others = [c for c in claims if c not in bare]
    return others if bare and any(c.low is not None or c.high is not None for c in others) else claims


def _territory_by_actor(ctx: DocumentContext, builder: asm.Builder) -> None:
    """ACLED splits territorial change by who gains: state forces regain, non-state actors overtake."""
    from incidentdb.extract.actors import actor_kind

    if builder.sub_event_type not in ("Non-state actor overtakes territory", "Government regains territory"):
        return
    actor = asm.perpetrator(builder.actors)
    if actor is None:
        return
    kind = actor_kind(actor, ctx.pack)
    if kind == "state":
        builder.sub_event_type = "Government regains territory"
    elif kind not in ("unknown", "external"):
        builder.sub_event_type = "Non-state actor overtakes territory"


_PRECISION_ORDER = {
    "landmark": 0,
    "neighbourhood": 1,
    "village": 2,
    "town": 2,
    "city": 3,
    "district": 4,
    "region": 5,
    "governorate": 6,
}


def _main_place(places: list[asm.PlaceHit]) -> asm.PlaceHit | None:
    if not places:
        return None
    # The first named place of the most precise kind: "a mosque in Homs' Wadi al-Dahab" is in Wadi al-Dahab.
    # The ends of a road or a stretch ("between A and the village of B") rank alike: the first named is coded,
    # unless the event has a place of its own as precise ("in the Hama countryside ... on the road linking Hama
    # with Homs" is in Hama).
    return min(
        places,
        key=lambda h: (
            h.place.geo_precision,
            h.route,
            2 if h.route else _PRECISION_ORDER.get(h.kind, 3),
            h.span.start,
        ),
    )


_ARMED_KINDS = frozenset({"state", "rebel", "islamist", "militia", "ethnic", "external"})
_AIR_KINDS = frozenset({"state", "external"})
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


def _context_perpetrator(
    ctx: DocumentContext, builder: asm.Builder, allowed: frozenset[str] | None = None
) -> str | None:
    """An incident whose clause names no perpetrator: the armed group its sentence, its paragraph before it, or a
    headline above it names (a headline "Russian jets bomb X" above "airstrikes hit X"), never one of its targets.
    Only states and foreign forces fly aircraft."""
    from incidentdb.extract.actors import actor_kind

    if allowed is None:
        allowed = _AIR_KINDS if builder.sub_event_type == "Air/drone strike" else _ARMED_KINDS
    excluded = {a.canonical for a in builder.actors}
    first = ctx.sentences[builder.first_sentence]
    scope = [
        s for s in ctx.sentences[: builder.first_sentence + 1] if s.paragraph == first.paragraph or s.headline
    ]
    for sentence in reversed(scope):
        for actor in ctx.actors:
            if not (sentence.start <= actor.span.start < sentence.end) or actor.canonical in excluded:
                continue
            if sentence is first and actor.span.start > builder.evidence[0].start:
                continue  # named after the event in its own sentence: a target or a bystander
            if actor_kind(actor.canonical, ctx.pack) in allowed:
                return actor.canonical
    return None


# "X claimed responsibility", "blamed X for the attack", "the attacker belonged to X": who did it, told after
_RESPONSIBILITY_CUE = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?(?:responsibility|the\s+attack|the\s+bombing)"
    r"|\b(?:blamed|accused|held)\b|\battributed\b|\bresponsible\s+for\b"
    r"|\b(?:attacker|attackers|bomber|bombers|gunman|gunmen|assailants?|perpetrators?)\s+"
    r"(?:belonged|was\s+a\s+member|were\s+members|was\s+from|were\s+from|was\s+linked|were\s+linked)",
    re.IGNORECASE,
)
_RESPONSIBILITY_SENTENCES = 3
_RESPONSIBILITY_GAP = 30  # characters between the cue and the group it names


def _claimed_perpetrator(ctx: DocumentContext, builder: asm.Builder) -> Actor | None:
    """An armed group the next few sentences hold responsible ("The ministry said the attacker belonged to the
    Islamic State group"), until another event's sentence; the speaker who blames is never the one blamed."""
    from incidentdb.extract.actors import actor_kind

    first = builder.first_sentence
    taken = {id(a) for a in builder.actors}
    for sentence in ctx.sentences[first + 1 : first + 1 + _RESPONSIBILITY_SENTENCES]:
        if sentence.paragraph > ctx.sentences[first].paragraph + 2:
            break
        cue = _RESPONSIBILITY_CUE.search(sentence.text)
        if cue is None:
            continue
        for actor in ctx.actors:
            if not (sentence.start <= actor.span.start < sentence.end) or id(actor) in taken:
                continue
            if actor_kind(actor.canonical, ctx.pack) not in _ARMED_KINDS:
                continue
            cue_start, cue_end = sentence.start + cue.start(), sentence.start + cue.end()
            # the one blamed follows the cue closely ("blamed X", "belonged to the X group"); the one claiming
            # comes just before "claimed responsibility"; anyone further off is part of another statement
            after = 0 <= actor.span.start - cue_end <= _RESPONSIBILITY_GAP
            claims = (
                "claim" in cue.group(0).lower() and 0 <= cue_start - actor.span.end <= _RESPONSIBILITY_GAP
            )
            between = ctx.text[cue_end : actor.span.start] if after else ctx.text[actor.span.end : cue_start]
            if (after or claims) and not re.search(r"[;:\"“”]", between):
                return replace(actor, role="perpetrator")
    return None


_AIRCRAFT = re.compile(r"\b(?:warplanes?|jets?|helicopters?|aircraft|planes?|air\s+force)\b", re.IGNORECASE)


def _from_the_air(ctx: DocumentContext, builder: asm.Builder) -> bool:
    """An air strike, or a remote attack its own sentences say came from aircraft ("a suspected chemical attack
    ... witnesses said warplanes struck the town"): ACLED's air default applies to both."""
    if builder.sub_event_type == "Air/drone strike":
        return True
    if builder.event_type != "Explosions/Remote violence":
        return False
    return any(_AIRCRAFT.search(ctx.text[span.start : span.end]) for span in builder.evidence)


_BARE_AIRCRAFT = re.compile(r"(?:the\s+)?(?:war)?(?:planes?|jets?|aircraft|helicopters?)", re.IGNORECASE)


def _bare_aircraft(builder: asm.Builder, actor1: str | None) -> bool:
    """The perpetrator is known only as aircraft with no nationality ("Warplanes struck the town")."""
    return actor1 is not None and any(
        a.canonical == actor1 and a.role == "perpetrator" and _BARE_AIRCRAFT.fullmatch(a.surface)
        for a in builder.actors
    )


def _default_actors(
    ctx: DocumentContext, builder: asm.Builder, actor1: str | None, actor2: str | None
) -> tuple[str | None, str | None]:
    """Fill in who ACLED's conventions say took part when the report names nobody (pack defaults.yaml)."""
    from incidentdb.extract.actors import actor_kind
    from incidentdb.packs.defaults import load_defaults

    defaults = load_defaults(ctx.pack.path)
    if actor1 is None and builder.event_type in _VIOLENT_TYPES:
        actor1 = _context_perpetrator(ctx, builder)
    elif _bare_aircraft(builder, actor1):
        # bare "warplanes" is the pack's convention for the period; a state or foreign force a later sentence
        # blames ("activists blamed Russian aircraft"), or the foreign force the headline or the paragraph names
        # ("Israel strikes near Homs"), is the report's own word on whose they were
        blamed = _claimed_perpetrator(ctx, builder)
        if blamed is not None and actor_kind(blamed.canonical, ctx.pack) in ("external", "state"):
            builder.actors.append(blamed)
            builder.notes.append(f"aircraft attributed after the event: '{blamed.surface}'")
            actor1 = blamed.canonical
        else:
            actor1 = _context_perpetrator(ctx, builder, frozenset({"external"})) or actor1
    # "a suicide bomber" stays unidentified only until a later sentence names who is held responsible
    if actor1 in (None, defaults.unidentified_actor) and builder.event_type in _VIOLENT_TYPES:
        claimed = _claimed_perpetrator(ctx, builder)
        if claimed is not None:
            builder.actors.append(claimed)  # the mention keeps the words that name it
            builder.notes.append(f"perpetrator held responsible after the event: '{claimed.surface}'")
            actor1 = claimed.canonical
    if actor1 is not None and actor1 == actor2:
        actor2 = None
    day = builder.date.start if builder.date and builder.date.start else ctx.basis.latest
    return defaults.fill(
        builder.event_type,
        builder.sub_event_type,
        actor1,
        actor2,
        from_the_air=_from_the_air(ctx, builder),
        day=day,
    )
