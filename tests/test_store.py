"""The store on SQLite and on the real PostgreSQL server: idempotence, versions, round trips, review, audit."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError, StatementError

from incidentdb.records import (
    Actor,
    Check,
    Count,
    CountClaim,
    DateInterval,
    Document,
    Extraction,
    Mention,
    Place,
    Publication,
    Span,
)
from incidentdb.store import AmbiguousReference, Store, open_store
from incidentdb.store import models as m
from incidentdb.store.repository import alembic_config, upgrade

TEXT = "Shelling killed at least eight people in Talbiseh on Friday, activists said.\nShare this"


def make_doc(
    text: str = TEXT, source: str = "reports/a.txt", raw: bytes | None = None, **kw: object
) -> Document:
    raw = raw if raw is not None else text.encode("utf-8")
    return Document(
        id=hashlib.sha256(raw).hexdigest(),
        source=source,
        raw=raw,
        text=text,
        encoding="utf-8",
        media_type="text/plain",
        noise=(Span.of(text, text.index("Share this"), len(text)),) if "Share this" in text else (),
        **kw,  # type: ignore[arg-type]
    )


def span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), quote)


def make_extraction(doc: Document, killed: int = 8) -> Extraction:
    quote = span(doc.text, "killed at least eight people")
    place = span(doc.text, "Talbiseh")
    mention = Mention(
        kind="incident",
        evidence=(quote,),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=DateInterval(dt.date(2012, 2, 10), dt.date(2012, 2, 10), 1, "Friday", span(doc.text, "Friday")),
        location=Place("Talbiseh", admin1="Homs", lat=34.84, lon=36.73, geo_precision=1, evidence=place),
        places=(Place("Talbiseh", admin1="Homs", evidence=place),),
        actor1="Military Forces of Syria",
        actors=(Actor("Activists", "activists", span(doc.text, "activists"), "claimant"),),
        counts={
            "killed": Count(
                killed, killed, None, "at least", (CountClaim(killed, None, "at least", "activists", quote),)
            )
        },
        notes=("shelling trigger",),
    )
    background = Mention(kind="background", evidence=(span(doc.text, "Talbiseh on Friday"),))
    return Extraction(
        document=doc,
        publication=Publication(None, dt.date(2012, 2, 10), dt.date(2012, 2, 12), "inferred", "weekday"),
        mentions=(mention, background),
        checks=(Check("undated", "no publication date stated", None),),
        extractor="rules",
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def test_migrations_are_linear_and_reversible(store_url: str) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1, "Alembic history must stay linear (one head)"
    st = open_store(store_url)
    try:
        upgrade(st.engine, "base")
        upgrade(st.engine, "head")
        assert st.list_documents() == []
    finally:
        st.close()


def test_same_bytes_twice_is_a_no_op(store: Store) -> None:
    doc = make_doc()
    first = store.save_document(doc)
    again = store.save_document(doc)
    assert (first.status, again.status) == ("new", "unchanged")
    assert first.id == again.id == doc.id
    [info] = store.list_documents(all_versions=True)
    assert (info.size, info.versions, info.ingested_at.tzinfo is not None) == (len(doc.raw), 1, True)


def test_same_source_new_bytes_is_a_new_version(store: Store) -> None:
    old = make_doc()
    new = make_doc(TEXT.replace("eight", "nine"))
    store.save_document(old)
    saved = store.save_document(new)
    assert (saved.status, saved.version) == ("version", 2)
    assert store.get_document("reports/a.txt") == new  # the newest by source
    assert store.get_document(old.id) == old  # the old version is still there, unchanged
    versions = store.document_versions("reports/a.txt")
    assert [(v.id, v.version) for v in versions] == [(old.id, 1), (new.id, 2)]
    assert [d.id for d in store.list_documents()] == [new.id]


def test_url_groups_versions_and_raw_bytes_are_kept_exactly(store: Store) -> None:
    raw = "Café – “quoted”".encode("cp1252")
    doc = make_doc("Café – “quoted”", source="feed.jsonl#L1", raw=raw, url="https://example.org/a")
    store.save_document(doc)
    other = make_doc("Café – updated", source="feed.jsonl#L7", url="https://example.org/a")
    assert store.save_document(other).version == 2
    back = store.get_document(doc.id)
    assert back is not None and back.raw == raw and back.text == doc.text
    latest = store.get_document("https://example.org/a")
    assert latest is not None and latest.id == other.id


def test_lookup_by_prefix_and_ambiguous_prefix(store: Store) -> None:
    doc = make_doc()
    store.save_document(doc)
    found = store.get_document(doc.id[:8])
    assert found is not None and found.id == doc.id
    assert store.get_document("ffffffff" if not doc.id.startswith("ffff") else "00000000") is None
    # two texts whose sha256 share a 4-digit prefix make that prefix ambiguous
    seen: dict[str, str] = {}
    for i in itertools.count():
        text = f"report {i}"
        prefix = hashlib.sha256(text.encode()).hexdigest()[:4]
        if prefix in seen:
            break
        seen[prefix] = text
    store.save_document(make_doc(seen[prefix], source="x/1.txt"))
    store.save_document(make_doc(text, source="x/2.txt"))
    with pytest.raises(AmbiguousReference):
        store.get_document(prefix)


def test_extraction_round_trip_and_replacement(store: Store) -> None:
    doc = make_doc()
    store.save_document(doc)
    extraction = make_extraction(doc)
    store.save_extraction(extraction, extractor_version="1")
    assert store.load_extraction(doc.id) == extraction
    assert store.load_extraction(doc.id[:10]) == extraction
    incidents = store.list_mentions(kind="incident")
    assert [(x.document_id, x.index, x.source) for x in incidents] == [(doc.id, 0, "reports/a.txt")]
    assert incidents[0].contract["killed"]["low"] == 8
    assert store.list_mentions(admin1="Homs", date_from=dt.date(2012, 2, 1), date_to=dt.date(2012, 2, 28))
    assert not store.list_mentions(date_from=dt.date(2013, 1, 1))
    # re-extraction replaces the previous machine extraction of that version, claims and evidence included
    store.save_extraction(make_extraction(doc, killed=9))
    loaded = store.load_extraction(doc.id)
    assert loaded is not None and loaded.mentions[0].counts["killed"].low == 9
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(m.ExtractionRow)) == 1
        assert s.scalar(select(func.count()).select_from(m.MentionRow)) == 2
        assert s.scalar(select(func.count()).select_from(m.ClaimRow)) == 1
        assert s.scalar(select(func.count()).select_from(m.EvidenceSpanRow)) == 2


def test_failed_extraction_write_leaves_the_previous_one(store: Store) -> None:
    doc = make_doc()
    store.save_extraction(make_extraction(doc))  # stores the document too
    good = store.load_extraction(doc.id)
    broken = make_extraction(doc, killed=9)
    unserialisable = Mention(kind="incident", evidence=broken.mentions[0].evidence, notes=(object(),))  # type: ignore[arg-type]
    broken = Extraction(
        broken.document, broken.publication, (*broken.mentions, unserialisable), broken.checks
    )
    with pytest.raises((StatementError, SQLAlchemyError, TypeError, ValueError)):
        store.save_extraction(broken)
    assert store.load_extraction(doc.id) == good
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(m.MentionRow)) == 2


def test_review_decisions_survive_relinking(store: Store) -> None:
    def incident(ident: str, doc: str, grade: str = "weak") -> dict[str, object]:
        return {
            "id": ident,
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "date": {"start": "2012-02-04", "end": "2012-02-04", "precision": 1},
            "location": {"name": "Homs", "admin1": "Homs", "lat": 34.73, "lon": 36.71},
            "killed": {"low": 5, "best": 8, "high": 8},
            "grade": grade,
            "grade_reason": "machine",
            "conflicts": [],
            "mentions": [{"document": doc, "mention": 0, "quote": "q"}],
        }

    batch = [incident("a", "d1"), incident("b", "d2"), incident("c", "d3"), incident("d", "d4")]
    assert store.save_incidents(batch) == 4
    store.record_decision("merge", ["a", "b"], who="ana", why="same attack")
    store.record_decision("reject", ["c"], who="ana", why="not an incident")
    store.record_decision("edit", ["d"], {"fields": {"killed": {"low": 6, "best": 6, "high": 6}}}, who="bo")
    confirm = store.record_decision("confirm", ["a"], who="bo", why="two sources")
    store.save_incidents(batch)  # a new linking run replaces the machine incidents
    by_id = {i["id"]: i for i in store.list_incidents()}
    assert set(by_id) == {"a", "d"}
    assert [x["document"] for x in by_id["a"]["mentions"]] == ["d1", "d2"]
    assert by_id["a"]["grade"] == "confirmed"
    assert by_id["d"]["killed"] == {"low": 6, "best": 6, "high": 6}
    assert len(store.list_incidents(apply_review=False)) == 4
    store.revoke_decision(confirm, who="ana", why="premature")
    assert {i["id"]: i for i in store.list_incidents()}["a"]["grade"] == "weak"
    audit = store.list_audit(entity="review_decision")
    assert [e.action for e in audit] == ["revoke", "confirm", "edit", "reject", "merge"]
    assert audit[-1].who == "ana" and audit[-1].why == "same attack"


def test_split_decision(store: Store) -> None:
    members = [{"document": f"d{i}", "mention": i, "quote": "q"} for i in range(3)]
    store.save_incidents([{"id": "x", "grade": "fair", "mentions": members}])
    store.record_decision("split", ["x"], {"mentions": [2]}, who="ana", why="different day")
    incidents = sorted(store.list_incidents(), key=lambda i: str(i["id"]))
    assert [len(i["mentions"]) for i in incidents] == [2, 1]
    assert incidents[1]["mentions"][0]["document"] == "d2"


def test_audit_and_users(store: Store) -> None:
    entry = store.audit(
        who="ana", entity="incident", entity_id="a", action="edit", before={"k": 1}, after={"k": 2}
    )
    assert store.list_audit(entity_id="a")[0].id == entry
    user = store.add_user("ana", "editor", "$argon2id$hash")
    assert store.get_user("ana") == user
    assert store.get_user("nobody") is None
    with pytest.raises(ValueError, match="role"):
        store.add_user("bo", "superuser", "h")
    with pytest.raises(IntegrityError):
        store.add_user("ana", "viewer", "h")
    assert [u.name for u in store.list_users()] == ["ana"]
    with pytest.raises(ValueError, match="action"):
        store.record_decision("delete", ["a"], who="ana")


def test_lookup_by_file_name(store: Store) -> None:
    doc = make_doc(source="/data/reports/report_1.txt")
    store.save_document(doc)
    found = store.get_document("report_1.txt")
    assert found is not None and found.id == doc.id
    assert store.get_document("report%1.txt") is None  # LIKE wildcards are taken literally
    store.save_document(make_doc(TEXT + " more", source="/other/report_1.txt"))
    with pytest.raises(AmbiguousReference):
        store.get_document("report_1.txt")
