"""Data checks for the held-out evaluation corpus (corpus/holdout + corpus/gold/holdout).

The held-out set was written by a different author after the extraction rules were written and is never used
for tuning. These are pure data tests: they read the gold JSON and the report texts and never import or run
extraction code (running it here would put the set in front of the people tuning the rules).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOLDOUT_TEXT = ROOT / "corpus" / "holdout"
HOLDOUT_GOLD = ROOT / "corpus" / "gold" / "holdout"
DEV_TEXT = ROOT / "corpus" / "dev"

# ACLED event types and sub-types exactly as CONTRACT.md lists them.
ACLED: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
KINDS = {"incident", "background", "aggregate"}
COUNT_FIELDS = ("killed", "injured", "captured", "missing", "displaced")
CLAIM_KEYS = {"low", "high", "vague", "claimant", "quote"}
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# ACLED's spelling of the Syrian governorates (first-level units); variants go in admin1_alt.
SYRIAN_ADMIN1 = {
    "Aleppo",
    "Idleb",
    "Hama",
    "Homs",
    "Damascus",
    "Rural Damascus",
    "Dar'a",
    "As-Sweida",
    "Quneitra",
    "Deir ez-Zor",
    "Ar-Raqqa",
    "Al-Hasakeh",
    "Lattakia",
    "Tartous",
}
# Generous box around Syria for places whose country is Syria.
SYRIA_LAT = (32.0, 37.5)
SYRIA_LON = (35.5, 42.5)

GOLD_FILES = sorted(HOLDOUT_GOLD.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path.name
    return data


def _text_for(gold: dict[str, Any]) -> str:
    return (HOLDOUT_TEXT / gold["doc"]).read_text(encoding="utf-8")


def _iso(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (
        f"{where}: not ISO: {value!r}"
    )
    return dt.date.fromisoformat(value)


def _claims(mention: dict[str, Any], field: str) -> list[dict[str, Any]]:
    raw = mention[field]
    return raw if isinstance(raw, list) else [raw]


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
        gold = _load(path)
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
    gold = _load(path)
    assert set(gold) >= {"doc", "publication", "noise", "checks", "mentions"}
    assert gold["doc"] == path.stem + ".txt"
    assert (HOLDOUT_TEXT / gold["doc"]).is_file()
    words = len(_text_for(gold).split())
    assert 150 <= words <= 900, f"{words} words"

    pub = gold["publication"]
    assert set(pub) >= {"stated", "earliest", "latest", "how"} and pub["how"]
    _iso(pub["stated"], "stated")
    earliest, latest = _iso(pub["earliest"], "earliest"), _iso(pub["latest"], "latest")
    assert earliest is not None, "every held-out report can be placed at least from below"
    if latest is not None:
        assert earliest <= latest


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_quote_is_an_exact_substring(path: Path) -> None:
    gold = _load(path)
    text = _text_for(gold)
    missing: list[str] = [q for q in gold["noise"] if q not in text]
    missing += [c["quote"] for c in gold["checks"] if c.get("quote") is not None and c["quote"] not in text]
    for mention in gold["mentions"]:
        if mention["evidence"] not in text:
            missing.append(mention["evidence"])
        for field in COUNT_FIELDS:
            if field in mention:
                missing += [
                    c["quote"] for c in _claims(mention, field) if c["quote"] and c["quote"] not in text
                ]
    assert not missing, f"quotes not found in {gold['doc']}: {missing}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_evidence_is_unambiguous_and_outside_noise(path: Path) -> None:
    gold = _load(path)
    text = _text_for(gold)
    ambiguous = [m["id"] for m in gold["mentions"] if text.count(m["evidence"]) != 1]
    assert not ambiguous, f"evidence occurs more than once: {ambiguous}"
    in_noise = [m["id"] for m in gold["mentions"] if any(m["evidence"] in q for q in gold["noise"])]
    assert not in_noise, f"evidence inside a noise quote: {in_noise}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_checks_are_well_formed(path: Path) -> None:
    for check in _load(path)["checks"]:
        assert isinstance(check["kind"], str) and re.fullmatch(r"[a-z_]+", check["kind"])
        assert isinstance(check.get("optional", False), bool)
        assert check.get("note")


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_mentions_are_valid(path: Path) -> None:
    gold = _load(path)
    ids = [m["id"] for m in gold["mentions"]]
    assert len(ids) == len(set(ids)), "mention ids must be unique"
    prefix = gold["doc"][:3] + "-"
    for m in gold["mentions"]:
        where = f"{gold['doc']} {m['id']}"
        assert m["id"].startswith(prefix), where
        assert m["kind"] in KINDS, where
        assert isinstance(m["optional"], bool), where
        assert isinstance(m["evidence"], str) and m["evidence"].strip(), where
        if m["kind"] == "incident":
            assert m.get("event_type"), f"{where}: incidents need an event type"
        types = m.get("event_type", [])
        assert all(t in ACLED for t in types), f"{where}: {types}"
        for sub in m.get("sub_event_type", []):
            assert any(sub in ACLED[t] for t in types), f"{where}: sub-type {sub!r} fits none of {types}"
        _check_date(m.get("date"), where)
        for place in m.get("places", []):
            _check_place(place, where)
        for field in ("actor1", "actor2"):
            if field in m:
                assert isinstance(m[field], list) and all(isinstance(a, str) and a for a in m[field]), where
        for field in COUNT_FIELDS:
            if field in m:
                for claim in _claims(m, field):
                    _check_claim(claim, f"{where} {field}")


def _check_date(date: dict[str, Any] | None, where: str) -> None:
    if date is None:
        return
    start, end = _iso(date.get("start"), where), _iso(date.get("end"), where)
    assert start is not None or end is not None, where
    if start is not None and end is not None:
        assert start <= end, f"{where}: start after end"
    weekday = date.get("weekday")
    if weekday is not None:
        assert weekday in WEEKDAYS, where
        if start is not None and start == end:
            assert start.strftime("%A") == weekday, f"{where}: {start} is not a {weekday}"
    true = _iso(date.get("true"), where)
    if true is not None and start is not None and end is not None:
        assert start <= true <= end, f"{where}: the true date lies outside the interval"


def _check_place(place: dict[str, Any], where: str) -> None:
    assert place["name"] and place["admin1"] and place["country"], where
    assert isinstance(place["aliases"], list), where
    assert isinstance(place.get("admin1_alt", []), list), where
    assert place["tolerance_km"] > 0, where
    lat, lon = float(place["lat"]), float(place["lon"])
    if place["country"] == "Syria":
        assert place["admin1"] in SYRIAN_ADMIN1, f"{where}: {place['admin1']!r} is not ACLED's spelling"
        assert SYRIA_LAT[0] <= lat <= SYRIA_LAT[1] and SYRIA_LON[0] <= lon <= SYRIA_LON[1], (
            f"{where}: {place['name']}"
        )


def _check_claim(claim: dict[str, Any], where: str) -> None:
    assert set(claim) == CLAIM_KEYS, f"{where}: keys {sorted(claim)}"
    low, high = claim["low"], claim["high"]
    for value in (low, high):
        assert value is None or (isinstance(value, int) and value >= 0), f"{where}: {value!r}"
    if low is not None and high is not None:
        assert low <= high, f"{where}: low above high"
    assert low is not None or high is not None or claim["vague"], (
        f"{where}: a claim needs a number or a vague word"
    )
