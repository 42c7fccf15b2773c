"""Import a GeoNames dump into the user's gazetteer for a pack (loaded by :func:`load_pack` after the pack's own).

Accepted inputs (tab-separated, UTF-8):

- a GeoNames country or ``allCountries`` dump (``SY.txt``): 19 columns, no header;
- a cities500-style extract with a header row: ``geonameid name latitude longitude country_code admin1_code
  population timezone alternatenames``.

Only rows of the pack's country are kept; from the full dump only populated places (feature class P), the
administrative units below the governorate (ADM2/ADM3) and a few landmark codes. The output is a CSV with the
columns of the pack's ``places.csv``.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from incidentdb.log import get_logger
from incidentdb.packs.loader import (
    PLACE_COLUMNS,
    Pack,
    PackError,
    ascii_name,
    geonames_kind,
    read_places_csv,
    usable_alternate,
    user_gazetteer_path,
)

log = get_logger(__name__)

_DUMP_COLUMNS = 19
#: Feature codes kept besides populated places: districts/sub-districts and landmarks news reports name.
_ADMIN_CODES = {"ADM2": "district", "ADM3": "district"}
_LANDMARK_CODES = frozenset(
    {
        "AIRB",
        "AIRP",
        "AIRF",
        "BDG",
        "CSTL",
        "HSP",
        "PRN",
        "MSQE",
        "CH",
        "DAM",
        "RSTN",
        "UNIV",
        "MLTB",
        "CMP",
        "CMPRF",
    }
)
_CITIES500_HEADER = ("geonameid", "name", "latitude", "longitude", "country_code", "admin1_code")


@dataclass(frozen=True)
class _Row:
    geonameid: str
    name: str
    lat: float
    lon: float
    country: str
    admin1_code: str
    population: int
    alternates: tuple[str, ...]
    feature_class: str = "P"
    feature_code: str = "PPL"


def _parse(path: Path) -> Iterator[_Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        first = fh.readline()
        if not first:
            return
        header = first.rstrip("\n").split("\t")
        if tuple(header[: len(_CITIES500_HEADER)]) == _CITIES500_HEADER:
            yield from _parse_cities(path, fh, header)
            return
        fh.seek(0)
        for line_no, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != _DUMP_COLUMNS:
                raise PackError(
                    path, f"line {line_no}: expected {_DUMP_COLUMNS} tab-separated columns, got {len(cols)}"
                )
            try:
                lat, lon = float(cols[4]), float(cols[5])
            except ValueError:
                raise PackError(path, f"line {line_no}: latitude/longitude are not numbers") from None
            yield _Row(
                geonameid=cols[0],
                name=cols[1],
                lat=lat,
                lon=lon,
                country=cols[8],
                admin1_code=cols[10],
                population=int(cols[14]) if cols[14].isdigit() else 0,
                alternates=tuple(a for a in (cols[2], *cols[3].split(",")) if a),
                feature_class=cols[6],
                feature_code=cols[7],
            )


def _parse_cities(path: Path, fh: Iterator[str], header: list[str]) -> Iterator[_Row]:
    reader = csv.DictReader(fh, fieldnames=header, delimiter="\t")
    for line_no, row in enumerate(reader, start=2):
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except (TypeError, ValueError):
            raise PackError(path, f"line {line_no}: latitude/longitude are not numbers") from None
        pop = row.get("population") or "0"
        yield _Row(
            geonameid=row["geonameid"],
            name=row["name"],
            lat=lat,
            lon=lon,
            country=row["country_code"],
            admin1_code=row["admin1_code"],
            population=int(pop) if pop.isdigit() else 0,
            alternates=tuple(a for a in (row.get("alternatenames") or "").split(",") if a),
        )


def _kind(row: _Row) -> str | None:
    if row.feature_class == "P":
        return geonames_kind(row.feature_code, row.population)
    if row.feature_class == "A":
        return _ADMIN_CODES.get(row.feature_code)
    if row.feature_code in _LANDMARK_CODES:
        return "landmark"
    return None


def _geonames_admin1(pack: Pack) -> dict[str, str]:
    import yaml

    with (pack.path / "pack.yaml").open(encoding="utf-8") as fh:
        manifest = yaml.safe_load(fh) or {}
    return {str(k): str(v) for k, v in (manifest.get("geonames_admin1") or {}).items()}


def import_geonames(file: Path, pack: Pack, dest: Path | None = None) -> int:
    """Write the pack country's rows of a GeoNames dump to the user gazetteer (or ``dest``); return the count.

    The destination is replaced atomically, then read back through the pack's schema so a bad import fails here
    and not at the next :func:`load_pack`. Call ``load_pack.cache_clear()`` to see the rows in this process.
    """
    file = Path(file)
    if not file.is_file():
        raise PackError(file, "no such file")
    admin1_map = _geonames_admin1(pack)
    if not admin1_map:
        raise PackError(pack.path / "pack.yaml", "no geonames_admin1 mapping: cannot place GeoNames rows")
    target = Path(dest) if dest is not None else user_gazetteer_path(pack.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    skipped = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=".csv", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(PLACE_COLUMNS)
            seen: set[str] = set()
            for row in _parse(file):
                admin1 = admin1_map.get(row.admin1_code)
                kind = _kind(row)
                if row.country != pack.iso2 or admin1 is None or kind is None or row.geonameid in seen:
                    skipped += 1
                    continue
                seen.add(row.geonameid)
                name = ascii_name(row.name)
                aliases = [
                    a for a in dict.fromkeys((row.name, *row.alternates)) if a != name and usable_alternate(a)
                ]
                writer.writerow(
                    [
                        f"gn:{row.geonameid}",
                        name,
                        "|".join(a.replace("|", " ") for a in aliases),
                        kind,
                        f"{row.lat:.5f}",
                        f"{row.lon:.5f}",
                        admin1,
                        "",
                        "",
                        f"https://www.geonames.org/{row.geonameid}",
                    ]
                )
                rows += 1
        read_places_csv(Path(tmp_name), "user", pack.admin1_variants.keys())
        Path(tmp_name).replace(target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    log.info("geonames_imported", file=str(file), dest=str(target), rows=rows, skipped=skipped)
    return rows
