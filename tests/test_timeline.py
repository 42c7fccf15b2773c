"""The Syria reference timeline: schema, loader, and fact patterns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from incidentdb.packs.timeline import (
    TimelineError,
    default_pack_path,
    load_timeline,
    parse_timeline,
    required_literal,
)


def test_syria_timeline_loads_with_enough_facts() -> None:
    timeline = load_timeline(default_pack_path("syria"))
    assert len(timeline) >= 40
    kinds = {f.kind for f in timeline}
    assert kinds == {"event", "office", "name", "period", "status"}
    assert all(f.source.startswith("http") for f in timeline)


def test_load_timeline_is_cached() -> None:
    assert load_timeline(default_pack_path()) is load_timeline(default_pack_path())


@pytest.mark.parametrize(
    ("fact_id", "start", "end"),
    [
        ("hts_offensive_2024", "2024-11-27", "2024-11-27"),
        ("hama_captured_2024", "2024-12-05", "2024-12-05"),
        ("assad_government_falls", "2024-12-08", "2024-12-08"),
        ("sharaa_president", "2025-01-29", None),
        ("hts_dissolved", "2025-01-29", "2025-01-29"),
        ("nusra_renamed_jfs", "2016-07-28", "2016-07-28"),
        ("hts_formed", "2017-01-28", "2017-01-28"),
        ("arab_league_monitors", "2011-12-26", "2012-01-28"),
        ("cessation_of_hostilities_2016", "2016-02-27", None),
        ("houla_massacre", "2012-05-25", "2012-05-25"),
        ("coastal_massacres_2025", "2025-03-06", "2025-03-10"),
    ],
)
def test_issue_facts_are_present(fact_id: str, start: str, end: str | None) -> None:
    fact = load_timeline(default_pack_path()).get(fact_id)
    assert fact is not None
    assert fact.start == dt.date.fromisoformat(start)
    assert fact.end == (dt.date.fromisoformat(end) if end else None)


def test_name_and_office_implications() -> None:
    timeline = load_timeline(default_pack_path())
    nusra = timeline.get("nusra_announced")
    assert nusra is not None and nusra.name == "Nusra Front"
    assert nusra.implied_until == dt.date(2016, 7, 28)
    assad = timeline.get("assad_president")
    assert assad is not None and assad.holder == "Bashar al-Assad"
    assert assad.implied_until == dt.date(2024, 12, 7)
    hts = timeline.get("hts_formed")
    assert hts is not None and not hts.upper_bound


def test_find_detects_references_and_skips_excluded_spans() -> None:
    from incidentdb.records import Span

    timeline = load_timeline(default_pack_path())
    text = "After the fall of Bashar al-Assad's regime, fighters of the Nusra Front were seen. Nusra Front"
    found = timeline.find(text)
    ids = [m.fact.id for m in found]
    assert ids == ["assad_government_falls", "nusra_announced", "nusra_announced"]
    for m in found:
        assert text[m.span.start : m.span.end] == m.span.quote
    excluded = timeline.find(text, exclude=[Span.of(text, 84, len(text))])
    assert [m.fact.id for m in excluded] == ["assad_government_falls", "nusra_announced"]


def test_find_ignores_unrelated_text() -> None:
    timeline = load_timeline(default_pack_path())
    assert timeline.find("Farmers in the valley harvested olives on a quiet morning.") == []


def test_bad_timeline_names_file_and_reason(tmp_path: Path) -> None:
    bad = {"facts": [{"id": "x", "kind": "event", "description": "no date here", "source": "https://e.org"}]}
    with pytest.raises(TimelineError) as err:
        parse_timeline(bad, tmp_path / "timeline.yaml")
    assert "timeline.yaml" in str(err.value)


def test_bad_pattern_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "timeline.yaml"
    fact = {
        "id": "x",
        "kind": "event",
        "date": dt.date(2020, 1, 1),
        "description": "broken pattern",
        "source": "https://e.org",
        "patterns": ["(unclosed"],
    }
    path.write_text(yaml.safe_dump({"facts": [fact]}), encoding="utf-8")
    with pytest.raises(TimelineError, match="bad pattern"):
        load_timeline(path)


def test_region_without_timeline_gives_empty_timeline(tmp_path: Path) -> None:
    assert len(load_timeline(tmp_path)) == 0


def test_other_region_adds_its_own_file(tmp_path: Path) -> None:
    fact = {
        "id": "truce",
        "kind": "period",
        "start": dt.date(2022, 4, 2),
        "end": dt.date(2022, 10, 2),
        "description": "A nationwide truce.",
        "source": "https://example.org/truce",
        "patterns": ["nationwide truce"],
    }
    (tmp_path / "timeline.yaml").write_text(yaml.safe_dump({"region": "yemen", "facts": [fact]}), "utf-8")
    timeline = load_timeline(tmp_path)
    assert [f.id for f in timeline] == ["truce"]
    assert timeline.find("during the nationwide truce")[0].fact.end == dt.date(2022, 10, 2)


def test_required_literal_prefilter() -> None:
    assert required_literal("(current |incumbent )?President (Bashar )?(al-)?Assad") == "president "
    assert required_literal("Operation Peace Spring") == "operation peace spring"
    assert required_literal(r"\bHTS\b") is None  # too short to be worth it: the regex runs


def test_prefilter_keeps_case_insensitive_matches() -> None:
    timeline = load_timeline(default_pack_path())
    found = timeline.find("THE FALL OF BASHAR AL-ASSAD'S REGIME shocked many; operation peace spring too.")
    assert {m.fact.id for m in found} == {"assad_government_falls", "peace_spring"}
