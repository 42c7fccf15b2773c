"""When was a report written? The stated date, else an interval inferred from its content, with the basis.

Clues (:mod:`incidentdb.extract.clues`) constrain the writing day P: the text's own anchors ("Yesterday,
November 24, 2025" gives P = 2025-11-25), dated events (P is on or after them), the reference timeline
(facts described as having happened, names in use, office holders in the present tense, periods named
with bare months), then what needs the evidence so far: day-month dates and wire datelines take the first
year that fits, and bare weekdays told after the latest dated news event fall within the week before P.

Constraints are applied strongest first; one that would leave no possible day is set aside (reported as a
conflict), so a single stale name cannot override the rest. Dates inside noise spans (teasers) never count.
A stated date is kept, but when the content cannot have been written then (a republished or misdated
article), earliest..latest give the content's writing period instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from incidentdb.extract.clues import (
    FUTURE_DATE,
    REFERENCE_POINT,
    Constraint,
    before_in_sentence,
    date_clues,
    fact_clues,
    years_later_clues,
)
from incidentdb.extract.dateline import WireDateline, find_dateline, find_wire_dateline, stated_publication
from incidentdb.extract.dates import (
    WEEKDAYS,
    DateMention,
    day_month_candidates,
    find_dates,
    first_weekday_on_or_after,
    valid_day,
)
from incidentdb.log import get_logger
from incidentdb.packs.timeline import Timeline
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

_UPDATE_LABEL = re.compile(r"\b(updated|modified|last edited|edited on)\b", re.IGNORECASE)
STATED_GRACE_BEFORE = dt.timedelta(days=2)  # time zones, late edits
STATED_GRACE_AFTER = dt.timedelta(days=31)  # reports may be posted some days after they were written


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
        if FUTURE_DATE.search(before_in_sentence(text, dm.span, 60)):
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
        if REFERENCE_POINT.search(before_in_sentence(text, dm.span, 80)):
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


# "a war monitor said on Thursday": in wire copy the statement is of the dateline's day or the day before
_SAID_ON_WEEKDAY = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|confirmed|declared)\s+(?:late\s+|early\s+)?on\s+("
    + "|".join(WEEKDAYS)
    + r")\b"
)


def _wire_constraints(wire: WireDateline | None, solved: _Solver, text: str = "") -> list[Constraint]:
    """A wire dateline gives the writing day's day and month; the evidence gives the year, and among the
    years it allows, the weekday of the statement the report quotes picks the first that fits."""
    if wire is None or solved.earliest is None:
        return []
    hi = solved.latest or solved.earliest + dt.timedelta(days=366 * 8)
    years = [
        y
        for y in range(solved.earliest.year, hi.year + 1)
        if valid_day(y, wire.month, wire.day) and solved.earliest <= dt.date(y, wire.month, wire.day) <= hi
    ]
    if not years:
        return []
    day = dt.date(years[0], wire.month, wire.day)
    if len(years) == 1 and solved.latest is not None:
        reason = f"dateline '{wire.span.quote}' in the only year the evidence allows"
        return [Constraint(day, day, 3, reason, wire.span, day_precise=True)]
    said = _SAID_ON_WEEKDAY.search(text)
    if said is not None:
        weekday = WEEKDAYS.index(said.group(1))
        # the statement was made on the day filed or, for a story filed overnight, the day before
        fitting = [y for y in years if (weekday - dt.date(y, wire.month, wire.day).weekday()) % 7 in (0, 6)]
        if fitting and fitting[0] != years[0]:
            day = dt.date(fitting[0], wire.month, wire.day)
            reason = (
                f"dateline '{wire.span.quote}' read in the first year that fits the evidence and in which "
                f"'{said.group(0)}' is that day or the day before ({fitting[0]})"
            )
            return [Constraint(day, day, 2, reason, wire.span, day_precise=True)]
    reason = f"dateline '{wire.span.quote}' read in the first year that fits the evidence ({years[0]})"
    return [Constraint(day, day, 2, reason, wire.span, day_precise=True)]


def content_period(doc: Document, timeline: Timeline, *, ignore: Sequence[Span] = ()) -> ContentPeriod:
    """The writing interval the text itself supports, leaving out ``ignore`` (e.g. the stated dateline)."""
    text = doc.text
    wire = find_wire_dateline(doc)
    excluded = (*doc.noise, *ignore, *((wire.span,) if wire else ()))
    mentions = find_dates(text, exclude=excluded)
    with_year = [d.span.start for d in mentions if d.kind in ("date", "month_year", "year")]
    constraints = date_clues(text, mentions) + years_later_clues(text, mentions, excluded)
    constraints += fact_clues(text, timeline.find(text, excluded), min(with_year, default=None))
    first = _solve(constraints)
    constraints += _day_month_constraints(mentions, first.earliest, first.latest, text, wire is None)
    constraints += _wire_constraints(wire, first, text)
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


def contradicts_stated(
    stated: dt.date, period: ContentPeriod, extra: Sequence[Constraint] = (), *, update_date: bool = False
) -> bool:
    """True when the content cannot have been written on the stated date: one violated date in the text,
    or two independent clues of which at least one is not an old name (old names are often used for
    history, so they never decide alone). An ``update_date`` ("Updated: 14 June 2021") says when the page
    changed, not when the text was written: one clue against it is enough."""
    broken = [*violations(stated, period), *extra]
    if any(c.strength >= 3 for c in broken) or (update_date and broken):
        return True
    independent = {c.fact_id or c.reason for c in broken}
    return len(independent) >= 2 and any(not c.name_only for c in broken)


def weekday_dates_after(doc: Document, stated: dt.date, exclude: Sequence[Span] = ()) -> list[Constraint]:
    """Weekday-and-date pairs ("Saturday, October 12") that, read in the stated year, fall after the stated
    date and fit the weekday there, while the year before does not fit: events dated after the stated date.
    (A pair whose plain reading is before the stated date but on another weekday is a wrong weekday.)"""
    out = []
    for dm in find_dates(doc.text, exclude=(*doc.noise, *exclude)):
        if dm.kind != "day_month" or not dm.weekday or not dm.month or not dm.day or dm.alt:
            continue
        if FUTURE_DATE.search(before_in_sentence(doc.text, dm.span, 60)):
            continue  # "will be held on Saturday, March 8"
        if not valid_day(stated.year, dm.month, dm.day):
            continue
        same_year = dt.date(stated.year, dm.month, dm.day)
        if same_year <= stated + STATED_GRACE_BEFORE or same_year.strftime("%A") != dm.weekday:
            continue
        before = day_month_candidates(dm.month, dm.day, stated, stated)
        if any(d.strftime("%A") == dm.weekday for d in before):
            continue
        reason = f"'{dm.weekday} … {dm.span.quote}' is {same_year}, after the stated date"
        out.append(Constraint(same_year, None, 3, reason, dm.span, day_precise=True))
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
    update_date = bool(span and _UPDATE_LABEL.search(span.quote))
    if (period.known or extra) and contradicts_stated(stated, period, extra, update_date=update_date):
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
