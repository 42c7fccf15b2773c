"""Data checks for the hand-written development corpus (corpus/dev + corpus/gold/dev).

Pure data tests: they read the gold JSON and the report texts and never import extraction code, so a broken
annotation is caught even when the extractor is broken too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from gold_corpus import (
    COUNT_FIELDS,
    KINDS,
    check_mentions,
    claims,
    iso,
    load_gold,
)

ROOT = Path(__file__).resolve().parents[1]
DEV_TEXT = ROOT / "corpus" / "dev"
DEV_GOLD = ROOT / "corpus" / "gold" / "dev"

GOLD_FILES = sorted(DEV_GOLD.glob("*.json"))


def _text_for(gold: dict[str, Any]) -> str:
    return (DEV_TEXT / gold["doc"]).read_text(encoding="utf-8")


def test_corpus_has_at_least_thirty_documents() -> None:
    assert len(GOLD_FILES) >= 30
    texts = sorted(p.name for p in DEV_TEXT.glob("*.txt"))
    golds = sorted(p.stem + ".txt" for p in GOLD_FILES)
    assert texts == golds, "every report needs exactly one gold file and the other way round"


def test_corpus_covers_every_kind_and_several_checks() -> None:
    kinds: set[str] = set()
    check_kinds: set[str] = set()
    for path in GOLD_FILES:
        gold = load_gold(path)
        kinds.update(m["kind"] for m in gold["mentions"])
        check_kinds.update(c["kind"] for c in gold["checks"])
    assert kinds == KINDS
    assert {"undated", "misdated", "contradicts_reference"} <= check_kinds


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_document_shape(path: Path) -> None:
    gold = load_gold(path)
    assert set(gold) >= {"doc", "publication", "noise", "checks", "mentions"}
    assert gold["doc"] == path.stem + ".txt"
    assert (DEV_TEXT / gold["doc"]).is_file()
    words = len(_text_for(gold).split())
    assert 150 <= words <= 600, f"{words} words"

    pub = gold["publication"]
    assert set(pub) >= {"stated", "earliest", "latest", "how"} and pub["how"]
    iso(pub["stated"], "stated")
    earliest, latest = iso(pub["earliest"], "earliest"), iso(pub["latest"], "latest")
    assert earliest is not None, "every dev report can be placed at least from below"
    if latest is not None:
        assert earliest <= latest


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_quote_is_an_exact_substring(path: Path) -> None:
    gold = load_gold(path)
    text = _text_for(gold)
    missing: list[str] = [q for q in gold["noise"] if q not in text]
    missing += [c["quote"] for c in gold["checks"] if c.get("quote") is not None and c["quote"] not in text]
    for mention in gold["mentions"]:
        if mention["evidence"] not in text:
            missing.append(mention["evidence"])
        for field in COUNT_FIELDS:
            if field in mention:
                missing += [
                    c["quote"] for c in claims(mention, field) if c["quote"] and c["quote"] not in text
                ]
    assert not missing, f"quotes not found in {gold['doc']}: {missing}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_evidence_is_unambiguous(path: Path) -> None:
    gold = load_gold(path)
    text = _text_for(gold)
    ambiguous = [m["id"] for m in gold["mentions"] if text.count(m["evidence"]) != 1]
    assert not ambiguous, f"evidence occurs more than once: {ambiguous}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_checks_are_well_formed(path: Path) -> None:
    for check in load_gold(path)["checks"]:
        assert isinstance(check["kind"], str) and re.fullmatch(r"[a-z_]+", check["kind"])
        assert isinstance(check.get("optional", False), bool)
        assert check.get("note")


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_mentions_are_valid(path: Path) -> None:
    check_mentions(load_gold(path))


SAMPLES = ROOT / "src" / "incidentdb" / "samples"


def test_demo_samples_are_well_formed() -> None:
    texts = sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert len(texts) == 4
    assert len(list(SAMPLES.glob("*.html"))) == 1
    records = [
        json.loads(line) for line in (SAMPLES / "feed.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    assert len(records) == 2
    for record in records:
        assert record.get("text") or record.get("html")
        assert record["url"] and record["title"] and record["source"]
        iso(record["published"], record["url"])
    # The demo reports are new text, not copies of the development corpus.
    dev_texts = {p.read_text(encoding="utf-8") for p in DEV_TEXT.glob("*.txt")}
    assert not dev_texts & {(SAMPLES / name).read_text(encoding="utf-8") for name in texts}
