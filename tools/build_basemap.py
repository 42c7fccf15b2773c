"""Build the web UI's offline base map (run by hand; the output is committed, this script is not run at install).

Inputs (neither is committed):
- Natural Earth 1:50m country outlines (public domain) from the npm package ``world-atlas`` (ISC):
  ``npm pack world-atlas`` and pass ``package/countries-50m.json``.
- OpenSyria sub-district centroids (CC BY 4.0; OpenSyria, OCHA/HDX, GeoNames, geoBoundaries):
  ``opensyria/subdistricts.json`` and ``opensyria/governorates.json``.

Governorate outlines are *approximate*: a Voronoi diagram of the 272 sub-district centroids, clipped to the Natural
Earth outline of Syria and dissolved per governorate. Good enough to orient a reader on a map; not a boundary
dataset. Needs ``shapely`` (a throw-away virtualenv is enough): the product itself never imports it.

Usage: python tools/build_basemap.py countries-50m.json OPENSYRIA_DIR OUT.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

NEIGHBOURS = {"Syria", "Lebanon", "Turkey", "Iraq", "Jordan", "Israel", "Palestine", "Cyprus"}
BBOX = (29.0, 27.0, 49.0, 42.0)  # lon/lat window the base map covers (clipped edges stay off-screen)
ATTRIBUTION = (
    "Country outlines: Natural Earth (public domain) via world-atlas. Governorate outlines approximate: Voronoi of "
    "sub-district centroids from OpenSyria (CC BY 4.0), sourced from OCHA/HDX, GeoNames and geoBoundaries."
)


def decode_topology(topo: dict[str, Any]) -> list[tuple[str, Any]]:
    """Decode a quantized TopoJSON ``countries`` object into (name, GeoJSON geometry) pairs."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(pts if not out else pts[1:])
        return out

    result = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom.get("properties", {}).get("name", "")
        if geom["type"] == "Polygon":
            result.append((name, {"type": "Polygon", "coordinates": [ring(r) for r in geom["arcs"]]}))
        elif geom["type"] == "MultiPolygon":
            polys = [[ring(r) for r in poly] for poly in geom["arcs"]]
            result.append((name, {"type": "MultiPolygon", "coordinates": polys}))
    return result


def main(topo_path: str, opensyria_dir: str, out_path: str) -> None:
    from shapely import voronoi_polygons
    from shapely.geometry import MultiPoint, Point, box, mapping, shape
    from shapely.ops import unary_union

    countries = decode_topology(json.loads(Path(topo_path).read_text()))
    window = box(*BBOX)
    features: list[dict[str, Any]] = []
    syria = None
    for name, geom in countries:
        if name not in NEIGHBOURS:
            continue
        g = shape(geom).buffer(0).intersection(window).simplify(0.01, preserve_topology=True)
        if name == "Syria":
            syria = g
        features.append(
            {"type": "Feature", "properties": {"kind": "country", "name": name}, "geometry": mapping(g)}
        )
    if syria is None:
        raise SystemExit("Syria not found in the topology")

    base = Path(opensyria_dir)
    governorates = {g["id"]: g for g in json.loads((base / "governorates.json").read_text())}
    subs = json.loads((base / "subdistricts.json").read_text())
    points = [Point(s["centroid"]["longitude"], s["centroid"]["latitude"]) for s in subs]
    cells = voronoi_polygons(MultiPoint(points), extend_to=window)
    by_gov: dict[str, list[Any]] = {}
    for cell in cells.geoms:
        owner = next(s for s, p in zip(subs, points, strict=True) if cell.contains(p))
        by_gov.setdefault(owner["governorateId"], []).append(cell)
    for gov_id, parts in sorted(by_gov.items()):
        gov = governorates[gov_id]
        shape_ = unary_union(parts).intersection(syria).simplify(0.02, preserve_topology=True)
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "admin1", "name": gov["name"]["en"], "iso": gov.get("iso31662")},
                "geometry": mapping(shape_),
            }
        )

    def rounded(obj: Any) -> Any:
        if isinstance(obj, float):
            return round(obj, 3)
        if isinstance(obj, list | tuple):
            return [rounded(o) for o in obj]
        if isinstance(obj, dict):
            return {k: rounded(v) for k, v in obj.items()}
        return obj

    collection = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": rounded(features)}
    Path(out_path).write_text(json.dumps(collection, separators=(",", ":")))
    print(f"wrote {out_path}: {len(features)} features")


if __name__ == "__main__":
    main(*sys.argv[1:4])
