"""Public entry points of the linking stage: mentions in, reconciled and graded incidents out."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from incidentdb.link.blocking import bucket_days
from incidentdb.link.cluster import cluster
from incidentdb.link.embeddings import add_embeddings
from incidentdb.link.features import feature_rows
from incidentdb.link.grade import grade_incident
from incidentdb.link.model import LinkSettings, score
from incidentdb.link.reconcile import (
    reconcile_actors,
    reconcile_date,
    reconcile_figure,
    reconcile_place,
    reconcile_type,
    source_claims,
)
from incidentdb.link.types import Conflict, Figure, Incident, LinkableMention, Member
from incidentdb.log import get_logger
from incidentdb.records import COUNT_CATEGORIES

log = get_logger(__name__)


def incident_id(member_keys: Iterable[str]) -> str:
    """A content id: the same set of mentions always gets the same id."""
    digest = hashlib.sha256("\n".join(sorted(member_keys)).encode("utf-8")).hexdigest()
    return f"inc-{digest[:16]}"


def _member(lm: LinkableMention) -> Member:
    quote = " … ".join(span.quote for span in lm.mention.evidence)
    return Member(
        document=lm.document,
        mention=lm.index,
        quote=quote,
        kind=lm.mention.kind,
        outlet=lm.source_name,
        document_id=lm.document_id,
    )


def build_incident(
    mentions: Sequence[LinkableMention], background: Sequence[LinkableMention] = ()
) -> Incident:
    """Reconcile and grade one group of mentions of the same incident."""
    ordered = sorted(mentions, key=lambda lm: (lm.published or _FAR, lm.document, lm.index))
    conflicts: list[Conflict] = []
    figures: dict[str, Figure] = {}
    for category in COUNT_CATEGORIES:
        figure, conflict = reconcile_figure(ordered, category)
        if figure is not None:
            figures[category] = figure
        if conflict is not None:
            conflicts.append(conflict)
    date, date_conflict = reconcile_date(ordered)
    place, place_conflict = reconcile_place(ordered)
    event_type, sub_type, type_conflict = reconcile_type(ordered)
    actor1, actor2 = reconcile_actors(ordered)
    conflicts.extend(c for c in (date_conflict, place_conflict, type_conflict) if c is not None)
    grade, reason = grade_incident(ordered, figures, conflicts)
    members = tuple(_member(lm) for lm in ordered)
    return Incident(
        id=incident_id(m.key for m in members),
        members=members,
        event_type=event_type,
        sub_event_type=sub_type,
        date=date,
        location=place,
        actor1=actor1,
        actor2=actor2,
        figures=figures,
        claims=tuple(source_claims(ordered)),
        conflicts=tuple(conflicts),
        grade=grade,
        grade_reason=reason,
        background=tuple(_member(lm) for lm in background),
        sources=tuple(ordered),
        background_sources=tuple(background),
    )


_FAR = dt.date.max


def link_mentions(
    mentions: Sequence[LinkableMention],
    engine: str = "duckdb",
    settings: LinkSettings | None = None,
    previous: Mapping[str, Iterable[str]] | None = None,
    spark: Any = None,
) -> list[Incident]:
    """Group mentions from different reports into incidents.

    Aggregates are never linked. Background mentions never found an incident; each one is attached to the
    incident it scores best against (when above the threshold), as a later recollection of it. ``previous``
    maps earlier incident ids to their member keys so that an incident keeps its id while most of its
    mentions stay together (review decisions are attached to ids).
    """
    settings = settings or LinkSettings()
    usable = [lm for lm in mentions if lm.mention.kind in ("incident", "background")]
    by_key = {lm.key: lm for lm in usable}
    rows = feature_rows(usable, bucket_days(settings.max_days))
    if settings.embedder is not None:
        add_embeddings(rows, usable, settings.embedder)
    edges = score(rows, settings, engine=engine, spark=spark)
    incident_keys = [lm.key for lm in usable if lm.mention.kind == "incident"]
    incident_set = set(incident_keys)
    core_edges = [e for e in edges if e[0] in incident_set and e[1] in incident_set]
    doc_of = {lm.key: lm.document for lm in usable}
    groups = cluster(incident_keys, doc_of, core_edges, settings)
    recalls = _attach_background(edges, groups, incident_set, settings.threshold)
    incidents = [
        build_incident([by_key[k] for k in group], [by_key[k] for k in recalls.get(i, [])])
        for i, group in enumerate(groups)
    ]
    if previous:
        incidents = keep_previous_ids(incidents, previous)
    log.info("link.done", mentions=len(usable), incidents=len(incidents), engine=engine)
    return incidents


def _attach_background(
    edges: Sequence[tuple[str, str, float]],
    groups: Sequence[Sequence[str]],
    incident_set: set[str],
    threshold: float,
) -> dict[int, list[str]]:
    group_of = {key: i for i, group in enumerate(groups) for key in group}
    best: dict[str, tuple[float, int]] = {}
    for a, b, p in edges:
        if p < threshold:
            continue
        if a in incident_set and b not in incident_set:
            background, target = b, a
        elif b in incident_set and a not in incident_set:
            background, target = a, b
        else:
            continue
        if p > best.get(background, (0.0, -1))[0]:
            best[background] = (p, group_of[target])
    out: dict[int, list[str]] = {}
    for background, (_, group) in sorted(best.items()):
        out.setdefault(group, []).append(background)
    return out


def keep_previous_ids(incidents: Sequence[Incident], previous: Mapping[str, Iterable[str]]) -> list[Incident]:
    """Give an incident the id of the earlier incident holding most of its mentions (a majority of both)."""
    owner: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for old_id, keys in previous.items():
        key_list = list(keys)
        sizes[old_id] = len(key_list)
        for key in key_list:
            owner[key] = old_id
    taken: set[str] = set()
    out: list[Incident] = []
    for incident in sorted(incidents, key=lambda i: -len(i.members)):
        votes: dict[str, int] = {}
        for key in incident.member_keys:
            if key in owner:
                votes[owner[key]] = votes.get(owner[key], 0) + 1
        chosen = None
        for old_id, shared in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if old_id not in taken and 2 * shared > len(incident.members) and 2 * shared > sizes[old_id]:
                chosen = old_id
                break
        if chosen and chosen != incident.id:
            taken.add(chosen)
            incident = replace(incident, id=chosen, previous_ids=(*incident.previous_ids, incident.id))
        elif chosen:
            taken.add(chosen)
        out.append(incident)
    return sorted(out, key=lambda i: (i.date.start.isoformat() if i.date and i.date.start else "", i.id))


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _figure_json(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {"low": figure.low, "best": figure.best, "high": figure.high, "vague": figure.vague}


def incident_checks(incident: Incident) -> list[dict[str, Any]]:
    """Report checks that only linking can raise: reports of this incident that disagree on its date
    (``date_conflict``), each pointing into the report whose date disagrees."""
    from incidentdb.checks import date_conflicts_indexed

    sources = list(incident.sources)
    pairs = [(s.source_name, s.mention) for s in sources]
    out: list[dict[str, Any]] = []
    for index, check in date_conflicts_indexed(pairs):
        source = sources[index]
        span = check.span
        out.append(
            {
                "kind": check.kind,
                "message": check.message,
                "document": source.document,
                "mention": source.index,
                "quote": span.quote if span else None,
                "start": span.start if span else None,
                "end": span.end if span else None,
            }
        )
    return out


def incident_json(incident: Incident) -> dict[str, Any]:
    """One linked incident exactly in the contract's "Linked incidents" shape (plus additive keys)."""
    place = incident.location
    out: dict[str, Any] = {
        "id": incident.id,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "date": (
            {
                "start": _iso(incident.date.start),
                "end": _iso(incident.date.end),
                "precision": incident.date.precision,
            }
            if incident.date
            else None
        ),
        "location": (
            {
                "name": place.name,
                "admin1": place.admin1,
                "lat": place.lat,
                "lon": place.lon,
                "geo_precision": place.geo_precision,
            }
            if place
            else None
        ),
        "actor1": incident.actor1,
        "actor2": incident.actor2,
    }
    for category in COUNT_CATEGORIES:
        figure = _figure_json(incident.figures.get(category))
        if figure is not None or category in ("killed", "injured"):
            out[category] = figure
    out["grade"] = incident.grade
    out["grade_reason"] = incident.grade_reason
    out["conflicts"] = [
        {"field": c.field, "values": list(c.values), "sources": list(c.sources), "quotes": list(c.quotes)}
        for c in incident.conflicts
    ]
    out["mentions"] = [
        {
            "document": m.document,
            "mention": m.mention,
            "quote": m.quote,
            "kind": m.kind,
            "outlet": m.outlet,
            "document_id": m.document_id,
        }
        for m in (*incident.members, *incident.background)
    ]
    out["claims"] = [
        {
            "category": c.category,
            "low": c.low,
            "high": c.high,
            "vague": c.vague,
            "claimant": c.claimant,
            "party": c.party,
            "document": c.document,
            "mention": c.mention,
            "quote": c.quote,
            "start": c.start,
            "end": c.end,
        }
        for c in incident.claims
    ]
    out["checks"] = incident_checks(incident)
    out["previous_ids"] = list(incident.previous_ids)
    if incident.review:
        out["review"] = list(incident.review)
    out.update(incident.overrides)
    return out
