"""`incidentdb export`, `dump`, `restore` on the command line: exit codes, messages, no partial files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from export_data import built_database, copy_database
from incidentdb.cli.main import app


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_database(tmp_path_factory)


@pytest.fixture
def db(built: Path, tmp_path: Path) -> str:
    return copy_database(built, tmp_path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def _others(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "copy.sqlite")


@pytest.mark.parametrize("fmt", ["acled-csv", "ucdp-csv", "geojson", "jsonl"])
def test_every_format_writes_a_file(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    code, stderr = run("--db", db, "export", "--format", fmt, str(out))
    assert code == 0, stderr
    assert f"to {out}" in stderr and out.stat().st_size > 0
    assert _others(tmp_path) == [out.name]


def test_filters_on_the_command_line(db: str, tmp_path: Path) -> None:
    out = tmp_path / "idleb.csv"
    code, stderr = run("--db", db, "export", "--format", "acled-csv", "--admin1", "Idlib", "--from", "2019-01-01",
                       "--to", "2019-12-31", "--grade", "fair", "--grade", "confirmed", str(out))  # fmt: skip
    assert code == 0, stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["admin1"] == "Idleb" and r["year"] == "2019" for r in rows)


def test_unknown_format_is_a_usage_error(db: str, tmp_path: Path) -> None:
    code, stderr = run("--db", db, "export", "--format", "xlsx", str(tmp_path / "out.xlsx"))
    assert code == 2 and "xlsx" in stderr
    assert _others(tmp_path) == []


def test_bad_date_is_a_usage_error(db: str, tmp_path: Path) -> None:
    code, stderr = run("--db", db, "export", "--format", "jsonl", "--from", "03/06/2019", str(tmp_path / "o"))
    assert code == 2 and "YYYY-MM-DD" in stderr


def test_unwritable_path_fails_cleanly(db: str, tmp_path: Path) -> None:
    out = tmp_path / "no-such-dir" / "out.csv"
    code, stderr = run("--db", db, "export", "--format", "acled-csv", str(out))
    assert code == 1 and "does not exist" in stderr and str(out) in stderr
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    code, stderr = run("--db", db, "export", "--format", "geojson", str(a_file / "out.geojson"))
    assert code == 1 and "not a directory" in stderr
    code, stderr = run("--db", db, "export", "--format", "jsonl", str(tmp_path))
    assert code == 1 and "is a directory" in stderr
    assert _others(tmp_path) == ["a-file"]


def test_filter_matching_nothing_leaves_no_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "empty.geojson"
    code, stderr = run("--db", db, "export", "--format", "geojson", "--from", "2090-01-01", str(out))
    assert code == 1 and "no incident matches" in stderr and "--from 2090-01-01" in stderr
    assert _others(tmp_path) == []


def test_dump_and_restore_commands(db: str, tmp_path: Path) -> None:
    dump_file = tmp_path / "backup.jsonl.gz"
    code, stderr = run("--db", db, "dump", str(dump_file))
    assert code == 0 and "dumped" in stderr
    target = f"sqlite:///{tmp_path / 'restored.sqlite'}"
    code, stderr = run("--db", target, "restore", str(dump_file))
    assert code == 0 and "restored" in stderr, stderr
    code, stderr = run("--db", target, "restore", str(dump_file))
    assert code == 1 and "not empty" in stderr
    code, stderr = run("--db", target, "restore", str(tmp_path / "missing.jsonl"))
    assert code == 1 and "no such file" in stderr
