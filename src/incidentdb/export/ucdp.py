"""Incidents in the UCDP Georeferenced Event Dataset (GED) layout, the columns that apply to news reports.

Only events of organised violence fit GED: ACLED types Battles, Explosions/Remote violence and Violence
against civilians. See docs/export.md for every column's rule and what is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from incidentdb.export import codes
from incidentdb.export.incidents import IncidentView

COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_article",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "event_clarity",
)

#: pandas dtypes (``pd.read_csv(path, dtype=DTYPES, parse_dates=["date_start", "date_end"])``).
DTYPES: dict[str, str] = {
    **{c: "string" for c in COLUMNS},
    "id": "int64",
    "year": "int64",
    "active_year": "Int64",
    "type_of_violence": "Int64",
    "where_prec": "int64",
    "latitude": "float64",
    "longitude": "float64",
    "date_prec": "int64",
    "deaths_a": "int64",
    "deaths_b": "int64",
    "deaths_civilians": "int64",
    "deaths_unknown": "int64",
    "best": "int64",
    "high": "int64",
    "low": "int64",
    "event_clarity": "int64",
}
del DTYPES["date_start"], DTYPES["date_end"]

ORGANISED_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
STATE = (1, 8)  # ACLED inter codes of state forces and external (mostly foreign state) forces
ARMED_NON_STATE = (2, 3, 4)


def type_of_violence(event_type: str | None, inter1: int | None, inter2: int | None) -> int | None:
    """1 state-based, 2 non-state, 3 one-sided (an armed actor against civilians); None when the actors
    are too unknown to tell."""
    if event_type == "Violence against civilians" or 7 in (inter1, inter2):
        return 3
    if inter1 in STATE or inter2 in STATE:
        return 1
    if inter1 in ARMED_NON_STATE and inter2 in ARMED_NON_STATE:
        return 2
    return None


def date_prec(start: dt.date, end: dt.date) -> int:
    """UCDP date precision from the interval: 1 the day; 2 two to six days; 3 a week; 4 eight to thirty-one
    days (a month); 5 longer, up to a year."""
    days = (end - start).days + 1
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days == 7:
        return 3
    if days <= 31:
        return 4
    return 5


def where_prec(place: dict[str, Any]) -> int:
    """UCDP location precision: 1 the exact place; 2 within about 25 km of it ("near"); 4 only the
    first-order division (governorate); 6 only the country."""
    if place.get("lat") is None or place.get("lon") is None:
        return 4 if place.get("admin1") else 6
    return {1: 1, 2: 2, 3: 4}.get(place.get("geo_precision") or 3, 4)


def _sides(
    data: dict[str, Any], inter1: int | None, inter2: int | None, violence: int | None
) -> tuple[str, str]:
    """side_a is the government side when there is one (UCDP's convention); one-sided violence has the
    perpetrator as side_a and civilians as side_b."""
    a, b = data.get("actor1") or "", data.get("actor2") or ""
    if (violence == 3 and inter1 == 7) or (violence == 1 and inter2 in STATE and inter1 not in STATE):
        a, b = b, a
    return a, b


def row(view: IncidentView) -> dict[str, Any] | None:
    """One GED row; None for an undated incident or one that is not organised violence."""
    data = view.data
    start, end, _ = view.date_range()
    if start is None or data.get("event_type") not in ORGANISED_VIOLENCE:
        return None
    end = end if end and end >= start else start
    inter1, inter2 = codes.inter_code(data.get("actor1")), codes.inter_code(data.get("actor2"))
    violence = type_of_violence(data.get("event_type"), inter1, inter2)
    side_a, side_b = _sides(data, inter1, inter2, violence)
    low, best, high = codes.ucdp_estimates(view.figure("killed"))
    place = view.location
    country = codes.country(view.country or codes.pack_country())
    claimants = [str(c["claimant"]) for c in data.get("claims", []) if c.get("claimant")]
    articles = [
        " ".join(
            p
            for p in (
                s.outlet,
                s.published.isoformat() if s.published else "",
                s.source if s.source != s.outlet else "",
            )
            if p
        )
        for s in view.sources
    ]
    return {
        "id": codes.stable_number(view.id, 15),
        "relid": view.id,
        "year": start.year,
        "active_year": None,
        "type_of_violence": violence,
        "side_a": side_a,
        "side_b": side_b,
        "source_article": "; ".join(articles),
        "source_headline": "; ".join(s.title for s in view.sources if s.title),
        "source_original": "; ".join(dict.fromkeys(claimants)),
        "where_prec": where_prec(place),
        "where_coordinates": place.get("name") or place.get("admin1") or "",
        "adm_1": place.get("admin1") or "",
        "adm_2": view.admin2 or "",
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "country": country.name if country else (view.country or ""),
        "date_prec": date_prec(start, end),
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if violence == 3 else 0,
        "deaths_unknown": 0 if violence == 3 else best,
        "best": best,
        "high": high,
        "low": low,
        "event_clarity": 1 if start == end else 2,
    }


def write(views: Iterable[IncidentView], handle: IO[str]) -> tuple[int, int]:
    """Write the CSV; returns (rows written, incidents skipped: undated or not organised violence)."""
    return codes.write_rows(views, handle, COLUMNS, row)
