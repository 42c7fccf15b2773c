"""Human review of linked incidents: merge, split, confirm, reject, edit.

A decision is its own record (who, when, why, what) kept by the store and applied on read, so re-running
`link` (which replaces the machine incidents) never erases it. Each decision also stores the member mentions
of its target incidents; when a new linking run changes an incident's id, the decision follows the mentions
to the incident that now holds most of them. Every decision writes an audit entry with the incident as it
was before and as it is after.

Library API (used by the CLI and the web UI)::

    merge(store, ["inc-a", "inc-b"], who="ana", why="same strike, two spellings")
    split(store, "inc-a", [("https://x/1", 0)], who="ana", why="different day")
    confirm(store, "inc-a", who="ana", why="checked against the hospital list")
    reject(store, "inc-a", who="ana", why="not an incident: an anniversary piece")
    edit(store, "inc-a", {"killed": {"low": 8, "best": 9, "high": 9}}, who="ana", why="typo in source")
    reviewed_incidents(store)  # the incidents as reviewers left them, contract shape
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from incidentdb.link.api import build_incident, incident_json
from incidentdb.link.types import Incident, LinkableMention, member_key
from incidentdb.log import get_logger

if TYPE_CHECKING:
    from incidentdb.store import Decision, Store

log = get_logger(__name__)

ACTIONS = ("merge", "split", "confirm", "reject", "edit")

#: What a reviewer may override, and the type each value must have (the web form offers the same fields).
EDITABLE_TOP = ("event_type", "sub_event_type", "grade", "grade_reason", "actor1", "actor2")
EDITABLE_NESTED: dict[str, dict[str, type | tuple[type, ...]]] = {
    "date": {"start": str, "end": str, "precision": int},
    "location": {"name": str, "admin1": str, "lat": (int, float), "lon": (int, float)},
    **{
        c: {"low": int, "best": int, "high": int, "vague": str}
        for c in ("killed", "injured", "captured", "missing", "displaced")
    },
}
GRADES = ("confirmed", "fair", "weak", "contested")


# ---- applying decisions ------------------------------------------------------------------------------
def _members_of(incident: Mapping[str, Any]) -> list[str]:
    return [member_key(str(m["document"]), int(m["mention"])) for m in incident.get("mentions", [])]


def _retarget(target: str, decision: Decision, current: Mapping[str, frozenset[str]]) -> str | None:
    """The current incident a decision's target refers to: same id, else the one holding most of the
    mentions the target had when the decision was made (more than half of them)."""
    if target in current:
        return target
    recorded = set(decision.payload.get("members", {}).get(target, []))
    if not recorded:
        return None
    best, best_shared = None, 0
    for incident_id, keys in current.items():
        shared = len(recorded & keys)
        if shared > best_shared:
            best, best_shared = incident_id, shared
    return best if 2 * best_shared > len(recorded) else None


def _split_refs(decision: Decision) -> set[str]:
    refs = set()
    for item in decision.payload.get("mentions", []):
        if isinstance(item, Mapping):
            refs.add(member_key(str(item["document"]), int(item["mention"])))
        elif isinstance(item, list | tuple):
            refs.add(member_key(str(item[0]), int(item[1])))
    return refs


def _note(incident: Incident, decision: Decision) -> Incident:
    entry = {
        "decision": str(decision.id),
        "action": decision.action,
        "who": decision.who,
        "why": decision.why,
        "at": decision.at,
    }
    return replace(incident, review=(*incident.review, entry))


def _rebuild(incident: Incident, sources: Sequence[LinkableMention], new_id: str | None = None) -> Incident:
    """Reconcile and grade again over a new set of mentions, keeping the id and the review notes."""
    rebuilt = build_incident(sources, incident.background_sources if new_id is None else ())
    return replace(
        rebuilt,
        id=new_id or incident.id,
        previous_ids=incident.previous_ids if new_id is None else (),
        review=incident.review if new_id is None else (),
    )


def apply_decisions(incidents: Sequence[Incident], decisions: Sequence[Decision]) -> list[Incident]:
    """The incidents as reviewers left them (rejected ones dropped), decisions applied in order."""
    by_id: dict[str, Incident] = {i.id: i for i in incidents}
    overrides: dict[str, dict[str, Any]] = {}
    for decision in sorted(decisions, key=lambda d: d.id):
        current = {i.id: i.member_keys for i in by_id.values()}
        targets = [t for t in (_retarget(t, decision, current) for t in decision.target_ids) if t]
        targets = list(dict.fromkeys(targets))
        if not targets:
            log.info("review.skipped", decision=decision.id, reason="targets no longer exist")
            continue
        first = by_id[targets[0]]
        if decision.action == "reject":
            for target in targets:
                by_id.pop(target)
        elif decision.action == "confirm":
            for target in targets:
                incident = by_id[target]
                reason = f"confirmed by {decision.who}" + (f": {decision.why}" if decision.why else "")
                by_id[target] = _note(
                    replace(
                        incident,
                        grade="confirmed",
                        grade_reason=f"{reason} (machine: {incident.grade}; {incident.grade_reason})",
                    ),
                    decision,
                )
        elif decision.action == "edit":
            for target in targets:
                overrides.setdefault(target, {}).update(_fields(decision))
                by_id[target] = _note(by_id[target], decision)
        elif decision.action == "merge" and len(targets) > 1:
            sources = [s for t in targets for s in by_id[t].sources]
            background = [b for t in targets for b in by_id[t].background_sources]
            merged = replace(
                build_incident(sources, background),
                id=first.id,
                review=first.review,
                previous_ids=first.previous_ids,
            )
            for target in targets[1:]:
                by_id.pop(target)
                overrides.pop(target, None)
            overrides.setdefault(first.id, {}).update(_fields(decision))
            by_id[first.id] = _note(merged, decision)
        elif decision.action == "split":
            chosen = _split_refs(decision)
            moved = [s for s in first.sources if s.key in chosen]
            kept = [s for s in first.sources if s.key not in chosen]
            if moved and kept:
                new_id = str(decision.payload.get("new_id") or f"{first.id}-split{decision.id}")
                by_id[first.id] = _note(_rebuild(first, kept), decision)
                by_id[new_id] = _note(_rebuild(first, moved, new_id), decision)
    out = []
    for incident in by_id.values():
        out.append(
            replace(incident, overrides=overrides.get(incident.id, {}))
            if incident.id in overrides
            else incident
        )
    return out


def _fields(decision: Decision) -> dict[str, Any]:
    fields = decision.payload.get("fields", {})
    return {k: v for k, v in fields.items() if k not in ("id", "mentions", "review", "claims")}


# ---- reading and recording through the store ----------------------------------------------------------
def stored_sources(store: Store) -> dict[str, LinkableMention]:
    """Every stored mention, wrapped for linking, by member key."""
    from incidentdb.link.evaluate import linkable_mentions

    out: dict[str, LinkableMention] = {}
    for extraction in store.iter_extractions():
        for lm in linkable_mentions(extraction):
            out[lm.key] = lm
    return out


def incidents_from_store(
    store: Store, sources: Mapping[str, LinkableMention] | None = None
) -> list[Incident]:
    """The machine incidents of the last `link` run, rebuilt as records from their stored mentions."""
    sources = sources if sources is not None else stored_sources(store)
    incidents: list[Incident] = []
    for data in store.list_incidents(apply_review=False):
        members = [sources[k] for k in _members_of(data) if k in sources]
        core = [lm for lm in members if lm.mention.kind != "background"]
        if not core:
            continue
        background = [lm for lm in members if lm.mention.kind == "background"]
        rebuilt = build_incident(core, background)
        incidents.append(
            replace(rebuilt, id=str(data["id"]), previous_ids=tuple(data.get("previous_ids", [])))
        )
    return incidents


def reviewed_incidents(store: Store, include_rejected: bool = False) -> list[dict[str, Any]]:
    """Linked incidents in the contract's shape with every review decision applied (for `incidents`)."""
    decisions = store.list_decisions()
    if not decisions:  # nothing to apply: the stored machine output is already in the contract's shape
        return store.list_incidents(apply_review=False)
    machine = incidents_from_store(store)
    if include_rejected:
        decisions = [d for d in decisions if d.action != "reject"]
    return [incident_json(i) for i in apply_decisions(machine, decisions)]


def _find(incidents: Iterable[Mapping[str, Any]], incident_id: str) -> dict[str, Any] | None:
    return next((dict(i) for i in incidents if i.get("id") == incident_id), None)


def _record(
    store: Store, action: str, target_ids: Sequence[str], payload: Mapping[str, Any], who: str, why: str
) -> int:
    if action not in ACTIONS:
        raise ValueError(f"unknown review action {action!r}")
    if not who:
        raise ValueError("a review decision needs the reviewer's name (who)")
    before_all = reviewed_incidents(store)
    missing = [t for t in target_ids if _find(before_all, t) is None]
    if missing:
        raise LookupError(f"no incident {', '.join(missing)}")
    if not (why or "").strip():
        raise ValueError("a reason (why) is required for every review decision")
    if action == "split":
        inside = set(_members_of(_find(before_all, target_ids[0]) or {}))
        refs = [member_key(str(m["document"]), int(m["mention"])) for m in payload.get("mentions", [])]
        outside = [r for r in refs if r not in inside]
        if outside:
            raise LookupError(f"not mentions of {target_ids[0]}: {', '.join(outside)}")
    members = {t: _members_of(_find(before_all, t) or {}) for t in target_ids}
    full = {"fields": {}, **copy.deepcopy(dict(payload)), "members": members}
    decision_id = store.record_decision(action, list(target_ids), full, who=who, why=why)
    after_all = {i["id"]: i for i in reviewed_incidents(store, include_rejected=True)}
    for target in target_ids:
        store.audit(
            who=who,
            entity="incident",
            entity_id=target,
            action=action,
            before=_find(before_all, target),
            after=after_all.get(
                target, {"rejected": True} if action == "reject" else {"merged_into": target_ids[0]}
            ),
            why=why,
        )
    log.info("review.recorded", action=action, targets=list(target_ids), who=who, decision=decision_id)
    return decision_id


def merge(store: Store, incident_ids: Sequence[str], *, who: str, why: str = "") -> int:
    """Join incidents into the first one; its figures are reconciled again over all their mentions."""
    if len(incident_ids) < 2:
        raise ValueError("merge needs at least two incidents")
    return _record(store, "merge", incident_ids, {}, who, why)


def split(
    store: Store,
    incident_id: str,
    mentions: Sequence[tuple[str, int]],
    *,
    who: str,
    why: str = "",
    new_id: str | None = None,
) -> int:
    """Move the given (document, mention index) pairs out of an incident into a new one."""
    payload: dict[str, Any] = {"mentions": [{"document": d, "mention": i} for d, i in mentions]}
    if new_id:
        payload["new_id"] = new_id
    return _record(store, "split", [incident_id], payload, who, why)


def confirm(store: Store, incident_id: str, *, who: str, why: str = "") -> int:
    return _record(store, "confirm", [incident_id], {}, who, why)


def reject(store: Store, incident_id: str, *, who: str, why: str = "") -> int:
    return _record(store, "reject", [incident_id], {}, who, why)


def validate_edit(fields: Mapping[str, Any]) -> None:
    """Refuse fields a reviewer cannot set and values of the wrong type (ValueError naming the field)."""
    from incidentdb.records import ACLED_TYPES

    if not fields:
        raise ValueError("an edit needs at least one field")
    for name, value in fields.items():
        if name in EDITABLE_TOP:
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name}: expected text, got {value!r}")
            if name == "grade" and value not in GRADES:
                raise ValueError(f"grade: expected one of {', '.join(GRADES)}")
            if name == "event_type" and value is not None and value not in ACLED_TYPES:
                raise ValueError(f"event_type: {value!r} is not an ACLED event type")
        elif name in EDITABLE_NESTED:
            if not isinstance(value, Mapping):
                raise ValueError(
                    f"{name}: expected an object such as {{{next(iter(EDITABLE_NESTED[name]))!r}: ...}}"
                )
            for key, inner in value.items():
                expected = EDITABLE_NESTED[name].get(key)
                if expected is None:
                    continue  # the rest of the current value, carried along unchanged
                if inner is not None and (isinstance(inner, bool) or not isinstance(inner, expected)):
                    raise ValueError(f"{name}.{key}: {inner!r} has the wrong type")
        else:
            raise ValueError(f"field {name!r} cannot be edited")


def edit(store: Store, incident_id: str, fields: Mapping[str, Any], *, who: str, why: str = "") -> int:
    """Override fields of an incident's output (e.g. ``{"killed": {"low": 8, "best": 9, "high": 9}}``)."""
    validate_edit(fields)
    return _record(store, "edit", [incident_id], {"fields": dict(fields)}, who, why)


def resolve_incident_id(store: Store, ref: str) -> str:
    """An incident id from what a reviewer typed: the full id or a unique prefix of it (as tables show)."""
    ids = [str(i["id"]) for i in reviewed_incidents(store)]
    if ref in ids:
        return ref
    matches = [i for i in ids if i.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise LookupError(f"no incident {ref}")
    raise LookupError(f"{ref} is the start of {len(matches)} incident ids; give more of it")
