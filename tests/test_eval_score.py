"""Unit tests of the scorer (CONTRACT.md "Scoring"): small hand-made gold files and system outputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from incidentdb.evaluate import compare, evaluate, find_docs_dir
from incidentdb.evaluate.gold import GoldClaim, locate, parse_gold
from incidentdb.evaluate.normalise import actor_matches, admin1_key
from incidentdb.evaluate.report import figures
from incidentdb.evaluate.score import DocScore, count_right, score_document
from incidentdb.evaluate.system import SysClaim, SysCount, parse_system

TEXT = (
    "Shelling hit Zaydal on Monday, killing at least five people. "
    "Warplanes struck Kafr Nabl and Maarrat al-Numan the same day. "
    "In 2012 a massacre killed 65 people in Houla. "
    "Since March, 500 people have been killed in the province. "
    "A curfew was imposed in Homs. "
    "Read more: Storm hits coast."
)

ZAYDAL = {
    "name": "Zaydal",
    "aliases": ["Zaidal"],
    "admin1": "Homs",
    "lat": 34.70,
    "lon": 36.77,
    "tolerance_km": 10,
}
KAFR_NABL = {
    "name": "Kafr Nabl",
    "aliases": [],
    "admin1": "Idlib",
    "lat": 35.61,
    "lon": 36.56,
    "tolerance_km": 5,
}
MAARRA = {
    "name": "Maarrat al-Numan",
    "aliases": [],
    "admin1": "Idlib",
    "lat": 35.65,
    "lon": 36.67,
    "tolerance_km": 5,
}


def gold_json(**overrides: Any) -> dict[str, Any]:
    gold: dict[str, Any] = {
        "doc": "doc.txt",
        "publication": {"stated": None, "earliest": "2024-06-04", "latest": "2024-06-05"},
        "noise": ["Read more: Storm hits coast."],
        "checks": [{"kind": "undated"}, {"kind": "republished", "optional": True}],
        "mentions": [
            {
                "id": "1",
                "kind": "incident",
                "optional": False,
                "evidence": "Shelling hit Zaydal on Monday",
                "event_type": ["Explosions/Remote violence"],
                "sub_event_type": ["Shelling/artillery/missile attack"],
                "date": {"start": "2024-06-03", "end": "2024-06-03", "weekday": "Monday"},
                "places": [ZAYDAL],
                "actor1": ["Syrian government forces", "Military Forces of Syria"],
                "killed": {
                    "low": 5,
                    "high": None,
                    "vague": "at least",
                    "quote": "killing at least five people",
                },
            },
            {
                "id": "2",
                "kind": "incident",
                "optional": False,
                "evidence": "Warplanes struck Kafr Nabl and Maarrat al-Numan",
                "event_type": ["Explosions/Remote violence"],
                "date": {"start": "2024-06-03", "end": "2024-06-03"},
                "places": [KAFR_NABL, MAARRA],
            },
            {
                "id": "3",
                "kind": "incident",
                "optional": True,
                "evidence": "A curfew was imposed in Homs",
                "event_type": ["Strategic developments"],
            },
            {"id": "b1", "kind": "background", "evidence": "In 2012 a massacre killed 65 people in Houla"},
            {"id": "a1", "kind": "aggregate", "evidence": "Since March, 500 people have been killed"},
        ],
    }
    gold.update(overrides)
    return gold


def ev(quote: str, text: str = TEXT) -> dict[str, Any]:
    start = text.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def sys_mention(quote: str, kind: str = "incident", **fields: Any) -> dict[str, Any]:
    mention: dict[str, Any] = {"kind": kind, "evidence": [ev(quote)]}
    mention.update(fields)
    return mention


def run(mentions: list[dict[str, Any]], gold: dict[str, Any] | None = None, **document: Any) -> DocScore:
    output = {
        "document": {"published": document.get("published", {})},
        "mentions": mentions,
        "checks": document.get("checks", []),
    }
    parsed_gold = parse_gold(gold or gold_json(), TEXT, Path("doc.json"))
    return score_document(parsed_gold, parse_system(output, TEXT))


# ---------------------------------------------------------------- rule 1 and 2: matching and detection


def test_evidence_overlap_matches_and_counts_a_true_positive() -> None:
    score = run([sys_mention("hit Zaydal on Monday, killing")])
    assert score.true_positives == 1
    assert score.false_positives == 0
    assert score.gold_incidents == 2  # the optional curfew is not counted
    result = next(r for r in score.incidents if r.gold_id == "1")
    assert result.system == [0]
    assert result.how == "overlap"
    values = figures(score)
    assert values["incident_precision"] == 1.0
    assert values["incident_recall"] == 0.5


def test_place_and_overlapping_date_match_without_overlap() -> None:
    # Evidence in unannotated text ("the same day"), but the place alias and date agree with gold incident 1.
    located = {"name": "Zaidal", "lat": None, "lon": None}
    hit = sys_mention("the same day", location=located, date={"start": "2024-06-03", "end": "2024-06-04"})
    score = run([hit])
    assert score.true_positives == 1
    assert next(r for r in score.incidents if r.gold_id == "1").how == "place"

    wrong_day = sys_mention(
        "the same day", location=located, date={"start": "2024-06-10", "end": "2024-06-10"}
    )
    assert run([wrong_day]).false_positives == 1


def test_place_fallback_uses_distance_and_event_type_when_gold_has_no_date() -> None:
    gold = gold_json()
    del gold["mentions"][0]["date"]
    near = {"name": "somewhere", "lat": 34.71, "lon": 36.78}  # about 1.4 km from Zaydal
    same_type = sys_mention("the same day", location=near, event_type="Explosions/Remote violence")
    assert run([same_type], gold).true_positives == 1
    other_type = sys_mention("the same day", location=near, event_type="Protests")
    assert run([other_type], gold).true_positives == 0
    far = {"name": "somewhere", "lat": 36.2, "lon": 37.1}
    assert (
        run([sys_mention("the same day", location=far, event_type="Explosions/Remote violence")], gold).leaks
        == 0
    )


def test_second_match_to_a_single_place_incident_is_a_duplicate() -> None:
    score = run([sys_mention("Shelling hit Zaydal"), sys_mention("Zaydal on Monday, killing")])
    assert score.true_positives == 1
    assert score.duplicates == 1
    assert score.false_positives == 1
    assert figures(score)["incident_precision"] == 0.5


def test_evidence_match_takes_the_slot_before_an_earlier_place_match() -> None:
    # The first system incident only matches by place and date; the second quotes the gold evidence.
    by_place = sys_mention(
        "the same day", location={"name": "Zaydal"}, date={"start": "2024-06-03", "end": "2024-06-03"}
    )
    score = run([by_place, sys_mention("Shelling hit Zaydal")])
    assert next(r for r in score.incidents if r.gold_id == "1").system == [1]
    assert [(fp.mention, fp.reason) for fp in score.false_positive_list] == [(0, "duplicate")]


def test_incident_with_several_places_is_matched_once_per_place() -> None:
    kafr = sys_mention("Warplanes struck Kafr Nabl", location={"name": "Kafr Nabl"})
    maarra = sys_mention("Maarrat al-Numan", location={"name": "Maarrat Numan"})
    third = sys_mention("struck Kafr Nabl and", location={"name": "Kafr Nabl"})
    score = run([kafr, maarra, third])
    assert score.true_positives == 2
    assert score.duplicates == 1
    assert sorted(next(r for r in score.incidents if r.gold_id == "2").system) == [0, 1]


def test_matches_to_optional_incidents_count_neither_way() -> None:
    score = run([sys_mention("A curfew was imposed in Homs")])
    assert score.true_positives == 0
    assert score.false_positives == 0
    assert score.optional_matches == 1
    assert figures(score)["incident_precision"] is None


def test_incident_from_background_aggregate_or_noise_is_a_leak() -> None:
    score = run(
        [
            sys_mention("a massacre killed 65 people"),
            sys_mention("500 people have been killed"),
            sys_mention("Storm hits coast"),
        ]
    )
    assert score.leaks == 3
    assert score.false_positives == 3
    assert {fp.reason for fp in score.false_positive_list} == {"leak"}


def test_unmatched_incident_is_a_false_positive_but_not_a_leak() -> None:
    score = run([sys_mention("the same day")])
    assert score.false_positives == 1
    assert score.leaks == 0


# ---------------------------------------------------------------- rule 3: fields


def test_field_accuracy_over_matched_gold_incidents() -> None:
    good = sys_mention(
        "Shelling hit Zaydal",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date={"start": "2024-06-03", "end": "2024-06-03"},
        location={"name": "Zeidal", "admin1": "Homs Governorate", "lat": 34.70, "lon": 36.80},
        actor1="Syrian Government Forces",
        killed={"low": 5, "best": 5, "high": None, "vague": "at least", "claims": []},
    )
    score = run([good])
    fields = next(r for r in score.incidents if r.gold_id == "1").fields
    assert fields == {
        "event_type": True,
        "sub_event_type": False,
        "date": True,
        "place": True,  # 2.7 km away although the name differs
        "admin1": True,
        "killed": True,
        "actor1": True,
    }
    # Fields are scored only where the gold gives them, and only for matched gold incidents.
    assert score.fields["injured"].total == 0
    assert score.fields["event_type"].total == 1


def test_date_must_lie_inside_the_gold_interval() -> None:
    spill = sys_mention("Shelling hit Zaydal", date={"start": "2024-06-03", "end": "2024-06-04"})
    assert next(r for r in run([spill]).incidents if r.gold_id == "1").fields["date"] is False


def test_admin1_accepts_alternatives_and_spellings() -> None:
    gold = gold_json()
    gold["mentions"][0]["places"] = [{**ZAYDAL, "admin1": "Hama", "admin1_alt": ["Homs"]}]
    for admin1, expected in (("Hamah", True), ("Homs", True), ("Idlib", False)):
        mention = sys_mention("Shelling hit Zaydal", location={"name": "x", "admin1": admin1})
        assert (
            next(r for r in run([mention], gold).incidents if r.gold_id == "1").fields["admin1"] is expected
        )
    assert admin1_key("Lattakia") == admin1_key("Latakia") == admin1_key("Al-Ladhiqiyah")
    assert admin1_key("Ar-Raqqah") == admin1_key("Raqqa")
    assert admin1_key("Deir ez-Zor") == admin1_key("Dayr az Zawr")


def claim(low: int | None = None, high: int | None = None, vague: str | None = None) -> GoldClaim:
    return GoldClaim(low=low, high=high, vague=vague, claimant=None, quote=None)


def count(low: int | None = None, *claims: SysClaim, vague: str | None = None, **kw: int | None) -> SysCount:
    return SysCount(low=low, best=kw.get("best"), high=kw.get("high"), vague=vague, claims=claims)


def test_count_rule_low_equals_any_gold_low() -> None:
    gold = (claim(105, 106), claim(106, 106), claim(vague="scores"))
    assert count_right(gold, count(105))
    assert count_right(gold, count(None, SysClaim(106, None, None)))  # a claim's low counts
    assert not count_right(gold, count(100))
    assert not count_right(gold, count(None, vague="scores"))  # the gold has lows: a low is wanted
    assert not count_right(gold, None)


def test_count_rule_only_high_and_only_vague() -> None:
    assert count_right((claim(high=30),), count(None, high=30))
    assert count_right((claim(high=30),), count(12, best=30))
    assert not count_right((claim(high=30),), count(12))
    assert count_right((claim(vague="dozens"),), count(None, vague="dozens"))
    assert count_right((claim(vague="dozens"),), count(None, SysClaim(None, None, "dozens")))
    assert not count_right((claim(vague="dozens"),), count(24))


def test_count_rule_unknown_wants_low_null() -> None:
    assert count_right((claim(vague="unknown"),), None)
    assert count_right((claim(vague="unknown"),), count(None, vague="unknown"))
    assert not count_right((claim(vague="unknown"),), count(3))


def test_actor1_rule() -> None:
    gold = ("Jabhat al-Nusra", "Hay'at Tahrir al-Sham", "Government forces")
    assert actor_matches("jabhat nusra", gold)
    assert actor_matches("Hayat Tahrir al-Sham", gold)
    assert actor_matches("Syrian government forces", gold)  # "government forces" is a 2-word run inside
    assert actor_matches("Tahrir al-Sham", gold)  # a 2-word run inside the gold name
    assert not actor_matches("Nusra", gold)  # a single word is not enough
    assert not actor_matches("forces", gold)
    assert not actor_matches(None, gold)


# ---------------------------------------------------------------- rules 4-6


def test_kind_accuracy_requires_every_overlapping_mention_to_carry_the_gold_kind() -> None:
    right = run([sys_mention("massacre killed 65", kind="background")])
    assert right.kinds.right == right.kinds.total == 2  # the untouched aggregate passes too
    wrong = run(
        [sys_mention("massacre killed 65", kind="background"), sys_mention("500 people", kind="background")]
    )
    assert (wrong.kinds.right, wrong.kinds.total) == (1, 2)
    assert (wrong.kind_pairs.right, wrong.kind_pairs.total) == (1, 2)


def test_checks_recall_by_kind_and_extra_checks() -> None:
    checks = [
        {"kind": "undated", "message": "m"},
        {"kind": "republished", "message": "optional gold kind: not an extra"},
        {"kind": "misdated", "message": "no gold check of this kind"},
        {"kind": "misdated", "message": "counted per check"},
    ]
    score = run([], checks=checks)
    assert (score.checks.right, score.checks.total) == (1, 1)
    assert score.extra_checks == 2
    assert run([]).checks.right == 0


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ({"earliest": "2024-06-04", "latest": "2024-06-05"}, True),
        ({"earliest": "2024-05-10", "latest": "2024-07-01"}, True),  # inside with the 31-day slack
        ({"earliest": "2024-05-01", "latest": "2024-06-05"}, False),  # 34 days early
        ({"earliest": "2024-06-04", "latest": None}, False),  # the system leaves the end open
        ({"date": "2024-06-04"}, False),  # no stated gold date to equal
    ],
)
def test_publication_interval_with_slack(published: dict[str, Any], expected: bool) -> None:
    assert run([], published=published).publication.right == int(expected)


def test_publication_stated_date_and_open_gold_end() -> None:
    stated = gold_json(publication={"stated": "2026-01-30", "earliest": "2012-02-09", "latest": "2012-02-12"})
    assert run([], stated, published={"date": "2026-01-30"}).publication.right == 1
    assert (
        run([], stated, published={"earliest": "2012-02-10", "latest": "2012-02-10"}).publication.right == 1
    )
    open_end = gold_json(publication={"stated": None, "earliest": "2025-12-26", "latest": None})
    assert run([], open_end, published={"earliest": "2026-03-01", "latest": None}).publication.right == 1
    assert run([], open_end, published={"earliest": "2025-10-01", "latest": None}).publication.right == 0


# ---------------------------------------------------------------- plumbing


def test_locate_falls_back_to_whitespace_normalisation() -> None:
    text = "He said:  “we   fled”\nat night."
    span, warning = locate(text, 'said: "we fled" at night')
    assert span is not None and warning is not None
    assert text[span.start : span.end] == "said:  “we   fled”\nat night"
    assert locate(text, "not there") == (None, "quote not found: 'not there'")


def test_bad_system_offsets_are_counted_and_relocated() -> None:
    mention = {"kind": "incident", "evidence": [{"quote": "Shelling hit Zaydal", "start": 3, "end": 10}]}
    score = run([mention])
    assert score.bad_offsets == 1
    assert score.true_positives == 1


def test_compare_flags_every_worse_figure() -> None:
    baseline = {"incident_f1": 0.5, "leaks": 1, "kind_accuracy": None, "date_accuracy": 0.5}
    current = {"incident_f1": 0.4, "leaks": 2, "kind_accuracy": 0.1, "date_accuracy": None}
    assert {r.figure for r in compare(current, baseline)} == {"incident_f1", "leaks", "date_accuracy"}
    assert compare({"incident_f1": 0.6, "leaks": 0, "date_accuracy": 0.5}, baseline) == []


def test_evaluate_reads_a_system_file_and_finds_sibling_documents(tmp_path: Path) -> None:
    (tmp_path / "gold" / "dev").mkdir(parents=True)
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold" / "dev" / "doc.json").write_text(json.dumps(gold_json()), encoding="utf-8")
    output = {
        "document": {"id": "x", "source": "elsewhere/doc.txt", "published": {"date": None}},
        "mentions": [sys_mention("Shelling hit Zaydal", date={"start": "2024-06-03", "end": "2024-06-03"})],
        "checks": [{"kind": "undated", "message": "no year", "quote": None, "start": None, "end": None}],
    }
    system = tmp_path / "out.jsonl"
    system.write_text(json.dumps(output) + "\n", encoding="utf-8")
    assert find_docs_dir(tmp_path / "gold" / "dev", None, "doc.txt") == (tmp_path / "dev").resolve()
    report = evaluate(tmp_path / "gold" / "dev", system=system)
    values = report.figures()
    assert values["incident_recall"] == 0.5
    assert values["date_accuracy"] == 1.0
    assert values["checks_recall"] == 1.0
    data = json.loads(report.to_json())
    assert data["documents"][0]["doc"] == "doc.txt"
    assert data["overall"]["counts"]["true_positives"] == 1


def test_date_interval_helpers() -> None:
    from incidentdb.evaluate.gold import GoldDate

    interval = GoldDate(dt.date(2024, 6, 1), None)
    assert interval.contains(dt.date(2030, 1, 1), dt.date(2030, 1, 2))
    assert not interval.contains(dt.date(2024, 5, 31), dt.date(2024, 6, 2))
    assert interval.overlaps(dt.date(2024, 5, 31), dt.date(2024, 6, 2))


def test_eval_command_json_output_and_baseline_gate(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from incidentdb.cli.eval_cmd import register

    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps `eval` a named sub-command
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.json").write_text(json.dumps(gold_json()), encoding="utf-8")
    system = tmp_path / "out.jsonl"
    output = {
        "document": {"source": "doc.txt"},
        "mentions": [sys_mention("Shelling hit Zaydal")],
        "checks": [],
    }
    system.write_text(json.dumps(output) + "\n", encoding="utf-8")
    args = ["eval", "--gold", str(tmp_path), "--system", str(system)]

    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overall"]["figures"]["incident_recall"] == 0.5

    (tmp_path / "baselines").mkdir()
    better = tmp_path / "baselines" / "better.json"
    better.write_text(json.dumps({"overall": {"figures": {"incident_recall": 1.0}}}), encoding="utf-8")
    assert CliRunner().invoke(app, [*args, "--baseline", str(better)]).exit_code == 1
    same = tmp_path / "baselines" / "same.json"
    same.write_text(
        json.dumps({"overall": {"figures": {"incident_recall": 0.5, "leaks": 0}}}), encoding="utf-8"
    )
    assert CliRunner().invoke(app, [*args, "--baseline", str(same)]).exit_code == 0


def test_details_name_misses_wrong_fields_and_false_positives() -> None:
    from rich.console import Console

    from incidentdb.evaluate.report import EvalReport, render_details

    score = run([sys_mention("Shelling hit Zaydal", event_type="Protests"), sys_mention("500 people")])
    console = Console(record=True, width=200)
    render_details(EvalReport(documents=[score]), console)
    text = console.export_text()
    assert "missed 2: 'Warplanes struck Kafr Nabl" in text
    assert "1 (mention [0]) event_type wrong: Protests" in text
    assert "false positive, leak (mention 1): '500 people'" in text


def test_eval_cli_refuses_a_folder_without_gold(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from incidentdb.cli.main import app

    result = CliRunner().invoke(app, ["eval", "--gold", str(tmp_path)])
    assert result.exit_code == 2
    assert "no gold files" in result.output
