"""The library calls behind the ingest page: ingest -> extract -> store, then re-link the whole store.

The same functions the CLI uses (``ingest_paths``, ``extract_document``, ``link_mentions``); the heavy ones are
imported when a job runs, not when the web app starts.
"""

from __future__ import annotations

from pathlib import Path

from incidentdb.log import get_logger
from incidentdb.settings import Settings
from incidentdb.store import Store

log = get_logger(__name__)


def ingest(store: Store, settings: Settings, path: Path) -> list[str]:
    """Store the documents in ``path`` verbatim; returns their ids (raises with the reasons when any failed)."""
    from incidentdb.ingest import ingest_paths

    report = ingest_paths([path], store=store, settings=settings)
    if report.errors:
        raise ValueError("; ".join(e.one_line() for e in report.errors))
    return [item.id for item in report.items]


def extract(store: Store, settings: Settings, document_id: str) -> int:
    """Extract one stored document and store the result (replacing the extractor's earlier run)."""
    from incidentdb.extract.pipeline import extract_document

    document = store.get_document(document_id)
    if document is None:
        raise LookupError(f"document {document_id} is not stored")
    extraction = extract_document(document, pack=settings.pack)
    store.save_extraction(extraction)
    return len(extraction.mentions)


def relink(store: Store, settings: Settings) -> int:
    """Link every stored mention again and replace the machine incidents (review decisions stay and re-apply).

    Earlier incident ids are kept where most of their mentions stay together, so decisions keep their target.
    """
    from incidentdb.link import LinkableMention, LinkSettings, incident_json, link_mentions
    from incidentdb.link.types import member_key

    published = {d.id: d.published_stated for d in store.list_documents()}
    mentions = [
        LinkableMention(
            document=m.source,
            index=m.index,
            mention=m.mention,
            published=published.get(m.document_id),
            document_id=m.document_id,
        )
        for m in store.list_mentions()
    ]
    previous = {
        str(i["id"]): [
            member_key(str(m.get("document")), int(m.get("mention") or 0)) for m in i.get("mentions", [])
        ]
        for i in store.list_incidents(apply_review=False)
    }
    link_settings = LinkSettings(max_days=settings.link_max_days, threshold=settings.link_threshold)
    incidents = link_mentions(
        mentions, engine=settings.link_engine, settings=link_settings, previous=previous
    )
    count = store.save_incidents([incident_json(i) for i in incidents])
    log.info("relinked", mentions=len(mentions), incidents=count)
    return count
