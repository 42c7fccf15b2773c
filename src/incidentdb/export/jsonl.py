"""Everything as JSON Lines: one object per line, its ``type`` saying what it is.

Order: a ``meta`` line; ``document`` lines (metadata and clean text, not the raw bytes: `incidentdb dump` keeps
those); ``extraction`` lines (the contract JSON of each document: mentions with claims and evidence, checks);
``incident`` lines (review applied); ``review_decision`` lines (revoked ones too) and ``audit`` lines, oldest
first. With a filter, documents, extractions, decisions and audit entries are those of the exported incidents.
User accounts are never exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from incidentdb.export.incidents import ExportFilter, IncidentView

if TYPE_CHECKING:
    from incidentdb.store import Store

FORMAT = "incidentdb-export-jsonl"
VERSION = 1


def _line(handle: IO[str], record: dict[str, Any]) -> None:
    handle.write(json.dumps(record, ensure_ascii=False, default=str, sort_keys=False) + "\n")


def _document(store: Store, document_id: str) -> dict[str, Any] | None:
    doc = store.get_document(document_id)
    if doc is None:
        return None
    return {
        "type": "document",
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "media_type": doc.media_type,
        "encoding": doc.encoding,
        "size": len(doc.raw),
        "published_stated": doc.published_stated.isoformat() if doc.published_stated else None,
        "published_basis": doc.published_basis,
        "fetched_at": doc.fetched_at.isoformat() if doc.fetched_at else None,
        "text": doc.text,
        "noise": [{"start": s.start, "end": s.end, "quote": s.quote} for s in doc.noise],
        "removed": list(doc.removed),
    }


def _incident(view: IncidentView) -> dict[str, Any]:
    return {
        "type": "incident",
        **view.data,
        "country": view.country,
        "admin2": view.admin2,
        "sources": [
            {
                "document": s.source,
                "document_id": s.document_id,
                "outlet": s.outlet,
                "title": s.title,
                "published": s.published.isoformat() if s.published else None,
            }
            for s in view.sources
        ],
    }


def _document_ids(store: Store, views: Iterable[IncidentView], everything: bool) -> list[str]:
    if everything:
        return sorted(info.id for info in store.list_documents(all_versions=True))
    ids = {str(m["document_id"]) for v in views for m in v.data.get("mentions", []) if m.get("document_id")}
    return sorted(ids)


def write(store: Store, views: list[IncidentView], handle: IO[str], filters: ExportFilter) -> int:
    """Write every record; returns the number of lines."""
    everything = not filters.active
    lines = 0

    def emit(record: dict[str, Any]) -> None:
        nonlocal lines
        _line(handle, record)
        lines += 1

    emit({"type": "meta", "format": FORMAT, "version": VERSION, "filters": filters.describe()})
    doc_ids = _document_ids(store, views, everything)
    for doc_id in doc_ids:
        record = _document(store, doc_id)
        if record is not None:
            emit(record)
    from incidentdb.contract import to_contract

    for doc_id in doc_ids:
        extraction = store.load_extraction(doc_id)
        if extraction is not None:
            emit(
                {
                    "type": "extraction",
                    "document_id": doc_id,
                    "extractor": extraction.extractor,
                    **to_contract(extraction),
                }
            )
    incident_ids = {v.id for v in views}
    for view in views:
        emit(_incident(view))
    noted = {str(n.get("decision")) for v in views for n in v.data.get("review", []) or []}
    decision_ids: set[str] = set()
    active = {d.id for d in store.list_decisions()}
    for decision in store.list_decisions(include_revoked=True):
        if everything or str(decision.id) in noted or incident_ids & set(decision.target_ids):
            decision_ids.add(str(decision.id))
            emit(
                {
                    "type": "review_decision",
                    "id": decision.id,
                    "action": decision.action,
                    "target_ids": list(decision.target_ids),
                    "payload": decision.payload,
                    "who": decision.who,
                    "why": decision.why,
                    "at": decision.at,
                    "revoked": decision.id not in active,
                }
            )
    for entry in sorted(store.list_audit(), key=lambda e: e.id):
        related = (entry.entity == "incident" and entry.entity_id in incident_ids) or (
            entry.entity == "review_decision" and entry.entity_id in decision_ids
        )
        if everything or related:
            emit(
                {
                    "type": "audit",
                    "id": entry.id,
                    "who": entry.who,
                    "at": entry.at.isoformat(),
                    "entity": entry.entity,
                    "entity_id": entry.entity_id,
                    "action": entry.action,
                    "before": entry.before,
                    "after": entry.after,
                    "why": entry.why,
                }
            )
    return lines
