"""Incident, background or aggregate: is a clause news, history recalled for context, or a running total?

The cues are linguistic (tense and aspect, habitual adverbs, "since ..." totals, generic plurals) and temporal (a
date well before the report was written). They are deliberately conservative in one direction: when in doubt a
violent clause is *not* told as a new incident, because counting history as news is the failure analysts hate most
in automated feeds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from incidentdb.records import MentionKind

# Running totals: a count over a period or a whole war.
_AGGREGATE = re.compile(
    r"\b((?<!time )since (?:the (?:start|beginning|outbreak)|(?:the )?(?:war|conflict|uprising|offensive|revolution|"
    r"government offensive|operation)|(?:early |late |mid-)?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)|\d{4}|last (?:week|month|year)|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|then)|so far|to date|in total|a total of|total of|(?:over|during|in|within) the (?:past|last) (?:\w+ )?(?:hours|days?|weeks?|"
    r"months?|years?)|within (?:\d+|twenty-four|forty-eight) hours|in (?:separate|several|various|different|"
    r"multiple) (?:incidents|attacks|events)|in (?:one|a|the past|the last) (?:week|month|year)|(?<!earlier )this year|last year|(?:civil )?war has "
    r"(?:killed|displaced|left)|of that total|in the hostilities|(?:have|has) been (?:killed|displaced|wounded) "
    r"(?:in|during|since) (?:the )?(?:hostilities|fighting|war|conflict|violence|offensive|escalation)|"
    r"(?:more|at least) [\d,.]+ (?:dead|killed) in (?:syria|the country)|since \d{1,2} (?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december)|since the (?:[\w-]+ ){1,3}?(?:began|started|launched|departed|arrived|was signed|took effect|"
    r"came into|broke out)|in (?:two|three|four|five|six|seven|several|\d+) (?:days|weeks|months) of|over (?:the )?"
    r"(?:two|three|four|five|several|\d+) (?:days|weeks|months)|rights groups estimate|out of (?:the )?(?:more than )?"
    r"[\d,.]+|during the (?:[\w-]+ )?(?:battle|war|siege|offensive|campaign|conflict|fighting|uprising) (?:for|of|in|to)\b|"
    r"during the (?:[\w-]+ )?(?:war|siege|offensive|campaign|conflict|uprising)\b|"
    r"in recent (?:weeks|months|years)|across syria|nationwide|"
    # a documenter's count over the whole country: "documented the killing of 11 civilians in Syria on Monday"
    r"(?:killing|deaths?|death toll) of (?:at least |more than |over |some |about )?[\d,.]+ (?:[\w-]+ ){0,3}in syria\b|"
    # a documenter's count of events: "documented 41 assassinations in the province during April"
    r"(?:documented|recorded|counted|registered|monitored) (?:at least |more than |over |some |about )?[\d,.]+ "
    r"(?:[\w-]+ ){0,2}(?:attacks|assassinations|killings|incidents|violations|strikes|raids|explosions|cases)|"
    r"(?:in|over) (?:two|three|four|five|several|\d+) (?:days|weeks|months) of|war\b.{0,40}\b(?:has|have) "
    r"(?:killed|displaced|left)|(?:are|is) believed to remain|civilians remain|remain (?:trapped|besieged|detained|"
    r"missing|inside)|in the (?:[\w-]+ )?(?:offensive|campaign|operation|battle) (?:that|which) "
    r"(?:began|started))",
    re.IGNORECASE,
)

# A toll over several places, read in the figure's own clause: "killed 30 in rebel-held areas of Idlib and eastern
# Ghouta" (the sentence may go on to another event: "kidnappings in several villages, and in October gunmen ...")
_SPREAD = re.compile(
    r"\b(?:in|across) (?:[\w-]+ ){0,2}areas (?:of|in) |\b(?:in|across) (?:several|various|multiple|different) "
    r"(?:areas|towns|villages|provinces|parts|neighbou?rhoods|districts)\b",
    re.IGNORECASE,
)

# History recalled for context: habitual or perfect aspect, explicit past framing.
_BACKGROUND = re.compile(
    r"\b(infamous|notorious|has seen|have seen|had seen|there had been|has long|have long|had long|"
    r"consistently|repeatedly (?:bombarded|shelled|attacked)|for years|for decades|years ago|decades ago|"
    r"in the past|previously|since that time|at the time|was the scene of|has been subjected|have been subjected|"
    r"history of|remembered|commemorat\w+|recalled|the first time .{0,120} for (?:over |more than )?"
    r"(?:two|three|four|five|several|\d+) (?:years|months)|has been under (?:attack|siege|fire) for|under siege "
    r"for|in (?:areas|places|regions|cities) (?:like|such as)|areas like|regions like|failed invasions|during the (?:days|years|war|rule) of|under the rule of|marks? (?:\w+ )?"
    r"(?:years?|months?|decades?) since|(?:was|is|marks?|marked|became|been) (?:the |a |its )?(?:deadliest|worst|largest|biggest|first|bloodiest)\b.{0,80}"
    r"\bsince\b|"
    r"regularly|routinely|frequently|ever since|almost daily|every day|calm returned|in recent (?:weeks|months|years)|"
    r"earlier this year|(?:has|have|had) since\b|"
    r"for (?:a|the) (?:second|third|fourth|fifth|sixth|\w+th) (?:consecutive|straight|successive) (?:day|week|night)|"
    r"it all (?:started|began)|estimates? that|(?:has|have) (?:\w+ )?(?:raged|continued|persisted|gone on|dragged on)"
    r" (?:[\w-]+ ){0,6}since|(?:it is )?worth (?:noting|mentioning) that|it is noteworthy that)",
    re.IGNORECASE,
)

# A trigger that is negated, hypothetical, or an intention is no event.
# Cues that make what FOLLOWS them in the clause history: "in response to a chemical attack", "vengeance for the
# massacres", "reports of killings". The event before the cue is still news.
_BACKGROUND_PREFIX = re.compile(
    r"\b(trend of|a wave of|series of|reports of|incidents of|such as the|vengeance for|revenge for|retaliation for|"
    r"in response to|in reprisal for|martyrs of|anniversary of|to (?:remember|commemorate|mark|honou?r|mourn)|after fighters left|days after|weeks after|months after|years after|(?:a|one|two|three|four|several) (?:weeks?|months?|years?) (?:after|before)|"
    r"(?:following|after|since) the (?:fall|collapse|ouster|overthrow|toppling) of|accus\w+ (?:[\w-]+ ){0,4}of|"
    r"(?:that|which|who) (?:[\w-]+ ){0,4}had (?:\w+ed|seized|taken|captured|won|lost|fought|struck|hit))\b",
    re.IGNORECASE,
)

_UNREAL_BEFORE = re.compile(
    r"\b(no|not|never|without|unable to|failed to|would|could|might|threat(?:en(?:ed|s)?)? (?:of|to)|plans? "
    r"(?:to|for)|preparation for|prepare for|want(?:s|ed)? (?:them )?to|refus\w+ to|fear(?:s|ed)? (?:of )?"
    r"(?:a |an )?|warn(?:s|ed)? (?:of|against)|expected an?|eventual|call(?:ed|s)? for|to prevent|avoid|deny|"
    r"denied|denies|denying|stop|halt|end to|condemn\w*|"
    # "used as a base for shelling the town": what a place served for, no event told
    r"(?:base|launch(?:ing)? ?pad|launching point|staging (?:ground|post)|platform) for)\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_INFINITIVE_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_ATTEMPT_BEFORE = re.compile(r"\b(tried|attempted|began|started|continued|went on)\s+to\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class KindDecision:
    kind: MentionKind | None  # None: not an event at all (negated, hypothetical)
    reason: str


_APPEAL = re.compile(
    r"\b(called on|calls on|call on|urged|urges|demanded|demands|appealed|appeals|asked)\b", re.I
)


def is_unreal(clause_before_trigger: str) -> bool:
    """Negated, hypothetical or intended events ("no exchange of gunfire", "want them to attack"), and what an
    appeal asks for ("called on the government to stop these attacks")."""
    if _APPEAL.search(clause_before_trigger):
        return True
    tail = clause_before_trigger[-80:]
    if _ATTEMPT_BEFORE.search(tail):
        return False
    return bool(_UNREAL_BEFORE.search(tail) or _INFINITIVE_BEFORE.search(tail))


def background_prefix(clause: str) -> re.Match[str] | None:
    """Where, in a clause, the text turns to recalled history ("in response to ...")."""
    return _BACKGROUND_PREFIX.search(clause)


_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:deadliest|worst|biggest|largest|bloodiest|first|heaviest)\b[^.;]{0,60}$", re.I
)


def aggregate_cue(sentence: str) -> str | None:
    for match in _AGGREGATE.finditer(sentence):
        # "the deadliest attack on a school since the war began" compares one event with history; no total
        if match.group(0).lower().startswith("since") and _SUPERLATIVE_BEFORE.search(
            sentence, 0, match.start()
        ):
            continue
        return match.group(0)
    return None


# "during the battle" alone may be one day's fight; after "a four-month battle" it is the whole campaign
_BARE_DURING = re.compile(r"\b(?:during|in) the (?:battle|fighting)\b(?! (?:for|of|in|to)\b)", re.I)
_LONG_FIGHT = re.compile(
    r"\b(?:[\w-]+-|several |many )(?:days?|weeks?|months?|years?)(?:-long)? (?:battle|fighting|siege|offensive|campaign)\b",
    re.I,
)


def long_fight_end(text: str) -> int | None:
    """Where the report first tells of a fight lasting days or more ("after a four-month battle"), if it does;
    a clause after that offset may call it "the battle". Found once per document, not once per clause."""
    match = _LONG_FIGHT.search(text)
    return match.end() if match else None


def background_cue(sentence: str) -> str | None:
    match = _BACKGROUND.search(sentence)
    return match.group(0) if match else None


def decide_kind(
    *,
    clause: str,
    sentence: str,
    has_count: bool,
    plural_only: bool,
    has_quantity: bool = False,
    date_span_days: int | None = None,
    has_specific_place: bool,
    event_end: dt.date | None,
    explicit_date: bool,
    explicit_year: bool,
    written_earliest: dt.date | None,
    single_event: bool = False,
    long_fight: bool = False,
) -> KindDecision:
    """Decide the kind of a candidate event clause; ``long_fight``: the report has told of a fight lasting days."""
    cue = aggregate_cue(sentence)
    if cue and has_count:
        return KindDecision("aggregate", f"running total: '{cue}'")
    spread = _SPREAD.search(clause) if has_count else None
    if spread:
        return KindDecision("aggregate", f"a toll over several places: '{spread.group(0).strip()}'")
    bare = _BARE_DURING.search(sentence) if long_fight and has_count else None
    if bare:
        return KindDecision("aggregate", f"the toll of the whole fight: '{bare.group(0)}'")
    clause_cue = aggregate_cue(clause)
    if (
        clause_cue and has_quantity and not re.fullmatch(r"so far|to date", clause_cue, re.I)
    ):  # "hundreds of strikes since December": a tally of events
        return KindDecision("aggregate", f"running total: '{clause_cue}'")
    if (
        has_count
        and not has_specific_place
        and not single_event
        and date_span_days is not None
        and date_span_days >= 27
    ):
        # "97 civilians were killed in June 2023": a month's tally, not an event ("in 2021, a truck bomb killed 40"
        # is one event, dated loosely)
        return KindDecision("aggregate", f"a figure over {date_span_days + 1} days with no place of its own")
    cue = background_cue(clause) or background_cue(sentence)
    if cue:
        return KindDecision("background", f"recalled as context: '{cue}'")
    if event_end is not None and written_earliest is not None and (explicit_date or explicit_year):
        age = (written_earliest - event_end).days
        if explicit_year and age > 45:
            return KindDecision("background", f"dated {age} days before the report was written")
        if explicit_date and age > 7:
            if has_count and plural_only:  # "shelling and clashes in August killed 30": a tally of a month
                return KindDecision("aggregate", f"a tally of events {age} days before the report")
            return KindDecision("background", f"dated {age} days before the report was written")
    if plural_only and not has_specific_place and not explicit_date:
        return KindDecision("background", "generic plural with no place or date of its own")
    return KindDecision("incident", "told as news")
