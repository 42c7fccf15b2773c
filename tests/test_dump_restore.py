"""Dump and restore a whole database: SQLite -> PostgreSQL -> SQLite gives identical exports and rows.

PostgreSQL is the real server on 127.0.0.1:5432 (scratch database from tests/conftest.py's fixture, dropped
afterwards; with CI=true it must answer).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from export_data import CLASH, SHELLING_A, built_database, copy_database, holding
from incidentdb import review
from incidentdb.export import FORMATS, export_incidents
from incidentdb.export.atomic import ExportError
from incidentdb.export.dump import dump_store, restore_store
from incidentdb.store import Store, open_store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_database(tmp_path_factory)


@pytest.fixture
def source(built: Path, tmp_path: Path) -> Store:
    """The built database with review decisions, a revoked one and a user (all must survive)."""
    store = open_store(copy_database(built, tmp_path))
    rows = review.reviewed_incidents(store)
    review.confirm(store, holding(rows, SHELLING_A)["id"], who="ana", why="two outlets")
    edit = review.edit(
        store,
        holding(rows, CLASH)["id"],
        {"killed": {"low": 20, "best": 24, "high": 30}},
        who="ana",
        why="first list",
    )
    store.revoke_decision(edit, who="ben", why="the list was not final")
    review.edit(
        store,
        holding(rows, CLASH)["id"],
        {"killed": {"low": 14, "best": 14, "high": 14}},
        who="ben",
        why="list",
    )
    store.add_user("ana", "editor", "argon2-hash-for-test")
    return store


def _exports(store: Store, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    out = {}
    for fmt in FORMATS:
        path = folder / f"export.{fmt}"
        export_incidents(store, fmt, path)
        out[fmt] = path.read_bytes()
    return out


def _rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.mark.postgres
def test_sqlite_to_postgresql_to_sqlite_round_trip(source: Store, postgres_url: str, tmp_path: Path) -> None:
    before = _exports(source, tmp_path / "before")
    first = tmp_path / "first.jsonl.gz"
    summary = dump_store(source, first)
    assert summary.tables["document_versions"] == len(source.list_documents(all_versions=True))
    assert summary.tables["review_decisions"] == 3 and summary.tables["users"] == 1

    with open_store(postgres_url) as pg:
        restore_store(pg, first)
        assert _exports(pg, tmp_path / "postgres") == before
        second = tmp_path / "second.jsonl.gz"
        dump_store(pg, second)
        pg.add_user("ben", "viewer", "another-hash")  # serial counters continue after the restored ids
        entry = pg.audit(who="ben", entity="test", why="a new audit row gets a fresh id")
        assert entry == max(a.id for a in source.list_audit()) + 2

    with open_store(f"sqlite:///{tmp_path / 'back.sqlite'}") as back:
        restore_store(back, second)
        after = _exports(back, tmp_path / "after")
        assert after == before
        for info in source.list_documents(all_versions=True):
            original, restored = source.get_document(info.id), back.get_document(info.id)
            assert original is not None and restored is not None
            assert restored.raw == original.raw and restored.text == original.text
        assert [u.name for u in back.list_users()] == ["ana"]
        assert [(d.id, d.action) for d in back.list_decisions(include_revoked=True)] == [
            (d.id, d.action) for d in source.list_decisions(include_revoked=True)
        ]
        assert len(back.list_decisions()) == 2  # the revoked edit stays revoked
        assert [(a.id, a.who, a.at, a.after) for a in back.list_audit()] == [
            (a.id, a.who, a.at, a.after) for a in source.list_audit()
        ]
        clash = holding(review.reviewed_incidents(back), CLASH)
        assert clash["killed"] == {"low": 14, "best": 14, "high": 14}

    assert _rows(first) == _rows(second)  # every row of every table identical after PostgreSQL


def test_restore_refuses_a_non_empty_database_and_leaves_it_alone(source: Store, tmp_path: Path) -> None:
    dump_file = tmp_path / "dump.jsonl"
    dump_store(source, dump_file)
    before = len(source.list_documents(all_versions=True))
    with pytest.raises(ExportError, match="not empty"):
        restore_store(source, dump_file)
    assert len(source.list_documents(all_versions=True)) == before


def test_truncated_or_foreign_dump_restores_nothing(source: Store, tmp_path: Path) -> None:
    dump_file = tmp_path / "dump.jsonl"
    dump_store(source, dump_file)
    lines = dump_file.read_text(encoding="utf-8").splitlines(keepends=True)
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}") as empty:
        with pytest.raises(ExportError, match="truncated"):
            restore_store(empty, truncated)
        assert empty.list_documents() == [] and empty.list_decisions(include_revoked=True) == []
        foreign = tmp_path / "foreign.jsonl"
        foreign.write_text('{"type": "meta"}\n', encoding="utf-8")
        with pytest.raises(ExportError, match="not an incidentdb dump"):
            restore_store(empty, foreign)
        restore_store(empty, dump_file)  # the same empty store still takes the complete dump
        assert len(empty.list_documents(all_versions=True)) == len(source.list_documents(all_versions=True))
