"""Summaries of casualty claims: one low/best/high per category and report, and the vague-word table.

The table (``packs/common/vague_numbers.yaml``) documents the conservative floor for each vague word and
the claimants preferred when reports conflict; see the comments in that file for the conventions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from incidentdb.records import Count, CountClaim

VAGUE_TABLE_PATH = Path(__file__).resolve().parent.parent / "packs" / "common" / "vague_numbers.yaml"


@dataclass(frozen=True)
class VagueTable:
    """Conservative floors for vague words and the claimants preferred for ``best`` (see the YAML)."""

    floors: dict[str, int]
    documenting: tuple[re.Pattern[str], ...]

    def floor(self, word: str | None) -> int | None:
        return self.floors.get(word.lower()) if word else None

    def is_documenting(self, claimant: str | None) -> bool:
        return claimant is not None and any(p.search(claimant) for p in self.documenting)


@lru_cache(maxsize=4)
def load_vague_table(path: Path = VAGUE_TABLE_PATH) -> VagueTable:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    floors = {str(k).lower(): int(v) for k, v in (data.get("floors") or {}).items()}
    patterns = tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("documenting_claimants") or ())
    return VagueTable(floors, patterns)


_OPEN_ENDED = {"at least", "more than", "over", "no fewer than", "no less than", "not less than", "or more",
               "a minimum of", "in excess of", "upwards of", "at the very least"}  # fmt: skip


def summarise(claims: Sequence[CountClaim], table: VagueTable | None = None) -> Count:
    """Summarise one category's claims in one report (pass the non-subtotal claims).

    - ``low``: the smallest claim ``low`` (null claims ignored): the most conservative figure any claimant gives.
      A zero ("no casualties") counts only when no claim gives a positive figure.
    - ``high``: the largest figure that bounds the count from above: explicit highs ("up to 250") and exact
      figures; null when an open-ended claim ("at least 826", "more than 800") reaches or exceeds it, because
      the text then supports more.
    - ``best``: the figure of the most authoritative claim: claims by documenting, non-party organisations
      (``documenting_claimants`` in the table) first, then the report's own voice, then everyone else; within
      the chosen tier the lower median of the claim figures (a claim's figure is its ``low``, else its ``high``).
      With no figure at all, ``best`` is the table's conservative floor for the vague word ("dozens" -> 12)
      and stays null for "unknown"; ``low`` always stays null then.
    - ``vague``: only when no claim has a figure: the first vague word other than "unknown", else "unknown".
    """
    table = table or load_vague_table()
    figures = [(c, c.low if c.low is not None else c.high) for c in claims]
    numeric = [(c, v) for c, v in figures if v is not None]
    if any(v > 0 for _, v in numeric):  # "no casualties" beside "3 killed": the text supports 3
        numeric = [(c, v) for c, v in numeric if v > 0]
    lows = [v for c, v in numeric if c.low is not None]
    low = min(lows) if lows else None
    if not numeric:
        words = [c.vague for c in claims if c.vague]
        vague = next((w for w in words if w != "unknown"), words[0] if words else None)
        return Count(None, table.floor(vague), None, vague, tuple(claims))
    kept = [c for c, _ in numeric]
    uppers = [c.high for c in kept if c.high is not None]
    uppers += [c.low for c in kept if c.low is not None and c.high is None and c.vague not in _OPEN_ENDED]
    high = max(uppers) if uppers else None
    open_lows = [c.low for c in kept if c.low is not None and c.vague in _OPEN_ENDED]
    if high is not None and open_lows and max(open_lows) >= high:
        high = None

    def tier(claim: CountClaim) -> int:
        if table.is_documenting(claim.claimant):
            return 0
        return 1 if claim.claimant is None else 2

    best_tier = min(tier(c) for c, _ in numeric)
    values = sorted(v for c, v in numeric if tier(c) == best_tier)
    best = values[(len(values) - 1) // 2]
    return Count(low, best, high, None, tuple(claims))
