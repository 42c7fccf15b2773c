"""What every export reads: the linked incidents with review decisions applied, plus the context of their reports.

Source of incidents (the same library functions the CLI's `incidents` and the web UI use):

* when a `link` run has stored incidents: :func:`incidentdb.review.reviewed_incidents` (machine incidents
  rebuilt from their stored mentions, every review decision applied, rejected incidents dropped);
* when nothing has been linked yet: the stored mentions are linked in memory with the same settings as
  `incidentdb link` (nothing is written to the database). An analyst exporting an unlinked store wants
  deduplicated incidents, not one row per report; there can be no review decisions yet.

Incident mentions extracted after the last `link` run belong to no stored incident; they are counted in
:attr:`ExportSet.unlinked` so the CLI can say "run `incidentdb link`" instead of dropping them silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from incidentdb.log import get_logger

if TYPE_CHECKING:
    from incidentdb.link.types import Incident
    from incidentdb.store import DocumentInfo, Store

log = get_logger(__name__)

GRADES = ("confirmed", "fair", "weak", "contested")


@dataclass(frozen=True)
class ExportFilter:
    """Which incidents to export. Every filter given must hold; an undated incident fails any date filter."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    admin1: str | None = None
    grades: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = []
        if self.date_from:
            parts.append(f"--from {self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"--to {self.date_to.isoformat()}")
        if self.admin1:
            parts.append(f"--admin1 {self.admin1}")
        parts.extend(f"--grade {g}" for g in self.grades)
        return " ".join(parts) or "no filter"

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.admin1 or self.grades)


@dataclass(frozen=True)
class SourceDoc:
    """A report behind an incident, as exports cite it."""

    source: str
    document_id: str | None
    outlet: str
    title: str | None
    published: dt.date | None
    ingested_at: dt.datetime | None


@dataclass(frozen=True)
class IncidentView:
    """One incident as exports see it: the contract JSON (review applied) plus what the layouts need beyond it."""

    data: dict[str, Any]  # incidentdb.link.incident_json shape, review decisions applied
    country: str | None
    admin2: str | None
    sources: tuple[SourceDoc, ...]
    updated_at: dt.datetime | None  # newest of its reports' ingestion and its review decisions

    @property
    def id(self) -> str:
        return str(self.data["id"])

    def date_range(self) -> tuple[dt.date | None, dt.date | None, int | None]:
        date = self.data.get("date") or {}
        start = _day(date.get("start"))
        end = _day(date.get("end")) or start
        return start, end, date.get("precision")

    @property
    def location(self) -> dict[str, Any]:
        return dict(self.data.get("location") or {})

    def figure(self, category: str) -> dict[str, Any] | None:
        value = self.data.get(category)
        return dict(value) if isinstance(value, Mapping) else None


@dataclass(frozen=True)
class ExportSet:
    incidents: list[IncidentView]
    total: int  # incidents before filtering
    linked: bool  # False when the incidents were linked in memory for this export
    unlinked: int = 0  # incident mentions that belong to no stored incident (extracted after `link`)
    notes: list[str] = field(default_factory=list)


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _in_memory_incidents(store: Store) -> list[Incident]:
    from incidentdb.link import LinkSettings, link_mentions
    from incidentdb.review import stored_sources
    from incidentdb.settings import get_settings

    settings = get_settings()
    mentions = list(stored_sources(store).values())
    if not mentions:
        return []
    link_settings = LinkSettings(max_days=settings.link_max_days, threshold=settings.link_threshold)
    return link_mentions(mentions, engine="duckdb", settings=link_settings)


def _reviewed_records(store: Store) -> tuple[list[Incident], bool, int]:
    """The incidents as reviewers left them (records), whether they were stored, and unlinked mentions."""
    from incidentdb.review import apply_decisions, incidents_from_store, stored_sources

    if not store.list_incidents(apply_review=False):
        return _in_memory_incidents(store), False, 0
    sources = stored_sources(store)
    machine = incidents_from_store(store, sources)
    linked_keys = {k for i in machine for k in i.member_keys}
    unlinked = sum(1 for k, lm in sources.items() if lm.mention.kind == "incident" and k not in linked_keys)
    return apply_decisions(machine, store.list_decisions()), True, unlinked


def _source_docs(
    incident: Incident, data: Mapping[str, Any], docs: Mapping[str, DocumentInfo]
) -> list[SourceDoc]:
    published = {lm.document: lm.published for lm in (*incident.sources, *incident.background_sources)}
    out: list[SourceDoc] = []
    seen: set[str] = set()
    for member in data.get("mentions", []):
        source = str(member.get("document"))
        if source in seen or member.get("kind") == "background":
            continue
        seen.add(source)
        info = docs.get(str(member.get("document_id"))) or docs.get(source)
        out.append(
            SourceDoc(
                source=source,
                document_id=member.get("document_id"),
                outlet=str(member.get("outlet") or source),
                title=info.title if info else None,
                published=published.get(source) or (info.published_stated if info else None),
                ingested_at=info.ingested_at if info else None,
            )
        )
    return out


def _updated_at(sources: Sequence[SourceDoc], data: Mapping[str, Any]) -> dt.datetime | None:
    times = [s.ingested_at for s in sources if s.ingested_at is not None]
    for note in data.get("review", []) or []:
        try:
            times.append(dt.datetime.fromisoformat(str(note.get("at"))))
        except ValueError:
            continue
    aware = [t if t.tzinfo else t.replace(tzinfo=dt.UTC) for t in times]
    return max(aware) if aware else None


def build_views(incidents: Iterable[Incident], docs: Mapping[str, DocumentInfo]) -> list[IncidentView]:
    from incidentdb.link import incident_json

    views = []
    for incident in incidents:
        data = incident_json(incident)
        place = incident.location
        same_place = place is not None and (data.get("location") or {}).get("name") == place.name
        sources = _source_docs(incident, data, docs)
        views.append(
            IncidentView(
                data=data,
                country=(place.country if place else None) or _country_of(incident),
                admin2=place.admin2 if same_place and place else None,
                sources=tuple(sources),
                updated_at=_updated_at(sources, data),
            )
        )
    return views


def _country_of(incident: Incident) -> str | None:
    for lm in incident.sources:
        if lm.mention.location is not None and lm.mention.location.country:
            return lm.mention.location.country
    return None


def _admin1_matcher(name: str) -> set[str]:
    """Every spelling of the governorate ``name`` the region pack knows ("Idlib" also matches "Idleb")."""
    from incidentdb.packs import load_pack
    from incidentdb.packs.loader import fold
    from incidentdb.settings import get_settings

    wanted = {fold(name)}
    try:
        pack = load_pack(get_settings().pack)
    except Exception:  # a broken pack must not stop an export; exact names still match
        return wanted
    canonical = pack.admin1_name(name)
    if canonical:
        wanted.add(fold(canonical))
        wanted.update(fold(v) for v in pack.admin1_variants.get(canonical, ()))
    return wanted


def matches(view: IncidentView, filters: ExportFilter, admin1_names: set[str] | None = None) -> bool:
    start, end, _ = view.date_range()
    if filters.date_from and (end is None or end < filters.date_from):
        return False
    if filters.date_to and (start is None or start > filters.date_to):
        return False
    if filters.grades and view.data.get("grade") not in filters.grades:
        return False
    if filters.admin1:
        from incidentdb.packs.loader import fold

        admin1 = view.location.get("admin1")
        if not admin1 or fold(str(admin1)) not in (admin1_names or {fold(filters.admin1)}):
            return False
    return True


def _sort_key(view: IncidentView) -> tuple[str, str]:
    start, _, _ = view.date_range()
    return (start.isoformat() if start else "9999-99-99", view.id)


def load_incidents(store: Store, filters: ExportFilter | None = None) -> ExportSet:
    """The incidents to export (review applied, filtered), oldest first, with their reports' context."""
    filters = filters or ExportFilter()
    records, linked, unlinked = _reviewed_records(store)
    docs: dict[str, DocumentInfo] = {}
    for info in store.list_documents(all_versions=True):
        docs[info.id] = info
        docs.setdefault(info.source, info)
    views = build_views(records, docs)
    admin1_names = _admin1_matcher(filters.admin1) if filters.admin1 else None
    chosen = sorted((v for v in views if matches(v, filters, admin1_names)), key=_sort_key)
    notes = []
    if not linked and views:
        notes.append(
            f"no `incidentdb link` run stored yet: {len(views)} incidents linked in memory for this export"
        )
    if unlinked:
        notes.append(
            f"{unlinked} incident mentions were extracted after the last `incidentdb link` run and are not exported; run `incidentdb link` first"
        )
    log.info("export.incidents", total=len(views), chosen=len(chosen), linked=linked, unlinked=unlinked)
    return ExportSet(chosen, len(views), linked, unlinked, notes)
