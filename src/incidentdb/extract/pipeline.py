"""Extraction pipeline: Document -> Extraction.

Stages run in one direction, each reading the document text and what earlier stages found:

1. publication  - when the report was written (stated, or inferred from its content and the pack's timeline)
2. segment      - sentences and clauses outside page noise
3. places, actors, dates, counts - every occurrence in the text, with offsets
4. types/kinds  - event triggers per clause; incident, background or aggregate
5. assemble     - clauses about the same event become one mention
6. checks       - what is wrong with the report itself

This module reads clauses into candidates and assembles them; ``context`` finds and indexes what the document holds
(stages 1-3) and ``finish`` completes each mention (dates, main place, conventional actors, figures).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from incidentdb.extract import assemble as asm
from incidentdb.extract import kinds as kinds_mod
from incidentdb.extract.context import PLACE_LEAD, DocumentContext, actor_is_claimant
from incidentdb.extract.finish import default_window, finish_mention
from incidentdb.extract.segment import Sentence, clauses
from incidentdb.extract.types import Trigger, decide_type, find_triggers
from incidentdb.records import (
    CountClaim,
    DateInterval,
    Document,
    Extraction,
    Span,
)

EXTRACTOR_NAME = "rules"
EXTRACTOR_VERSION = "0.1"


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
    r"beginning|outbreak)\b|\s+in\s+response\s+to\b|\s+\((?!\w+\)\s)|,\s+(?:in\s+)?the\s+latest\s+(?:in|of)\s+a\b",
    re.I,
)


# a trigger that names its agent ("a drone belonging to the Turkish army targeted"): roles turn on the verb
_AGENT_FIRST = re.compile(
    r"(?:war)?(?:jets?|planes?|helicopters?|drones?|aircraft|bombers?|gunships?|air force)\s", re.I
)


def _action_at(trigger: Trigger) -> int:
    """Where the action of a trigger is told: its verb when the trigger begins with its agent."""
    if _AGENT_FIRST.match(trigger.word):
        return trigger.start + trigger.word.rstrip().rfind(" ") + 1
    return trigger.start


def _evidence_end(text: str, trigger_at: int, end: int) -> int:
    match = _EVIDENCE_TAIL.search(text, trigger_at, end)
    return match.start() if match and match.start() - trigger_at >= 3 else end


_LABEL = re.compile(r"^[^.!?]{0,80}\)$|^[A-Z][\w'’ -]{0,40}$")
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
# "three strikes hit the market": counted events are these events, not a generic plural
_COUNTED_BEFORE = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:[\w-]+\s+)?$", re.I
)
_EVENT_NOUN = re.compile(r"(strike|raid|explosion|blast|bombing|attack|shelling|ambush|clash|bomb)s?$", re.I)
_PAST_PERFECT_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?(?:\w+\s+)?$", re.I)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)
_TERRITORY_VERB = re.compile(
    r"\b(captured|seized|took|retook|recaptured|overran|entered|stormed|liberated|took over|regained)\s+(?:the\s+)?$",
    re.I,
)


def _territory_triggers(ctx: DocumentContext, start: int, end: int) -> list[Trigger]:
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


def _real_triggers(ctx: DocumentContext, start: int, end: int, clause_start: int) -> list[Trigger]:
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


def _headline_block(ctx: DocumentContext) -> set[int]:
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


def _split_at_history(ctx: DocumentContext, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def _candidates(ctx: DocumentContext) -> list[asm.Candidate]:
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
    ctx: DocumentContext,
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
    event_type, sub = decide_type(triggers, clause_text, c_start)
    places = ctx.places_in(c_start, c_end)
    borrowed = False
    if not places and triggers:
        # "After the rebels entered Hama, residents took to the streets": the place is earlier in the sentence
        earlier = [p for p in ctx.places_in(sentence.start, c_start) if p.place.geo_precision <= 2]
        # the most precise of them: "In Jaramana near Damascus, police dispersed ..., and detained five"
        best = min((p.place.geo_precision for p in earlier), default=None)
        places = [p for p in earlier if p.place.geo_precision == best][-1:]
        borrowed = bool(places)
    trigger_at = _action_at(max(triggers, key=lambda t: t.rule.rank)) if triggers else c_start
    actors = [a for a in ctx.actors_in(c_start, c_end, trigger_at) if not actor_is_claimant(a, ctx.pack)]
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
    plural_only = bool(triggers) and all(
        (t.plural or t.rule.form == "plural")
        and not _COUNTED_BEFORE.search(ctx.text[max(c_start, t.start - 20) : t.start])
        for t in triggers
    )
    # "an air strike", "a car bomb": an event noun with an indefinite article tells a new event
    new_events = [
        t
        for t in triggers
        if t.rule.rank >= 50
        and _EVENT_NOUN.search(t.word)
        and _INDEFINITE_BEFORE.search(ctx.text[max(c_start, t.start - 25) : t.start])
    ]
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
        single_event=any(not (t.plural or t.rule.form == "plural") for t in new_events),
        long_fight=ctx.long_fight_end is not None and ctx.long_fight_end <= sentence.start,
    )
    cue = kinds_mod.background_prefix(clause_text)
    if (
        cue
        and triggers
        and all(t.start >= c_start + cue.start() for t in triggers)
        and decision.kind == "incident"
        and not _recent_with_toll(ctx, own_dates, counts)
    ):
        decision = kinds_mod.KindDecision("background", f"recalled as the cause: '{cue.group(0)}'")
    if not triggers and decision.kind == "incident":
        own_place = any(
            p.place.geo_precision <= 2 and p.kind != "governorate" for p in ctx.places_in(c_start, c_end)
        )
        killed = any(category == "killed" for category, _ in counts)
        if own_place and killed and PLACE_LEAD.match(clause_text):
            # "In Tartous, at least 48 people died at the bus terminal": a toll for a place is an event there
            decision = kinds_mod.KindDecision("incident", "a toll told for a place of its own")
        else:
            decision = kinds_mod.KindDecision(None, "a figure with no event of its own")
    if is_headline and decision.kind == "incident":
        decision = kinds_mod.KindDecision(None, "headline: the body tells the event")
    rank = max((t.rule.rank for t in triggers), default=0)
    # "were killed in the strikes": the event noun decides; a bare verb like "killed" names no event of its own
    named = [t for t in triggers if t.rule.event_type is not None] or triggers
    definite = bool(named) and all(
        # a trigger may hold its own article ("the assault")
        re.match(r"(?:the|this|that)\s", t.word, re.I)
        or _DEFINITE_BEFORE.search(ctx.text[max(c_start, t.start - 20) : t.start])
        for t in named
    )
    indefinite = bool(new_events) or bool(_ANOTHER_AGENT.search(ctx.text[c_start:c_end]))
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
    r"published|issued|concluded|statement|"
    # reactions are dated like speech: "Iran vowed on Tuesday to retaliate for a strike on Monday"
    r"vowed|pledged|promised|threatened|warned|condemned|denounced|accused|blamed|demanded|urged|denied|mourned)"
    r"(?:\s+[\w-]+){0,2}\s+(?:on|late on|early on)?\s*$",
    re.I,
)


_RECENT_DAYS = 7


def _recent_with_toll(
    ctx: DocumentContext, own_dates: list[DateInterval], counts: list[tuple[str, CountClaim]]
) -> bool:
    """ "The strike came three days after a raid near Aleppo, on Friday, killed 36 soldiers": a cause told with its
    own day in the past week and its own toll is still news, not history (ACLED codes it from this report)."""
    written = ctx.basis.earliest or ctx.basis.date
    if not counts or written is None:
        return False
    days = [d.end or d.start for d in own_dates if d.precision == 1]
    return any(day is not None and 0 <= (written - day).days <= _RECENT_DAYS for day in days)


def _event_dates(ctx: DocumentContext, dates: list[DateInterval]) -> list[DateInterval]:
    """Leave out when something was said ("the monitor said on Thursday") if the clause also dates the event."""
    event = [
        d
        for d in dates
        if d.evidence is None
        or not _SPEECH_DATE_BEFORE.search(ctx.text[max(0, d.evidence.start - 40) : d.evidence.start])
    ]
    return event or dates


def _has_quantity(ctx: DocumentContext, start: int, end: int) -> bool:
    """A number or a word for many in the clause, not counting the digits of its dates and clock times."""
    chars = list(ctx.text[start:end])
    for dm, _resolved in ctx.dates:
        if start <= dm.span.start and dm.span.end <= end:
            chars[dm.span.start - start : dm.span.end - start] = " " * (dm.span.end - dm.span.start)
    plain = _CLOCK.sub(" ", "".join(chars))
    return _QUANTITY.search(plain) is not None


def _has_year(date: DateInterval) -> bool:
    return date.evidence is not None and bool(re.search(r"\b(1[89]|20)\d\d\b", date.evidence.quote))


def _assemble(ctx: DocumentContext, candidates: Sequence[asm.Candidate]) -> list[asm.Builder]:
    builders: list[asm.Builder] = []
    current: asm.Builder | None = None
    for cand in candidates:
        kind = cand.decision.kind
        if kind is None:
            # a figure on its own ("About 100 others were wounded"), or in a bullet or heading line after the
            # story has begun ("- At least 48 killed, monitor says"), is one more claim about the incident told
            if cand.counts and (not cand.triggers or cand.decision.reason.startswith("headline")):
                for category, claim in cand.counts:
                    target = asm.count_target(category, builders, current, cand.paragraph, cand.places)
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
            and (cand.rank <= 30 or (last.kind == "aggregate" and not cand.indefinite))
            and not cand.places
            and not cand.date_explicit
            and cand.paragraph - last.last_paragraph <= (1 if last.kind == "aggregate" else 0)
        ):
            # "Dozens of civilians were also killed." after a running total is more of the total; so is a
            # breakdown with no place or day of its own ("regime forces killed six civilians; Russian forces ...")
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


def extract_document(doc: Document, pack: str = "syria") -> Extraction:
    """Run every extraction stage and the report checks over one document."""
    ctx = DocumentContext(doc, pack)
    builders = _assemble(ctx, _candidates(ctx))
    window = default_window(ctx, builders)
    mentions = tuple(finish_mention(ctx, b, window) for b in builders)
    extraction = Extraction(
        document=doc, publication=ctx.publication, mentions=mentions, extractor=EXTRACTOR_NAME
    )
    from incidentdb.checks import run_checks

    return replace(extraction, checks=tuple(run_checks(extraction, ctx.timeline)))
