"""Ingest: files, directories and JSON Lines feeds to verbatim, decoded, cleaned :class:`Document` records.

from incidentdb.ingest import ingest_paths, iter_documents
report = ingest_paths(["reports/"], store=open_store(), on_error=print)
"""

from incidentdb.ingest.api import IngestedItem, IngestReport, ingest_paths, input_files, iter_documents
from incidentdb.ingest.errors import IngestError
from incidentdb.ingest.furniture import detect_noise

__all__ = [
    "IngestError",
    "IngestReport",
    "IngestedItem",
    "detect_noise",
    "ingest_paths",
    "input_files",
    "iter_documents",
]
