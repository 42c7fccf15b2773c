"""The command line on the seeds and on bad input: exit codes, one-line errors, show, incidents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentdb.cli.main import app

COMMANDS = ["ingest", "documents", "extract", "show", "incidents", "demo", "eval"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_exit_codes(command: str) -> None:
    code, out, _ = run(command, "--help")
    out = " ".join(out.split())  # rich wraps help text to the terminal width
    assert code == 0
    assert "--db" in out
    if command != "eval":
        assert "Exit status" in out and "2 usage error" in out


def test_ingest_reports_bad_input_in_one_line_and_goes_on(db: str, seeds_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = run("--db", db, "ingest", str(seeds_dir), str(empty))
    assert code == 1
    assert f"error: {empty}: empty file" in err.splitlines()
    assert "5 documents (5 new), 1 failed" in err
    code, _, err = run("ingest", str(seeds_dir), "--db", db)
    assert code == 0 and "5 documents (5 unchanged), 0 failed" in err


def test_usage_errors_exit_2(db: str, seeds_dir: Path) -> None:
    assert run("--db", db, "ingest")[0] == 2
    assert run("--db", db, "extract")[0] == 2
    assert run("--db", db, "extract", str(seeds_dir), "--format", "xml")[0] == 2
    code, _, err = run("--db", db, "show", "0123456789abcdef")
    assert code == 2 and "no such document" in err
    assert run("--db", "nosuchdriver://x", "incidents")[0] == 2


def test_show_marks_noise_and_plain_prints_the_exact_text(db: str, seed_files: list[Path]) -> None:
    seed = seed_files[0]
    run("--db", db, "ingest", str(seed))
    code, plain, _ = run("--db", db, "show", str(seed), "--plain")
    assert code == 0 and plain == seed.read_text(encoding="utf-8")
    code, marked, _ = run("--db", db, "show", str(seed))
    assert code == 0
    lines = plain.strip().splitlines()
    assert f"⟦{lines[-1]}⟧" in marked  # the seed's last line is page furniture
    assert lines[1] in marked and f"⟦{lines[1]}⟧" not in marked  # its body is not


def test_database_from_the_environment(tmp_path: Path, seed_files: list[Path]) -> None:
    target = tmp_path / "env.sqlite"
    code, _, _ = run("ingest", str(seed_files[0]), env={"INCIDENTDB_DATABASE_URL": f"sqlite:///{target}"})
    assert code == 0 and target.is_file() and target.stat().st_size > 0


def test_extract_files_writes_one_object_per_good_document(seed_files: list[Path], tmp_path: Path) -> None:
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02 binary")
    code, out, err = run("extract", *map(str, seed_files), str(binary), "--format", "jsonl")
    assert code == 1
    assert f"error: {binary}: binary file, not text" in err.splitlines()
    sources = [json.loads(line)["document"]["source"] for line in out.splitlines()]
    assert sources == [str(p) for p in seed_files]


def test_extract_save_then_incidents(db: str, seeds_dir: Path) -> None:
    assert run("--db", db, "ingest", str(seeds_dir))[0] == 0
    code, out, _ = run("--db", db, "extract", "--from-store", "--save")
    assert code == 0 and len(out.splitlines()) == 5
    stored = [json.loads(line) for line in out.splitlines()]
    incident_mentions = sum(1 for d in stored for m in d["mentions"] if m["kind"] == "incident")
    code, out, _ = run("--db", db, "incidents", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and len(rows) <= incident_mentions
    assert all(r["mentions"] and r["grade"] in {"confirmed", "fair", "weak", "contested"} for r in rows)
    code, table, _ = run("--db", db, "incidents")
    assert code == 0 and "Incidents" in table


def test_extract_from_store_names_unknown_documents(db: str, seed_files: list[Path]) -> None:
    run("--db", db, "ingest", str(seed_files[0]))
    code, out, err = run("--db", db, "extract", "--from-store", str(seed_files[0]), "nosuchdoc")
    assert code == 1 and len(out.splitlines()) == 1
    assert "error: nosuchdoc: no such document in the store" in err


def test_demo_ingests_extracts_links_and_prints_incidents(
    db: str, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from incidentdb.cli import main

    monkeypatch.setattr(main, "samples_dir", lambda: seeds_dir)  # the command's mechanics, on known reports
    code, out, err = run("--db", db, "demo")
    assert code == 0, err
    assert "5 documents (5 new), 0 failed" in err
    assert "Incidents (" in out and "Incidents (0)" not in out
    code, _, err = run("--db", db, "demo")  # idempotent: a second run stores nothing new
    assert code == 0 and "5 documents (5 unchanged), 0 failed" in err


def test_ingest_extract_show_on_each_backend(store_url: str, seed_files: list[Path]) -> None:
    """The same commands against SQLite and the real PostgreSQL server."""
    code, _, err = run("--db", store_url, "ingest", *map(str, seed_files))
    assert code == 0 and "5 new" in err
    code, _, err = run("--db", store_url, "ingest", *map(str, seed_files))
    assert code == 0 and "5 unchanged" in err
    code, out, _ = run("--db", store_url, "extract", "--from-store", "--save", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 5
    code, plain, _ = run("--db", store_url, "show", str(seed_files[2]), "--plain")
    assert code == 0 and plain == seed_files[2].read_text(encoding="utf-8")


def test_size_limit_option_and_documents_list(db: str, seed_files: list[Path]) -> None:
    small, big = seed_files[0], seed_files[4]  # 2 kB and 10 kB
    code, _, err = run("--db", db, "ingest", str(small), str(big), "--max-file-bytes", "5000")
    assert code == 1
    assert f"error: {big}: file is {big.stat().st_size} bytes, over the size limit of 5000" in err
    code, out, _ = run("--db", db, "documents")
    assert code == 0 and "Documents (1)" in out
    # jsonl, not the table: a rich table folds a long path to the terminal width (as on CI's deeper checkout)
    code, out, _ = run("--db", db, "documents", "--format", "jsonl")
    assert code == 0 and [json.loads(line)["source"] for line in out.splitlines()] == [str(small)]


def test_eval_links_table_shows_the_scores_and_the_errors() -> None:
    links = Path(__file__).resolve().parents[1] / "corpus" / "links"
    code, out, _ = run("eval", "--links", str(links))
    assert code == 0
    rows = {
        line.split("│")[1].strip(): line.split("│")[2].strip() for line in out.splitlines() if "│" in line
    }
    assert float(rows["bcubed f1"]) >= 0.9 and float(rows["bcubed precision"]) <= 1.0
    assert {"pairwise f1", "bcubed recall", "background gold"} <= rows.keys()
    assert "error" not in rows or "split_into=" in rows["error"] or "merged" in rows["error"]
