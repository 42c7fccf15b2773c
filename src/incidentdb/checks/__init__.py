"""Report checks: misdated, republished, weekday_mismatch, contradicts_reference, undated, date_conflict.

:func:`run_checks` looks at one extracted document against the region's reference timeline;
:func:`date_conflict_checks` compares the dates of mentions that linking put in the same incident.
Every check carries a kind, a message a reviewer understands, and a quote with offsets into the
document's text (or none when the problem is an absence, as for ``undated``).
"""

from __future__ import annotations

from incidentdb.checks.conflicts import date_conflict_checks, date_conflicts_indexed
from incidentdb.checks.dating import misdated_check, stated_and_span, undated_check, weekday_mismatch_checks
from incidentdb.checks.reference import contradicts_reference_checks
from incidentdb.checks.republished import credited_copy, explicit_republication
from incidentdb.extract.publication import check_stated
from incidentdb.packs.timeline import Timeline
from incidentdb.records import Check, Extraction

__all__ = ["date_conflict_checks", "date_conflicts_indexed", "run_checks"]


def run_checks(extraction: Extraction, timeline: Timeline) -> tuple[Check, ...]:
    """Every report-level check for one document, in a stable order."""
    doc, pub = extraction.document, extraction.publication
    checks: list[Check] = []
    stated = stated_and_span(doc)
    content_older: str | None = None
    if stated:
        when, span = stated
        verdict = check_stated(doc, timeline, when, span)
        if verdict.broken:
            checks.append(misdated_check(when, span, verdict))
            period = verdict.period
            if period.latest and period.latest < when:
                lo = period.earliest.isoformat() if period.earliest else "an earlier time"
                content_older = f"{lo} to {period.latest}, before the stated {when}"
    checks += explicit_republication(doc)
    if not any(c.kind == "republished" for c in checks):
        checks += credited_copy(doc, content_older)
    checks += weekday_mismatch_checks(doc, pub)
    checks += contradicts_reference_checks(doc, pub, timeline)
    undated = undated_check(doc, pub)
    if undated:
        checks.append(undated)
    return tuple(checks)
