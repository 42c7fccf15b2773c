"""contradicts_reference: the report dates a timeline fact differently from the reference timeline."""

from __future__ import annotations

import datetime as dt
import re

from incidentdb.extract.dates import DateMention, find_dates, resolve
from incidentdb.packs.timeline import Fact, Timeline
from incidentdb.records import Check, Document, Publication, Span

_GAP_AFTER = re.compile(r"^[ ,]*(?:\(|\b(?:in|on|of|during|at|from)\b)?[ ,]*$", re.IGNORECASE)
_GAP_BEFORE = re.compile(r"^[ ,]*(?:\bthe\b)?[ ,]*$", re.IGNORECASE)
_MAX_GAP = 14
_NOT_THE_FACT = re.compile(
    r"\b(anniversary|anniversaries|commemorat\w*|years? (after|since|before)|months? (after|since|before)|"
    r"ahead of)\b[^.]*$",
    re.IGNORECASE,
)
_TOLERANCE = dt.timedelta(days=1)


def _fact_window(fact: Fact) -> tuple[dt.date, dt.date]:
    return fact.start - _TOLERANCE, (fact.end or fact.start) + _TOLERANCE


def _date_attached(text: str, fact_span: Span, dm: DateMention) -> bool:
    if dm.span.start >= fact_span.end:
        gap = text[fact_span.end : dm.span.start]
        return len(gap) <= _MAX_GAP and bool(_GAP_AFTER.match(gap))
    if dm.span.end <= fact_span.start:
        gap = text[dm.span.end : fact_span.start]
        return len(gap) <= 4 and bool(_GAP_BEFORE.match(gap))
    return False


def _disagrees(fact: Fact, dm: DateMention, pub: Publication) -> bool:
    lo, hi = _fact_window(fact)
    if (
        dm.month
        and dm.day
        and fact.end in (None, fact.start)
        and (dm.month, dm.day)
        == (
            fact.start.month,
            fact.start.day,
        )
    ):
        return False  # the same day of another year: an anniversary, not another date for the fact
    if dm.kind in ("date", "month_year", "year"):
        interval = resolve(dm, pub)
        if interval.start is None or interval.end is None:
            return False
        return interval.end < lo or interval.start > hi
    if dm.kind == "day_month" and dm.month and dm.day and not dm.alt:
        # no year written: compare the day and month with every year the fact spans
        for year in range(lo.year, hi.year + 1):
            try:
                if lo <= dt.date(year, dm.month, dm.day) <= hi:
                    return False
            except ValueError:
                continue
        return True
    return False


def _quote(text: str, a: Span, b: Span) -> Span:
    start, end = min(a.start, b.start), max(a.end, b.end)
    if text[max(0, start - 4) : start].lower() == "the ":
        start -= 4
    return Span.of(text, start, end)


def contradicts_reference_checks(doc: Document, pub: Publication, timeline: Timeline) -> list[Check]:
    text = doc.text
    mentions = [d for d in find_dates(text, exclude=doc.noise) if not d.since]
    checks: list[Check] = []
    for fm in timeline.find(text, doc.noise, for_checks=True):
        fact = fm.fact
        if not fact.check_dates or fact.kind not in ("event", "period", "status"):
            continue
        sentence_start = max(text.rfind(". ", 0, fm.span.start), text.rfind("\n", 0, fm.span.start)) + 1
        if _NOT_THE_FACT.search(text[sentence_start : fm.span.start]):
            continue
        for dm in mentions:
            if not _date_attached(text, fm.span, dm) or not _disagrees(fact, dm, pub):
                continue
            when = fact.start.isoformat()
            if fact.end and fact.end != fact.start:
                when = f"{fact.start} to {fact.end}"
            message = (
                f"The report dates this to '{dm.span.quote}', but the reference timeline has "
                f"'{fact.description.rstrip('.')}' on {when} (source: {fact.source})."
            )
            checks.append(Check("contradicts_reference", message, _quote(text, fm.span, dm.span)))
            break
    return checks
