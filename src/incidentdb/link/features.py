"""Turn a mention into one flat row of comparable features (the table splink scores).

Every feature is computed here in Python so that the SQL the model runs is the same plain arithmetic on
DuckDB and on Spark: day numbers instead of dates, place keys instead of fuzzy SQL functions, token lists.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from incidentdb.link.types import LinkableMention
from incidentdb.records import Count, Mention, Span

EPOCH = dt.date(1970, 1, 1)
#: An undated mention is taken to have happened within this many days before its report was published.
UNDATED_LOOKBACK_DAYS = 3

_ARTICLES = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et)[-\s]")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
# Transliteration variants collapse to one skeleton: Sheikhoun/Shaykhun, Maarat/Ma'arrat, Duma/Douma.
_DIGRAPHS = (
    ("sh", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ch", "s"),
    ("q", "k"),
    ("j", "g"),
)
_STOPWORDS = frozenset(
    """about after again against also among around because been before being between both could during
    each from have having here into last more most near night other over said says same since some such than
    that their them then there these they this those through under until were what when where which while
    with would your syria syrian people killed wounded injured least according reported reports report told
    town city village area province governorate monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december today yesterday
    morning evening attack attacks """.split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-z]{4,}")


def fold(text: str) -> str:
    """Lower-case ASCII without accents, apostrophes or hyphens (for comparing names across spellings)."""
    if text.isascii():
        ascii_text = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    ascii_text = ascii_text.replace("'", "").replace("’", "").replace("`", "").replace("ʿ", "")
    return ascii_text


@lru_cache(maxsize=65536)
def place_key(name: str | None) -> str | None:
    """A place name without articles, punctuation or spaces: "Ma'arrat al-Nu'man" -> "maarratnuman"."""
    if not name:
        return None
    text = _ARTICLES.sub(" ", fold(name) + " ")
    text = _NON_ALNUM.sub(" ", text.replace("-", " "))
    key = "".join(text.split())
    return key or None


@lru_cache(maxsize=65536)
def place_skeleton(name: str | None) -> str | None:
    """The consonant skeleton of a place key: transliterations of one Arabic name usually share it."""
    key = place_key(name)
    if key is None:
        return None
    for digraph, single in _DIGRAPHS:
        key = key.replace(digraph, single)
    consonants = re.sub(r"[aeiouyw0-9]", "", key)
    skeleton = re.sub(r"(.)\1+", r"\1", consonants)
    return skeleton if len(skeleton) >= 2 else key


@lru_cache(maxsize=65536)
def parent_place(gazetteer_id: str | None) -> str | None:
    """The gazetteer id of the town a place (a neighbourhood) lies in, from the region pack."""
    if not gazetteer_id:
        return None
    pack = _pack()
    entry = pack.place_by_id(gazetteer_id) if pack is not None else None
    return entry.parent if entry is not None else None


@lru_cache(maxsize=1)
def _pack() -> Any:
    from incidentdb.packs import load_pack
    from incidentdb.settings import get_settings

    try:
        return load_pack(get_settings().pack)
    except Exception:  # no pack: no hierarchy (linking still works on names and distances)
        return None


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def day_interval(lm: LinkableMention) -> tuple[int | None, int | None, int]:
    """(first day, last day, precision) of the mention; undated ones fall back to the report's date."""
    date = lm.mention.date
    if date is not None and (date.start or date.end):
        start = date.start or date.end
        end = date.end or date.start
        assert start is not None and end is not None
        return day_number(start), day_number(end), date.precision
    if lm.published is not None:
        pub = day_number(lm.published)
        return pub - UNDATED_LOOKBACK_DAYS, pub, 2
    return None, None, 3


def count_range(count: Count | None) -> tuple[int | None, int | None]:
    """The (low, high) a mention gives for one category, from its summary or else from its claims."""
    if count is None:
        return None, None
    lows = [c.low for c in count.claims if c.low is not None]
    highs = [c.high if c.high is not None else c.low for c in count.claims]
    low = count.low if count.low is not None else (min(lows) if lows else None)
    high_values = [h for h in highs if h is not None]
    high = count.high if count.high is not None else (max(high_values) if high_values else None)
    if high is None:
        high = count.best if count.best is not None else low
    return low, high


def actors_of(mention: Mention) -> list[str]:
    names = {mention.actor1, mention.actor2, *(a.canonical for a in mention.actors)}
    return sorted(fold(n) for n in names if n)


_VOWELS = re.compile(r"[aeiouyw]")
_REPEATS = re.compile(r"(.)\1+")
_SUFFIX = re.compile(r"(?:ings?|ed|es|s)$")


@lru_cache(maxsize=65536)
def _skeleton_word(word: str) -> str:
    """A word without a crude suffix (shelled/shelling), vowels and doubled letters."""
    if len(word) > 5:
        word = _SUFFIX.sub("", word)
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    return _REPEATS.sub(r"\1", _VOWELS.sub("", word))


def mention_spans(mention: Mention) -> list[Span]:
    """Every quote the mention rests on: its evidence, then its date, place, actor and figure quotes."""
    spans = list(mention.evidence)
    if mention.date is not None and mention.date.evidence is not None:
        spans.append(mention.date.evidence)
    spans.extend(p.evidence for p in (mention.location, *mention.places) if p is not None and p.evidence)
    spans.extend(a.span for a in mention.actors)
    spans.extend(c.span for count in mention.counts.values() for c in count.claims)
    return spans


def text_tokens(mention: Mention, limit: int = 40) -> list[str]:
    """Content words of the mention's evidence, for a cheap text-similarity comparison.

    Each word loses a crude suffix (shelled/shelling) and is reduced to its consonant skeleton so that
    transliterations (Sheikhoun/Shaykhun) still count as the same word."""
    words: list[str] = []
    seen: set[str] = set()
    for span in mention_spans(mention):
        for word in _WORD.findall(fold(span.quote)):
            if word in _STOPWORDS:
                continue
            token = _skeleton_word(word)
            if len(token) < 3 or token in seen:
                continue
            seen.add(token)
            words.append(token)
    return words[:limit]


_NAME_RUN = re.compile(r"[A-Z][\w'’]+(?:[\s-]+(?:(?:al|el|ad|ar|as|ash|at|az|an)-)?[A-Z][\w'’]+)*")
_NOT_PLACES = frozenset(
    [
        "the",
        "a",
        "an",
        "on",
        "in",
        "at",
        "syria",
        "syrian",
        "islamic",
        "state",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def where_tokens(mention: Mention) -> list[str]:
    """Skeletons of where the mention happened: its place, or else every proper-name run in its evidence
    (so that a mention the geocoder could not place still matches one whose place its text names)."""
    place = mention.location
    if place is not None:
        skeleton = place_skeleton(place.name)
        return [skeleton] if skeleton else []
    runs: list[str] = []
    for span in mention_spans(mention):
        for run in _NAME_RUN.findall(span.quote):
            if fold(run) in _NOT_PLACES:
                continue
            skeleton = place_skeleton(run)
            if skeleton and len(skeleton) >= 3 and skeleton not in runs:
                runs.append(skeleton)
    return runs


def feature_row(lm: LinkableMention, bucket_days: int) -> dict[str, Any]:
    """One row of the table the linkage model compares."""
    mention = lm.mention
    place = mention.location
    day_start, day_end, precision = day_interval(lm)
    day_mid = (day_start + day_end) // 2 if day_start is not None and day_end is not None else None
    killed_low, killed_high = count_range(mention.counts.get("killed"))
    injured_low, injured_high = count_range(mention.counts.get("injured"))
    admin1 = fold(place.admin1) if place and place.admin1 else None
    name_key = place_key(place.name) if place else None
    geo_precision = place.geo_precision if place else None
    where = where_tokens(mention)
    return {
        "unique_id": lm.key,
        "doc": lm.document,
        "outlet": lm.source_name,
        "kind": mention.kind,
        "day_start": day_start,
        "day_end": day_end,
        "date_precise": 1 if precision == 1 and day_start == day_end else 0,
        "bucket_a": None if day_mid is None else day_mid // bucket_days,
        "bucket_b": None if day_mid is None else (day_mid + bucket_days // 2) // bucket_days,
        "area": admin1 or name_key,
        "admin1": admin1,
        "name_key": name_key,
        "name_skel": place_skeleton(place.name) if place else None,
        "place_id": place.gazetteer_id if place else None,
        "parent_id": parent_place(place.gazetteer_id) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_imprecise": 1 if geo_precision is not None and geo_precision >= 2 else 0,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "actors": actors_of(mention) or None,
        "killed_low": killed_low,
        "killed_high": killed_high,
        "injured_low": injured_low,
        "injured_high": injured_high,
        "tokens": text_tokens(mention) or None,
        "where_tokens": where or None,
        "where_a": [f"{w}|{day_mid // bucket_days}" for w in where]
        if where and day_mid is not None
        else None,
        "where_b": (
            [f"{w}|{(day_mid + bucket_days // 2) // bucket_days}" for w in where]
            if where and day_mid is not None
            else None
        ),
        **_type_keys(mention.event_type, day_mid, bucket_days, placed=bool(admin1 or name_key)),
        **_grid_keys(place.lat if place else None, place.lon if place else None, day_mid, bucket_days),
    }


#: Size in degrees (about 20 km) of the grid cells that block mentions by distance across governorate lines.
GRID_DEGREES = 0.2


def _grid_keys(lat: float | None, lon: float | None, day_mid: int | None, bucket_days: int) -> dict[str, Any]:
    """Blocking keys (grid cell, date bucket) on two grids shifted by half a cell, and two date bucketings."""
    names = ("grid_aa", "grid_ab", "grid_ba", "grid_bb")
    if lat is None or lon is None or day_mid is None:
        return dict.fromkeys(names)
    cells = []
    for shift in (0.0, GRID_DEGREES / 2):
        cells.append(f"{math.floor((lat + shift) / GRID_DEGREES)}:{math.floor((lon + shift) / GRID_DEGREES)}")
    buckets = (day_mid // bucket_days, (day_mid + bucket_days // 2) // bucket_days)
    return {
        "grid_aa": f"{cells[0]}|{buckets[0]}",
        "grid_ab": f"{cells[0]}|{buckets[1]}",
        "grid_ba": f"{cells[1]}|{buckets[0]}",
        "grid_bb": f"{cells[1]}|{buckets[1]}",
    }


def _type_keys(event_type: str | None, day_mid: int | None, bucket_days: int, placed: bool) -> dict[str, Any]:
    """Blocking keys (event type, date bucket) for comparing mentions that have no place."""
    if event_type is None or day_mid is None:
        keys: dict[str, str | None] = {"type_a": None, "type_b": None}
    else:
        keys = {
            "type_a": f"{event_type}|{day_mid // bucket_days}",
            "type_b": f"{event_type}|{(day_mid + bucket_days // 2) // bucket_days}",
        }
    return {
        **keys,
        "noplace_a": None if placed else keys["type_a"],
        "noplace_b": None if placed else keys["type_b"],
    }


def feature_rows(mentions: Sequence[LinkableMention], bucket_days: int) -> list[dict[str, Any]]:
    return [feature_row(lm, bucket_days) for lm in mentions]
