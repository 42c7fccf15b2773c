"""Incidents as an RFC 7946 GeoJSON FeatureCollection: one Point Feature per located incident.

Coordinates are WGS 84 longitude, latitude (RFC 7946 order). Properties are flat scalars so that QGIS and
other GIS tools show them as attribute columns; ``url`` links back to the incident's page in the web UI.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from incidentdb.export import codes
from incidentdb.export.incidents import IncidentView


def feature(view: IncidentView, base_url: str = "") -> dict[str, Any] | None:
    """The incident's Feature, or None when it has no coordinates."""
    data = view.data
    place = view.location
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None:
        return None
    start, end, precision = view.date_range()
    props: dict[str, Any] = {
        "id": view.id,
        "event_type": data.get("event_type"),
        "sub_event_type": data.get("sub_event_type"),
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "date_precision": precision,
        "location": place.get("name"),
        "admin1": place.get("admin1"),
        "country": view.country,
        "geo_precision": place.get("geo_precision"),
        "actor1": data.get("actor1"),
        "actor2": data.get("actor2"),
    }
    for category in ("killed", "injured"):
        figure = view.figure(category) or {}
        for key in ("low", "best", "high", "vague"):
            props[f"{category}_{key}"] = figure.get(key)
    props["fatalities"] = codes.conservative_count(view.figure("killed"))
    props["grade"] = data.get("grade")
    props["grade_reason"] = data.get("grade_reason")
    props["conflicts"] = len(data.get("conflicts", []))
    props["sources"] = len(view.sources)
    props["source_list"] = "; ".join(s.source for s in view.sources)
    props["reviewed"] = bool(data.get("review"))
    props["url"] = f"{base_url.rstrip('/')}/incidents/{view.id}"
    return {
        "type": "Feature",
        "id": view.id,
        "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        "properties": props,
    }


def write(views: Iterable[IncidentView], handle: IO[str], base_url: str = "") -> tuple[int, int]:
    """Write the FeatureCollection; returns (features written, incidents skipped for want of coordinates)."""
    features = []
    skipped = 0
    for view in views:
        item = feature(view, base_url)
        if item is None:
            skipped += 1
        else:
            features.append(item)
    collection = {"type": "FeatureCollection", "features": features}
    json.dump(collection, handle, ensure_ascii=False, indent=1)
    handle.write("\n")
    return len(features), skipped
