"""Clues to when a report was written, as constraints on the writing day.

Each clue says the report was written on or after a day, on or before a day, or both, with a strength and a
reason a reviewer can read. Clues come from the text's own dates ("Yesterday, November 24, 2025", "in May
2012", "thirteen years later") and from the region's reference timeline (facts described as having
happened, names in use, office holders in the present tense, periods named with bare months, durations such
as "after three weeks of siege", facts placed "last month"). :mod:`incidentdb.extract.publication` weighs
them.

Strengths: 4 the text dates its own writing ("Yesterday, November 24, 2025", "first published on ..."),
3 a dated event, 2 timeline facts and named months or years, 1 news conventions, 0 the weakest guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from incidentdb.extract.dates import DateMention, month_bounds
from incidentdb.packs.timeline import Fact, FactMatch
from incidentdb.records import Span

CURRENT_GRACE = dt.timedelta(days=31)  # a period spoken of as current may have ended a few weeks before

_HYPOTHETICAL = re.compile(
    r"\b(will|would|could|might|should|if|unless|imminent|expected to|plans? to|planned|scheduled|"
    r"upcoming|hopes?|calls? for|demand(s|ed|ing)?|aim(s|ed)? (at|to)|threat(en)?s?|until)\b",
    re.IGNORECASE,
)
FUTURE_DATE = re.compile(
    r"\b(will|would|scheduled|planned|expected|due|set to|next|upcoming|until|by the end of|deadline|"
    r"postponed to|to be held)\b[^.]*$",
    re.IGNORECASE,
)
# "which the militants held until late 2017": a past period that ended then, not a plan
_PAST_UNTIL = re.compile(
    r"\b(?:held|lasted|remained|ruled|controlled|stayed|occupied|governed|continued|was|were|had\s+been)\s+"
    r"(?:[\w-]+\s+){0,3}?until\s+(?:early\s+|mid-?\s*|late\s+|the\s+end\s+of\s+)?[^.]{0,20}$",
    re.IGNORECASE,
)
_NOT_CURRENT_NAME = re.compile(
    r"\b(formerly|former|previously|once|then|renamed|rebranded|known as|later|successor|predecessor|"
    r"old name|ex-|what was|originally|which became|became|dissolved|disbanded)\b",
    re.IGNORECASE,
)
# "as President Assad's army prepares an offensive": the office told as held now, not recalled
_PRESENT_TENSE = re.compile(
    r"\b(?:is|are|has|have)\s+(?:\w+ly\s+)?(?:\w+ing|\w+ed|been)\b|\b(?:prepares|continues|remains|vows|insists|"
    r"threatens|refuses|says|orders|rules|controls|holds|governs)\b",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NOT_IN_OFFICE = re.compile(
    r"\b(former|ex|late|ousted|deposed|toppled|overthrown|fallen|exiled|then|deceased|outgoing|previous|"
    r"fugitive|fled|under|when|while|during|era|reign|rule|time of|years of|days of)\b[\s-]*(\w+\s+){0,2}$",
    re.IGNORECASE,
)
_CURRENT = re.compile(
    r"\b(current(ly)?|ongoing|now|still|continues?|continuing|under way|underway|present)\b"
)
_MONTH_ONLY = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b(?![\w-]| \d)"
)
# "This article was first published on 5 April 2017": the report's own first publication, not a cited one
_FIRST_PUBLISHED = re.compile(
    r"(?:\b(?:this|the) (?:article|story|report|piece|post|interview|column|analysis|op-ed)\b[^.]{0,20}|^\s*)"
    r"\b(?:first|originally) (?:published|posted|appeared|printed)\b[^.]{0,40}$",
    re.IGNORECASE | re.MULTILINE,
)
_TEXT_PERIODS = "months and years named in the text"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50,
}  # fmt: skip
_YEARS_LATER = re.compile(
    r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty) years (?:later|on)\b",
    re.IGNORECASE,
)
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
_NUMBER_RE = r"(?:(?P<q>more than|over|nearly|almost|about|around|some)\s+)?(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_LASTING = r"(?:siege|uprising|revolt|revolution|offensive|battle|fighting|protests?|clashes|campaign|bombardment|blockade|truce|ceasefire)"
_DURATION_BEFORE = re.compile(
    r"\b"
    + _NUMBER_RE
    + r"[- ](?P<unit>day|week|month|year)s?(?:-long|-old)?\s+(?:of\s+(?:the\s+)?)?"
    + _LASTING
    + r"\b",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    r"\b" + _LASTING + r"\s+(?:of|lasting)\s+" + _NUMBER_RE + r"\s+(?P<unit>day|week|month|year)s?\b",
    re.IGNORECASE,
)
_RELATIVE_TO_NOW = re.compile(
    r"\b(last month|earlier this month|this month|last year|earlier this year)\b", re.I
)
REFERENCE_POINT = re.compile(r"\b(days?|weeks?|hours?|nights?)\s+(after|before|earlier|later)\b[^.]*$", re.I)
_RECALLED = re.compile(r"\b(since|after|following|before|until|ahead of|prior to)\b", re.IGNORECASE)
_DAY_WORDS = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last night)\b"
)
_NEAR_RELATIVE_DAY = re.compile(
    r"\b(yesterday|last night|overnight|today|this morning|earlier today)\b", re.I
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass(frozen=True)
class Constraint:
    """One piece of evidence on the writing day: earliest and/or latest, a strength and a reason."""

    earliest: dt.date | None
    latest: dt.date | None
    strength: int
    reason: str
    evidence: Span | None = None
    fact_id: str | None = None
    day_precise: bool = False  # earliest is the day of a dated event: bare weekdays count from it
    name_only: bool = False  # an upper bound from a name no longer in use: weak against a stated date


def sentence_bounds(text: str, span: Span) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, span.start)), default=0)
    nxt = _SENTENCE_BREAK.search(text, span.end)
    return start, nxt.start() if nxt else len(text)


def before_in_sentence(text: str, span: Span, limit: int = 80) -> str:
    start, _ = sentence_bounds(text, span)
    return text[max(start, span.start - limit) : span.start]


def in_any(span: Span, spans: Sequence[Span]) -> bool:
    return any(span.overlaps(s) for s in spans)


# ------------------------------------------------------------------------------------ content evidence


def date_clues(text: str, mentions: Sequence[DateMention]) -> list[Constraint]:
    out = []
    for dm in mentions:
        before = before_in_sentence(text, dm.span, 60)
        if (
            dm.kind == "date"
            and dm.year
            and dm.month
            and dm.day
            and dm.anchor_offset is not None
            and not dm.alt
        ):
            day = dt.date(dm.year, dm.month, dm.day) - dt.timedelta(days=dm.anchor_offset)
            assert dm.anchor_span is not None
            quote = f"{dm.anchor_span.quote} … {dm.span.quote}"
            out.append(Constraint(day, day, 4, f"'{quote}' dates the writing day", dm.span))
            continue
        if dm.kind == "date" and dm.year and dm.month and dm.day and _FIRST_PUBLISHED.search(before):
            day = dt.date(dm.year, dm.month, dm.day)
            reason = f"the text says it was first published on {dm.span.quote}"
            out.append(Constraint(day, day, 4, reason, dm.span, day_precise=True))
            continue
        if FUTURE_DATE.search(before) and not _PAST_UNTIL.search(before):
            continue
        if dm.kind == "date" and dm.year and dm.month and dm.day:
            first = dt.date(dm.year, dm.month, dm.day)
            if dm.alt:
                first = min(first, dt.date(dm.year, *dm.alt))
            reason = f"the text dates an event '{dm.span.quote}'"
            out.append(Constraint(first, None, 3, reason, dm.span, day_precise=not dm.alt))
        elif dm.kind == "month_year" and dm.year and dm.month:
            # months and years may be plans or forecasts ("the 2025 budget"): together they count as one clue
            first = month_bounds(dm.year, dm.month, dm.part)[0]
            reason = f"the text mentions '{dm.span.quote}'"
            out.append(Constraint(first, None, 2, reason, dm.span, _TEXT_PERIODS))
        elif dm.kind == "year" and dm.year:
            reason = f"the text mentions {dm.year}"
            out.append(Constraint(dt.date(dm.year, 1, 1), None, 2, reason, dm.span, _TEXT_PERIODS))
    return out


def years_later_clues(
    text: str, mentions: Sequence[DateMention], excluded: Sequence[Span]
) -> list[Constraint]:
    """ "Thirteen years later", "ten years on": counted from the latest year the text named before it."""
    out = []
    for m in _YEARS_LATER.finditer(text):
        span = Span.of(text, m.start(), m.end())
        if in_any(span, excluded):
            continue
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else _NUMBERS.get(word)
        years = [d.year for d in mentions if d.year and d.span.end <= m.start()]
        if not n or not years:
            continue
        base = max(years)
        reason = f"'{span.quote}' counted from {base}"
        out.append(Constraint(dt.date(base + n - 1, 1, 1), None, 2, reason, span, _TEXT_PERIODS))
    return out


def fact_clues(text: str, matches: Sequence[FactMatch], first_year_at: int | None = None) -> list[Constraint]:
    out: list[Constraint] = []
    for fm in matches:
        fact, span = fm.fact, fm.span
        if _HYPOTHETICAL.search(before_in_sentence(text, span, 30)):
            continue  # "calls for the fall of the regime", "if Assad falls"
        start, end = sentence_bounds(text, span)
        sentence = text[start:end]
        reason = f"'{span.quote}' refers to a fact dated {fact.implied_from}: {fact.description.rstrip('.')}"
        # a one-day event told as the news (in the headline, or with a weekday or "yesterday" in the same
        # sentence) anchors bare weekdays; one recalled as background does not
        single_day = fact.kind == "event" and fact.end == fact.start
        recalled = bool(_RECALLED.search(text[max(start, span.start - 25) : span.start]))
        anchor = (
            single_day and not recalled and (_in_headline(text, span) or bool(_DAY_WORDS.search(sentence)))
        )
        out.append(Constraint(fact.implied_from, None, 2, reason, span, fact.id, day_precise=anchor))
        if anchor:
            out.extend(_told_as_relative_day(text, fact, span))
        until = fact.implied_until
        if fact.kind == "name" and until and fact.upper_bound:
            context = text[max(start, span.start - 40) : min(end, span.end + 40)]
            if not _NOT_CURRENT_NAME.search(context):
                reason = f"uses the name '{span.quote}', used until {until}"
                out.append(Constraint(None, until, 2, reason, span, fact.id, name_only=True))
        elif (
            fact.kind == "office"
            and until
            and not _NOT_IN_OFFICE.search(text[max(start, span.start - 40) : span.start])
        ):
            present = _PRESENT_TENSE.search(sentence) and not _ANY_YEAR.search(sentence)
            reason = f"calls {fact.holder} {fact.office} ('{span.quote}'), an office held until {until}"
            if present:
                reason += ", in the present tense"
            out.append(Constraint(None, until, 3 if present else 2, reason, span, fact.id))
        if fact.kind in ("period", "event"):
            after = text[span.end : min(end, span.end + 80)]  # "the siege began in the middle of last month"
            out.extend(_relative_period_constraints(fact, span, after))
        if fact.kind == "period":
            out.extend(_duration_constraints(fact, span, sentence))
            if fact.end:
                inherit = first_year_at is not None and first_year_at < span.start
                out.extend(_period_constraints(fact, span, sentence, start, inherit))
    return out


def _told_as_relative_day(text: str, fact: Fact, span: Span) -> list[Constraint]:
    """ "Rebels entered Damascus yesterday": a one-day news event told with a relative day word right next
    to it dates the writing day (weakly: the word may belong to another clause)."""
    start, end = sentence_bounds(text, span)
    window = text[max(start, span.start - 60) : min(end, span.end + 60)]
    m = _NEAR_RELATIVE_DAY.search(window)
    if m is None:
        return []
    offset = 0 if m.group(0).lower() in ("today", "this morning", "earlier today") else 1
    day = fact.start + dt.timedelta(days=offset)
    reason = f"'{span.quote}' ({fact.start}) is told as '{m.group(0)}'"
    return [Constraint(day, day, 1, reason, span, fact.id, day_precise=True)]


def _in_headline(text: str, span: Span) -> bool:
    first_break = text.find("\n")
    return 0 <= first_break <= 200 and span.end <= first_break


def _period_constraints(
    fact: Fact, span: Span, sentence: str, sentence_start: int, inherit_year: bool = False
) -> list[Constraint]:
    """A period named as current, or with bare month names ("monitors in December and January"): the
    writing day is within the year those months point back to. When the text named a year earlier on
    (``inherit_year``), bare months may take that year from the narrative and say nothing of the writing day."""
    assert fact.end is not None
    out = []
    if _CURRENT.search(sentence):
        latest = fact.end + CURRENT_GRACE
        out.append(
            Constraint(None, latest, 2, f"speaks of {fact.period or fact.id} as current", span, fact.id)
        )
    for m in () if inherit_year else _MONTH_ONLY.finditer(sentence):
        month = dt.datetime.strptime(m.group(1), "%B").month
        years = [y for y in range(fact.start.year, fact.end.year + 1) if _month_in(fact, y, month)]
        if not years:
            continue
        year = years[-1]
        first = dt.date(year, month, 1)
        next_same = dt.date(year + 1, month, 1) - dt.timedelta(days=1)
        reason = (
            f"it names '{m.group(1)}' without a year for the {fact.period or fact.id} ({fact.start} to "
            f"{fact.end}), so it was written within a year of {m.group(1)} {year}"
        )
        out.append(Constraint(first, next_same, 2, reason, span, fact.id))
    return out


def _relative_period_constraints(fact: Fact, span: Span, after: str) -> list[Constraint]:
    """A fact placed "last month", "earlier this month", "last year" (in the words right after it): the
    writing day is in the month (or year) after the fact's start, or in the same one."""
    m = _RELATIVE_TO_NOW.search(after)
    if m is None:
        return []
    which = m.group(0).lower()
    start = fact.start
    if "month" in which:
        month_start = start.replace(day=1)
        if "last" in which:
            month_start = (month_start + dt.timedelta(days=32)).replace(day=1)
        following = (month_start + dt.timedelta(days=32)).replace(day=1)
        earliest, latest = month_start, following - dt.timedelta(days=1)
    else:
        year = start.year + (1 if "last" in which else 0)
        earliest, latest = dt.date(year, 1, 1), dt.date(year, 12, 31)
    reason = f"places {fact.period or fact.status or fact.id} ({fact.start}) '{m.group(0)}'"
    return [Constraint(max(earliest, start), latest, 2, reason, span, fact.id)]


def _duration_constraints(fact: Fact, span: Span, sentence: str) -> list[Constraint]:
    """ "after three weeks of siege", "the five-month uprising", "a siege of more than two months": with the
    period's start from the timeline, the writing day is about that long after it."""
    out = []
    for m in (*_DURATION_BEFORE.finditer(sentence), *_DURATION_AFTER.finditer(sentence)):
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else _NUMBERS.get(word)
        if not n:
            continue
        unit = _UNIT_DAYS[m.group("unit").lower()]
        qualifier = (m.group("q") or "").lower()
        low = n - 1 if qualifier not in ("more than", "over") else n
        high = n + 1 if qualifier not in ("nearly", "almost") else n
        earliest = fact.start + dt.timedelta(days=round(max(low, 0) * unit))
        latest = fact.start + dt.timedelta(days=round(high * unit))
        reason = f"'{m.group(0)}' counted from the start of the {fact.period or fact.id} ({fact.start})"
        out.append(Constraint(earliest, latest, 2, reason, span, fact.id))
    return out


def _month_in(fact: Fact, year: int, month: int) -> bool:
    assert fact.end is not None
    lo, hi = month_bounds(year, month)
    return lo <= fact.end and fact.start <= hi
