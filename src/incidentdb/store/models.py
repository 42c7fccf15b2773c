"""SQLAlchemy 2 models of the store. The schema itself is owned by the Alembic migrations in ``migrations/``.

Documents are kept verbatim: a ``documents`` row is one logical report (its URL, else its source path) and
each distinct byte string seen for it is a ``document_versions`` row keyed by its sha256, never overwritten.
Machine output (extractions, mentions, claims, evidence, checks, incidents) can be replaced wholesale by a new
run; human output (review decisions, audit log, users) is append-only and applied on read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps in UTC, timezone-aware on every backend (SQLite would return them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    """One logical report: all versions share its key (URL if known, else the source as given)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(2048), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    versions: Mapped[list[DocumentVersionRow]] = relationship(
        back_populates="document", order_by="DocumentVersionRow.version"
    )


class DocumentVersionRow(Base):
    """One exact byte string of a report. Its sha256 is the contract's document id."""

    __tablename__ = "document_versions"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    encoding: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(128))
    source: Mapped[str] = mapped_column(String(2048), index=True)
    url: Mapped[str | None] = mapped_column(String(2048), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published_stated: Mapped[dt.date | None] = mapped_column(Date)
    published_basis: Mapped[str] = mapped_column(String(16), default="unknown")
    published_evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fetched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    noise: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{"start", "end", "quote"}]
    removed: Mapped[list[Any]] = mapped_column(JSON, default=list)  # parts dropped before `text`

    document: Mapped[DocumentRow] = relationship(back_populates="versions")

    __table_args__ = (UniqueConstraint("document_id", "version", name="uq_document_versions_doc_version"),)


class ExtractionRow(Base):
    """The machine extraction of one document version by one extractor; replaced as a whole on re-run."""

    __tablename__ = "extractions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_sha256: Mapped[str] = mapped_column(
        ForeignKey("document_versions.sha256", ondelete="CASCADE"), index=True
    )
    extractor: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    publication: Mapped[dict[str, Any]] = mapped_column(JSON)  # records.Publication, lossless
    contract: Mapped[dict[str, Any]] = mapped_column(JSON)  # the contract JSON `extract` writes

    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="extraction", cascade="all, delete-orphan", order_by="MentionRow.idx"
    )
    checks: Mapped[list[CheckRow]] = relationship(
        back_populates="extraction", cascade="all, delete-orphan", order_by="CheckRow.idx"
    )

    __table_args__ = (UniqueConstraint("document_sha256", "extractor", name="uq_extractions_doc_extractor"),)


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id", ondelete="CASCADE"), index=True)
    document_sha256: Mapped[str] = mapped_column(String(64), index=True)
    idx: Mapped[int] = mapped_column(Integer)  # index in the document's `extract` output
    kind: Mapped[str] = mapped_column(String(16), index=True)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    date_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    precision: Mapped[int | None] = mapped_column(Integer)
    weekday: Mapped[str | None] = mapped_column(String(16))
    place_name: Mapped[str | None] = mapped_column(String(256))
    admin1: Mapped[str | None] = mapped_column(String(128), index=True)
    country: Mapped[str | None] = mapped_column(String(128))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    actor1: Mapped[str | None] = mapped_column(String(256))
    actor2: Mapped[str | None] = mapped_column(String(256))
    killed_low: Mapped[int | None] = mapped_column(Integer)
    killed_best: Mapped[int | None] = mapped_column(Integer)
    killed_high: Mapped[int | None] = mapped_column(Integer)
    injured_low: Mapped[int | None] = mapped_column(Integer)
    injured_best: Mapped[int | None] = mapped_column(Integer)
    injured_high: Mapped[int | None] = mapped_column(Integer)
    captured_best: Mapped[int | None] = mapped_column(Integer)
    missing_best: Mapped[int | None] = mapped_column(Integer)
    displaced_best: Mapped[int | None] = mapped_column(Integer)
    contract: Mapped[dict[str, Any]] = mapped_column(JSON)  # the mention's contract JSON
    record: Mapped[dict[str, Any]] = mapped_column(JSON)  # records.Mention, lossless

    extraction: Mapped[ExtractionRow] = relationship(back_populates="mentions")
    claims: Mapped[list[ClaimRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    evidence: Mapped[list[EvidenceSpanRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class ClaimRow(Base):
    """One figure as one claimant states it (records.CountClaim)."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    low: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    vague: Mapped[str | None] = mapped_column(String(64))
    claimant: Mapped[str | None] = mapped_column(String(256))
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class EvidenceSpanRow(Base):
    __tablename__ = "evidence_spans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class CheckRow(Base):
    __tablename__ = "checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id", ondelete="CASCADE"), index=True)
    document_sha256: Mapped[str] = mapped_column(String(64), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    message: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(16), default="warning")
    quote: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)  # records.Check, lossless

    extraction: Mapped[ExtractionRow] = relationship(back_populates="checks")


class IncidentRow(Base):
    """A linked cluster of mentions (machine output of `link`; replaced as a whole by a new linking run)."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    date_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    precision: Mapped[int | None] = mapped_column(Integer)
    place_name: Mapped[str | None] = mapped_column(String(256))
    admin1: Mapped[str | None] = mapped_column(String(128), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    killed_low: Mapped[int | None] = mapped_column(Integer)
    killed_best: Mapped[int | None] = mapped_column(Integer)
    killed_high: Mapped[int | None] = mapped_column(Integer)
    injured_low: Mapped[int | None] = mapped_column(Integer)
    injured_best: Mapped[int | None] = mapped_column(Integer)
    injured_high: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str | None] = mapped_column(String(16))
    grade_reason: Mapped[str | None] = mapped_column(Text)
    conflicts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the incident's contract JSON
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    mentions: Mapped[list[IncidentMentionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="IncidentMentionRow.id"
    )


class IncidentMentionRow(Base):
    """A mention in an incident, by (document sha256, mention index): stable across re-extraction."""

    __tablename__ = "incident_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    document_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    document_source: Mapped[str] = mapped_column(String(2048))
    mention_idx: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)


class ReviewDecisionRow(Base):
    """A human decision (merge/split/confirm/reject/edit), kept forever and applied on read."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(16), index=True)
    target_ids: Mapped[list[Any]] = mapped_column(JSON)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    why: Mapped[str] = mapped_column(Text, default="")
    revoked: Mapped[bool] = mapped_column(default=False)


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    entity: Mapped[str] = mapped_column(String(64), index=True)
    entity_id: Mapped[str | None] = mapped_column(String(128), index=True)
    action: Mapped[str] = mapped_column(String(32), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    why: Mapped[str] = mapped_column(Text, default="")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # viewer | editor | admin
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
