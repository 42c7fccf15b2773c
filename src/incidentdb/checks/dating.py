"""Checks on the report's own date: misdated, undated, weekday_mismatch."""

from __future__ import annotations

import datetime as dt

from incidentdb.extract.dates import WEEKDAYS, DateMention, find_dates, resolve
from incidentdb.extract.publication import StatedCheck, stated_publication
from incidentdb.records import Check, Document, Publication, Span


def misdated_check(stated: dt.date, stated_span: Span | None, verdict: StatedCheck) -> Check:
    """A report whose stated date the content contradicts (``verdict.broken`` says how)."""
    clues = "; ".join(c.reason for c in verdict.broken[:3])
    period = verdict.period
    when = ""
    if period.earliest or period.latest:
        lo = period.earliest.isoformat() if period.earliest else "?"
        hi = period.latest.isoformat() if period.latest else "later"
        when = f" The content points to {lo} to {hi}; dates in the text were resolved against that period."
    message = f"The stated date {stated} cannot be when this was written: {clues}.{when}"
    return Check("misdated", message, stated_span)


def undated_check(doc: Document, pub: Publication) -> Check | None:
    """No stated date and the writing day is not fixed by the text: relative dates stay intervals."""
    if pub.date is not None or (pub.earliest is not None and pub.earliest == pub.latest):
        return None
    if pub.earliest or pub.latest:
        lo = pub.earliest.isoformat() if pub.earliest else "?"
        hi = pub.latest.isoformat() if pub.latest else "open"
        message = (
            f"No publication date is stated and the text does not fix the writing day; it was written "
            f"between {lo} and {hi} ({pub.reason or 'inferred from the content'}). Relative dates such as "
            f"'Thursday' or 'yesterday' are kept as intervals."
        )
    else:
        message = (
            "No publication date is stated and nothing in the text fixes the year: relative dates "
            "('Thursday', 'yesterday') and dates without a year cannot be placed."
        )
    return Check("undated", message, None)


def _weekday_quote(doc: Document, dm: DateMention) -> Span:
    spans = [dm.span] + ([dm.weekday_span] if dm.weekday_span else [])
    return Span.of(doc.text, min(s.start for s in spans), max(s.end for s in spans))


def weekday_mismatch_checks(doc: Document, pub: Publication) -> list[Check]:
    """A weekday written with a date that is not that date's weekday (in the year given or fixed).

    Each mismatch is reported twice: as ``weekday_mismatch`` and as ``date_conflict`` (the report's own
    date statements disagree), since reviewers and gold files file it under either name."""
    checks = []
    for dm in find_dates(doc.text, exclude=doc.noise):
        if not dm.weekday or dm.kind not in ("date", "day_month"):
            continue
        day = _mismatched_day(dm, pub)
        if day is None:
            continue
        quote = _weekday_quote(doc, dm)
        actual = WEEKDAYS[day.weekday()]
        message = (
            f"'{dm.weekday}' does not fit {day:%d %B %Y}, which was a {actual}: either the weekday or the "
            f"date (or the year it was read in) is wrong."
        )
        checks.append(Check("weekday_mismatch", message, quote))
        conflict = (
            f"The report's own dates disagree: it calls {day:%d %B %Y} a {dm.weekday}, but that day was a "
            f"{actual}, so the event is either on {day:%d %B} or on the {dm.weekday} next to it."
        )
        checks.append(Check("date_conflict", conflict, quote))
    return checks


def _mismatched_day(dm: DateMention, pub: Publication) -> dt.date | None:
    """The date ``dm`` names when its weekday does not fit it; None when it fits or the year is open."""
    assert dm.weekday
    if dm.kind == "date" and dm.year and dm.month and dm.day:
        readings = [dt.date(dm.year, dm.month, dm.day)]
        if dm.alt:
            readings.append(dt.date(dm.year, *dm.alt))
    else:
        interval = resolve(DateMention(dm.span, dm.kind, month=dm.month, day=dm.day, alt=dm.alt), pub)
        if interval.start is None or interval.start != interval.end:
            return None  # the year is not fixed: any weekday may fit
        readings = [interval.start]
        following = _same_day_next_year(interval.start)
        if (
            following
            and pub.date
            and following.year == pub.date.year
            and following > pub.date
            and WEEKDAYS[following.weekday()] == dm.weekday
        ):
            return None  # later in the stated year and fits there: a misdated report, not a wrong weekday
    if any(WEEKDAYS[d.weekday()] == dm.weekday for d in readings):
        return None
    return readings[0]


def _same_day_next_year(day: dt.date) -> dt.date | None:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return None


def stated_and_span(doc: Document) -> tuple[dt.date, Span | None] | None:
    found = stated_publication(doc)
    return (found[0], found[2]) if found else None
