"""Turn a mention into one flat row of comparable features (the table splink scores).

Every feature is computed here in Python so that the SQL the model runs is the same plain arithmetic on
DuckDB and on Spark: day numbers instead of dates, place keys instead of fuzzy SQL functions, token lists.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from incidentdb.link.types import LinkableMention
from incidentdb.records import Count, Mention

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
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    ascii_text = ascii_text.replace("'", "").replace("’", "").replace("`", "").replace("ʿ", "")
    return ascii_text


def place_key(name: str | None) -> str | None:
    """A place name without articles, punctuation or spaces: "Ma'arrat al-Nu'man" -> "maarratnuman"."""
    if not name:
        return None
    text = _ARTICLES.sub(" ", fold(name) + " ")
    text = _NON_ALNUM.sub(" ", text.replace("-", " "))
    key = "".join(text.split())
    return key or None


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


def text_tokens(mention: Mention, limit: int = 40) -> list[str]:
    """Content words of the mention's evidence, for a cheap text-similarity comparison."""
    words: list[str] = []
    seen: set[str] = set()
    for span in mention.evidence:
        for word in _WORD.findall(fold(span.quote)):
            stem = word[:6]  # a crude stem: "shelled"/"shelling", "bombing"/"bombed"
            if word in _STOPWORDS or stem in seen:
                continue
            seen.add(stem)
            words.append(stem)
    return words[:limit]


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
    }


def feature_rows(mentions: Sequence[LinkableMention], bucket_days: int) -> list[dict[str, Any]]:
    return [feature_row(lm, bucket_days) for lm in mentions]
