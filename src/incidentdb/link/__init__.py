"""Linking: group mentions of one incident across reports, reconcile their claims and grade the result.

Public API::

    from incidentdb.link import LinkableMention, link_mentions, incident_json
    incidents = link_mentions(mentions)                  # splink on DuckDB
    incidents = link_mentions(mentions, engine="spark")  # the same model on Spark
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from incidentdb.link.api import build_incident, incident_id, incident_json, keep_previous_ids, link_mentions
from incidentdb.link.model import LinkSettings
from incidentdb.link.types import Conflict, Figure, Incident, LinkableMention, Member, SourceClaim

if TYPE_CHECKING:
    from pathlib import Path


def evaluate_links(gold: Path, **options: Any) -> dict[str, Any]:
    """Pairwise precision/recall and B-cubed F1 of the linker against a linking gold (see evaluate.py)."""
    from incidentdb.link.evaluate import evaluate_links as run

    return run(gold, **options)


__all__ = [
    "Conflict",
    "Figure",
    "Incident",
    "LinkSettings",
    "LinkableMention",
    "Member",
    "SourceClaim",
    "build_incident",
    "evaluate_links",
    "incident_id",
    "incident_json",
    "keep_previous_ids",
    "link_mentions",
]
