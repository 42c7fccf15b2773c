"""The ingest library API: paths in, documents stored (or just read), one report out.

Each input is read and decoded completely before anything is written, and each document is stored in its
own transaction: a bad input produces one error and nothing in the store, and the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from incidentdb.ingest.errors import IngestError
from incidentdb.ingest.readers import FEED_SUFFIXES, expand, read_feed, read_file
from incidentdb.log import get_logger
from incidentdb.records import Document
from incidentdb.settings import Settings, get_settings

if TYPE_CHECKING:
    from incidentdb.store import Store

log = get_logger(__name__)

ErrorCallback = Callable[[IngestError], None]
ProgressCallback = Callable[[str], None]  # called once per input file, after it is done


@dataclass(frozen=True)
class IngestedItem:
    id: str
    source: str
    status: str  # new | version | unchanged (stored), or read (no store given)
    version: int | None = None


@dataclass
class IngestReport:
    items: list[IngestedItem] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every input went through, 1 when some failed."""
        return 1 if self.errors else 0

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in ("new", "version", "unchanged", "read") if self.count(s)]
        return f"{len(self.items)} documents ({', '.join(parts) or 'none'}), {len(self.errors)} failed"


def input_files(paths: Sequence[str | Path]) -> list[tuple[str, IngestError | None]]:
    """The files a batch will read (directories expanded), each with its error if it cannot be read at all."""
    return list(expand([str(p) for p in paths]))


def iter_documents(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    on_error: ErrorCallback | None = None,
    on_file: ProgressCallback | None = None,
) -> Iterator[Document]:
    """Every document in ``paths``; each failure goes to ``on_error`` (and the log) instead of stopping."""
    limit = (settings or get_settings()).max_file_bytes

    def fail(error: IngestError) -> None:
        if on_error is None:
            log.warning("ingest failed", error=error.one_line())
        else:
            on_error(error)

    for source, error in input_files(paths):
        if error is not None:
            fail(error)
        elif Path(source).suffix.lower() in FEED_SUFFIXES:
            try:
                for item in read_feed(source, limit):
                    if isinstance(item, IngestError):
                        fail(item)
                    else:
                        yield item
            except IngestError as exc:
                fail(exc)
        else:
            try:
                doc = read_file(source, limit)
            except IngestError as exc:
                fail(exc)
            else:
                yield doc
        if on_file is not None:
            on_file(source)


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store | None = None,
    settings: Settings | None = None,
    on_error: ErrorCallback | None = None,
    on_file: ProgressCallback | None = None,
) -> IngestReport:
    """Read every input and store each document (idempotent: same bytes are a no-op, a known URL or source
    with new bytes becomes a new version). Without a store the documents are only read and checked."""
    report = IngestReport()

    def record_error(error: IngestError) -> None:
        report.errors.append(error)
        if on_error is not None:
            on_error(error)

    for doc in iter_documents(paths, settings, record_error, on_file):
        if store is None:
            report.items.append(IngestedItem(doc.id, doc.source, "read"))
            continue
        try:
            saved = store.save_document(doc)
        except Exception as exc:  # a database error on one document must not lose the rest of the batch
            record_error(IngestError(doc.source, f"could not store: {exc.__class__.__name__}: {exc}"))
            continue
        report.items.append(IngestedItem(doc.id, doc.source, saved.status, saved.version))
    return report
