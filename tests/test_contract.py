"""The extraction contract on real output: schema-valid JSON for all five seeds, offsets that hold."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from incidentdb.cli.main import app
from incidentdb.contract import contract_schema


@pytest.fixture(scope="module")
def seed_output(seed_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`extract --format jsonl --save` on the seeds, and `show --plain` of each stored document."""
    db = f"sqlite:///{tmp_path_factory.mktemp('contract') / 'contract.sqlite'}"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "extract", *map(str, seed_files), "--format", "jsonl", "--save"])
    assert result.exit_code == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    texts = {}
    for obj in objects:
        shown = runner.invoke(app, ["--db", db, "show", obj["document"]["id"], "--plain"])
        assert shown.exit_code == 0, shown.stderr
        texts[obj["document"]["id"]] = shown.stdout
    return {"objects": objects, "texts": texts}


def spans(obj: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for i, mention in enumerate(obj["mentions"]):
        for evidence in mention["evidence"]:
            yield f"mention {i} evidence", evidence
        for category in ("killed", "injured", "captured", "missing", "displaced"):
            for claim in (mention.get(category) or {}).get("claims", []):
                yield f"mention {i} {category} claim", claim
    for check in obj["checks"]:
        if check["quote"] is not None:
            yield f"check {check['kind']}", check


def test_schema_file_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(contract_schema())


def test_every_seed_output_is_valid_contract_json(
    seed_output: dict[str, Any], seed_files: list[Path]
) -> None:
    validator = jsonschema.Draft202012Validator(contract_schema())
    objects = seed_output["objects"]
    assert [o["document"]["source"] for o in objects] == [str(p) for p in seed_files]
    for obj, path in zip(objects, seed_files, strict=True):
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(obj)]
        assert not errors, f"{path.name}: {errors}"
        assert obj["document"]["id"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_span_quotes_the_text_show_prints(seed_output: dict[str, Any]) -> None:
    checked = 0
    for obj in seed_output["objects"]:
        text = seed_output["texts"][obj["document"]["id"]]
        for where, span in spans(obj):
            assert text[span["start"] : span["end"]] == span["quote"], f"{obj['document']['source']}: {where}"
            checked += 1
        for noise in obj["document"]["noise"]:
            assert 0 <= noise["start"] < noise["end"] <= len(text)
    assert checked > 0, "the seeds produced no spans at all"


def test_schema_rejects_broken_output(seed_output: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(contract_schema())
    broken = json.loads(json.dumps(seed_output["objects"][0]))
    broken["document"]["published"]["basis"] = "guessed"
    del broken["checks"]
    messages = {e.message for e in validator.iter_errors(broken)}
    assert "'checks' is a required property" in messages
    assert any("guessed" in m for m in messages)
