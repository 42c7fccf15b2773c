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
    r"\b(since (?:the (?:start|beginning|outbreak)|(?:the )?(?:war|conflict|uprising|offensive|revolution|"
    r"government offensive|operation)|(?:early |late |mid-)?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)|\d{4}|last (?:week|month|year)|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|then)|so far|to date|in total|a total of|total of|death toll (?:has )?"
    r"(?:risen|rose|climbed)|toll (?:has )?(?:risen|rose|climbed)|over the (?:past|last) (?:\w+ )?(?:days|weeks|"
    r"months|years)|in (?:one|a|the past|the last) (?:week|month|year)|this year|last year|(?:civil )?war has "
    r"(?:killed|displaced|left)|of that total|in the hostilities|(?:have|has) been (?:killed|displaced|wounded) "
    r"(?:in|during|since) (?:the )?(?:hostilities|fighting|war|conflict|violence|offensive|escalation)|"
    r"(?:more|at least) [\d,.]+ (?:dead|killed) in (?:syria|the country))",
    re.IGNORECASE,
)

# History recalled for context: habitual or perfect aspect, explicit past framing.
_BACKGROUND = re.compile(
    r"\b(infamous|notorious|has seen|have seen|had seen|had been|there had been|has long|have long|had long|"
    r"consistently|repeatedly (?:bombarded|shelled|attacked)|for years|for decades|years ago|decades ago|"
    r"in the past|previously|since that time|at the time|was the scene of|has been subjected|have been subjected|"
    r"history of|anniversary|remembered|commemorat\w+|recalled|the first time .{0,120} for (?:over |more than )?"
    r"(?:two|three|four|five|several|\d+) (?:years|months)|has been under (?:attack|siege|fire) for|under siege "
    r"for|trend of|a wave of|series of|reports of|incidents of|in (?:areas|places|regions|cities) (?:like|such as)"
    r"|areas like|regions like|such as the|vengeance for|revenge for|retaliation for|in response to|martyrs of|"
    r"failed invasions|after fighters left|during the (?:days|years|war|rule) of|under the rule of)",
    re.IGNORECASE,
)

# A trigger that is negated, hypothetical, or an intention is no event.
_UNREAL_BEFORE = re.compile(
    r"\b(no|not|never|without|unable to|failed to|would|could|might|threat(?:en(?:ed|s)?)? (?:of|to)|plans? "
    r"(?:to|for)|preparation for|prepare for|want(?:s|ed)? (?:them )?to|refus\w+ to|fear(?:s|ed)? (?:of )?"
    r"(?:a |an )?|warn(?:s|ed)? (?:of|against)|expected an?|eventual|call(?:ed|s)? for|to prevent|avoid|deny|"
    r"denied|accus\w+ .{0,30} of)\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_INFINITIVE_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_ATTEMPT_BEFORE = re.compile(r"\b(tried|attempted|began|started|continued|went on)\s+to\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class KindDecision:
    kind: MentionKind | None  # None: not an event at all (negated, hypothetical)
    reason: str


def is_unreal(clause_before_trigger: str) -> bool:
    """Negated, hypothetical or intended events ("no exchange of gunfire", "want them to attack")."""
    tail = clause_before_trigger[-80:]
    if _ATTEMPT_BEFORE.search(tail):
        return False
    return bool(_UNREAL_BEFORE.search(tail) or _INFINITIVE_BEFORE.search(tail))


def aggregate_cue(sentence: str) -> str | None:
    match = _AGGREGATE.search(sentence)
    return match.group(0) if match else None


def background_cue(sentence: str) -> str | None:
    match = _BACKGROUND.search(sentence)
    return match.group(0) if match else None


def decide_kind(
    *,
    clause: str,
    sentence: str,
    has_count: bool,
    plural_only: bool,
    has_specific_place: bool,
    event_end: dt.date | None,
    explicit_date: bool,
    explicit_year: bool,
    written_earliest: dt.date | None,
) -> KindDecision:
    """Decide the kind of a candidate event clause."""
    cue = aggregate_cue(sentence)
    if has_count and cue:
        return KindDecision("aggregate", f"running total: '{cue}'")
    cue = background_cue(clause) or background_cue(sentence)
    if cue:
        return KindDecision("background", f"recalled as context: '{cue}'")
    if event_end is not None and written_earliest is not None and (explicit_date or explicit_year):
        age = (written_earliest - event_end).days
        if explicit_year and age > 45:
            return KindDecision("background", f"dated {age} days before the report was written")
        if explicit_date and age > 7:
            return KindDecision("background", f"dated {age} days before the report was written")
    if plural_only and not has_specific_place:
        return KindDecision("background", "generic plural with no place of its own")
    return KindDecision("incident", "told as news")
