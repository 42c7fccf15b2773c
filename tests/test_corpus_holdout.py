"""Data checks for the held-out evaluation corpus (corpus/holdout + corpus/gold/holdout).

The held-out set was written by a different author after the extraction rules were written and is never used
for tuning. These are pure data tests: they read the gold JSON and the report texts and never import or run
extraction code (running it here would put the set in front of the people tuning the rules).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from gold_corpus import (
    COUNT_FIELDS,
    KINDS,
    SYRIAN_ADMIN1,
    check_mentions,
    claims,
    iso,
    load_gold,
)

ROOT = Path(__file__).resolve().parents[1]
HOLDOUT_TEXT = ROOT / "corpus" / "holdout"
HOLDOUT_GOLD = ROOT / "corpus" / "gold" / "holdout"
DEV_TEXT = ROOT / "corpus" / "dev"

GOLD_FILES = sorted(HOLDOUT_GOLD.glob("*.json"))


def _text_for(gold: dict[str, Any]) -> str:
    return (HOLDOUT_TEXT / gold["doc"]).read_text(encoding="utf-8")


def test_holdout_has_at_least_sixteen_documents() -> None:
    assert len(GOLD_FILES) >= 16
    texts = sorted(p.name for p in HOLDOUT_TEXT.glob("*.txt"))
    golds = sorted(p.stem + ".txt" for p in GOLD_FILES)
    assert texts == golds, "every report needs exactly one gold file and the other way round"


def test_holdout_is_independent_of_the_dev_corpus() -> None:
    dev_names = {p.stem.split("_", 1)[1] for p in DEV_TEXT.glob("*.txt")}
    dev_texts = {p.read_text(encoding="utf-8") for p in DEV_TEXT.glob("*.txt")}
    for path in HOLDOUT_TEXT.glob("*.txt"):
        assert path.stem.split("_", 1)[1] not in dev_names, path.name
        assert path.read_text(encoding="utf-8") not in dev_texts, path.name


def test_holdout_covers_every_kind_and_several_checks() -> None:
    kinds: set[str] = set()
    check_kinds: set[str] = set()
    admin1: set[str] = set()
    for path in GOLD_FILES:
        gold = load_gold(path)
        kinds.update(m["kind"] for m in gold["mentions"])
        check_kinds.update(c["kind"] for c in gold["checks"])
        admin1.update(
            p["admin1"] for m in gold["mentions"] if m["kind"] == "incident" for p in m.get("places", [])
        )
    assert kinds == KINDS
    assert {"undated", "misdated"} <= check_kinds
    # Incidents in at least twelve of Syria's fourteen governorates.
    assert len(admin1 & SYRIAN_ADMIN1) >= 12, sorted(admin1)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_document_shape(path: Path) -> None:
    gold = load_gold(path)
    assert set(gold) >= {"doc", "publication", "noise", "checks", "mentions"}
    assert gold["doc"] == path.stem + ".txt"
    assert (HOLDOUT_TEXT / gold["doc"]).is_file()
    words = len(_text_for(gold).split())
    assert 150 <= words <= 900, f"{words} words"

    pub = gold["publication"]
    assert set(pub) >= {"stated", "earliest", "latest", "how"} and pub["how"]
    iso(pub["stated"], "stated")
    earliest, latest = iso(pub["earliest"], "earliest"), iso(pub["latest"], "latest")
    assert earliest is not None, "every held-out report can be placed at least from below"
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
def test_evidence_is_unambiguous_and_outside_noise(path: Path) -> None:
    gold = load_gold(path)
    text = _text_for(gold)
    ambiguous = [m["id"] for m in gold["mentions"] if text.count(m["evidence"]) != 1]
    assert not ambiguous, f"evidence occurs more than once: {ambiguous}"
    in_noise = [m["id"] for m in gold["mentions"] if any(m["evidence"] in q for q in gold["noise"])]
    assert not in_noise, f"evidence inside a noise quote: {in_noise}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_checks_are_well_formed(path: Path) -> None:
    for check in load_gold(path)["checks"]:
        assert isinstance(check["kind"], str) and re.fullmatch(r"[a-z_]+", check["kind"])
        assert isinstance(check.get("optional", False), bool)
        assert check.get("note")


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_mentions_are_valid(path: Path) -> None:
    check_mentions(load_gold(path), strict=True)
