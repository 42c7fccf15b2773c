"""Codes shared by the ACLED and UCDP layouts: countries, actor inter codes, figures and claim wording.

Country codes and ACLED regions are data (``data/countries.csv``); actor inter codes come from the region
pack's actor knowledge base (``acled_inter``), so a new region needs no code here.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import IO, TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from incidentdb.packs import Pack


@dataclass(frozen=True)
class Country:
    name: str
    iso2: str
    iso3: str
    iso_numeric: int
    acled_region: str


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    text = (resources.files("incidentdb.export") / "data" / "countries.csv").read_text(encoding="utf-8")
    table: dict[str, Country] = {}
    for row in csv.DictReader(text.splitlines()):
        country = Country(
            row["country"], row["iso2"], row["iso3"], int(row["iso_numeric"]), row["acled_region"]
        )
        for name in (row["country"], row["iso2"], row["iso3"], *row["other_names"].split("|")):
            if name:
                table[name.casefold()] = country
    return table


def country(name: str | None) -> Country | None:
    """The country by name, alternative name or ISO code (case-insensitive); None when not in the table."""
    return _countries().get(name.casefold()) if name else None


@lru_cache(maxsize=1)
def _pack() -> Pack | None:
    from incidentdb.packs import load_pack
    from incidentdb.settings import get_settings

    try:
        return load_pack(get_settings().pack)
    except Exception:  # exports still work without a pack: inter codes stay empty
        return None


def pack_country() -> str | None:
    pack = _pack()
    return pack.country if pack else None


def inter_code(actor: str | None) -> int | None:
    """ACLED inter code of a canonical actor name (1 state forces ... 8 external/other), None when unknown."""
    pack = _pack()
    if not actor or pack is None:
        return None
    from incidentdb.extract.actors import acled_inter

    return acled_inter(actor, pack)


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes as a two-digit number, lower first (7 and 1 give 17);
    a single actor gives its code times ten (10 = state forces acting alone)."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def stable_number(text: str, digits: int) -> int:
    """A number of at most ``digits`` digits derived from ``text``: the same incident id, the same number."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 10**digits


def middle_day(start: dt.date, end: dt.date | None) -> dt.date:
    """The middle day of an interval (the earlier one when it has two): how ACLED dates a week or a month."""
    if end is None or end <= start:
        return start
    return start + dt.timedelta(days=(end - start).days // 2)


@lru_cache(maxsize=1)
def _vague_floors() -> Any:
    from incidentdb.extract.count_summary import load_vague_table

    return load_vague_table()


def vague_floor(word: str | None) -> int | None:
    """The conservative number for a vague word ("dozens" -> 12), from packs/common/vague_numbers.yaml."""
    floor = _vague_floors().floor(word)
    return int(floor) if floor is not None else None


def conservative_count(figure: Mapping[str, Any] | None) -> int:
    """ACLED's rule: the most conservative figure reported. Our ``low`` is the lowest figure any report gives;
    without one, a reviewer's ``best``; without that, the documented floor of the vague word ("dozens" 12,
    "hundreds" 100); with nothing at all ("unknown", no casualty reported) 0."""
    if not figure:
        return 0
    for key in ("low", "best"):
        value = figure.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return vague_floor(figure.get("vague")) or 0


def ucdp_estimates(figure: Mapping[str, Any] | None) -> tuple[int, int, int]:
    """UCDP's (low, best, high), integers with low <= best <= high; missing values fall back on each other
    and on the vague-word floor, and a figure nobody gave is 0."""
    if not figure:
        return 0, 0, 0

    def num(key: str) -> int | None:
        value = figure.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    floor = vague_floor(figure.get("vague"))
    low, best, high = num("low"), num("best"), num("high")
    best = best if best is not None else (low if low is not None else (high if high is not None else floor))
    if best is None:
        return 0, 0, 0
    low = min(low if low is not None else best, best)
    high = max(high if high is not None else best, best)
    return low, best, high


_OPEN = ("at least", "more than", "over", "no fewer than", "no less than", "not less than", "or more")


def figure_text(low: int | None, high: int | None, vague: str | None) -> str:
    """A claim's figure as a reader would say it: "at least 8", "5-7", "dozens", "unknown"."""
    if low is None and high is None:
        return vague or "unknown"
    if low is not None and high is not None and high != low:
        return f"{low}-{high}"
    number = low if low is not None else high
    if vague and vague in _OPEN:
        return f"{vague} {number}"
    if low is None and high is not None:
        return f"up to {number}"
    return str(number)


def claim_text(claim: Mapping[str, Any], outlet: str | None = None) -> str:
    """One claim with its claimant and the report it is in: "killed at least 8 (SOHR; via example.org)"."""
    who = claim.get("claimant") or "the report"
    where = f"; via {outlet}" if outlet else ""
    text = figure_text(claim.get("low"), claim.get("high"), claim.get("vague"))
    return f"{claim.get('category')} {text} ({who}{where})"


_View = TypeVar("_View")


def write_rows(
    views: Iterable[_View],
    handle: IO[str],
    columns: Sequence[str],
    row: Callable[[_View], dict[str, Any] | None],
) -> tuple[int, int]:
    """Write one CSV layout: the header, then a row per view (None cells empty); a view the layout cannot code
    (``row`` gives None) is skipped. Returns (rows written, views skipped)."""
    writer = csv.DictWriter(handle, fieldnames=list(columns), quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    written = skipped = 0
    for view in views:
        values = row(view)
        if values is None:
            skipped += 1
            continue
        writer.writerow({k: "" if v is None else v for k, v in values.items()})
        written += 1
    return written, skipped
