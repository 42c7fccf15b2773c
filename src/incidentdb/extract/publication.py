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

from incidentdb.extract.dates import (
    DateMention,
    day_month_candidates,
    find_dates,
    first_weekday_on_or_after,
    month_bounds,
)
from incidentdb.log import get_logger
from incidentdb.packs.timeline import Fact, FactMatch, Timeline
from incidentdb.records import Document, Publication, PublishedBasis, Span

log = get_logger(__name__)

DATELINE_LINES = 12  # a stated date sits in the first lines (byline, dateline)
DATELINE_MAX_EXTRA = 45  # characters besides the date on a dateline
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
    r"fugitive|fled|deposed|under)\b[\s-]*(\w+\s+){0,2}$",
    re.IGNORECASE,
)
_CURRENT = re.compile(
    r"\b(current(ly)?|ongoing|now|still|continues?|continuing|under way|underway|present)\b"
)
_MONTH_ONLY = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b(?![\w-]| \d)"
)
_PUBLISHED_WORDS = re.compile(r"\b(published|updated|posted|date|last modified)\b", re.IGNORECASE)
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


# ------------------------------------------------------------------------------------------- stated date


def find_dateline(doc: Document) -> tuple[dt.date, Span] | None:
    """A publication date written in the first lines: a short line that is mostly a full date (with or
    without a time or 'Published'/'Updated'), outside noise spans."""
    import dateparser  # lazy: importing dateparser costs ~0.3 s

    text = doc.text
    offset = 0
    for line_no, line in enumerate(text.split("\n")):
        if line_no >= DATELINE_LINES:
            break
        start = offset + (len(line) - len(line.lstrip()))
        end = offset + len(line.rstrip())
        offset += len(line) + 1
        if end <= start:
            continue
        span = Span.of(text, start, end)
        if _in_any(span, doc.noise):
            continue
        for dm in find_dates(span.quote):
            if dm.kind != "date" or dm.year is None or dm.month is None or dm.day is None or dm.alt:
                continue
            extra = len(span.quote) - len(dm.span.quote)
            if extra > DATELINE_MAX_EXTRA and not _PUBLISHED_WORDS.search(span.quote):
                continue
            when = dt.date(dm.year, dm.month, dm.day)
            parsed = dateparser.parse(
                span.quote, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
            )
            if parsed is not None and parsed.date() != when:
                continue  # the line says something else than the date we found
            return when, span
    return None


def stated_publication(doc: Document) -> tuple[dt.date, PublishedBasis, Span | None] | None:
    """The date the document states for itself: ingest metadata first, then a dateline."""
    if doc.published_stated:
        basis: PublishedBasis = (
            doc.published_basis if doc.published_basis in ("stated", "metadata") else "stated"
        )
        return doc.published_stated, basis, doc.published_evidence
    found = find_dateline(doc)
    if found:
        return found[0], "stated", found[1]
    return None


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
        if _FUTURE_DATE.search(before):
            continue
        if dm.kind == "date" and dm.year and dm.month and dm.day:
            first = dt.date(dm.year, dm.month, dm.day)
            if dm.alt:
                first = min(first, dt.date(dm.year, *dm.alt))
            out.append(Constraint(first, None, 3, f"the text dates an event '{dm.span.quote}'", dm.span))
        elif dm.kind == "month_year" and dm.year and dm.month:
            first = month_bounds(dm.year, dm.month, dm.part)[0]
            out.append(Constraint(first, None, 3, f"the text mentions '{dm.span.quote}'", dm.span))
        elif dm.kind == "year" and dm.year:
            out.append(Constraint(dt.date(dm.year, 1, 1), None, 3, f"the text mentions {dm.year}", dm.span))
    return out


def _fact_constraints(text: str, matches: Sequence[FactMatch]) -> list[Constraint]:
    out: list[Constraint] = []
    for fm in matches:
        fact, span = fm.fact, fm.span
        before = _before_in_sentence(text, span)
        if _HYPOTHETICAL.search(before):
            continue
        start, end = _sentence(text, span)
        sentence = text[start:end]
        reason = f"'{span.quote}' refers to a fact dated {fact.implied_from}: {fact.description.rstrip('.')}"
        out.append(Constraint(fact.implied_from, None, 2, reason, span, fact.id))
        until = fact.implied_until
        if fact.kind == "name" and until and fact.upper_bound:
            context = text[max(start, span.start - 40) : min(end, span.end + 40)]
            if not _NOT_CURRENT_NAME.search(context):
                reason = f"uses the name '{span.quote}', used until {until}"
                out.append(Constraint(None, until, 2, reason, span, fact.id))
        elif (
            fact.kind == "office"
            and until
            and not _NOT_IN_OFFICE.search(text[max(start, span.start - 40) : span.start])
        ):
            reason = f"calls {fact.holder} {fact.office} ('{span.quote}'), an office held until {until}"
            out.append(Constraint(None, until, 2, reason, span, fact.id))
        elif fact.kind == "period" and fact.end:
            out.extend(_period_constraints(fact, span, sentence, start))
    return out


def _period_constraints(fact: Fact, span: Span, sentence: str, sentence_start: int) -> list[Constraint]:
    """A period named as current, or with bare month names ("monitors in December and January"): the
    writing day is within the year those months point back to."""
    assert fact.end is not None
    out = []
    if _CURRENT.search(sentence):
        latest = fact.end + STATED_GRACE_AFTER
        out.append(
            Constraint(None, latest, 2, f"speaks of {fact.period or fact.id} as current", span, fact.id)
        )
    for m in _MONTH_ONLY.finditer(sentence):
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


def _month_in(fact: Fact, year: int, month: int) -> bool:
    assert fact.end is not None
    lo, hi = month_bounds(year, month)
    return lo <= fact.end and fact.start <= hi


def _day_month_constraints(
    mentions: Sequence[DateMention], earliest: dt.date | None, latest: dt.date | None, text: str
) -> list[Constraint]:
    """Day-month dates take a year from the evidence so far; the first fitting year is the news one."""
    if earliest is None:
        return []
    out = []
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
        out.append(Constraint(first, None, 2, f"{label} can be no earlier than {first}", dm.span))
        fresh = [d for d in options if d >= earliest - dt.timedelta(days=1)] or options
        if len(options) > 1 and fresh[0] != first:
            why = f"{label} read as recent news: {fresh[0]} is the first date that fits the other evidence"
            out.append(Constraint(fresh[0], None, 1, why, dm.span))
        elif dm.weekday and latest is None:
            why = f"{label}: {first.year} is the first year that fits in which it is a {dm.weekday}"
            out[-1] = Constraint(first, None, 2, why, dm.span)
    return out


def _weekday_constraints(
    text: str, mentions: Sequence[DateMention], dated: Sequence[DateMention], earliest: dt.date | None
) -> list[Constraint]:
    """Bare weekdays told after the latest dated event are the days after it, within the week before
    the writing day."""
    if earliest is None:
        return []
    fixed = []
    for dm in dated:
        if dm.kind == "day_month" and dm.month and dm.day:
            options = day_month_candidates(dm.month, dm.day, earliest, earliest, dm.weekday)
            if len(options) == 1:
                fixed.append((dm, options[0]))
        elif dm.kind == "date" and dm.year and dm.month and dm.day and not dm.alt:
            fixed.append((dm, dt.date(dm.year, dm.month, dm.day)))
    if not fixed:
        return []
    anchor_dm, anchor = max(fixed, key=lambda pair: pair[1])
    days = [
        (dm, first_weekday_on_or_after(anchor, dm.weekday))
        for dm in mentions
        if dm.kind == "weekday"
        and dm.weekday
        and dm.relation != "next"
        and dm.span.start > anchor_dm.span.start
    ]
    if not days:
        return []
    lo = max(d for _, d in days)
    hi = min(d for _, d in days) + dt.timedelta(days=6)
    names = ", ".join(sorted({dm.span.quote for dm, _ in days}))
    reason = f"weekdays ({names}) told after {anchor} fall in the week before writing"
    return [Constraint(lo, hi, 1, reason, days[0][0].span)]


def content_period(doc: Document, timeline: Timeline, *, ignore: Sequence[Span] = ()) -> ContentPeriod:
    """The writing interval the text itself supports, leaving out ``ignore`` (e.g. the stated dateline)."""
    text = doc.text
    excluded = (*doc.noise, *ignore)
    mentions = find_dates(text, exclude=excluded)
    constraints = _date_constraints(text, mentions) + _fact_constraints(text, timeline.find(text, excluded))
    first = _solve(constraints)
    constraints += _day_month_constraints(mentions, first.earliest, first.latest, text)
    second = _solve(constraints)
    constraints += _weekday_constraints(text, mentions, mentions, second.earliest)
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


def contradicts_stated(stated: dt.date, period: ContentPeriod) -> bool:
    """True when the content cannot have been written on the stated date: one violated date in the text,
    or two independent timeline facts."""
    broken = violations(stated, period)
    if any(c.strength >= 3 for c in broken):
        return True
    return len({c.fact_id or c.reason for c in broken}) >= 2


def infer_publication(doc: Document, timeline: Timeline) -> Publication:
    """When ``doc`` was written: its stated date if it has one (with the content interval as earliest/latest
    when the content contradicts it), else the interval its content supports, with the reason."""
    stated = stated_publication(doc)
    ignore = (stated[2],) if stated and stated[2] else ()
    period = content_period(doc, timeline, ignore=ignore)
    evidence = tuple(c.evidence for c in period.accepted if c.evidence)
    if stated:
        when, basis, span = stated
        if period.known and contradicts_stated(when, period):
            reason = f"stated {when}, but the content was written {_range(period)}: {period.reason()}"
            log.info("publication_contradicted", doc=doc.id[:12], stated=str(when), content=_range(period))
            return Publication(
                when, period.earliest, period.latest, basis, reason, ((span,) if span else ()) + evidence
            )
        quote = f" ('{span.quote}')" if span else ""
        return Publication(when, when, when, basis, f"stated{quote}", (span,) if span else ())
    if not period.known:
        return Publication(None, None, None, "unknown", "no stated date and no dating clue in the text")
    reason = f"inferred {_range(period)}: {period.reason()}"
    return Publication(None, period.earliest, period.latest, "inferred", reason, evidence)


def _range(period: ContentPeriod) -> str:
    lo = period.earliest.isoformat() if period.earliest else "?"
    hi = period.latest.isoformat() if period.latest else "open"
    return lo if lo == hi else f"{lo}..{hi}"
