"""When was a report written? The stated date, else an interval inferred from its content, with the basis.

Evidence is gathered as *constraints* on the writing day P, each with a strength:

3. the text's own words: an anchor ("Yesterday, November 24, 2025" gives P = 2025-11-25) and dates with a year
   (P is on or after any dated past event);
2. the reference timeline: facts described as having happened (P after them), names in use (P inside the
   years the name was used), office holders referred to in the present tense, periods named with bare months
   ("the monitors in December and January"), and day-month dates whose year the other evidence fixes;
1. news conventions: a day-month date without a year is recent news (its year is the first that fits after
   the other evidence), and bare weekdays after the latest dated event fall within the week before writing.

Constraints are applied strongest first; one that would leave no possible day is set aside (reported as a
conflict), so a single stale name cannot override the rest. Dates inside noise spans (teasers) never count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from incidentdb.extract.dateline import WireDateline, find_dateline, find_wire_dateline, stated_publication
from incidentdb.extract.dates import (
    DateMention,
    day_month_candidates,
    find_dates,
    first_weekday_on_or_after,
    month_bounds,
)
from incidentdb.log import get_logger
from incidentdb.packs.timeline import Fact, FactMatch, Timeline
from incidentdb.records import Document, Publication, Span

log = get_logger(__name__)

__all__ = [
    "Constraint",
    "ContentPeriod",
    "StatedCheck",
    "check_stated",
    "content_period",
    "contradicts_stated",
    "find_dateline",
    "infer_publication",
    "stated_publication",
    "violations",
]

STATED_GRACE_BEFORE = dt.timedelta(days=2)  # time zones, late edits
STATED_GRACE_AFTER = dt.timedelta(days=31)  # reports may be posted some days after they were written
RECENT_DAY_MONTH = dt.timedelta(days=366)

_HYPOTHETICAL = re.compile(
    r"\b(will|would|could|might|should|if|unless|imminent|expected to|plans? to|planned|scheduled|"
    r"upcoming|hopes?|calls? for|demand(s|ed|ing)?|aim(s|ed)? (at|to)|threat(en)?s?|until)\b",
    re.IGNORECASE,
)
_FUTURE_DATE = re.compile(
    r"\b(will|would|scheduled|planned|expected|due|set to|next|upcoming|until|by the end of|deadline|"
    r"postponed to|to be held)\b[^.]*$",
    re.IGNORECASE,
)
_NOT_CURRENT_NAME = re.compile(
    r"\b(formerly|former|previously|once|then|renamed|rebranded|known as|later|successor|predecessor|"
    r"old name|ex-|what was|originally|which became|became|dissolved|disbanded)\b",
    re.IGNORECASE,
)
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
_REFERENCE_POINT = re.compile(r"\b(days?|weeks?|hours?|nights?)\s+(after|before|earlier|later)\b[^.]*$", re.I)
_RECALLED = re.compile(r"\b(since|after|following|before|until|ahead of|prior to)\b", re.IGNORECASE)
_DAY_WORDS = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last night)\b"
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


@dataclass(frozen=True)
class ContentPeriod:
    """The writing interval the content supports, with the evidence used and the evidence set aside."""

    earliest: dt.date | None
    latest: dt.date | None
    accepted: tuple[Constraint, ...] = ()
    rejected: tuple[Constraint, ...] = ()
    exact: bool = False  # fixed to a day by the text's own words

    @property
    def known(self) -> bool:
        return self.earliest is not None or self.latest is not None

    def reason(self) -> str:
        parts = []
        lo = next((c for c in self.accepted if c.earliest == self.earliest and c.earliest), None)
        hi = next((c for c in self.accepted if c.latest == self.latest and c.latest), None)
        if lo:
            parts.append(f"not before {self.earliest}: {lo.reason}")
        if hi and hi is not lo:
            parts.append(f"not after {self.latest}: {hi.reason}")
        elif hi:
            parts.append(f"not after {self.latest}")
        others = len(self.accepted) - len({id(c) for c in (lo, hi) if c})
        if others > 0:
            parts.append(f"{others} other consistent clue(s)")
        if self.rejected:
            parts.append("set aside as inconsistent: " + "; ".join(c.reason for c in self.rejected[:3]))
        return "; ".join(parts)


@dataclass
class _Solver:
    earliest: dt.date | None = None
    latest: dt.date | None = None
    accepted: list[Constraint] = field(default_factory=list)
    rejected: list[Constraint] = field(default_factory=list)

    def add(self, c: Constraint) -> bool:
        lo = max(d for d in (self.earliest, c.earliest) if d) if (self.earliest or c.earliest) else None
        hi = min(d for d in (self.latest, c.latest) if d) if (self.latest or c.latest) else None
        if lo and hi and lo > hi:
            self.rejected.append(c)
            return False
        self.earliest, self.latest = lo, hi
        self.accepted.append(c)
        return True


def _sentence(text: str, span: Span) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, span.start)), default=0)
    nxt = _SENTENCE_BREAK.search(text, span.end)
    return start, nxt.start() if nxt else len(text)


def _before_in_sentence(text: str, span: Span, limit: int = 80) -> str:
    start, _ = _sentence(text, span)
    return text[max(start, span.start - limit) : span.start]


def _in_any(span: Span, spans: Sequence[Span]) -> bool:
    return any(span.overlaps(s) for s in spans)


# ------------------------------------------------------------------------------------ content evidence


def _date_constraints(text: str, mentions: Sequence[DateMention]) -> list[Constraint]:
    out = []
    for dm in mentions:
        before = _before_in_sentence(text, dm.span, 60)
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
        if _FUTURE_DATE.search(before):
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


def _years_later(text: str, mentions: Sequence[DateMention], excluded: Sequence[Span]) -> list[Constraint]:
    """ "Thirteen years later", "ten years on": counted from the latest year the text named before it."""
    out = []
    for m in _YEARS_LATER.finditer(text):
        span = Span.of(text, m.start(), m.end())
        if _in_any(span, excluded):
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


def _fact_constraints(
    text: str, matches: Sequence[FactMatch], first_year_at: int | None = None
) -> list[Constraint]:
    out: list[Constraint] = []
    for fm in matches:
        fact, span = fm.fact, fm.span
        if _HYPOTHETICAL.search(_before_in_sentence(text, span, 30)):
            continue  # "calls for the fall of the regime", "if Assad falls"
        start, end = _sentence(text, span)
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
            reason = f"calls {fact.holder} {fact.office} ('{span.quote}'), an office held until {until}"
            out.append(Constraint(None, until, 2, reason, span, fact.id))
        if fact.kind in ("period", "event"):
            after = text[span.end : min(end, span.end + 80)]  # "the siege began in the middle of last month"
            out.extend(_relative_period_constraints(fact, span, after))
        if fact.kind == "period":
            out.extend(_duration_constraints(fact, span, sentence))
            if fact.end:
                inherit = first_year_at is not None and first_year_at < span.start
                out.extend(_period_constraints(fact, span, sentence, start, inherit))
    return out


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
        latest = fact.end + STATED_GRACE_AFTER
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


def _day_month_constraints(
    mentions: Sequence[DateMention],
    earliest: dt.date | None,
    latest: dt.date | None,
    text: str,
    lede_is_news: bool = True,
) -> list[Constraint]:
    """Day-month dates take a year from the evidence so far. The first of them (the lede's date, when
    ``lede_is_news``) is read as recent news: in the first year that fits after the other evidence."""
    if earliest is None:
        return []
    out = []
    lede = next((d for d in mentions if d.kind == "day_month" and d.anchor_offset is None), None)
    for dm in mentions:
        if dm.kind != "day_month" or not dm.month or not dm.day or dm.anchor_offset is not None:
            continue
        if _FUTURE_DATE.search(_before_in_sentence(text, dm.span, 60)):
            continue
        hi = latest or (earliest + dt.timedelta(days=366 * 8))
        options = day_month_candidates(dm.month, dm.day, earliest, hi, dm.weekday)
        if not options:
            continue
        label = f"'{dm.weekday} … {dm.span.quote}'" if dm.weekday else f"'{dm.span.quote}'"
        first = options[0]
        out.append(
            Constraint(first, None, 2, f"{label} can be no earlier than {first}", dm.span, day_precise=True)
        )
        fresh = [d for d in options if d >= earliest - dt.timedelta(days=1)] or options
        if len(options) > 1 and fresh[0] != first and dm is lede and lede_is_news:
            why = f"{label} read as recent news: {fresh[0]} is the first date that fits the other evidence"
            out.append(Constraint(fresh[0], None, 1, why, dm.span, day_precise=True))
        elif dm.weekday and latest is None:
            why = f"{label}: {first.year} is the first year that fits in which it is a {dm.weekday}"
            out[-1] = Constraint(first, None, 2, why, dm.span, day_precise=True)
    return out


def _weekday_constraints(text: str, mentions: Sequence[DateMention], solved: _Solver) -> list[Constraint]:
    """News convention: a bare weekday ("on Wednesday") is within the week before the writing day. Counted
    from the latest dated event the evidence rests on, each weekday is the first such day on or after it,
    and the writing day falls within six days of it."""
    anchors = [c.earliest for c in solved.accepted if c.day_precise and c.earliest]
    if not anchors:
        return []
    anchor = max(anchors)
    out = []
    days = []
    for dm in mentions:
        if dm.kind != "weekday" or not dm.weekday or dm.relation == "next":
            continue
        if _REFERENCE_POINT.search(_before_in_sentence(text, dm.span, 80)):
            continue  # "began three days after ... said on Sunday": a reference point, not recent news
        day = first_weekday_on_or_after(anchor, dm.weekday)
        days.append(day)
        reason = f"'{dm.span.quote}' counted from {anchor} is {day}, within the week before writing"
        out.append(Constraint(day, day + dt.timedelta(days=6), 1, reason, dm.span))
    if days:
        # weakest of all: a news report is filed on the day of the latest weekday it names, or the next
        last = max(days)
        reason = f"filed within a day of the latest weekday it names ({last})"
        out.append(Constraint(None, last + dt.timedelta(days=1), 0, reason))
    return out


def _wire_constraints(wire: WireDateline | None, solved: _Solver) -> list[Constraint]:
    """A wire dateline gives the writing day's day and month; the evidence gives the year."""
    if wire is None or solved.earliest is None:
        return []
    hi = solved.latest or solved.earliest + dt.timedelta(days=366 * 8)
    years = [
        y
        for y in range(solved.earliest.year, hi.year + 1)
        if _valid_day(y, wire.month, wire.day) and solved.earliest <= dt.date(y, wire.month, wire.day) <= hi
    ]
    if not years:
        return []
    day = dt.date(years[0], wire.month, wire.day)
    if len(years) == 1 and solved.latest is not None:
        reason = f"dateline '{wire.span.quote}' in the only year the evidence allows"
        return [Constraint(day, day, 3, reason, wire.span, day_precise=True)]
    reason = f"dateline '{wire.span.quote}' read in the first year that fits the evidence ({years[0]})"
    return [Constraint(day, day, 2, reason, wire.span, day_precise=True)]


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def content_period(doc: Document, timeline: Timeline, *, ignore: Sequence[Span] = ()) -> ContentPeriod:
    """The writing interval the text itself supports, leaving out ``ignore`` (e.g. the stated dateline)."""
    text = doc.text
    wire = find_wire_dateline(doc)
    excluded = (*doc.noise, *ignore, *((wire.span,) if wire else ()))
    mentions = find_dates(text, exclude=excluded)
    with_year = [d.span.start for d in mentions if d.kind in ("date", "month_year", "year")]
    constraints = _date_constraints(text, mentions) + _years_later(text, mentions, excluded)
    constraints += _fact_constraints(text, timeline.find(text, excluded), min(with_year, default=None))
    first = _solve(constraints)
    constraints += _day_month_constraints(mentions, first.earliest, first.latest, text, wire is None)
    constraints += _wire_constraints(wire, first)
    second = _solve(constraints)
    constraints += _weekday_constraints(text, mentions, second)
    final = _solve(constraints)
    exact = any(c.strength == 4 and c.earliest == final.earliest for c in final.accepted)
    return ContentPeriod(final.earliest, final.latest, tuple(final.accepted), tuple(final.rejected), exact)


def _solve(constraints: Sequence[Constraint]) -> _Solver:
    solver = _Solver()
    # strongest first; within a strength, lower bounds (things that happened) before upper bounds
    for c in sorted(constraints, key=lambda c: (-c.strength, c.earliest is None)):
        solver.add(c)
    return solver


def violations(stated: dt.date, period: ContentPeriod) -> list[Constraint]:
    """The accepted content evidence (strength >= 2) that the stated date contradicts."""
    out = []
    for c in period.accepted:
        if c.strength < 2:
            continue
        if (c.earliest and stated < c.earliest - STATED_GRACE_BEFORE) or (
            c.latest and stated > c.latest + STATED_GRACE_AFTER
        ):
            out.append(c)
    return out


def contradicts_stated(stated: dt.date, period: ContentPeriod, extra: Sequence[Constraint] = ()) -> bool:
    """True when the content cannot have been written on the stated date: one violated date in the text,
    or two independent clues of which at least one is not an old name (old names are often used for
    history, so they never decide alone)."""
    broken = [*violations(stated, period), *extra]
    if any(c.strength >= 3 for c in broken):
        return True
    independent = {c.fact_id or c.reason for c in broken}
    return len(independent) >= 2 and any(not c.name_only for c in broken)


def weekday_dates_after(doc: Document, stated: dt.date, exclude: Sequence[Span] = ()) -> list[Constraint]:
    """Weekday-and-date pairs ("Saturday, October 12") that fit no day in the year before the stated date
    but fit one after it: events dated after the stated date."""
    out = []
    for dm in find_dates(doc.text, exclude=(*doc.noise, *exclude)):
        if dm.kind != "day_month" or not dm.weekday or not dm.month or not dm.day or dm.alt:
            continue
        if _FUTURE_DATE.search(_before_in_sentence(doc.text, dm.span, 60)):
            continue  # "will be held on Saturday, March 8"
        before = day_month_candidates(dm.month, dm.day, stated, stated + STATED_GRACE_BEFORE)
        if any(d.strftime("%A") == dm.weekday for d in before):
            continue
        after = day_month_candidates(
            dm.month, dm.day, stated + dt.timedelta(days=366), stated + dt.timedelta(days=366)
        )
        later = [d for d in after if d > stated and d.strftime("%A") == dm.weekday]
        if later:
            reason = f"'{dm.weekday} … {dm.span.quote}' is {later[0]}, after the stated date"
            out.append(Constraint(later[0], None, 3, reason, dm.span, day_precise=True))
    return out


@dataclass(frozen=True)
class StatedCheck:
    """The stated date against the content: the content's writing period and what the stated date breaks
    (empty when the stated date is plausible)."""

    period: ContentPeriod
    broken: tuple[Constraint, ...]


def check_stated(doc: Document, timeline: Timeline, stated: dt.date, span: Span | None) -> StatedCheck:
    ignore = (span,) if span else ()
    period = content_period(doc, timeline, ignore=ignore)
    extra = weekday_dates_after(doc, stated, ignore)
    if (period.known or extra) and contradicts_stated(stated, period, extra):
        return StatedCheck(period, (*violations(stated, period), *extra))
    return StatedCheck(period, ())


def infer_publication(doc: Document, timeline: Timeline) -> Publication:
    """When ``doc`` was written: its stated date if it has one (with the content interval as earliest/latest
    when the content contradicts it), else the interval its content supports, with the reason."""
    stated = stated_publication(doc)
    if stated:
        when, basis, span = stated
        verdict = check_stated(doc, timeline, when, span)
        if verdict.broken:
            period = verdict.period
            earliest = max(
                [d for d in (period.earliest, *(c.earliest for c in verdict.broken)) if d], default=None
            )
            latest = period.latest if period.latest and earliest and period.latest >= earliest else None
            where = _range(ContentPeriod(earliest, latest))
            clues = "; ".join(c.reason for c in verdict.broken[:3])
            reason = f"stated {when}, but the content was written {where}: {clues}"
            log.info("publication_contradicted", doc=doc.id[:12], stated=str(when), content=where)
            evidence = tuple(c.evidence for c in verdict.broken if c.evidence)
            return Publication(when, earliest, latest, basis, reason, ((span,) if span else ()) + evidence)
        quote = f" ('{span.quote}')" if span else ""
        return Publication(when, when, when, basis, f"stated{quote}", (span,) if span else ())
    period = content_period(doc, timeline)
    if not period.known:
        return Publication(None, None, None, "unknown", "no stated date and no dating clue in the text")
    reason = f"inferred {_range(period)}: {period.reason()}"
    evidence = tuple(c.evidence for c in period.accepted if c.evidence)
    return Publication(None, period.earliest, period.latest, "inferred", reason, evidence)


def _range(period: ContentPeriod) -> str:
    lo = period.earliest.isoformat() if period.earliest else "?"
    hi = period.latest.isoformat() if period.latest else "open"
    return lo if lo == hi else f"{lo}..{hi}"
