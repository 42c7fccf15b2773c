"""What one document holds, found once and indexed by offset: its writing period, sentences, places, actors,
dates and casualty figures, and the rules that read a clause's roles (who did it, who suffered it, who said it)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace

from incidentdb.extract import assemble as asm
from incidentdb.extract.segment import sentences
from incidentdb.extract.types import SUPPORT_OF
from incidentdb.records import (
    Actor,
    CountClaim,
    DateInterval,
    Document,
    Publication,
    Span,
)


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


# "shells fired from the citadel", "fled towards the coast": an origin or a destination, not where it happened
_ORIGIN_BEFORE = re.compile(
    r"\b(?:from\b(?:(?!\b(?:near|on|between|along|was|were|is|are|has|have|had|been|attacks?|strikes?|raids?|bombings?|shelling|massacres?|explosions?|blasts?)\b)[^,;.]){0,60}|towards?\s+(?:the\s+)?|for\s+(?:the\s+)?|into exile in\s+|fled to\s+|"
    r"(?:heading|headed|on (?:its|their) way|en route|bound)\s+(?:to|for|towards)\s+"
    r"(?:(?:[\w'’-]+\s+){0,4}(?:in|at|near)\s+)?)$",
    re.I,
)
# "The SDF said five civilians were killed": the subject of a speech verb claims, it does not act
_SPEECH_AFTER = re.compile(
    r"\s*\)?\s*(?:\([^)]{0,30}\)\s*)?(?:\w+\s+)?(?:also\s+)?(?:said|says|say|reported|reports|told|claimed|claims|"
    r"announced|stated|gave|put|confirmed|estimated|documented|accused|blamed|denied|added)\b",
    re.I,
)
# "the SDF said on Tuesday they had taken Raqqa": a speaker that tells its own deed is the actor, not a claimant
_OWN_DEED_AFTER_SPEECH = re.compile(
    r"(?:\s+(?:late |early )?on\s+\w+)?(?:\s+in\s+a\s+statement)?,?\s+(?:that\s+)?(?:they|it|we)\s+"
    r"(?:had|have|has)\s+(?:\w+ly\s+)?(?!been\b)\w+",
    re.I,
)
# "took control of Raqqa from Islamic State": who it was taken from lost it
_TAKEN_FROM = re.compile(
    r"\b(?:control|seiz\w*|captur\w*|took|taken|take|takes|recaptur\w*|retook|retaken|wrest\w*|expel\w*|"
    r"drove|driven|oust\w*|liberat\w*)\b",
    re.I,
)
_COORDINATED = re.compile(
    r"(?:\s+[\w-]+)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?", re.I
)
_POSSESSIVE_AFTER = re.compile(
    r"(?:'s?|’s?)\s+(?:[\w-]+\s+)?(?:positions?|homes?|houses?|bases?|headquarters|convoys?|vehicles?|checkpoints?|"
    r"depots?|camps?|sites?|hideouts?|posts?|strongholds?|gatherings?|tunnels?|warehouses?|facilities|offices?)\b",
    re.I,
)
_SUPPORT_BEFORE = re.compile(
    r"\b(?:backed|supported|aided|armed|funded|allied|loyal|affiliated|linked|close)\s+(?:by|to|with)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+)?$"
    r"|\b" + SUPPORT_OF + r"\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
_ELLIPSIS_BEFORE = re.compile(r"^[^.;:]{0,30}?(?:,\s*|\s+and\s+|\s+while\s+)$", re.I)
PLACE_LEAD = re.compile(r"\s*(?:In|At|Near)\s+[A-Z]")
_ROUTE_AFTER = re.compile(
    r"[-–\s]+(?:\w+[-–\s]+)?(?:road|highway|motorway|junction|roundabout road|crossing)\b", re.I
)
# "on the road between Qamishli and the village of Tal Hamis": both ends of a stretch, neither is the spot
# ... and "the road linking Hama with Homs"
_BETWEEN_FIRST_BEFORE = re.compile(
    r"\b(?:between|linking|connecting|joining)\s+(?:the\s+)?(?:(?:towns?|city|cities|villages?)\s+of\s+)?$",
    re.I,
)
_BETWEEN_SECOND_BEFORE = re.compile(
    r"\b(?:between|linking|connecting|joining)\s+(?:the\s+)?(?:(?:towns?|city|cities|villages?)\s+of\s+)?"
    r"[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*){0,3}"
    r"\s+(?:and|with|to)\s+(?:the\s+)?(?:(?:towns?|city|cities|villages?)\s+of\s+)?$"
)
# 'dozens of "terrorists" had been killed in air raids', "soldiers and allied fighters were killed": the group the
# verb befalls is the target
_SUFFERED_AFTER = re.compile(
    r"[\"”’']?(?:\s+and\s+(?:[\w-]+\s+){0,2}[\w-]+)?\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?"
    r"(?:killed|wounded|injured|captured|arrested|abducted|detained|executed|targeted|hit|struck)\b",
    re.I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?$", re.I)
_CLAIMANT_BEFORE = re.compile(
    r"\b(according to|told|said|says|reported by|cited|quoted)\s+(?:the\s+)?[\w-]*\s*$", re.I
)
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
    from incidentdb.extract.date_finder import NUMERIC_DATELINE, WIRE_DATELINE, head_end

    end = head_end(text)
    matches = [
        *WIRE_DATELINE.finditer(text, 0, end),
        *NUMERIC_DATELINE.finditer(text, 0, end),
        *_AGENCY_DATELINE.finditer(text, 0, end),
        *_AGENCY_COMMA_DATELINE.finditer(text, 0, end),
    ]
    return [Span.of(text, m.start("place"), m.end("place")) for m in matches]


class DocumentContext:
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

    @functools.cached_property
    def long_fight_end(self) -> int | None:
        from incidentdb.extract.kinds import long_fight_end

        return long_fight_end(self.text)

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
                between = _BETWEEN_FIRST_BEFORE.search(before) and re.match(
                    r"\s+(?:and|with|to)\b", self.text[hit.span.end :]
                )
                if (
                    between
                    or _BETWEEN_SECOND_BEFORE.search(before)
                    or _ROUTE_AFTER.match(self.text, hit.span.end)
                ):
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

        # "were attacked" is passive; "are pounding" (progressive) is not
        passive = bool(
            _PASSIVE_BEFORE.search(self.text[max(start, trigger_at - 40) : trigger_at])
        ) and not re.match(r"\w+ing\b", self.text[trigger_at:end])
        named = [
            a
            for a in self.actors
            if start <= a.span.start
            and a.span.end <= end
            and actor_kind(a.canonical, self.pack) not in ("person", "organisation")
            and not self._named_as_source(a, start, trigger_at)
            and not self._speaks_for_others(a, end)
        ]
        # civilians and their kin suffer events in these clauses; they are never coded as perpetrators; nor is
        # whoever owns what was hit ("targeting the terrorists' positions")
        victims = [
            a
            for a in named
            if actor_kind(a.canonical, self.pack) == "civilians"
            or _POSSESSIVE_AFTER.match(self.text, a.span.end)
            or _SUFFERED_AFTER.match(self.text, a.span.end)
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
        # "Syrian troops and Hezbollah fighters pushed into": every side of a coordinated subject did it
        joint = {id(nearest)} if nearest is not None else set()
        for earlier, later in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
            if id(later) not in joint or not _COORDINATED.fullmatch(
                self.text, earlier.span.end, later.span.start
            ):
                break
            joint.add(id(earlier))
        out: list[Actor] = []
        for actor in named:
            prefix = self.text[max(start, actor.span.start - 25) : actor.span.start]
            from_after = actor.span.start > trigger_at and re.search(r"\bfrom\s+(?:the\s+)?$", prefix, re.I)
            if _SUPPORT_BEFORE.search(prefix):
                role = "mentioned"  # "rebels backed by Turkey": the backer did not do it
            elif from_after and _TAKEN_FROM.search(self.text, trigger_at, actor.span.start):
                role = "target"
            elif re.search(r"\bby\s+(?:the\s+)?(?:\w+\s+)?$", prefix, re.IGNORECASE) or from_after:
                # "attacked by X"; "the occupation from the jihadists" (a translation's agent after the event noun),
                # but not "a couple from the X tribe was found murdered"
                role = "perpetrator"
            elif actor in victims:
                role = "target"
            elif id(actor) in joint:
                role = "target" if passive else "perpetrator"
            elif actor.span.start > trigger_at or passive:
                role = "target"
            else:
                role = "mentioned"
            out.append(replace(actor, role=role))
        return out

    def _named_as_source(self, actor: Actor, start: int, trigger_at: int) -> bool:
        """ "according to the army", "..., said the Observatory": a source, not a party. But a name right
        after "said" and before the event is the reported clause's subject ("activists said Russian jets
        struck")."""
        found = _CLAIMANT_BEFORE.search(self.text[max(start, actor.span.start - 25) : actor.span.start])
        if found is None:
            return False
        speech_verb = found.group(1).lower() in ("told", "said", "says")
        return not (speech_verb and actor.span.start < trigger_at)

    def _speaks_for_others(self, actor: Actor, end: int) -> bool:
        """Named as the source of a statement ("X said"), unless the statement is X's own deed ("X said it
        had shot down a drone")."""
        speech = _SPEECH_AFTER.match(self.text, actor.span.end, min(end, actor.span.end + 40))
        if speech is None:
            return False
        return _OWN_DEED_AFTER_SPEECH.match(self.text, speech.end(), end) is None

    def dates_in(self, start: int, end: int) -> list[DateInterval]:
        return [resolved for dm, resolved in self.dates if start <= dm.span.start and dm.span.end <= end]


def actor_is_claimant(actor: Actor, pack: object) -> bool:
    from incidentdb.extract.actors import actor_kind

    return actor_kind(actor.canonical, pack) == "organisation"  # type: ignore[arg-type]
