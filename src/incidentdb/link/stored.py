"""Linking what a store holds: the one function the CLI's `link`, the web's ingest page and the demo all call,
so a database is linked, reconciled and graded the same way whichever door the user came in by."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from incidentdb.link.types import LinkableMention
    from incidentdb.settings import Settings
    from incidentdb.store import Store


def stored_mentions(store: Store) -> list[LinkableMention]:
    """Every stored mention of the latest document versions, ready for linking."""
    from incidentdb.link.evaluate import linkable_mentions

    out: list[LinkableMention] = []
    for extraction in store.iter_extractions():
        out.extend(linkable_mentions(extraction))
    return out


def previous_members(store: Store) -> dict[str, list[str]]:
    """Member keys of the incidents the last run stored (so unchanged incidents keep their ids)."""
    from incidentdb.link.types import member_key

    return {
        str(data["id"]): [member_key(str(m["document"]), int(m["mention"])) for m in data.get("mentions", [])]
        for data in store.list_incidents(apply_review=False)
    }


def link_store(
    store: Store, engine: str | None = None, embeddings: bool = False, settings: Settings | None = None
) -> list[dict[str, Any]]:
    """Link every stored mention and replace the stored machine incidents; returns them (contract shape).

    Review decisions are records of their own and are applied on read, so they survive this.
    """
    from incidentdb.link import LinkSettings, incident_json, link_mentions
    from incidentdb.settings import get_settings

    settings = settings or get_settings()
    embedder = None
    if embeddings:
        from incidentdb.link.embeddings import minilm_embedder

        embedder = minilm_embedder()
    link_settings = LinkSettings(
        max_days=settings.link_max_days, threshold=settings.link_threshold, embedder=embedder
    )
    incidents = link_mentions(
        stored_mentions(store),
        engine=engine or settings.link_engine,
        settings=link_settings,
        previous=previous_members(store),
    )
    rows = [incident_json(i) for i in incidents]
    store.save_incidents(rows, replace=True)
    return rows
