"""Extraction pipeline: Document -> Extraction.

Stages run in one direction, each reading the document text and what earlier stages found:

1. publication  - when the report was written (stated, or inferred from its content and the pack's timeline)
2. segment      - sentences and clauses outside page noise
3. places, actors, dates, counts - every occurrence in the text, with offsets
4. types/kinds  - event triggers per clause; incident, background or aggregate
5. assemble     - clauses about the same event become one mention
6. checks       - what is wrong with the report itself
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from incidentdb.extract import assemble as asm
from incidentdb.extract import kinds as kinds_mod
from incidentdb.extract.segment import Sentence, clauses, sentences
from incidentdb.extract.types import Trigger, decide_type, find_triggers
from incidentdb.records import (
    Actor,
    CountClaim,
    DateInterval,
    Document,
    Extraction,
    Mention,
    Publication,
    Span,
)

EXTRACTOR_NAME = "rules"
EXTRACTOR_VERSION = "0.1"


def _resolution_basis(pub: Publication) -> Publication:
    """The writing period that relative dates resolve against.

    A stated date that the content contradicts (a republished or misdated article) must not anchor "Thursday" or
    "February 3": the content-inferred interval does.
    """
    if pub.date and pub.earliest and pub.latest and not (pub.earliest <= pub.date <= pub.latest):
        return replace(pub, date=None)
    if pub.date and pub.earliest is None and pub.latest is None:
        return replace(pub, earliest=pub.date, latest=pub.date)
    return pub


def _strip_span(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-\"“”'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ',;:—–-"“”'):
        end -= 1
    return Span.of(text, start, end)


# Where the words about the event end inside its clause: a relative clause or a history cue after the event word
# tells of something else ("the Old City, which has been under siege since June 2012").
_EVIDENCE_TAIL = re.compile(
    r",\s+(?:which|who|whose|where)\b|\s+(?:which|that)\s+(?:[\w-]+\s+){0,3}had\b|\s+since\s+the\s+(?:fall|start|"
    r"beginning|outbreak)\b|\s+in\s+response\s+to\b|\s+\((?!\w+\)\s)",
    re.I,
)


def _evidence_end(text: str, trigger_at: int, end: int) -> int:
    match = _EVIDENCE_TAIL.search(text, trigger_at, end)
    return match.start() if match and match.start() - trigger_at >= 3 else end


_LABEL = re.compile(r"^[^.!?]{0,80}\)$|^[A-Z][\w'’ -]{0,40}$")
# "shells fired from the citadel", "fled towards the coast": an origin or a destination, not where it happened
_ORIGIN_BEFORE = re.compile(
    r"\b(?:from\b(?:(?!\b(?:near|was|were|is|are|has|have|had|been|attacks?|strikes?|raids?|bombings?|shelling|massacres?|explosions?|blasts?)\b)[^,;.]){0,60}|towards?\s+(?:the\s+)?|for\s+(?:the\s+)?|into exile in\s+|fled to\s+|heading to\s+)$",
    re.I,
)
# "The SDF said five civilians were killed": the subject of a speech verb claims, it does not act
_SPEECH_AFTER = re.compile(
    r"\s*\)?\s*(?:\([^)]{0,30}\)\s*)?(?:\w+\s+)?(?:also\s+)?(?:said|says|say|reported|reports|told|claimed|claims|"
    r"announced|stated|gave|put|confirmed|estimated|documented|accused|blamed|denied|added)\b",
    re.I,
)
_POSSESSIVE_AFTER = re.compile(
    r"(?:'s?|’s?)\s+(?:[\w-]+\s+)?(?:positions?|homes?|houses?|bases?|headquarters|convoys?|vehicles?|checkpoints?|"
    r"depots?|camps?|sites?|hideouts?|posts?|strongholds?|gatherings?|tunnels?|warehouses?|facilities|offices?)\b",
    re.I,
)
_SUPPORT_BEFORE = re.compile(
    r"\b(?:backed|supported|aided|armed|funded|allied|loyal|affiliated|linked|close)\s+(?:by|to|with)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+)?$",
    re.I,
)
_ELLIPSIS_BEFORE = re.compile(r"^[^.;:]{0,30}?(?:,\s*|\s+and\s+|\s+while\s+)$", re.I)
_PLACE_LEAD = re.compile(r"\s*(?:In|At|Near)\s+[A-Z]")
_ROUTE_AFTER = re.compile(
    r"[-–\s]+(?:\w+[-–\s]+)?(?:road|highway|motorway|junction|roundabout road|crossing)\b", re.I
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?$", re.I)
_CLAIMANT_BEFORE = re.compile(
    r"\b(?:according to|told|said|says|reported by|cited|quoted)\s+(?:the\s+)?[\w-]*\s*$", re.I
)
# "an air strike hit ...", "another strike", "a third raid": a new event, not more of the last one
_INDEFINITE_BEFORE = re.compile(
    r"\b(?:a|an|another|one|a second|a third|a fourth|a further|a separate|a new)\s+(?:[\w-]+\s+)?$", re.I
)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}(?:am|pm)\b", re.I)
_QUANTITY = re.compile(
    r"\b(?:(?!(?:1[89]|20)\d\d\b)\d[\d,.]*|dozens|hundreds|thousands|tens of thousands|scores|millions|half a million|a million)\b",
    re.I,
)
# "Hours later, a second bomber struck a restaurant": another attacker is another event
_ANOTHER_AGENT = re.compile(
    r"\b(?:a second|a third|a fourth)\s+(?:suicide\s+)?(?:bomber|attacker|gunman|car bomb)\b", re.I
)
_EVENT_NOUN = re.compile(r"(strike|raid|explosion|blast|bombing|attack|shelling|ambush|clash|bomb)s?$", re.I)
_PAST_PERFECT_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?(?:\w+\s+)?$", re.I)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)
_VAGUE_PLACE_BEFORE = re.compile(
    r"\b(near|outskirts of|countryside of|outside|around|north of|south of|east of|"
    r"west of|between)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)


# "DAMASCUS, Syria (AP) —", "Damascus (AFP) -": an agency dateline without a date
_AGENCY_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z'’. /-]{2,40}(?:,[ \t]+[A-Z][A-Za-z'’. -]{2,30}){0,2})[ \t]*"
    r"\((?:AP|AFP|Reuters|dpa|ANSA|Xinhua|SANA|Anadolu|[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})\)[ \t]*[-—–:]",
    re.MULTILINE,
)


# "Damascus, SANA –": a state agency's dateline
_AGENCY_COMMA_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z'’. -]{2,40}),[ \t]+(?:[A-Z]{2,6}|Reuters|Xinhua|Anadolu)[ \t]*[-—–]",
    re.MULTILINE,
)


def _dateline_place_spans(text: str) -> list[Span]:
    from incidentdb.extract.date_finder import WIRE_DATELINE, head_end

    end = head_end(text)
    matches = [
        *WIRE_DATELINE.finditer(text, 0, end),
        *_AGENCY_DATELINE.finditer(text, 0, end),
        *_AGENCY_COMMA_DATELINE.finditer(text, 0, end),
    ]
    return [Span.of(text, m.start("place"), m.end("place")) for m in matches]


class _DocumentContext:
    """Everything found in one document, indexed by offset, for the assembly loop."""

    def __init__(self, doc: Document, pack_name: str) -> None:
        from incidentdb.extract.actors import find_actors
        from incidentdb.extract.counts import find_counts
        from incidentdb.extract.dates import find_dates, resolve_all
        from incidentdb.extract.places import find_places
        from incidentdb.extract.publication import infer_publication
        from incidentdb.packs import load_pack
        from incidentdb.packs.timeline import load_timeline

        self.doc = doc
        self.text = doc.text
        self.pack = load_pack(pack_name)
        self.timeline = load_timeline(self.pack.path)
        self.publication = infer_publication(doc, self.timeline)
        self.basis = _resolution_basis(self.publication)
        noise = doc.noise
        self.sentences = sentences(self.text, noise)
        when = self.basis.latest or self.basis.date or self.basis.earliest
        # "DAMASCUS, Feb 18 (Agency) —" names where the report was filed, not where anything happened
        self.dateline_places = _dateline_place_spans(self.text)
        self.places = [
            asm.PlaceHit(p.span, p.place, p.kind, p.parent_name)
            for p in find_places(self.text, self.pack, exclude=noise)
            if not any(d.contains(p.span) for d in self.dateline_places)
        ]
        self.actors = find_actors(self.text, self.pack, when=when, exclude=noise)
        # resolved in text order, so "the next day" counts from the last day told before it
        mentions = find_dates(self.text, exclude=noise)
        self.dates = list(zip(mentions, resolve_all(mentions, self.basis), strict=True))
        self._find_counts = find_counts
        self._canonical = self._claimant_resolver()

    def _claimant_resolver(self) -> Callable[[str], str | None]:
        """Claimants by their canonical names ("SOHR", "the Observatory" -> one organisation) at the report's
        date; a generic speaker ("local medics", "residents") keeps the words the report uses."""
        from incidentdb.extract.actors import actor_kind, canonical_actor

        pack = self.pack
        when = self.basis.latest or self.basis.date

        def resolve(name: str) -> str | None:
            canonical = canonical_actor(name, pack, when)
            if canonical is None or actor_kind(canonical, pack) in ("civilians", "unidentified"):
                return None
            return canonical

        return resolve

    def counts_in(self, start: int, end: int) -> list[tuple[str, CountClaim]]:
        found = self._find_counts(self.text, start, end, claimant_resolver=self._canonical)
        kept: list[tuple[str, CountClaim]] = [
            (f.category, f.claim) for f in found if not f.is_subtotal or self._placed(f.claim.span, end)
        ]
        return kept + self._elliptical(kept, end)

    def _elliptical(self, claims: list[tuple[str, CountClaim]], end: int) -> list[tuple[str, CountClaim]]:
        """ "killed 48 people in Jableh and more than 100 in Tartus": the second figure, whose category word the
        sentence leaves out, is a claim of the same category for its own place."""
        from incidentdb.extract.numbers import find_numbers

        out: list[tuple[str, CountClaim]] = []
        taken = [c.span for _, c in claims]
        for category, claim in claims:
            for number in find_numbers(self.text, claim.span.end, min(end, claim.span.end + 60)):
                span = Span.of(self.text, number.start, number.end)
                if any(t.overlaps(span) for t in taken) or number.value_low is None:
                    continue
                if not _ELLIPSIS_BEFORE.search(self.text[claim.span.end : number.start]):
                    break
                if not self._placed(span, end):
                    break
                place = next(h for h in self.places if h.span.start > span.end)
                quote = Span.of(self.text, number.start, place.span.end)
                extra = CountClaim(
                    number.value_low, number.value_high, number.claim_vague, claim.claimant, quote
                )
                out.append((category, extra))
                taken.append(quote)
                break
        return out

    def _placed(self, span: Span, end: int) -> bool:
        """A part of a total given for a place of its own ("48 in Jableh and 100 in Tartus") is that place's
        figure, not a breakdown by victims."""
        after = self.text[span.end : min(end, span.end + 40)]
        match = re.match(
            r"\s*(?:people\s+|civilians\s+|others\s+)?(?:were\s+\w+\s+)?(?:in|at)\s+(?:the\s+)?", after
        )
        if not match:
            return False
        at = span.end + match.end()
        return any(hit.span.start == at for hit in self.places)

    def places_in(self, start: int, end: int) -> list[asm.PlaceHit]:
        hits = []
        for hit in self.places:
            if start <= hit.span.start and hit.span.end <= end:
                before = self.text[max(start, hit.span.start - 70) : hit.span.start]
                if _ORIGIN_BEFORE.search(before):
                    continue
                if _VAGUE_PLACE_BEFORE.search(before) and hit.place.geo_precision == 1:
                    hit = asm.PlaceHit(hit.span, replace(hit.place, geo_precision=2), hit.kind, hit.parent)
                if _ROUTE_AFTER.match(self.text, hit.span.end):
                    hit = asm.PlaceHit(
                        hit.span, replace(hit.place, geo_precision=2), hit.kind, hit.parent, route=True
                    )
                hits.append(hit)
        return hits

    def actors_in(self, start: int, end: int, trigger_at: int) -> list[Actor]:
        """Actors named in a clause, with the role the clause gives them.

        Active voice: who is named before the trigger did it. Passive voice ("was found murdered", "were
        attacked by"): who is named before is the target, who follows "by" did it.
        """
        from incidentdb.extract.actors import actor_kind

        passive = bool(_PASSIVE_BEFORE.search(self.text[max(start, trigger_at - 40) : trigger_at]))
        named = [
            a
            for a in self.actors
            if start <= a.span.start
            and a.span.end <= end
            and actor_kind(a.canonical, self.pack) not in ("person", "organisation")
            and not _CLAIMANT_BEFORE.search(self.text[max(start, a.span.start - 25) : a.span.start])
            and not _SPEECH_AFTER.match(self.text, a.span.end, min(end, a.span.end + 40))
        ]
        # civilians and their kin suffer events in these clauses; they are never coded as perpetrators; nor is
        # whoever owns what was hit ("targeting the terrorists' positions")
        victims = [
            a
            for a in named
            if actor_kind(a.canonical, self.pack) == "civilians"
            or _POSSESSIVE_AFTER.match(self.text, a.span.end)
        ]
        # "Islamic State militants": the generic word after a named group is the same actor
        named = [
            a for a in named if not any(0 <= a.span.start - b.span.end <= 1 for b in named if b is not a)
        ]
        backers = [
            a
            for a in named
            if _SUPPORT_BEFORE.search(self.text[max(start, a.span.start - 25) : a.span.start])
        ]
        before = [a for a in named if a.span.start <= trigger_at and a not in victims and a not in backers]
        # "clashes erupted between SDF fighters and Turkish-backed factions": the first side named is actor1
        between = re.search(r"\bbetween\b", self.text[trigger_at:end])
        if not before and between:
            sides = [a for a in named if a.span.start > trigger_at + between.start() and a not in victims]
            before = sides[:1]
        nearest = before[-1] if before else None
        out: list[Actor] = []
        for actor in named:
            prefix = self.text[max(start, actor.span.start - 25) : actor.span.start]
            if _SUPPORT_BEFORE.search(prefix):
                role = "mentioned"  # "rebels backed by Turkey": the backer did not do it
            elif re.search(r"\bby\s+(?:the\s+)?(?:\w+\s+)?$", prefix, re.IGNORECASE) or (
                actor.span.start > trigger_at and re.search(r"\bfrom\s+(?:the\s+)?$", prefix, re.IGNORECASE)
            ):
                # "attacked by X"; "the occupation from the jihadists" (a translation's agent after the event noun),
                # but not "a couple from the X tribe was found murdered"
                role = "perpetrator"
            elif actor in victims:
                role = "target"
            elif actor is nearest:
                role = "target" if passive else "perpetrator"
            elif actor.span.start > trigger_at or passive:
                role = "target"
            else:
                role = "mentioned"
            out.append(replace(actor, role=role))
        return out

    def dates_in(self, start: int, end: int) -> list[DateInterval]:
        return [resolved for dm, resolved in self.dates if start <= dm.span.start and dm.span.end <= end]


def _actor_is_claimant(actor: Actor, pack: object) -> bool:
    from incidentdb.extract.actors import actor_kind

    return actor_kind(actor.canonical, pack) == "organisation"  # type: ignore[arg-type]


_TERRITORY_VERB = re.compile(
    r"\b(captured|seized|took|retook|recaptured|overran|entered|stormed|liberated|took over|regained)\s+(?:the\s+)?$",
    re.I,
)


def _territory_triggers(ctx: _DocumentContext, start: int, end: int) -> list[Trigger]:
    """'The rebels captured Maarat al-Numan': a taking verb right before a place name is a territorial event."""
    from incidentdb.extract.types import territory_rule

    out = []
    for hit in ctx.places:
        if start <= hit.span.start < end:
            match = _TERRITORY_VERB.search(ctx.text[max(start, hit.span.start - 25) : hit.span.start])
            if match:
                verb_start = hit.span.start - len(match.group(0))
                out.append(
                    Trigger(verb_start, verb_start + len(match.group(1)), match.group(1), territory_rule())
                )
    return out


def _real_triggers(ctx: _DocumentContext, start: int, end: int, clause_start: int) -> list[Trigger]:
    out = []
    cut = kinds_mod.background_prefix(ctx.text[start:end])
    history_from = start + cut.start() if cut else end
    triggers = find_triggers(ctx.text, start, end)
    known = {(t.start, t.end) for t in triggers}
    triggers += [t for t in _territory_triggers(ctx, start, end) if (t.start, t.end) not in known]
    triggers.sort(key=lambda t: t.start)
    if cut and any(t.start < history_from for t in triggers):
        # "US missiles hit the base in response to a chemical attack": the event is before the cue
        triggers = [t for t in triggers if t.start < history_from]
    for trig in triggers:
        if kinds_mod.is_unreal(ctx.text[clause_start : trig.start]):
            continue
        out.append(trig)
    return out


def _headline_block(ctx: _DocumentContext) -> set[int]:
    """Paragraphs that are titles, standfirsts repeating the title, or datelines: never incidents."""
    headlines = [s for s in ctx.sentences if s.headline]
    block = {s.paragraph for s in headlines}
    prefixes = {s.text[:30].lower() for s in headlines if len(s.text) >= 20}
    title = (ctx.doc.title or "")[:30].lower()
    if len(title) >= 20:
        prefixes.add(title)
    for s in ctx.sentences:
        if s.text[:30].lower() in prefixes and not s.headline:
            block.add(s.paragraph)
    return block


def _split_at_history(ctx: _DocumentContext, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "Western forces struck sites on Saturday in response to the chemical attack in Douma a week ago": the event
    before the cue and the recalled one after it are two clauses (the second becomes background, with its place)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        cue = kinds_mod.background_prefix(ctx.text[start:end])
        if cue is None or cue.start() < 3:
            out.append((start, end))
            continue
        cut = start + cue.start()
        before, after = find_triggers(ctx.text, start, cut), find_triggers(ctx.text, cut, end)
        if before and after:
            out.extend([(start, cut), (cut, end)])
        else:
            out.append((start, end))
    return out


def _candidates(ctx: _DocumentContext) -> list[asm.Candidate]:
    out: list[asm.Candidate] = []
    headline_paragraphs = _headline_block(ctx)
    for index, sentence in enumerate(ctx.sentences):
        is_headline = sentence.paragraph in headline_paragraphs
        sentence_dates = ctx.dates_in(sentence.start, sentence.end)
        for c_start, c_end in _split_at_history(ctx, clauses(sentence)):
            clause_text = ctx.text[c_start:c_end]
            if _LABEL.match(clause_text.strip()) and c_end < sentence.end:
                continue  # "Homs Clashes (Yesterday, November 24):" labels the clause after it
            triggers = _real_triggers(ctx, c_start, c_end, c_start)
            counts = ctx.counts_in(c_start, c_end)
            if not triggers and not counts:
                continue
            out.append(
                _candidate(
                    ctx, sentence, index, c_start, c_end, triggers, counts, sentence_dates, is_headline
                )
            )
    return out


def _candidate(
    ctx: _DocumentContext,
    sentence: Sentence,
    index: int,
    c_start: int,
    c_end: int,
    triggers: list[Trigger],
    counts: list[tuple[str, CountClaim]],
    sentence_dates: list[DateInterval],
    is_headline: bool,
) -> asm.Candidate:
    clause_text = ctx.text[c_start:c_end]
    event_type, sub = decide_type(triggers, clause_text)
    places = ctx.places_in(c_start, c_end)
    borrowed = False
    if not places and triggers:
        # "After the rebels entered Hama, residents took to the streets": the place is earlier in the sentence
        earlier = [p for p in ctx.places_in(sentence.start, c_start) if p.place.geo_precision <= 2]
        places = earlier[-1:]
        borrowed = bool(places)
    trigger_at = max(triggers, key=lambda t: t.rule.rank).start if triggers else c_start
    actors = [a for a in ctx.actors_in(c_start, c_end, trigger_at) if not _actor_is_claimant(a, ctx.pack)]
    own_dates = _event_dates(ctx, ctx.dates_in(c_start, c_end))
    sentence_dates = _event_dates(ctx, sentence_dates)
    # the most precise date told with the event ("documented in June ... a massacre on June 25")
    pool = own_dates or sentence_dates
    date = min(pool, key=lambda d: d.precision) if pool else None
    explicit = bool(own_dates or sentence_dates) and date is not None
    if date is None:
        # "On Sunday, the minister announced ... Hours later, jets shot down two planes": the paragraph's last day
        paragraph_start = min(x.start for x in ctx.sentences if x.paragraph == sentence.paragraph)
        told_before = [
            d for d in ctx.dates_in(paragraph_start, c_start) if d.precision <= 2 and d.start is not None
        ]
        date = told_before[-1] if told_before else None
    explicit_year = (
        date is not None
        and date.evidence is not None
        and bool(re.search(r"\b(1[89]|20)\d\d\b", date.evidence.quote))
    )
    specific = any(p.place.geo_precision <= 2 and p.kind != "governorate" for p in places)
    plural_only = bool(triggers) and all(t.plural or t.rule.form == "plural" for t in triggers)
    decision = kinds_mod.decide_kind(
        clause=clause_text,
        sentence=sentence.text,
        has_count=bool(counts),
        has_quantity=_has_quantity(ctx, c_start, c_end),
        date_span_days=(date.end - date.start).days
        if date and date.start and date.end and explicit
        else None,
        plural_only=plural_only,
        has_specific_place=specific,
        event_end=(date.end or date.start) if date else None,
        explicit_date=explicit and not explicit_year,
        explicit_year=explicit_year,
        written_earliest=ctx.basis.earliest or ctx.basis.date,
    )
    cue = kinds_mod.background_prefix(clause_text)
    if (
        cue
        and triggers
        and all(t.start >= c_start + cue.start() for t in triggers)
        and decision.kind == "incident"
    ):
        decision = kinds_mod.KindDecision("background", f"recalled as the cause: '{cue.group(0)}'")
    if not triggers and decision.kind == "incident":
        own_place = any(
            p.place.geo_precision <= 2 and p.kind != "governorate" for p in ctx.places_in(c_start, c_end)
        )
        killed = any(category == "killed" for category, _ in counts)
        if own_place and killed and _PLACE_LEAD.match(clause_text):
            # "In Tartous, at least 48 people died at the bus terminal": a toll for a place is an event there
            decision = kinds_mod.KindDecision("incident", "a toll told for a place of its own")
        else:
            decision = kinds_mod.KindDecision(None, "a figure with no event of its own")
    if is_headline and decision.kind == "incident":
        decision = kinds_mod.KindDecision(None, "headline: the body tells the event")
    rank = max((t.rule.rank for t in triggers), default=0)
    definite = bool(triggers) and all(
        _DEFINITE_BEFORE.search(ctx.text[max(c_start, t.start - 20) : t.start]) for t in triggers
    )
    indefinite = any(
        t.rule.rank >= 50
        and _EVENT_NOUN.search(t.word)
        and _INDEFINITE_BEFORE.search(ctx.text[max(c_start, t.start - 25) : t.start])
        for t in triggers
    ) or bool(_ANOTHER_AGENT.search(ctx.text[c_start:c_end]))
    past_perfect = bool(triggers) and all(
        _PAST_PERFECT_BEFORE.search(ctx.text[max(c_start, t.start - 25) : t.start]) for t in triggers
    )
    if rank <= 30 and not counts and not ctx.places_in(c_start, c_end):
        # a bare "an attack"/"an assault" with no place and no figure is rhetoric ("an assault on human values")
        decision = kinds_mod.KindDecision(None, "generic word with no place or figure")
    return asm.Candidate(
        clause=_strip_span(ctx.text, c_start, _evidence_end(ctx.text, trigger_at, c_end)),
        sentence_index=index,
        paragraph=sentence.paragraph,
        triggers=triggers,
        event_type=event_type,
        sub_event_type=sub,
        places=places,
        actors=actors,
        date=date,
        date_explicit=bool(own_dates or sentence_dates),
        counts=counts,
        decision=decision,
        rank=rank,
        definite=definite,
        refers_back=definite or past_perfect,
        indefinite=indefinite and not definite,
        borrowed_place=borrowed,
    )


_SPEECH_DATE_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|claimed|declared|wrote|tweeted|released|"
    r"published|issued|concluded|statement)"
    r"(?:\s+[\w-]+){0,2}\s+(?:on|late on|early on)?\s*$",
    re.I,
)


def _event_dates(ctx: _DocumentContext, dates: list[DateInterval]) -> list[DateInterval]:
    """Leave out when something was said ("the monitor said on Thursday") if the clause also dates the event."""
    event = [
        d
        for d in dates
        if d.evidence is None
        or not _SPEECH_DATE_BEFORE.search(ctx.text[max(0, d.evidence.start - 40) : d.evidence.start])
    ]
    return event or dates


def _has_quantity(ctx: _DocumentContext, start: int, end: int) -> bool:
    """A number or a word for many in the clause, not counting the digits of its dates and clock times."""
    chars = list(ctx.text[start:end])
    for dm, _resolved in ctx.dates:
        if start <= dm.span.start and dm.span.end <= end:
            chars[dm.span.start - start : dm.span.end - start] = " " * (dm.span.end - dm.span.start)
    plain = _CLOCK.sub(" ", "".join(chars))
    return _QUANTITY.search(plain) is not None


def _has_year(date: DateInterval) -> bool:
    return date.evidence is not None and bool(re.search(r"\b(1[89]|20)\d\d\b", date.evidence.quote))


def _assemble(ctx: _DocumentContext, candidates: Sequence[asm.Candidate]) -> list[asm.Builder]:
    builders: list[asm.Builder] = []
    current: asm.Builder | None = None
    for cand in candidates:
        kind = cand.decision.kind
        if kind is None:
            # a figure on its own ("About 100 others were wounded"), or in a bullet or heading line after the
            # story has begun ("- At least 48 killed, monitor says"), is one more claim about the incident told
            if cand.counts and (not cand.triggers or cand.decision.reason.startswith("headline")):
                for category, claim in cand.counts:
                    target = asm.count_target(category, builders, current, cand.paragraph)
                    if target is not None:
                        target.counts.append((category, claim))
            continue
        if kind != "incident":
            last = builders[-1] if builders else None
            if last is not None and last.kind == kind and last.first_sentence == cand.sentence_index:
                asm.merge_into(last, cand)
                last.evidence.append(cand.clause)
            else:
                builders.append(asm.new_builder(cand, None))
            continue
        last = builders[-1] if builders else None
        if (
            last is not None
            and last.kind != "incident"
            and cand.rank <= 30
            and not cand.places
            and not cand.date_explicit
            and cand.paragraph - last.last_paragraph <= (1 if last.kind == "aggregate" else 0)
        ):
            # "Dozens of civilians were also killed." after a running total is more of the total
            asm.merge_into(last, cand)
            continue
        target = asm.find_merge_target(cand, builders, current)
        if target is not None:
            asm.merge_into(target, cand)
            current = target
        else:
            current = asm.new_builder(cand, current)
            builders.append(current)
    return builders


def _default_window(ctx: _DocumentContext, builders: list[asm.Builder]) -> DateInterval | None:
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


def _finish(ctx: _DocumentContext, builder: asm.Builder, window: DateInterval | None) -> Mention:
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
    counts = {category: summarise(claims) for category, claims in by_category.items()}
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


def _territory_by_actor(ctx: _DocumentContext, builder: asm.Builder) -> None:
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
    return min(places, key=lambda h: (h.place.geo_precision, _PRECISION_ORDER.get(h.kind, 3), h.span.start))


_ARMED_KINDS = frozenset({"state", "rebel", "islamist", "militia", "ethnic", "external"})
_AIR_KINDS = frozenset({"state", "external"})
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


def _context_perpetrator(ctx: _DocumentContext, builder: asm.Builder) -> str | None:
    """An incident whose clause names no perpetrator: the armed group its sentence, its paragraph before it, or a
    headline above it names (a headline "Russian jets bomb X" above "airstrikes hit X"), never one of its targets.
    Only states and foreign forces fly aircraft."""
    from incidentdb.extract.actors import actor_kind

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


def _default_actors(
    ctx: _DocumentContext, builder: asm.Builder, actor1: str | None, actor2: str | None
) -> tuple[str | None, str | None]:
    """Fill in who ACLED's conventions say took part when the report names nobody (pack defaults.yaml)."""
    from incidentdb.packs.defaults import load_defaults

    if actor1 is None and builder.event_type in _VIOLENT_TYPES:
        actor1 = _context_perpetrator(ctx, builder)
        if actor1 is not None and actor1 == actor2:
            actor2 = None
    defaults = load_defaults(ctx.pack.path)
    if actor1 is None and builder.sub_event_type == "Air/drone strike":
        day = builder.date.start if builder.date and builder.date.start else ctx.basis.latest
        actor1 = defaults.air_strike_actor(day)
    if actor1 is None and builder.event_type == "Protests":
        actor1 = defaults.protest_actor
    if actor1 is None and builder.event_type == "Riots":
        actor1 = defaults.riot_actor
    if actor1 is None and builder.event_type in ("Explosions/Remote violence", "Violence against civilians"):
        actor1 = defaults.unidentified_actor
    if actor2 is None and builder.event_type == "Violence against civilians":
        actor2 = defaults.civilian_actor
    return actor1, actor2


def extract_document(doc: Document, pack: str = "syria") -> Extraction:
    """Run every extraction stage and the report checks over one document."""
    ctx = _DocumentContext(doc, pack)
    builders = _assemble(ctx, _candidates(ctx))
    window = _default_window(ctx, builders)
    mentions = tuple(_finish(ctx, b, window) for b in builders)
    extraction = Extraction(
        document=doc, publication=ctx.publication, mentions=mentions, extractor=EXTRACTOR_NAME
    )
    from incidentdb.checks import run_checks

    return replace(extraction, checks=tuple(run_checks(extraction, ctx.timeline)))
