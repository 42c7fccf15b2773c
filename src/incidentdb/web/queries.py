"""Pure functions over incidents in the contract's shape: filtering, sorting, map features, timeline buckets.

The web layer reads incidents as reviewers left them (``review_actions.reviewed``) and shapes
them here, so the same logic serves the HTML pages and the JSON API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

GRADES = ("confirmed", "fair", "weak", "contested")
SORT_KEYS = ("date", "killed", "injured", "admin1", "event_type", "grade", "place")


@dataclass(frozen=True)
class IncidentFilter:
    """What the list, the map and the timeline can be narrowed by. Empty fields do not filter."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    grade: str | None = None
    q: str | None = None

    def is_empty(self) -> bool:
        return not any(getattr(self, f) for f in self.__dataclass_fields__)


def parse_day(value: str | None) -> dt.date | None:
    """An ISO day from a form field; anything else is treated as no value."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _day(value: Any) -> dt.date | None:
    return parse_day(value) if isinstance(value, str) else None


def date_of(incident: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    date = incident.get("date") or {}
    start, end = _day(date.get("start")), _day(date.get("end"))
    return start, end or start


def figure(incident: dict[str, Any], category: str, which: str = "best") -> int | None:
    count = incident.get(category) or {}
    value = count.get(which) if isinstance(count, dict) else None
    return value if isinstance(value, int) else None


def actors_of(incident: dict[str, Any]) -> list[str]:
    names = [incident.get("actor1"), incident.get("actor2")]
    for actor in incident.get("actors") or []:
        names.append(actor.get("canonical") if isinstance(actor, dict) else actor)
    return [n for n in names if isinstance(n, str) and n]


def _haystack(incident: dict[str, Any]) -> str:
    location = incident.get("location") or {}
    parts: list[Any] = [
        incident.get("id"),
        incident.get("event_type"),
        incident.get("sub_event_type"),
        location.get("name"),
        location.get("admin1"),
        incident.get("grade_reason"),
        *actors_of(incident),
    ]
    for member in incident.get("mentions") or []:
        parts.extend([member.get("quote"), member.get("document"), member.get("title")])
    return " ".join(str(p) for p in parts if p).casefold()


def matches(incident: dict[str, Any], flt: IncidentFilter) -> bool:
    start, end = date_of(incident)
    if flt.date_from and (end is None or end < flt.date_from):
        return False
    if flt.date_to and (start is None or start > flt.date_to):
        return False
    location = incident.get("location") or {}
    if flt.admin1 and (location.get("admin1") or "").casefold() != flt.admin1.casefold():
        return False
    if flt.event_type and incident.get("event_type") != flt.event_type:
        return False
    if flt.grade and incident.get("grade") != flt.grade:
        return False
    if flt.actor:
        wanted = flt.actor.casefold()
        if not any(wanted in a.casefold() for a in actors_of(incident)):
            return False
    return not (flt.q and not all(word in _haystack(incident) for word in flt.q.casefold().split()))


def filter_incidents(incidents: Iterable[dict[str, Any]], flt: IncidentFilter) -> list[dict[str, Any]]:
    return [i for i in incidents if matches(i, flt)]


def _sort_value(incident: dict[str, Any], key: str) -> tuple[int, Any]:
    """(missing?, value): missing values always sort last, whatever the direction."""
    value: Any
    if key == "date":
        value = date_of(incident)[0]
    elif key in ("killed", "injured"):
        value = figure(incident, key)
    elif key == "admin1":
        value = (incident.get("location") or {}).get("admin1")
    elif key == "place":
        value = (incident.get("location") or {}).get("name")
    elif key == "grade":
        grade = incident.get("grade")
        value = GRADES.index(grade) if grade in GRADES else None
    else:
        value = incident.get(key)
    return (1, "") if value is None else (0, value)


def sort_incidents(incidents: Sequence[dict[str, Any]], key: str, descending: bool) -> list[dict[str, Any]]:
    if key not in SORT_KEYS:
        key = "date"
    present = [i for i in incidents if _sort_value(i, key)[0] == 0]
    missing = [i for i in incidents if _sort_value(i, key)[0] == 1]
    present.sort(key=lambda i: (_sort_value(i, key)[1], str(i.get("id"))), reverse=descending)
    return present + missing


def facets(incidents: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    """The values the filter drop-downs offer, from the data itself."""
    admin1 = {(i.get("location") or {}).get("admin1") for i in incidents}
    types = {i.get("event_type") for i in incidents}
    actors = {a for i in incidents for a in actors_of(i)}
    return {
        "admin1": sorted(a for a in admin1 if a),
        "event_type": sorted(t for t in types if t),
        "actor": sorted(actors),
        "grade": list(GRADES),
    }


def summary(incident: dict[str, Any]) -> dict[str, Any]:
    """One flat row of the incident list."""
    location = incident.get("location") or {}
    start, end = date_of(incident)
    return {
        "id": incident.get("id"),
        "date": start.isoformat() if start else None,
        "date_end": end.isoformat() if end and end != start else None,
        "event_type": incident.get("event_type"),
        "sub_event_type": incident.get("sub_event_type"),
        "place": location.get("name"),
        "admin1": location.get("admin1"),
        "killed_best": figure(incident, "killed"),
        "injured_best": figure(incident, "injured"),
        "grade": incident.get("grade"),
        "actors": actors_of(incident),
        "sources": len(incident.get("mentions") or []),
        "conflicts": len(incident.get("conflicts") or []),
    }


def map_features(incidents: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the incidents that have coordinates."""
    features = []
    for incident in incidents:
        location = incident.get("location") or {}
        lat, lon = location.get("lat"), location.get("lon")
        if not isinstance(lat, int | float) or not isinstance(lon, int | float):
            continue
        row = summary(incident)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": {
                    k: row[k] for k in ("id", "date", "event_type", "place", "admin1", "killed_best", "grade")
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


BUCKETS = ("day", "week", "month")


def bucket_start(day: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def next_bucket(day: dt.date, bucket: str) -> dt.date:
    if bucket == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=7 if bucket == "week" else 1)


def auto_bucket(first: dt.date, last: dt.date) -> str:
    """Days for two months or less, weeks up to two years, months beyond: a readable number of bars."""
    span = (last - first).days
    return "day" if span <= 62 else "week" if span <= 730 else "month"


def timeline_bucket(incidents: Iterable[dict[str, Any]], bucket: str) -> str:
    """The bucket actually used: ``bucket`` when it is day/week/month, else chosen from the dates' span."""
    if bucket in BUCKETS:
        return bucket
    days = [d for d in (date_of(i)[0] for i in incidents) if d is not None]
    return auto_bucket(min(days), max(days)) if days else "day"


def timeline(incidents: Iterable[dict[str, Any]], bucket: str = "auto") -> list[dict[str, Any]]:
    """Incidents and best-figure fatalities per day, ISO week (from Monday) or month, empty periods filled."""
    incidents = list(incidents)
    bucket = timeline_bucket(incidents, bucket)
    totals: dict[dt.date, list[int]] = {}
    for incident in incidents:
        start, _ = date_of(incident)
        if start is None:
            continue
        slot = totals.setdefault(bucket_start(start, bucket), [0, 0])
        slot[0] += 1
        slot[1] += figure(incident, "killed") or 0
    if not totals:
        return []
    day, last = min(totals), max(totals)
    out: list[dict[str, Any]] = []
    while day <= last and len(out) < 5000:
        incidents_n, killed = totals.get(day, [0, 0])
        out.append({"period": day.isoformat(), "incidents": incidents_n, "killed": killed})
        day = next_bucket(day, bucket)
    return out
