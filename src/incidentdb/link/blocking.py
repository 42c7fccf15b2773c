"""Blocking: which pairs of mentions are compared at all.

Two mentions are compared only when they come from different reports and share an *area* (the
governorate, else the place name) and a date bucket. Buckets are ``2 * (max_days + 1)`` days wide and there
are two bucketings, the second shifted by half a bucket, so any two mentions at most ``max_days`` apart
share a bucket in at least one of them. A third pair of rules catches mentions whose governorate was geocoded
differently but whose place names share a transliteration skeleton; four more pair mentions whose coordinates
share a cell of a 0.2-degree grid (two grids shifted by half a cell), so places near a governorate line meet;
the last rules compare a mention without any place with the mentions of the same event type in its date window.
"""

from __future__ import annotations


def bucket_days(max_days: int) -> int:
    """Width of a date bucket such that mentions ``max_days`` apart always share one of two bucketings."""
    return 2 * (max_days + 1)


def blocking_rules(max_days: int) -> list[tuple[str, list[str]]]:
    """Splink blocking rules (plain SQL valid on DuckDB and Spark), each with the array columns splink explodes
    before joining (every name a place-less mention gives is a key of its own)."""
    common = (
        f"l.doc <> r.doc AND abs((l.day_start + l.day_end) - (r.day_start + r.day_end)) <= {2 * max_days}"
        " AND NOT (l.kind = 'background' AND r.kind = 'background')"
    )
    rules = [
        f"l.area = r.area AND l.bucket_a = r.bucket_a AND {common}",
        f"l.area = r.area AND l.bucket_b = r.bucket_b AND {common}",
        f"l.name_skel = r.name_skel AND l.bucket_a = r.bucket_a AND {common}",
        f"l.name_skel = r.name_skel AND l.bucket_b = r.bucket_b AND {common}",
        # places within about 20 km of each other, whatever governorate the geocoder gave them
        f"l.grid_aa = r.grid_aa AND {common}",
        f"l.grid_ab = r.grid_ab AND {common}",
        f"l.grid_ba = r.grid_ba AND {common}",
        f"l.grid_bb = r.grid_bb AND {common}",
        # the first place name (or, without a place, the first proper name its text gives) and the date window
        f"l.where_a = r.where_a AND {common}",
        f"l.where_b = r.where_b AND {common}",
        # a mention without a place meets every mention of its event type in its date window (precomputed
        # keys, so that these are plain equi-joins: noplace_* is null for mentions that have a place)
        f"l.noplace_a = r.type_a AND {common}",
        f"r.noplace_a = l.type_a AND {common}",
        f"l.noplace_b = r.type_b AND {common}",
        f"r.noplace_b = l.type_b AND {common}",
    ]
    return [(rule, [c for c in ("where_a", "where_b") if f"l.{c} = " in rule]) for rule in rules]
