"""The evaluation gate: no overall figure on the seeds or the dev corpus may fall below its baseline.

Baselines live in tests/baselines/; regenerate them with ``python -m incidentdb.evaluate.baseline --update``
when a change is meant to move the figures (and say why in the commit message).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from incidentdb.evaluate import evaluate, load_document
from incidentdb.evaluate.baseline import check, suites
from incidentdb.evaluate.gold import GoldDocument, gold_files, parse_gold, read_gold_json

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS_GOLD = SHARED / "gold" / "seeds"
SEEDS_DOCS = SHARED / "seeds"
IN_CI = os.environ.get("CI") == "true"


def _skip_or_fail(reason: str, required: bool) -> None:
    if required:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.mark.parametrize("suite", suites(ROOT), ids=lambda s: s.name)
def test_no_figure_falls_below_its_baseline(suite: Any) -> None:
    if not suite.gold_dir.is_dir() or not gold_files(suite.gold_dir):
        _skip_or_fail(f"no gold at {suite.gold_dir}", required=IN_CI and suite.name == "seeds")
    if not suite.baseline.is_file():
        pytest.fail(f"no baseline {suite.baseline}: run python -m incidentdb.evaluate.baseline --update")
    regressions = check(evaluate(suite.gold_dir), suite.baseline)
    assert not regressions, "\n".join(str(r) for r in regressions)


# ---------------------------------------------------------------- the scorer on the real seeds


def _oracle_mention(gold: Any, place: Any | None) -> dict[str, Any]:
    """A system mention that says exactly what the gold says."""
    span = gold.span
    mention: dict[str, Any] = {
        "kind": gold.kind,
        "evidence": [{"quote": span.quote, "start": span.start, "end": span.end}],
        "event_type": gold.event_type[0] if gold.event_type else None,
        "sub_event_type": gold.sub_event_type[0] if gold.sub_event_type else None,
        "actor1": gold.actor1[0] if gold.actor1 else None,
    }
    if gold.date is not None:
        start = gold.date.start or gold.date.end
        mention["date"] = {"start": str(start), "end": str(gold.date.end or start)}
    if place is not None:
        mention["location"] = {"name": place.name, "admin1": place.admin1, "lat": place.lat, "lon": place.lon}
    for key, claims in gold.counts.items():
        first_low = next((c.low for c in claims if c.low is not None), None)
        mention[key] = {
            "low": first_low,
            "best": first_low,
            "high": next((c.high for c in claims if c.high is not None), None),
            "vague": next((c.vague for c in claims if c.vague), None),
            "claims": [{"low": c.low, "high": c.high, "vague": c.vague} for c in claims],
        }
    return mention


def _oracle_output(gold: GoldDocument) -> dict[str, Any]:
    mentions = []
    for mention in gold.mentions:
        if mention.optional or mention.span is None:
            continue
        for place in mention.places or (None,):
            mentions.append(_oracle_mention(mention, place))
    pub = gold.publication
    return {
        "document": {
            "published": {
                "date": str(pub.stated) if pub.stated else None,
                "earliest": str(pub.earliest) if pub.earliest else None,
                "latest": str(pub.latest) if pub.latest else None,
            }
        },
        "mentions": mentions,
        "checks": [{"kind": c.kind, "message": "oracle"} for c in gold.checks if not c.optional],
    }


def test_a_system_that_repeats_the_seed_gold_scores_perfectly(tmp_path: Path) -> None:
    if not SEEDS_GOLD.is_dir():
        _skip_or_fail(f"no seeds at {SEEDS_GOLD}", required=IN_CI)
    system = tmp_path / "oracle.jsonl"
    with system.open("w", encoding="utf-8") as handle:
        for path in gold_files(SEEDS_GOLD):
            raw = read_gold_json(path)
            document = load_document(SEEDS_DOCS / raw["doc"])
            gold = parse_gold(raw, document.text, path)
            assert not gold.warnings, gold.warnings
            output = _oracle_output(gold)
            output["document"]["id"] = document.id
            handle.write(json.dumps(output) + "\n")
    figures = evaluate(SEEDS_GOLD, system=system).figures()
    worst_is_zero = {"leaks", "duplicates", "extra_checks", "bad_offsets", "extraction_errors"}
    for name, value in figures.items():
        assert value == (0 if name in worst_is_zero else 1.0), (name, value)
