"""Exports (ACLED CSV, UCDP CSV, GeoJSON, JSONL) on the seeds, the bundled samples and reports written here."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from export_data import CLASH, SHELLING_A, SHELLING_B, built_database, copy_database, holding, seeds_dir
from incidentdb import review
from incidentdb.export import (
    ExportFilter,
    IncidentView,
    NothingToExport,
    acled,
    export_incidents,
    load_incidents,
    ucdp,
)
from incidentdb.export.atomic import ExportError, atomic_output
from incidentdb.store import Store, open_store

SYRIA_BOX = (32.0, 35.4, 37.6, 42.6)  # lat_min, lon_min, lat_max, lon_max


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_database(tmp_path_factory)


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Store:
    """A private copy with review decisions: the shelling confirmed, the clash's toll edited, one rejected."""
    opened = open_store(copy_database(built, tmp_path))
    rows = review.reviewed_incidents(opened)
    review.confirm(opened, holding(rows, SHELLING_A)["id"], who="ana", why="two independent outlets")
    review.edit(
        opened, holding(rows, CLASH)["id"], {"actor1": "Islamic State (Syria)"}, who="ana", why="named"
    )
    atareb = next(r for r in rows if any("atareb" in m["document"] for m in r["mentions"]))
    review.reject(opened, atareb["id"], who="ben", why="undated market strike, not verifiable")
    return opened


def _export(store: Store, fmt: str, tmp_path: Path, **filters: object) -> Path:
    out = tmp_path / f"out.{fmt}"
    export_incidents(store, fmt, out, ExportFilter(**filters))  # type: ignore[arg-type]
    return out


def _csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


# ---- ACLED ----------------------------------------------------------------------------------------------------
def test_acled_csv_layout_codes_and_conservative_fatalities(store: Store, tmp_path: Path) -> None:
    path = _export(store, "acled-csv", tmp_path)
    header, rows = _csv_rows(path)
    assert header == list(acled.COLUMNS)
    reviewed = review.reviewed_incidents(store)
    dated = [r for r in reviewed if (r.get("date") or {}).get("start")]
    assert len(rows) == len(dated) >= 5
    for row in rows:
        day = dt.date.fromisoformat(row["event_date"])
        assert int(row["year"]) == day.year
        assert row["time_precision"] in {"1", "2", "3"} and row["geo_precision"] in {"1", "2", "3"}
        assert (
            row["event_id_cnty"].startswith("SYR") and row["iso"] == "760" and row["region"] == "Middle East"
        )
        inters = sorted(int(row[k]) for k in ("inter1", "inter2") if row[k])
        expected = "" if not inters else str(inters[0] * 10 + (inters[1] if len(inters) > 1 else 0))
        assert row["interaction"] == expected
        assert int(row["fatalities"]) >= 0 and int(row["timestamp"]) > 1_600_000_000

    shelling = next(r for r in rows if SHELLING_A in r["notes"] or "north-desk.invalid" in r["source"])
    assert shelling["fatalities"] == "8"  # the most conservative of 8 (SOHR) and 11 (Civil Defence)
    assert shelling["time_precision"] == "1" and shelling["event_date"] == "2019-06-03"
    assert shelling["disorder_type"] == "Political violence"
    assert shelling["inter1"] == "1" and shelling["interaction"] == "17"
    assert shelling["civilian_targeting"] == "Civilian targeting"
    assert shelling["admin1"] == "Idleb" and shelling["location"] == "Maarat al-Numan"
    assert (
        "Syrian Observatory for Human Rights" in shelling["notes"]
        and "Syria Civil Defence" in shelling["notes"]
    )
    assert "north-desk.invalid" in shelling["notes"] and "levant-monitor.invalid" in shelling["notes"]
    assert "Reviewed (confirm) by ana" in shelling["notes"] and "confirmed" in shelling["tags"]
    clash = next(r for r in rows if "east-wire.invalid" in r["source"])
    assert clash["fatalities"] == "12"  # "dozens" as ACLED codes it
    assert clash["actor1"] == "Islamic State (Syria)"  # the reviewer's edit
    assert not any("atareb" in r["notes"].lower() for r in rows)  # rejected

    frame = pd.read_csv(path)
    for column in ("year", "time_precision", "geo_precision", "fatalities", "timestamp"):
        assert frame[column].dtype == "int64", column
    assert frame["latitude"].dtype == "float64" and frame["longitude"].dtype == "float64"
    typed = pd.read_csv(path, dtype=acled.DTYPES, parse_dates=["event_date"])
    assert pd.api.types.is_datetime64_any_dtype(typed["event_date"])
    assert str(typed["inter1"].dtype) == "Int64" and typed["notes"].dtype == "string"


def test_acled_disorder_and_interaction_codes() -> None:
    assert acled.disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert acled.disorder_type("Protests", "Excessive force against protesters") == (
        "Political violence; Demonstrations"
    )
    assert acled.disorder_type("Riots", "Mob violence") == "Political violence"
    assert acled.disorder_type("Strategic developments", "Arrests") == "Strategic developments"
    from incidentdb.export.codes import conservative_count, interaction_code, middle_day

    assert (
        interaction_code(7, 1) == 17
        and interaction_code(None, 2) == 20
        and interaction_code(None, None) is None
    )
    assert middle_day(dt.date(2024, 3, 1), dt.date(2024, 3, 31)) == dt.date(2024, 3, 16)
    assert conservative_count({"low": None, "best": None, "vague": "hundreds"}) == 100
    assert conservative_count({"low": None, "best": None, "vague": "unknown"}) == 0
    assert conservative_count(None) == 0


# ---- UCDP -----------------------------------------------------------------------------------------------------
def test_ucdp_csv_layout_precision_and_estimates(store: Store, tmp_path: Path) -> None:
    path = _export(store, "ucdp-csv", tmp_path)
    header, rows = _csv_rows(path)
    assert header == list(ucdp.COLUMNS) and rows
    for row in rows:
        start, end = dt.date.fromisoformat(row["date_start"]), dt.date.fromisoformat(row["date_end"])
        assert start <= end and int(row["year"]) == start.year
        assert int(row["date_prec"]) == ucdp.date_prec(start, end)
        assert 1 <= int(row["where_prec"]) <= 7 and row["type_of_violence"] in {"", "1", "2", "3"}
        low, best, high = int(row["low"]), int(row["best"]), int(row["high"])
        assert low <= best <= high
        deaths = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
        assert sum(int(row[k]) for k in deaths) == best
        assert row["event_clarity"] in {"1", "2"} and row["country"] == "Syria"
    shelling = next(r for r in rows if "north-desk.invalid" in r["source_article"])
    assert (shelling["low"], shelling["high"]) == ("8", "11")
    assert shelling["type_of_violence"] == "3" and shelling["deaths_civilians"] == shelling["best"]
    assert shelling["side_a"] == "Military Forces of Syria (2000-2024)"
    assert (shelling["date_prec"], shelling["where_prec"], shelling["event_clarity"]) == ("1", "1", "1")
    assert "Eleven dead after artillery strike" in shelling["source_headline"]
    assert "Syria Civil Defence" in shelling["source_original"]
    clash = next(r for r in rows if "east-wire.invalid" in r["source_article"])
    assert clash["best"] == "12" and clash["type_of_violence"] == "2"  # IS vs SDF after the edit

    frame = pd.read_csv(path)
    for column in ("id", "year", "where_prec", "date_prec", "best", "high", "low", "event_clarity"):
        assert frame[column].dtype == "int64", column
    typed = pd.read_csv(path, dtype=ucdp.DTYPES, parse_dates=["date_start", "date_end"])
    assert pd.api.types.is_datetime64_any_dtype(typed["date_end"])


def test_ucdp_precision_codes() -> None:
    day = dt.date(2024, 12, 1)
    assert [ucdp.date_prec(day, day + dt.timedelta(days=n)) for n in (0, 3, 6, 20, 90)] == [1, 2, 3, 4, 5]
    assert ucdp.where_prec({"lat": 1.0, "lon": 2.0, "geo_precision": 2}) == 2
    assert ucdp.where_prec({"lat": None, "lon": None, "admin1": "Homs"}) == 4
    assert ucdp.where_prec({}) == 6
    assert ucdp.type_of_violence("Battles", 1, 2) == 1 and ucdp.type_of_violence("Battles", 2, 3) == 2
    assert ucdp.type_of_violence("Explosions/Remote violence", 8, 7) == 3


# ---- GeoJSON --------------------------------------------------------------------------------------------------
def test_geojson_validates_per_rfc7946(store: Store, tmp_path: Path) -> None:
    from geojson_pydantic import Feature, FeatureCollection, Point

    out = tmp_path / "out.geojson"
    export_incidents(store, "geojson", out, base_url="https://db.example.org/")
    data = json.loads(out.read_text(encoding="utf-8"))
    collection = FeatureCollection[Feature[Point, dict[str, Any]]].model_validate(data)  # Points only
    assert len(collection.features) >= 5
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert SYRIA_BOX[0] <= lat <= SYRIA_BOX[2] and SYRIA_BOX[1] <= lon <= SYRIA_BOX[3]  # lon, lat order
        props = feature["properties"]
        assert props["url"] == f"https://db.example.org/incidents/{feature['id']}"
        assert props["grade"] in {"confirmed", "fair", "weak", "contested"}
        assert set(props) >= {
            "event_type",
            "date_start",
            "date_end",
            "killed_low",
            "killed_best",
            "killed_high",
        }
    shelling = next(f for f in data["features"] if SHELLING_A in f["properties"]["source_list"])
    assert shelling["properties"]["grade"] == "confirmed" and shelling["properties"]["reviewed"] is True
    assert (shelling["properties"]["killed_low"], shelling["properties"]["killed_high"]) == (8, 11)


# ---- JSONL ----------------------------------------------------------------------------------------------------
def test_jsonl_holds_everything(store: Store, tmp_path: Path) -> None:
    path = _export(store, "jsonl", tmp_path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    kinds = {r["type"] for r in records}
    assert kinds == {"meta", "document", "extraction", "incident", "review_decision", "audit"}
    assert len([r for r in records if r["type"] == "document"]) == len(
        store.list_documents(all_versions=True)
    )
    extraction = next(
        r for r in records if r["type"] == "extraction" and r["document"]["source"] == SHELLING_B
    )
    mention = extraction["mentions"][0]
    claim = mention["killed"]["claims"][0]
    assert claim["claimant"] == "Syria Civil Defence" and mention["evidence"] and "checks" in extraction
    document = next(r for r in records if r["type"] == "document" and r["source"] == SHELLING_B)
    assert document["text"][claim["start"] : claim["end"]] == claim["quote"]
    incidents = [r for r in records if r["type"] == "incident"]
    assert len(incidents) == len(review.reviewed_incidents(store))
    confirmed = holding(incidents, SHELLING_A)
    assert confirmed["review"][0]["who"] == "ana" and len(confirmed["claims"]) >= 2
    decisions = [r for r in records if r["type"] == "review_decision"]
    assert [d["action"] for d in decisions] == ["confirm", "edit", "reject"]
    assert any(r["type"] == "audit" and r["who"] == "ben" and r["action"] == "reject" for r in records)


# ---- filters and failures -------------------------------------------------------------------------------------
def test_filters_by_date_governorate_and_grade(store: Store, tmp_path: Path) -> None:
    picked = load_incidents(
        store, ExportFilter(admin1="Idlib")
    ).incidents  # a spelling the pack maps to Idleb
    assert picked and all(v.location["admin1"] == "Idleb" for v in picked)
    window = load_incidents(store, ExportFilter(date_from=dt.date(2019, 6, 1), date_to=dt.date(2019, 9, 30)))
    sources = {s.source for v in window.incidents for s in v.sources}
    assert sources == {SHELLING_A, SHELLING_B, CLASH}
    confirmed = load_incidents(store, ExportFilter(grades=("confirmed",))).incidents
    assert confirmed and all(v.data["grade"] == "confirmed" for v in confirmed)
    assert any(s.source == SHELLING_A for v in confirmed for s in v.sources)
    weak = load_incidents(store, ExportFilter(grades=("weak",))).incidents
    assert weak and not {v.id for v in weak} & {v.id for v in confirmed}
    _, rows = _csv_rows(_export(store, "acled-csv", tmp_path, date_from=dt.date(2019, 9, 1)))
    assert rows and all(r["event_date"] >= "2019-09-01" for r in rows)


def test_nothing_matching_leaves_no_file_and_keeps_an_old_one(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    with pytest.raises(NothingToExport, match="no incident matches"):
        export_incidents(store, "acled-csv", out, ExportFilter(admin1="Nowhere Province"))
    assert not out.exists() and list(tmp_path.glob(".out.csv.*")) == []
    out.write_text("earlier export\n", encoding="utf-8")
    with pytest.raises(NothingToExport):
        export_incidents(store, "ucdp-csv", out, ExportFilter(date_from=dt.date(2090, 1, 1)))
    assert out.read_text(encoding="utf-8") == "earlier export\n"


def test_unwritable_path_and_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_incidents(store, "geojson", tmp_path / "missing" / "out.geojson")
    with pytest.raises(ExportError, match="unknown export format"):
        export_incidents(store, "xlsx", tmp_path / "out.xlsx")
    # nothing but the database (and SQLite's own WAL side files) is left in the folder
    left = {p.name for p in tmp_path.iterdir()} - {"copy.sqlite-wal", "copy.sqlite-shm"}
    assert left == {"copy.sqlite"}


def test_atomic_output_removes_the_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "partial.csv"
    with pytest.raises(RuntimeError), atomic_output(out) as handle:
        handle.write("half a row,")
        raise RuntimeError("crash in the middle")
    assert list(tmp_path.iterdir()) == []


def test_unlinked_store_is_linked_in_memory_without_writing(tmp_path: Path) -> None:
    from export_data import fill, write_own_reports

    with open_store(f"sqlite:///{tmp_path / 'fresh.sqlite'}") as fresh:
        fill(fresh, [write_own_reports(tmp_path)], link=False)
        chosen = load_incidents(fresh)
        assert not chosen.linked and len(chosen.incidents) == 2  # the two shelling reports are one incident
        assert "linked in memory" in chosen.notes[0]
        assert fresh.list_incidents(apply_review=False) == []  # export never writes


def test_seeds_are_exported(store: Store, tmp_path: Path) -> None:
    seeds = seeds_dir()
    if seeds is None:
        pytest.skip("no seed reports beside the repository")
    seed_sources = {str(p) for p in seeds.glob("*.txt")}
    views = load_incidents(store).incidents
    from_seeds = [v for v in views if {s.source for s in v.sources} & seed_sources]
    assert len(from_seeds) >= 5
    _, rows = _csv_rows(_export(store, "acled-csv", tmp_path))
    assert sum(1 for r in rows if any(src in r["source"] for src in seed_sources)) >= 5


def _view(**data: Any) -> IncidentView:
    base: dict[str, Any] = {
        "id": "inc-test",
        "grade": "weak",
        "grade_reason": "test",
        "claims": [],
        "mentions": [],
    }
    return IncidentView(data={**base, **data}, country="Syria", admin2=None, sources=(), updated_at=None)


def test_acled_rows_for_crowds_spans_and_undated_incidents() -> None:
    protest = acled.row(
        _view(
            event_type="Protests",
            sub_event_type="Peaceful protest",
            actor1="Civilians (Syria)",
            date={"start": "2024-12-02", "end": "2024-12-08", "precision": 2},
            location={"name": "Hama", "admin1": "Hama", "lat": 35.13, "lon": 36.75, "geo_precision": 1},
        )
    )
    assert protest is not None
    assert (protest["actor1"], protest["inter1"], protest["interaction"]) == ("Protesters (Syria)", 6, 60)
    assert protest["disorder_type"] == "Demonstrations" and protest["civilian_targeting"] == ""
    assert (protest["event_date"], protest["time_precision"]) == ("2024-12-05", 2)
    assert protest["notes"].startswith("Between 2024-12-02 and 2024-12-08: Peaceful protest in Hama.")
    assert protest["timestamp"] == 0 and protest["fatalities"] == 0
    assert acled.row(_view(event_type="Battles", date=None)) is None
    unlocated = ucdp.row(
        _view(event_type="Battles", date={"start": "2024-12-02", "end": None, "precision": 1})
    )
    assert unlocated is not None and unlocated["where_prec"] == 6 and unlocated["date_end"] == "2024-12-02"
    assert ucdp.row(_view(event_type="Protests", date={"start": "2024-12-02", "precision": 1})) is None


def test_vague_words_follow_acled_floors() -> None:
    from incidentdb.export.codes import conservative_count

    assert [conservative_count({"vague": w}) for w in ("dozens", "hundreds")] == [12, 100]
