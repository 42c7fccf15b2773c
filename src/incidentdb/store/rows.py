"""Conversions between the pipeline's records and the store's rows (one place, so the repository only moves them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from incidentdb.contract import mention_json
from incidentdb.records import COUNT_CATEGORIES, Check, Document, Mention, Span
from incidentdb.store import models as m
from incidentdb.store.codec import to_json


def _span_json(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "quote": span.quote}


def _span(data: Mapping[str, Any] | None) -> Span | None:
    return None if data is None else Span(int(data["start"]), int(data["end"]), str(data["quote"]))


def _document(row: m.DocumentVersionRow) -> Document:
    return Document(
        id=row.sha256,
        source=row.source,
        raw=row.raw,
        text=row.text,
        encoding=row.encoding,
        media_type=row.media_type,
        title=row.title,
        url=row.url,
        published_stated=row.published_stated,
        published_basis=row.published_basis,  # type: ignore[arg-type]
        published_evidence=_span(row.published_evidence),
        fetched_at=row.fetched_at,
        noise=tuple(s for s in (_span(n) for n in row.noise) if s is not None),
        removed=tuple(row.removed),
    )


def _mention_row(sha: str, idx: int, mention: Mention) -> m.MentionRow:
    date, place = mention.date, mention.location
    counts = mention.counts
    row = m.MentionRow(
        document_sha256=sha,
        idx=idx,
        kind=mention.kind,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        date_start=date.start if date else None,
        date_end=date.end if date else None,
        precision=date.precision if date else None,
        weekday=date.weekday if date else None,
        place_name=place.name if place else None,
        admin1=place.admin1 if place else None,
        country=place.country if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        geo_precision=place.geo_precision if place else None,
        actor1=mention.actor1,
        actor2=mention.actor2,
        contract=mention_json(mention),
        record=to_json(mention),
    )
    for category in ("killed", "injured"):
        count = counts.get(category)
        if count is not None:
            setattr(row, f"{category}_low", count.low)
            setattr(row, f"{category}_best", count.best)
            setattr(row, f"{category}_high", count.high)
    for category in ("captured", "missing", "displaced"):
        count = counts.get(category)
        setattr(row, f"{category}_best", count.best if count else None)
    for category in COUNT_CATEGORIES:
        count = counts.get(category)
        for claim in count.claims if count else ():
            row.claims.append(
                m.ClaimRow(
                    category=category,
                    low=claim.low,
                    high=claim.high,
                    vague=claim.vague,
                    claimant=claim.claimant,
                    quote=claim.span.quote,
                    start=claim.span.start,
                    end=claim.span.end,
                )
            )
    row.evidence = [m.EvidenceSpanRow(quote=s.quote, start=s.start, end=s.end) for s in mention.evidence]
    return row


def _check_row(sha: str, idx: int, check: Check) -> m.CheckRow:
    span = check.span
    return m.CheckRow(
        document_sha256=sha,
        idx=idx,
        kind=check.kind,
        message=check.message,
        severity=check.severity,
        quote=span.quote if span else None,
        start=span.start if span else None,
        end=span.end if span else None,
        record=to_json(check),
    )


def _incident_columns(data: Mapping[str, Any]) -> dict[str, Any]:
    date = data.get("date") or {}
    place = data.get("location") or {}
    killed = data.get("killed") or {}
    injured = data.get("injured") or {}

    def day(value: Any) -> dt.date | None:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None

    return {
        "event_type": data.get("event_type"),
        "sub_event_type": data.get("sub_event_type"),
        "date_start": day(date.get("start")),
        "date_end": day(date.get("end")),
        "precision": date.get("precision"),
        "place_name": place.get("name"),
        "admin1": place.get("admin1"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "killed_low": killed.get("low"),
        "killed_best": killed.get("best"),
        "killed_high": killed.get("high"),
        "injured_low": injured.get("low"),
        "injured_best": injured.get("best"),
        "injured_high": injured.get("high"),
        "grade": data.get("grade"),
        "grade_reason": data.get("grade_reason"),
        "conflicts": list(data.get("conflicts") or []),
    }
