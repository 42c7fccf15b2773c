"""Serialise records into the JSON output contract (../shared/CONTRACT.md). Keys here are a public promise."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from incidentdb.records import COUNT_CATEGORIES, Check, Count, DateInterval, Extraction, Mention, Place, Span


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def span_json(span: Span) -> dict[str, Any]:
    return {"quote": span.quote, "start": span.start, "end": span.end}


def _date_json(date: DateInterval | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {
        "start": _iso(date.start),
        "end": _iso(date.end),
        "precision": date.precision,
        "weekday": date.weekday,
    }


def _place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": place.geo_precision,
    }


def _count_json(count: Count | None) -> dict[str, Any] | None:
    if count is None:
        return None
    return {
        "low": count.low,
        "best": count.best,
        "high": count.high,
        "vague": count.vague,
        "claims": [
            {
                "low": c.low,
                "high": c.high,
                "vague": c.vague,
                "claimant": c.claimant,
                **span_json(c.span),
            }
            for c in count.claims
        ],
    }


def mention_json(mention: Mention) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": mention.kind,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "date": _date_json(mention.date),
        "location": _place_json(mention.location),
        "places": [_place_json(p) for p in mention.places],
        "actor1": mention.actor1,
        "actor2": mention.actor2,
    }
    for category in COUNT_CATEGORIES:
        out[category] = _count_json(mention.counts.get(category))
    out["evidence"] = [span_json(s) for s in mention.evidence]
    return out


def check_json(check: Check) -> dict[str, Any]:
    span = check.span
    return {
        "kind": check.kind,
        "message": check.message,
        "quote": span.quote if span else None,
        "start": span.start if span else None,
        "end": span.end if span else None,
    }


def to_contract(extraction: Extraction) -> dict[str, Any]:
    """One document's output object, exactly as CONTRACT.md describes it (plus additive keys)."""
    doc = extraction.document
    pub = extraction.publication
    return {
        "document": {
            "id": doc.id,
            "source": doc.source,
            "title": doc.title,
            "published": {
                "date": _iso(pub.date),
                "earliest": _iso(pub.earliest),
                "latest": _iso(pub.latest),
                "basis": pub.basis,
                "reason": pub.reason,
            },
            "noise": [{"start": s.start, "end": s.end} for s in doc.noise],
        },
        "mentions": [mention_json(m) for m in extraction.mentions],
        "checks": [check_json(c) for c in extraction.checks],
        "extractor": extraction.extractor,
    }


@lru_cache(maxsize=1)
def contract_schema() -> dict[str, Any]:
    """The JSON Schema of one document's output (src/incidentdb/schema/extract.schema.json)."""
    text = resources.files("incidentdb.schema").joinpath("extract.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
