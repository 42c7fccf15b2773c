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


def ingest(
    store: Store, settings: Settings, path: Path, name: str | None = None
) -> tuple[list[str], list[str]]:
    """Store the documents in ``path`` verbatim; returns the ids stored and one line per input that failed.

    A feed with one bad line still stores (and so extracts) its good lines; ``name`` replaces the upload's
    temporary path in the messages, so a user reads the name of the file they sent.
    """
    from incidentdb.ingest import ingest_paths

    report = ingest_paths([path], store=store, settings=settings)
    errors = [e.one_line().replace(str(path), name or path.name) for e in report.errors]
    return [item.id for item in report.items], errors


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
    """Link every stored mention again and replace the machine incidents (review decisions stay and re-apply),
    exactly as `incidentdb link` does; earlier incident ids are kept where most of their mentions stay together."""
    from incidentdb.link.stored import link_store

    rows = link_store(store, settings=settings)
    log.info("relinked", incidents=len(rows))
    return len(rows)
