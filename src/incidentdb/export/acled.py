"""Incidents in ACLED's CSV layout (column names, codes and conventions of ACLED's data export).

See docs/export.md for the mapping of every column and what the layout cannot hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from incidentdb.export import codes
from incidentdb.export.incidents import IncidentView

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: pandas dtypes of the columns (``pd.read_csv(path, dtype=DTYPES, parse_dates=["event_date"])``).
DTYPES: dict[str, str] = {
    **{c: "string" for c in COLUMNS},
    "year": "int64",
    "time_precision": "int64",
    "inter1": "Int64",
    "inter2": "Int64",
    "interaction": "Int64",
    "iso": "Int64",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "int64",
    "fatalities": "int64",
    "timestamp": "int64",
}
del DTYPES["event_date"]

VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type of an event type / sub-event type."""
    if event_type in VIOLENT_TYPES or sub_event_type == "Mob violence":
        return "Political violence"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return ""


def _default_actor(event_type: str | None, country: str | None) -> tuple[str | None, int | None]:
    """ACLED names the crowd of a demonstration "Protesters (Country)" / "Rioters (Country)"."""
    if event_type == "Protests":
        return f"Protesters ({country})" if country else "Protesters", 6
    if event_type == "Riots":
        return f"Rioters ({country})" if country else "Rioters", 5
    return None, None


def notes(view: IncidentView) -> str:
    """What happened, then every figure with its claimant and report, disagreements and the review."""
    data = view.data
    start, end, _ = view.date_range()
    place = view.location
    when = f"On {start.isoformat()}" if start else "On an unknown date"
    if start and end and end != start:
        when = f"Between {start.isoformat()} and {end.isoformat()}"
    where = place.get("name") or "an unknown place"
    if place.get("admin1") and place.get("admin1") != place.get("name"):
        where += f" ({place['admin1']})"
    what = data.get("sub_event_type") or data.get("event_type") or "Incident"
    parts = [f"{when}: {what} in {where}."]
    actors = " vs ".join(a for a in (data.get("actor1"), data.get("actor2")) if a)
    if actors:
        parts.append(f"Actors: {actors}.")
    outlets = {s.source: s.outlet for s in view.sources}
    claims = [codes.claim_text(c, outlets.get(str(c.get("document")))) for c in data.get("claims", [])]
    if claims:
        parts.append("Claims: " + "; ".join(claims) + ".")
    for conflict in data.get("conflicts", []):
        values = ", ".join(str(v) for v in conflict.get("values", []))
        parts.append(f"Sources disagree on {conflict.get('field')}: {values}.")
    parts.append(f"Grade: {data.get('grade')} ({data.get('grade_reason')}).")
    for note in data.get("review", []) or []:
        why = f": {note['why']}" if note.get("why") else ""
        parts.append(f"Reviewed ({note.get('action')}) by {note.get('who')}{why}.")
    return " ".join(parts)


def row(view: IncidentView) -> dict[str, Any] | None:
    """One ACLED row, or None for an incident without a date (ACLED has no undated events)."""
    data = view.data
    start, end, precision = view.date_range()
    if start is None:
        return None
    event_date = codes.middle_day(start, end)
    country_name = view.country or codes.pack_country()
    country = codes.country(country_name)
    actor1, actor2 = data.get("actor1"), data.get("actor2")
    inter1, inter2 = codes.inter_code(actor1), codes.inter_code(actor2)
    if not actor1 or (inter1 == 7 and data.get("event_type") in ("Protests", "Riots")):
        # a demonstrating crowd is ACLED's Protesters/Rioters actor, not "Civilians"
        actor1, inter1 = _default_actor(data.get("event_type"), country.name if country else country_name)
    disorder = disorder_type(data.get("event_type"), data.get("sub_event_type"))
    civilian = "Political violence" in disorder and (
        data.get("event_type") == "Violence against civilians" or 7 in (inter1, inter2)
    )
    place = view.location
    lat, lon = place.get("lat"), place.get("lon")
    grade = data.get("grade")
    tags = [f"incidentdb grade: {grade}", f"sources: {len(view.sources)}"]
    if data.get("conflicts"):
        tags.append("sources disagree")
    if data.get("review"):
        tags.append("reviewed")
    stamp = view.updated_at or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return {
        "event_id_cnty": f"{country.iso3 if country else 'XXX'}{codes.stable_number(view.id, 9)}",
        "event_date": event_date.isoformat(),
        "year": event_date.year,
        "time_precision": precision if precision in (1, 2, 3) else 3,
        "disorder_type": disorder,
        "event_type": data.get("event_type") or "",
        "sub_event_type": data.get("sub_event_type") or "",
        "actor1": actor1 or "",
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2 or "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": codes.interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": country.iso_numeric if country else None,
        "region": country.acled_region if country else "",
        "country": country.name if country else (country_name or ""),
        "admin1": place.get("admin1") or "",
        "admin2": view.admin2 or "",
        "admin3": "",
        "location": place.get("name") or "",
        "latitude": lat,
        "longitude": lon,
        "geo_precision": place.get("geo_precision") or 3,
        "source": "; ".join(dict.fromkeys(s.outlet for s in view.sources)),
        "source_scale": "",
        "notes": notes(view),
        "fatalities": codes.conservative_count(view.figure("killed")),
        "tags": "; ".join(tags),
        "timestamp": int(stamp.timestamp()),
    }


def write(views: Iterable[IncidentView], handle: IO[str]) -> tuple[int, int]:
    """Write the CSV; returns (rows written, incidents skipped for want of a date)."""
    return codes.write_rows(views, handle, COLUMNS, row)
