"""Review actions as the web layer offers them: edit, merge, split, confirm, reject, each with a reason.

The work is done by the library's review module (``incidentdb.review``, shared with the CLI): a decision is
its own record, applied on read, so it survives re-extraction and re-linking, and each one writes an
``incident`` audit entry with the incident before and after, which the incident page shows. This module adds
what the web needs on top: a reason is always required, form values are typed, positions become mention refs.
While the library module is absent (an older checkout), the same records are written through the store directly.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

from incidentdb.store import Store

EDITABLE_TOP = ("event_type", "sub_event_type", "grade", "grade_reason", "actor1", "actor2")
EDITABLE_NESTED = {
    "date": ("start", "end", "precision"),
    "location": ("name", "admin1", "lat", "lon"),
    "killed": ("low", "best", "high"),
    "injured": ("low", "best", "high"),
    "captured": ("low", "best", "high"),
    "missing": ("low", "best", "high"),
    "displaced": ("low", "best", "high"),
}
_INTS = {"precision", "low", "best", "high"}
_FLOATS = {"lat", "lon"}


class ReviewError(ValueError):
    """A review request that cannot be carried out (missing reason, unknown incident, bad value)."""


def _require_reason(why: str) -> str:
    why = (why or "").strip()
    if not why:
        raise ReviewError("a reason is required for every review decision")
    return why


def _library() -> ModuleType | None:
    try:
        from incidentdb import review
    except ImportError:
        return None
    return review


def _fingerprint(store: Store) -> tuple[Any, ...]:
    """Changes whenever machine output, a decision or the audit log changes (one cheap query)."""
    from sqlalchemy import func, select

    from incidentdb.store import models as m

    with store.session() as s:
        row = s.execute(
            select(
                select(func.count()).select_from(m.IncidentRow).scalar_subquery(),
                select(func.max(m.IncidentRow.created_at)).scalar_subquery(),
                select(func.max(m.ReviewDecisionRow.id)).scalar_subquery(),
                select(func.max(m.AuditRow.id)).scalar_subquery(),
                select(func.max(m.ExtractionRow.id)).scalar_subquery(),
                select(func.count()).select_from(m.ExtractionRow).scalar_subquery(),
            )
        ).one()
    return tuple(row)


_cache: dict[int, tuple[tuple[Any, ...], list[dict[str, Any]]]] = {}
_cache_lock = threading.Lock()


def reviewed(store: Store) -> list[dict[str, Any]]:
    """Every incident as reviewers left it (contract shape), the same view the CLI's `incidents` prints.

    Applying the decisions rebuilds incidents from their stored mentions, so the result is kept until the
    store changes (callers must not modify it).
    """
    key = _fingerprint(store)
    with _cache_lock:
        hit = _cache.get(id(store))
        if hit is not None and hit[0] == key:
            return hit[1]
    library = _library()
    incidents = list(library.reviewed_incidents(store)) if library is not None else store.list_incidents()
    with _cache_lock:
        _cache[id(store)] = (key, incidents)
    return incidents


def find_incident(store: Store, incident_id: str) -> dict[str, Any] | None:
    return next((i for i in reviewed(store) if str(i.get("id")) == incident_id), None)


def _find(store: Store, incident_id: str) -> dict[str, Any]:
    incident = find_incident(store, incident_id)
    if incident is None:
        raise ReviewError(f"no incident {incident_id!r}")
    return incident


def _call(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call the library's review function ``name``, turning its refusals into ReviewError."""
    library = _library()
    assert library is not None
    try:
        return getattr(library, name)(*args, **kwargs)
    except (LookupError, ValueError) as exc:
        raise ReviewError(str(exc)) from exc


def _typed(key: str, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if key in _INTS:
            return int(value)
        if key in _FLOATS:
            return float(value)
    except (TypeError, ValueError) as exc:
        raise ReviewError(f"{key}: {value!r} is not a number") from exc
    return str(value).strip()


def plan_edit(incident: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The top-level fields an edit replaces, as whole values (nested dicts merged with the current ones).

    ``changes`` uses flat names: ``event_type``, ``killed.best``, ``location.admin1``... Fields whose value does
    not change are left out, so an edit records only what the reviewer actually changed.
    """
    out: dict[str, Any] = {}
    for name, raw in changes.items():
        head, _, tail = name.partition(".")
        if not tail and head in EDITABLE_TOP:
            value = _typed(head, raw)
            if value != incident.get(head):
                out[head] = value
        elif tail and tail in EDITABLE_NESTED.get(head, ()):
            value = _typed(tail, raw)
            current = dict(out.get(head) or incident.get(head) or {})
            if current.get(tail) != value:
                current[tail] = value
                out[head] = current
        else:
            raise ReviewError(f"field {name!r} cannot be edited")
    return out


def _audit(
    store: Store,
    incident_id: str,
    action: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    who: str,
    why: str,
) -> None:
    store.audit(
        who=who, entity="incident", entity_id=incident_id, action=action, before=before, after=after, why=why
    )


def edit(store: Store, incident_id: str, changes: Mapping[str, Any], *, who: str, why: str) -> int:
    why = _require_reason(why)
    incident = _find(store, incident_id)
    fields = plan_edit(incident, changes)
    if not fields:
        raise ReviewError("nothing changed")
    if _library() is not None:
        return int(_call("edit", store, incident_id, fields, who=who, why=why))
    decision = store.record_decision("edit", [incident_id], {"fields": fields}, who=who, why=why)
    before = {k: incident.get(k) for k in fields}
    _audit(store, incident_id, "edit", before, fields, who, why)
    return decision


def confirm(store: Store, incident_id: str, *, who: str, why: str) -> int:
    why = _require_reason(why)
    incident = _find(store, incident_id)
    if _library() is not None:
        return int(_call("confirm", store, incident_id, who=who, why=why))
    decision = store.record_decision("confirm", [incident_id], {}, who=who, why=why)
    before = {"grade": incident.get("grade"), "grade_reason": incident.get("grade_reason")}
    _audit(store, incident_id, "confirm", before, {"grade": "confirmed"}, who, why)
    return decision


def reject(store: Store, incident_id: str, *, who: str, why: str) -> int:
    why = _require_reason(why)
    incident = _find(store, incident_id)
    if _library() is not None:
        return int(_call("reject", store, incident_id, who=who, why=why))
    decision = store.record_decision("reject", [incident_id], {}, who=who, why=why)
    _audit(store, incident_id, "reject", {"grade": incident.get("grade")}, {"rejected": True}, who, why)
    return decision


def _members(incident: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {"document": m.get("document"), "mention": m.get("mention")} for m in incident.get("mentions") or []
    ]


def merge(store: Store, incident_ids: Sequence[str], *, who: str, why: str) -> int:
    """Merge the incidents into the first one named."""
    why = _require_reason(why)
    ids = list(dict.fromkeys(str(i).strip() for i in incident_ids if str(i).strip()))
    if len(ids) < 2:
        raise ReviewError("merge needs at least two different incidents")
    incidents = [_find(store, i) for i in ids]
    if _library() is not None:
        return int(_call("merge", store, ids, who=who, why=why))
    decision = store.record_decision("merge", ids, {}, who=who, why=why)
    merged = [m for inc in incidents for m in _members(inc)]
    for inc in incidents:
        _audit(
            store,
            str(inc["id"]),
            "merge",
            {"id": inc["id"], "mentions": _members(inc)},
            {"merged_into": ids[0], "merged": ids, "mentions": merged},
            who,
            why,
        )
    return decision


def split(store: Store, incident_id: str, positions: Sequence[int], *, who: str, why: str) -> tuple[int, str]:
    """Move the mentions at ``positions`` (0-based, in the incident's list) into a new incident."""
    why = _require_reason(why)
    incident = _find(store, incident_id)
    members = _members(incident)
    chosen = sorted({int(p) for p in positions})
    if not chosen or any(p < 0 or p >= len(members) for p in chosen) or len(chosen) >= len(members):
        raise ReviewError("choose some, but not all, of the incident's mentions to split off")
    new_id = f"{incident_id}-s{len(store.list_decisions()) + 1}"
    moved = [members[p] for p in chosen]
    kept = [m for p, m in enumerate(members) if p not in chosen]
    if _library() is not None:
        refs = [(str(m["document"]), int(m["mention"])) for m in moved]
        return int(_call("split", store, incident_id, refs, who=who, why=why, new_id=new_id)), new_id
    decision = store.record_decision(
        "split", [incident_id], {"mentions": copy.deepcopy(moved), "new_id": new_id}, who=who, why=why
    )
    before = {"mentions": members}
    _audit(store, incident_id, "split", before, {"mentions": kept, "split_off": new_id}, who, why)
    _audit(store, new_id, "split", before, {"mentions": moved, "split_from": incident_id}, who, why)
    return decision, new_id
