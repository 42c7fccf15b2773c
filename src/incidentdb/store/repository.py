"""The store's repository API: the only way the rest of the product reads and writes the database.

Every public method runs in its own transaction, so a failure leaves nothing half-written. SQLite is the
default; any SQLAlchemy URL works (``postgresql+psycopg://user@host/db`` for teams).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from incidentdb.contract import to_contract
from incidentdb.log import get_logger
from incidentdb.records import Check, Document, Extraction, Mention, Publication
from incidentdb.settings import Settings, get_settings
from incidentdb.store import models as m
from incidentdb.store.codec import from_json, to_json
from incidentdb.store.review import ACTIONS, Decision, apply_decisions
from incidentdb.store.rows import _check_row, _document, _incident_columns, _mention_row, _span_json

log = get_logger(__name__)

SaveStatus = Literal["new", "version", "unchanged"]
ROLES = ("viewer", "editor", "admin")


class AmbiguousReference(LookupError):
    """A document prefix that matches more than one stored version."""


@dataclass(frozen=True)
class SaveResult:
    id: str  # sha256 of the raw bytes
    status: SaveStatus  # new document, new version of a known one, or already stored (no-op)
    version: int
    key: str  # the URL, else the source, that groups versions


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    source: str
    url: str | None
    title: str | None
    version: int
    versions: int
    media_type: str
    size: int
    published_stated: dt.date | None
    ingested_at: dt.datetime


@dataclass(frozen=True)
class StoredMention:
    row_id: int
    document_id: str
    source: str
    index: int  # the mention's index in its document's `extract` output
    mention: Mention
    contract: dict[str, Any]


@dataclass(frozen=True)
class AuditEntry:
    id: int
    who: str
    at: dt.datetime
    entity: str
    entity_id: str | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    why: str


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: str
    password_hash: str
    created_at: dt.datetime


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL: readers (the web UI) never block the writer; synchronous=NORMAL is crash-safe in WAL mode and
    # spares an fsync per transaction (one transaction per document keeps ingest atomic per document).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    """Alembic configuration pointing at the migrations shipped inside the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("incidentdb.store") / "migrations"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def open_store(url: str | None = None, *, settings: Settings | None = None, migrate: bool = True) -> Store:
    """Open (and by default upgrade to the newest schema) the store at ``url`` or the configured one."""
    url = url or (settings or get_settings()).database_url
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return Store(engine)


class Store:
    """Repository over one database. Thread-safe for reads and writes (one session per call)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error. For additive repository code."""
        with self._sessions.begin() as session:
            yield session

    # ---- documents -------------------------------------------------------------------------------------
    def save_document(self, doc: Document) -> SaveResult:
        """Store a document verbatim. Same bytes: no-op. Same URL/source with new bytes: a new version."""
        try:
            return self._save_document(doc)
        except IntegrityError:  # a concurrent writer stored the same bytes or key first
            return self._save_document(doc)

    def _save_document(self, doc: Document) -> SaveResult:
        key = doc.url or doc.source
        with self.session() as s:
            existing = s.get(m.DocumentVersionRow, doc.id)
            if existing is not None:
                return SaveResult(doc.id, "unchanged", existing.version, existing.document.key)
            parent = s.scalar(select(m.DocumentRow).where(m.DocumentRow.key == key))
            if parent is None:
                parent = m.DocumentRow(key=key)
                s.add(parent)
                s.flush()
            last = s.scalar(
                select(func.max(m.DocumentVersionRow.version)).where(
                    m.DocumentVersionRow.document_id == parent.id
                )
            )
            version = (last or 0) + 1
            s.add(
                m.DocumentVersionRow(
                    sha256=doc.id,
                    document_id=parent.id,
                    version=version,
                    raw=doc.raw,
                    encoding=doc.encoding,
                    media_type=doc.media_type,
                    source=doc.source,
                    url=doc.url,
                    title=doc.title,
                    published_stated=doc.published_stated,
                    published_basis=doc.published_basis,
                    published_evidence=_span_json(doc.published_evidence),
                    fetched_at=doc.fetched_at,
                    text=doc.text,
                    noise=[_span_json(n) for n in doc.noise],
                    removed=list(doc.removed),
                )
            )
        log.debug("document stored", id=doc.id[:12], source=doc.source, version=version)
        return SaveResult(doc.id, "new" if version == 1 else "version", version, key)

    def _find_version(self, s: Session, ref: str) -> m.DocumentVersionRow | None:
        row = s.get(m.DocumentVersionRow, ref)
        if row is not None:
            return row
        latest = (
            select(m.DocumentVersionRow)
            .join(m.DocumentRow)
            .where(m.DocumentRow.key == ref)
            .order_by(m.DocumentVersionRow.version.desc())
        )
        row = s.scalars(latest.limit(1)).first()
        if row is not None:
            return row
        by_source = select(m.DocumentVersionRow).where(m.DocumentVersionRow.source == ref)
        row = s.scalars(by_source.order_by(m.DocumentVersionRow.ingested_at.desc()).limit(1)).first()
        if row is not None:
            return row
        if "/" not in ref and len(ref) >= 3:  # a file name without its directory, if only one source has it
            pattern = "%/" + ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            named = s.scalars(
                select(m.DocumentVersionRow)
                .where(m.DocumentVersionRow.source.like(pattern, escape="\\"))
                .order_by(m.DocumentVersionRow.ingested_at.desc())
            ).all()
            if len({r.document_id for r in named}) == 1:
                return named[0]
            if named:
                raise AmbiguousReference(f"{ref!r} names more than one document")
        if len(ref) >= 4 and all(c in "0123456789abcdef" for c in ref.lower()):
            rows = s.scalars(
                select(m.DocumentVersionRow)
                .where(m.DocumentVersionRow.sha256.startswith(ref.lower()))
                .limit(2)
            ).all()
            if len(rows) > 1:
                raise AmbiguousReference(f"{ref!r} matches more than one document")
            return rows[0] if rows else None
        return None

    def get_document(self, ref: str) -> Document | None:
        """A document by sha256, URL or source (newest version), file name without its directory, or unique
        sha256 prefix (≥ 4 hex digits). Raises :class:`AmbiguousReference` when a name matches several."""
        with self.session() as s:
            row = self._find_version(s, ref)
            return _document(row) if row is not None else None

    def list_documents(self, limit: int | None = None, all_versions: bool = False) -> list[DocumentInfo]:
        """Stored documents, newest first; only the newest version of each unless ``all_versions``.

        Reads metadata columns only (never the raw bytes or text), so it stays cheap on large stores."""
        v = m.DocumentVersionRow
        with self.session() as s:
            counts = dict(s.execute(select(v.document_id, func.count()).group_by(v.document_id)).all())
            query = select(
                v.sha256,
                v.document_id,
                v.source,
                v.url,
                v.title,
                v.version,
                v.media_type,
                func.length(v.raw),
                v.published_stated,
                v.ingested_at,
            ).order_by(v.ingested_at.desc(), v.sha256)
            out: list[DocumentInfo] = []
            for sha, document_id, source, url, title, version, media_type, size, stated, at in s.execute(
                query
            ):
                total = counts.get(document_id, 1)
                if not all_versions and version != total:
                    continue
                out.append(
                    DocumentInfo(
                        id=sha,
                        source=source,
                        url=url,
                        title=title,
                        version=version,
                        versions=total,
                        media_type=media_type,
                        size=int(size or 0),
                        published_stated=stated,
                        ingested_at=at,
                    )
                )
                if limit is not None and len(out) >= limit:
                    break
            return out

    def document_versions(self, ref: str) -> list[DocumentInfo]:
        """Every stored version of the report ``ref`` points at, oldest first."""
        doc = self.get_document(ref)
        if doc is None:
            return []
        key = doc.url or doc.source
        return sorted(
            (d for d in self.list_documents(all_versions=True) if (d.url or d.source) == key),
            key=lambda d: d.version,
        )

    # ---- extractions -----------------------------------------------------------------------------------
    def save_extraction(self, extraction: Extraction, extractor_version: str = "") -> int:
        """Store a machine extraction, atomically replacing this extractor's previous one for the version."""
        doc = extraction.document
        if self.get_document(doc.id) is None:
            self.save_document(doc)
        with self.session() as s:
            old = s.scalar(
                select(m.ExtractionRow).where(
                    m.ExtractionRow.document_sha256 == doc.id,
                    m.ExtractionRow.extractor == extraction.extractor,
                )
            )
            if old is not None:
                s.delete(old)
                s.flush()
            row = m.ExtractionRow(
                document_sha256=doc.id,
                extractor=extraction.extractor,
                extractor_version=extractor_version,
                publication=to_json(extraction.publication),
                contract=to_contract(extraction),
            )
            row.mentions = [_mention_row(doc.id, i, mention) for i, mention in enumerate(extraction.mentions)]
            row.checks = [_check_row(doc.id, i, check) for i, check in enumerate(extraction.checks)]
            s.add(row)
            s.flush()
            return row.id

    def _extraction(self, row: m.ExtractionRow, doc: Document) -> Extraction:
        return Extraction(
            document=doc,
            publication=from_json(Publication, row.publication),
            mentions=tuple(from_json(Mention, r.record) for r in row.mentions),
            checks=tuple(from_json(Check, r.record) for r in row.checks),
            extractor=row.extractor,
        )

    def load_extraction(self, ref: str, extractor: str | None = None) -> Extraction | None:
        """The stored extraction of a document (the newest one unless ``extractor`` is named)."""
        with self.session() as s:
            version = self._find_version(s, ref)
            if version is None:
                return None
            query = select(m.ExtractionRow).where(m.ExtractionRow.document_sha256 == version.sha256)
            if extractor is not None:
                query = query.where(m.ExtractionRow.extractor == extractor)
            query = query.options(
                selectinload(m.ExtractionRow.mentions), selectinload(m.ExtractionRow.checks)
            )
            row = s.scalars(query.order_by(m.ExtractionRow.created_at.desc()).limit(1)).first()
            return self._extraction(row, _document(version)) if row is not None else None

    def iter_extractions(
        self, extractor: str | None = None, latest_versions_only: bool = True
    ) -> Iterator[Extraction]:
        """Every stored extraction (for linking and export), one document version at a time."""
        for info in self.list_documents(all_versions=not latest_versions_only):
            extraction = self.load_extraction(info.id, extractor)
            if extraction is not None:
                yield extraction

    def list_mentions(
        self,
        *,
        kind: str | None = None,
        event_type: str | None = None,
        document: str | None = None,
        admin1: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int | None = None,
    ) -> list[StoredMention]:
        """Stored mentions matching every filter given, ordered by date then document and index."""
        with self.session() as s:
            query = select(m.MentionRow, m.DocumentVersionRow.source).join(
                m.DocumentVersionRow, m.DocumentVersionRow.sha256 == m.MentionRow.document_sha256
            )
            if kind:
                query = query.where(m.MentionRow.kind == kind)
            if event_type:
                query = query.where(m.MentionRow.event_type == event_type)
            if admin1:
                query = query.where(m.MentionRow.admin1 == admin1)
            if date_from:
                query = query.where(m.MentionRow.date_end >= date_from)
            if date_to:
                query = query.where(m.MentionRow.date_start <= date_to)
            if document:
                version = self._find_version(s, document)
                query = query.where(m.MentionRow.document_sha256 == (version.sha256 if version else ""))
            query = query.order_by(m.MentionRow.date_start, m.MentionRow.document_sha256, m.MentionRow.idx)
            if limit is not None:
                query = query.limit(limit)
            return [
                StoredMention(
                    row_id=row.id,
                    document_id=row.document_sha256,
                    source=source,
                    index=row.idx,
                    mention=from_json(Mention, row.record),
                    contract=row.contract,
                )
                for row, source in s.execute(query).all()
            ]

    # ---- incidents -------------------------------------------------------------------------------------
    def save_incidents(self, incidents: Iterable[Mapping[str, Any]], replace: bool = True) -> int:
        """Store linked incidents given in the contract's incident shape; by default replacing all earlier
        machine incidents in the same transaction (review decisions are kept and re-applied on read)."""
        with self.session() as s:
            if replace:
                for old in s.scalars(select(m.IncidentRow)):
                    s.delete(old)
                s.flush()
            count = 0
            for data in incidents:
                row = s.get(m.IncidentRow, str(data["id"]))
                if row is not None:
                    s.delete(row)
                    s.flush()
                row = m.IncidentRow(id=str(data["id"]), data=dict(data), **_incident_columns(data))
                for member in data.get("mentions", []):
                    row.mentions.append(
                        m.IncidentMentionRow(
                            document_sha256=member.get("document_id"),
                            document_source=str(member.get("document", "")),
                            mention_idx=int(member.get("mention", 0)),
                            quote=member.get("quote"),
                        )
                    )
                s.add(row)
                count += 1
            return count

    def list_incidents(self, apply_review: bool = True) -> list[dict[str, Any]]:
        """Incidents in the contract's shape, with review decisions applied unless ``apply_review`` is off."""
        with self.session() as s:
            rows = s.scalars(select(m.IncidentRow).order_by(m.IncidentRow.date_start, m.IncidentRow.id)).all()
            incidents = [dict(r.data) for r in rows]
        if not apply_review:
            return incidents
        return apply_decisions(incidents, self.list_decisions())

    # ---- review, audit, users --------------------------------------------------------------------------
    def record_decision(
        self,
        action: str,
        target_ids: Sequence[str],
        payload: Mapping[str, Any] | None = None,
        *,
        who: str,
        why: str = "",
    ) -> int:
        """Record a reviewer's decision (and its audit entry) in one transaction; returns its id."""
        if action not in ACTIONS:
            raise ValueError(f"unknown review action {action!r}; expected one of {', '.join(ACTIONS)}")
        with self.session() as s:
            row = m.ReviewDecisionRow(
                action=action, target_ids=list(target_ids), payload=dict(payload or {}), who=who, why=why
            )
            s.add(row)
            s.flush()
            after = {"action": action, "target_ids": list(target_ids), "payload": dict(payload or {})}
            s.add(
                m.AuditRow(
                    who=who,
                    entity="review_decision",
                    entity_id=str(row.id),
                    action=action,
                    after=after,
                    why=why,
                )
            )
            return row.id

    def revoke_decision(self, decision_id: int, *, who: str, why: str = "") -> None:
        """Withdraw a decision (it stays stored, marked revoked, with an audit entry)."""
        with self.session() as s:
            row = s.get(m.ReviewDecisionRow, decision_id)
            if row is None:
                raise LookupError(f"no review decision {decision_id}")
            row.revoked = True
            s.add(
                m.AuditRow(
                    who=who, entity="review_decision", entity_id=str(decision_id), action="revoke", why=why
                )
            )

    def list_decisions(self, target_id: str | None = None, include_revoked: bool = False) -> list[Decision]:
        with self.session() as s:
            query = select(m.ReviewDecisionRow).order_by(m.ReviewDecisionRow.id)
            if not include_revoked:
                query = query.where(m.ReviewDecisionRow.revoked.is_(False))
            rows = s.scalars(query).all()
            decisions = [
                Decision(
                    id=r.id,
                    action=r.action,
                    target_ids=tuple(str(t) for t in r.target_ids),
                    payload=dict(r.payload),
                    who=r.who,
                    why=r.why,
                    at=r.at.isoformat(),
                )
                for r in rows
            ]
        if target_id is not None:
            decisions = [d for d in decisions if target_id in d.target_ids]
        return decisions

    def audit(
        self,
        *,
        who: str,
        entity: str,
        entity_id: str | None = None,
        action: str = "",
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        why: str = "",
    ) -> int:
        """Append one entry to the audit log."""
        with self.session() as s:
            row = m.AuditRow(
                who=who,
                entity=entity,
                entity_id=entity_id,
                action=action,
                before=to_json(dict(before)) if before is not None else None,
                after=to_json(dict(after)) if after is not None else None,
                why=why,
            )
            s.add(row)
            s.flush()
            return row.id

    def list_audit(
        self, entity: str | None = None, entity_id: str | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """Audit entries, newest first."""
        with self.session() as s:
            query = select(m.AuditRow).order_by(m.AuditRow.id.desc())
            if entity:
                query = query.where(m.AuditRow.entity == entity)
            if entity_id:
                query = query.where(m.AuditRow.entity_id == entity_id)
            if limit is not None:
                query = query.limit(limit)
            return [
                AuditEntry(r.id, r.who, r.at, r.entity, r.entity_id, r.action, r.before, r.after, r.why)
                for r in s.scalars(query)
            ]

    def add_user(self, name: str, role: str, password_hash: str, *, who: str = "system") -> UserInfo:
        """Create a user (the caller hashes the password, e.g. with argon2)."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        with self.session() as s:
            row = m.UserRow(name=name, role=role, password_hash=password_hash)
            s.add(row)
            s.add(m.AuditRow(who=who, entity="user", entity_id=name, action="create", after={"role": role}))
            s.flush()
            return UserInfo(row.name, row.role, row.password_hash, row.created_at)

    def get_user(self, name: str) -> UserInfo | None:
        with self.session() as s:
            row = s.scalar(select(m.UserRow).where(m.UserRow.name == name))
            return UserInfo(row.name, row.role, row.password_hash, row.created_at) if row else None

    def list_users(self) -> list[UserInfo]:
        with self.session() as s:
            rows = s.scalars(select(m.UserRow).order_by(m.UserRow.name))
            return [UserInfo(r.name, r.role, r.password_hash, r.created_at) for r in rows]
