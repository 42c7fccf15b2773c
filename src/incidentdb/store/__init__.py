"""Storage: SQLAlchemy models, Alembic migrations (``migrations/``) and the repository API.

from incidentdb.store import open_store
store = open_store("sqlite:///incidentdb.sqlite")   # upgrades the schema to head
"""

from incidentdb.store.repository import (
    AmbiguousReference,
    AuditEntry,
    DocumentInfo,
    SaveResult,
    Store,
    StoredMention,
    UserInfo,
    open_store,
)
from incidentdb.store.review import Decision

__all__ = [
    "AmbiguousReference",
    "AuditEntry",
    "Decision",
    "DocumentInfo",
    "SaveResult",
    "Store",
    "StoredMention",
    "UserInfo",
    "open_store",
]
