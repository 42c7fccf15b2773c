"""Apply human review decisions to machine-made incidents, on read.

Decisions are records of their own (never edits of incident rows), so a new linking or extraction run can
replace the machine output and every decision still applies. They are applied in the order they were made;
a decision whose targets no longer exist is skipped (and stays stored, in case they come back).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

ACTIONS = ("merge", "split", "confirm", "reject", "edit")


@dataclass(frozen=True)
class Decision:
    id: int
    action: str
    target_ids: tuple[str, ...]
    payload: dict[str, Any] = field(default_factory=dict)
    who: str = ""
    why: str = ""
    at: str = ""


def _note(incident: dict[str, Any], decision: Decision) -> None:
    incident.setdefault("review", []).append(
        {"decision": decision.id, "action": decision.action, "who": decision.who, "why": decision.why}
    )


def _edit_fields(decision: Decision) -> dict[str, Any]:
    fields = decision.payload.get("fields", decision.payload)
    return {k: v for k, v in fields.items() if k not in ("id", "mentions", "review")}


def _split(incident: dict[str, Any], decision: Decision) -> dict[str, Any] | None:
    """Move the chosen mentions (by position, or by document + mention index) into a new incident."""
    chosen = decision.payload.get("mentions", [])
    moved: list[dict[str, Any]] = []
    kept: list[dict[str, Any]] = []
    for pos, member in enumerate(incident.get("mentions", [])):
        ref = {"document": member.get("document"), "mention": member.get("mention")}
        (moved if pos in chosen or ref in chosen else kept).append(member)
    if not moved or not kept:
        return None
    incident["mentions"] = kept
    new = copy.deepcopy(incident)
    new["id"] = str(decision.payload.get("new_id") or f"{incident['id']}-split{decision.id}")
    new["mentions"] = moved
    new["review"] = []
    return new


def apply_decisions(
    incidents: Sequence[dict[str, Any]], decisions: Sequence[Decision]
) -> list[dict[str, Any]]:
    """The incidents as reviewers left them. Input dicts are not modified."""
    by_id: dict[str, dict[str, Any]] = {i["id"]: copy.deepcopy(i) for i in incidents}
    for decision in sorted(decisions, key=lambda d: d.id):
        targets = [by_id[t] for t in decision.target_ids if t in by_id]
        if not targets:
            continue
        if decision.action == "reject":
            for target in targets:
                del by_id[target["id"]]
        elif decision.action == "confirm":
            for target in targets:
                target["grade"] = "confirmed"
                target["grade_reason"] = f"confirmed by {decision.who}: {decision.why}".rstrip(": ")
                _note(target, decision)
        elif decision.action == "edit":
            for target in targets:
                target.update(_edit_fields(decision))
                _note(target, decision)
        elif decision.action == "merge" and len(targets) > 1:
            keep = targets[0]
            for other in targets[1:]:
                keep["mentions"] = keep.get("mentions", []) + other.get("mentions", [])
                del by_id[other["id"]]
            keep.update(_edit_fields(decision))
            _note(keep, decision)
        elif decision.action == "split":
            new = _split(targets[0], decision)
            if new is not None:
                _note(targets[0], decision)
                _note(new, decision)
                by_id[new["id"]] = new
    return list(by_id.values())
