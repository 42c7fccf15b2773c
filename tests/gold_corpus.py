"""Shared checks for the gold corpora (corpus/gold/dev and corpus/gold/holdout).

Pure data helpers: they read gold JSON and never import extraction code, so a broken annotation is caught even
when the extractor is broken too (the ACLED vocabulary is therefore copied from CONTRACT.md, not imported).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

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
# Generous box around Syria for places whose country is Syria.
SYRIA_LAT = (32.0, 37.5)
SYRIA_LON = (35.5, 42.5)

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


def load_gold(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path.name
    return data


def iso(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (
        f"{where}: not ISO: {value!r}"
    )
    return dt.date.fromisoformat(value)


def claims(mention: dict[str, Any], field: str) -> list[dict[str, Any]]:
    raw = mention[field]
    return raw if isinstance(raw, list) else [raw]


def check_mentions(gold: dict[str, Any], *, strict: bool = False) -> None:
    """Every mention of one gold file is well formed. ``strict`` (the held-out set) also wants ids prefixed by
    the document number and ACLED's spelling of Syrian governorates."""
    ids = [m["id"] for m in gold["mentions"]]
    assert len(ids) == len(set(ids)), "mention ids must be unique"
    prefix = gold["doc"][:3] + "-"
    for m in gold["mentions"]:
        where = f"{gold['doc']} {m['id']}"
        if strict:
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
        check_date(m.get("date"), where)
        for place in m.get("places", []):
            check_place(place, where, strict=strict)
        for field in ("actor1", "actor2"):
            if field in m:
                assert isinstance(m[field], list) and all(isinstance(a, str) and a for a in m[field]), where
        for field in COUNT_FIELDS:
            if field in m:
                for claim in claims(m, field):
                    check_claim(claim, f"{where} {field}")


def check_date(date: dict[str, Any] | None, where: str) -> None:
    if date is None:
        return
    start, end = iso(date.get("start"), where), iso(date.get("end"), where)
    assert start is not None or end is not None, where
    if start is not None and end is not None:
        assert start <= end, f"{where}: start after end"
    weekday = date.get("weekday")
    if weekday is not None:
        assert weekday in WEEKDAYS, where
        if start is not None and start == end:
            assert start.strftime("%A") == weekday, f"{where}: {start} is not a {weekday}"
    true = iso(date.get("true"), where)
    if true is not None and start is not None and end is not None:
        assert start <= true <= end, f"{where}: the true date lies outside the interval"


def check_place(place: dict[str, Any], where: str, *, strict: bool = False) -> None:
    assert place["name"] and place["admin1"] and place["country"], where
    assert isinstance(place["aliases"], list), where
    assert isinstance(place.get("admin1_alt", []), list), where
    assert place["tolerance_km"] > 0, where
    lat, lon = float(place["lat"]), float(place["lon"])
    if place["country"] == "Syria":
        if strict:
            assert place["admin1"] in SYRIAN_ADMIN1, f"{where}: {place['admin1']!r} is not ACLED's spelling"
        assert SYRIA_LAT[0] <= lat <= SYRIA_LAT[1] and SYRIA_LON[0] <= lon <= SYRIA_LON[1], (
            f"{where}: {place['name']}"
        )


def check_claim(claim: dict[str, Any], where: str) -> None:
    assert set(claim) == CLAIM_KEYS, f"{where}: keys {sorted(claim)}"
    low, high = claim["low"], claim["high"]
    for value in (low, high):
        assert value is None or (isinstance(value, int) and value >= 0), f"{where}: {value!r}"
    if low is not None and high is not None:
        assert low <= high, f"{where}: low above high"
    assert low is not None or high is not None or claim["vague"], (
        f"{where}: a claim needs a number or a vague word"
    )
