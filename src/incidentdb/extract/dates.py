"""Dates in report text resolved against when the report was written.

:func:`find_dates` (from :mod:`incidentdb.extract.date_finder`) finds every date expression with its span;
:func:`resolve` turns one into a :class:`DateInterval` against a :class:`Publication`, with ACLED precision
(1 day, 2 a week or span of days, 3 a month or wider). A day and month without a year take their year from
the publication date or interval, and stay an interval when that leaves more than one year possible; without
a publication date nothing is given a year.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from incidentdb.extract.date_finder import (
    DATELINE_LINES,
    NUMERIC_DATELINE,
    PART_RANGES,
    WEEKDAYS,
    WIRE_DATELINE,
    DateKind,
    DateMention,
    find_dates,
    head_end,
    valid_day,
    wire_dateline_spans,
)
from incidentdb.records import DateInterval, Publication

__all__ = [
    "DATELINE_LINES",
    "NUMERIC_DATELINE",
    "WEEKDAYS",
    "WIRE_DATELINE",
    "DateKind",
    "DateMention",
    "day_month_candidates",
    "find_dates",
    "first_weekday_on_or_after",
    "head_end",
    "month_bounds",
    "most_recent_weekday",
    "precision_of",
    "publication_window",
    "resolve",
    "resolve_all",
    "valid_day",
    "wire_dateline_spans",
]


# --------------------------------------------------------------------------------------------- resolution


def precision_of(start: dt.date, end: dt.date) -> int:
    """ACLED time precision of an interval: 1 one day, 2 up to a week (or part of a month), 3 wider."""
    days = (end - start).days
    if days <= 0:
        return 1
    return 2 if days <= 10 else 3


def month_bounds(year: int, month: int, part: str | None = None) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    lo, hi = PART_RANGES.get(part or "", (1, last))
    if lo < 1:  # the last week: counted back from the month's last day
        lo = last + lo
    return dt.date(year, month, lo), dt.date(year, month, min(hi, last))


def weekday_index(name: str) -> int:
    return WEEKDAYS.index(name.capitalize())


def most_recent_weekday(on_or_before: dt.date, weekday: str) -> dt.date:
    back = (on_or_before.weekday() - weekday_index(weekday)) % 7
    return on_or_before - dt.timedelta(days=back)


def first_weekday_on_or_after(day: dt.date, weekday: str) -> dt.date:
    return day + dt.timedelta(days=(weekday_index(weekday) - day.weekday()) % 7)


def day_month_candidates(
    month: int, day: int, earliest: dt.date, latest: dt.date, weekday: str | None = None
) -> list[dt.date]:
    """Dates ``day``/``month`` that are the most recent such day on or before some writing day in
    ``earliest..latest``, matching ``weekday`` when given (the weekday is dropped if nothing matches)."""
    found = []
    for year in range(earliest.year - 1, latest.year + 1):
        if not valid_day(year, month, day):
            continue
        when = dt.date(year, month, day)
        following = next(
            (dt.date(y, month, day) for y in range(year + 1, year + 9) if valid_day(y, month, day)), None
        )
        if when <= latest and (following is None or following > earliest):
            found.append(when)
    if weekday:
        matching = [d for d in found if WEEKDAYS[d.weekday()] == weekday]
        if matching:
            return matching
    return found


def month_candidates(month: int, earliest: dt.date, latest: dt.date) -> list[int]:
    """Years in which ``month`` is the most recent such month that started on or before a writing day."""
    years = []
    for year in range(earliest.year - 1, latest.year + 1):
        start = dt.date(year, month, 1)
        if start <= latest and dt.date(year + 1, month, 1) > earliest:
            years.append(year)
    return years


def publication_window(pub: Publication) -> tuple[dt.date, dt.date] | None:
    """The days the report may have been written on: the content-inferred interval when there is one,
    else the stated date. An open end is closed at the earliest day (reports are dated by their freshest
    evidence; weekdays and relative words keep the end open, see :func:`resolve`). None when nothing is
    known."""
    if pub.earliest or pub.latest:
        lo = pub.earliest or pub.latest
        hi = pub.latest or pub.earliest
        assert lo is not None and hi is not None
        return lo, hi
    if pub.date:
        return pub.date, pub.date
    return None


def _interval(dm: DateMention, start: dt.date, end: dt.date, precision: int | None = None) -> DateInterval:
    return DateInterval(
        start=start,
        end=end,
        precision=precision if precision is not None else precision_of(start, end),
        weekday=dm.weekday,
        evidence=dm.span,
    )


def _unknown(dm: DateMention, end: dt.date | None = None) -> DateInterval:
    return DateInterval(start=None, end=end, precision=3, weekday=dm.weekday, evidence=dm.span)


def _since(dm: DateMention, interval: DateInterval, window: tuple[dt.date, dt.date] | None) -> DateInterval:
    """ "since X": from X until the writing date."""
    if not dm.since or interval.start is None or window is None:
        return interval
    end = max(window[1], interval.start)
    return replace(interval, end=end, precision=precision_of(interval.start, end))


def resolve(dm: DateMention, pub: Publication, *, anchor: dt.date | None = None) -> DateInterval:
    """The interval ``dm`` denotes, given when the report was written.

    ``anchor`` is the date of the event the narrative last dated, for "the following days" / "the next day".
    A year is only taken from the text or the publication window; without either the interval stays open."""
    window = publication_window(pub)
    if window and pub.latest is None and pub.earliest is not None and dm.kind in ("weekday", "relative"):
        return _open_ended(dm, pub.earliest)
    return _since(dm, _resolve(dm, window, anchor), window)


def resolve_all(mentions: Sequence[DateMention], pub: Publication) -> list[DateInterval]:
    """:func:`resolve` for every mention of one document (in text order), giving "the next day" and "in the
    following days" the last day-precise date told before them as anchor."""
    out: list[DateInterval] = []
    anchor: dt.date | None = None
    for dm in sorted(mentions, key=lambda d: d.span.start):
        interval = resolve(dm, pub, anchor=anchor)
        out.append(interval)
        if interval.start is not None and interval.start == interval.end and dm.kind != "period":
            anchor = interval.start
    order = {id(dm): i for i, dm in enumerate(sorted(mentions, key=lambda d: d.span.start))}
    return [out[order[id(dm)]] for dm in mentions]


def _open_ended(dm: DateMention, earliest: dt.date) -> DateInterval:
    """A weekday or relative word when the writing day is only known to be on or after ``earliest``: the
    event is on or after the first such day, with no end."""
    if dm.kind == "weekday" and dm.weekday and dm.relation != "next":
        start = first_weekday_on_or_after(earliest, dm.weekday)
    else:
        start = earliest + dt.timedelta(days=dm.offset_days or 0)
    return DateInterval(start=start, end=None, precision=3, weekday=dm.weekday, evidence=dm.span)


def _resolve(dm: DateMention, window: tuple[dt.date, dt.date] | None, anchor: dt.date | None) -> DateInterval:
    if dm.kind == "date" and dm.year and dm.month and dm.day:
        return _resolve_date(dm)
    if dm.kind == "year" and dm.year:
        return _interval(dm, dt.date(dm.year, 1, 1), dt.date(dm.year, 12, 31), 3)
    if dm.kind == "month_year" and dm.year and dm.month:
        lo, hi = month_bounds(dm.year, dm.month, dm.part)
        return _interval(dm, lo, hi, 2 if dm.part else 3)
    if window is None:
        return _unknown(dm)
    lo, hi = window
    if dm.kind == "day_month" and dm.month and dm.day:
        return _resolve_day_month(dm, lo, hi)
    if dm.kind == "month" and dm.month:
        years = month_candidates(dm.month, lo, hi)
        if not years:
            return _unknown(dm)
        start = month_bounds(years[0], dm.month, dm.part)[0]
        end = month_bounds(years[-1], dm.month, dm.part)[1]
        return _interval(dm, start, end, 2 if dm.part and len(years) == 1 else 3)
    if dm.kind == "relative" and dm.offset_days is not None:
        shift = dt.timedelta(days=dm.offset_days)
        return _interval(dm, lo + shift, hi + shift)
    if dm.kind == "weekday" and dm.weekday:
        return _resolve_weekday(dm, lo, hi)
    if dm.kind == "ago" and dm.unit and dm.amount:
        return _resolve_ago(dm, lo, hi)
    if dm.kind == "period" and dm.relation:
        return _resolve_period(dm, lo, hi, anchor)
    return _unknown(dm)


def _resolve_date(dm: DateMention) -> DateInterval:
    assert dm.year and dm.month and dm.day
    when = dt.date(dm.year, dm.month, dm.day)
    if dm.alt:  # 10/02/2025: a weekday written with it decides; otherwise both readings stay possible
        other = dt.date(dm.year, *dm.alt)
        if dm.weekday and WEEKDAYS[other.weekday()] == dm.weekday != WEEKDAYS[when.weekday()]:
            when = other
        elif not dm.weekday or WEEKDAYS[when.weekday()] != dm.weekday:
            lo, hi = sorted((when, other))
            return _interval(dm, lo, hi, 3 if (hi - lo).days > 10 else 2)
    if dm.day_end:
        return _interval(dm, when, when.replace(day=dm.day_end))
    return _interval(dm, when, when, 1)


def _resolve_day_month(dm: DateMention, lo: dt.date, hi: dt.date) -> DateInterval:
    assert dm.month and dm.day
    options = day_month_candidates(dm.month, dm.day, lo, hi, dm.weekday)
    if dm.alt:
        options += day_month_candidates(dm.alt[0], dm.alt[1], lo, hi, dm.weekday)
    if not options:
        return _unknown(dm)
    options.sort()
    last = options[-1].replace(day=dm.day_end) if dm.day_end else options[-1]
    if len(options) == 1:
        return _interval(dm, options[0], last, None if dm.day_end else 1)
    return _interval(dm, options[0], last, 3)


def _resolve_weekday(dm: DateMention, lo: dt.date, hi: dt.date) -> DateInterval:
    """The most recent such weekday on or before the writing day; for a writing interval, every such
    weekday in it (clipped to the interval when it is wider than a week, since its bounds are themselves
    approximate), so the interval keeps the weekday."""
    assert dm.weekday
    if dm.relation == "next":
        first = first_weekday_on_or_after(lo + dt.timedelta(days=1), dm.weekday)
        last = first_weekday_on_or_after(hi + dt.timedelta(days=1), dm.weekday)
        return _interval(dm, first, last)
    if dm.relation == "last":  # "last Friday": before the writing day, never the day itself
        lo, hi = lo - dt.timedelta(days=1), hi - dt.timedelta(days=1)
    if lo == hi:
        day = most_recent_weekday(hi, dm.weekday)
        return _interval(dm, day, day, 1)
    floor = lo if (hi - lo).days > 7 else lo - dt.timedelta(days=6)
    first = first_weekday_on_or_after(floor, dm.weekday)
    last = most_recent_weekday(hi, dm.weekday)
    if first > last:
        first = last
    return _interval(dm, first, last, 1 if first == last else None)


def _resolve_ago(dm: DateMention, lo: dt.date, hi: dt.date) -> DateInterval:
    assert dm.unit and dm.amount
    n = dm.amount
    if dm.unit == "day":
        return _interval(dm, lo - dt.timedelta(days=n), hi - dt.timedelta(days=n))
    if dm.unit == "week":
        return _interval(dm, lo - dt.timedelta(days=7 * n + 3), hi - dt.timedelta(days=7 * n - 3))
    if dm.unit == "month":
        return _interval(dm, lo - dt.timedelta(days=30 * n + 15), hi - dt.timedelta(days=30 * n - 15), 3)
    start = dt.date(lo.year - n, 1, 1)
    return _interval(dm, start, dt.date(hi.year - n, 12, 31), 3)


def _resolve_period(dm: DateMention, lo: dt.date, hi: dt.date, anchor: dt.date | None) -> DateInterval:
    relation = dm.relation
    monday_lo = lo - dt.timedelta(days=lo.weekday())
    monday_hi = hi - dt.timedelta(days=hi.weekday())
    if relation == "last_week":
        return _interval(dm, monday_lo - dt.timedelta(days=7), monday_hi - dt.timedelta(days=1), 2)
    if relation == "this_week":
        return _interval(dm, monday_lo, hi, 2)
    if relation == "last_weekend":
        start = most_recent_weekday(lo, "Saturday")
        return _interval(dm, start, max(start + dt.timedelta(days=1), most_recent_weekday(hi, "Sunday")))
    if relation == "past_days" and dm.amount:
        return _interval(dm, lo - dt.timedelta(days=dm.amount), hi, 2)
    if relation == "recent_days":
        return _interval(dm, lo - dt.timedelta(days=7), hi, 2)
    if relation == "day_this_month" and dm.day:
        # that day of the month of writing; a writing window across a month's end leaves the month open
        if lo.month == hi.month and valid_day(hi.year, hi.month, dm.day):
            day = hi.replace(day=dm.day)
            return _interval(dm, day, day, 1)
        return _unknown(dm, end=hi)
    if relation == "this_month":
        return _interval(dm, lo.replace(day=1), hi, 3 if (hi - lo.replace(day=1)).days > 10 else 2)
    if relation == "last_month":
        first = (lo.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return _interval(dm, first, hi.replace(day=1) - dt.timedelta(days=1), 3)
    if relation == "this_year":
        return _interval(dm, dt.date(lo.year, 1, 1), hi, 3)
    if relation == "last_year":
        return _interval(dm, dt.date(lo.year - 1, 1, 1), dt.date(hi.year - 1, 12, 31), 3)
    if relation in ("following_days", "next_day"):
        if anchor is None:
            return _unknown(dm, end=hi)
        if relation == "next_day":
            day = anchor + dt.timedelta(days=1)
            return _interval(dm, day, day, 1)
        return _interval(dm, anchor + dt.timedelta(days=1), max(hi, anchor + dt.timedelta(days=1)))
    return _unknown(dm)
