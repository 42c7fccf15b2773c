"""Linking benchmark: 10k and 100k synthetic mentions, time, peak memory and B-cubed F1 against the truth.

``python bench/run.py link`` (part of ``make bench``) writes bench/results/link.json. Each size runs in its
own process so that its peak resident memory (ru_maxrss, which includes DuckDB's native memory) is its own.

The synthetic mentions imitate a news stream: incidents spread over three years and 14 governorates, each
told by one to five outlets whose reports differ (a day off in 15 % of reports, tolls +-30 %, transliterated
place names, imprecise places, missing fields), with neighbouring-village incidents on the same days.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

NAME = "link"
SIZES = (10_000, 100_000)
HERE = Path(__file__).resolve().parent

SUBTYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
]
GOVERNORATES = [
    ("Aleppo", 36.2, 37.2),
    ("Idlib", 35.9, 36.6),
    ("Hama", 35.1, 36.8),
    ("Homs", 34.7, 37.2),
    ("Rif Dimashq", 33.5, 36.5),
    ("Damascus", 33.5, 36.3),
    ("Daraa", 32.7, 36.1),
    ("As-Suwayda", 32.7, 36.6),
    ("Quneitra", 33.1, 35.8),
    ("Latakia", 35.5, 35.9),
    ("Tartus", 34.9, 36.0),
    ("Ar-Raqqa", 35.9, 39.0),
    ("Deir ez-Zor", 35.3, 40.1),
    ("Al-Hasakah", 36.5, 40.7),
]
ACTORS = ["Syrian army", "Hayat Tahrir al-Sham", "SDF", "Islamic State", "Russian air force", "Turkish army"]
SYLLABLES = [
    "kaf",
    "tal",
    "dar",
    "ain",
    "bab",
    "deir",
    "mar",
    "sha",
    "zar",
    "qas",
    "hum",
    "ras",
    "nab",
    "jis",
]


def _town_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(
            " ".join(rng.choice(SYLLABLES) + rng.choice(["a", "i", "u", "ah", "oun"]) for _ in range(2))
        )
    return sorted(names)


def _variant(rng: random.Random, name: str) -> str:
    """A transliteration variant: doubled consonant, vowel swap, article."""
    choice = rng.random()
    if choice < 0.3:
        return name.replace("ou", "u").replace("a", "e", 1)
    if choice < 0.5:
        return "al-" + name
    if choice < 0.6:
        return name.replace("sh", "ch")
    return name


def synthetic_mentions(size: int, seed: int) -> tuple[list[Any], list[str]]:
    """``size`` mentions and, for each, the id of the true incident it tells."""
    from incidentdb.link import LinkableMention
    from incidentdb.records import Count, CountClaim, DateInterval, Mention, Place, Span

    rng = random.Random(seed)
    towns = []
    for name in _town_names(rng, 4000):
        gov, lat, lon = rng.choice(GOVERNORATES)
        towns.append((name, gov, lat + rng.uniform(-0.5, 0.5), lon + rng.uniform(-0.6, 0.6)))
    start = dt.date(2016, 1, 1)
    mentions: list[Any] = []
    truth: list[str] = []
    number = 0
    while len(mentions) < size:
        number += 1
        town = rng.choice(towns)
        day = start + dt.timedelta(days=rng.randrange(3 * 365))
        event_type, sub_type = rng.choice(SUBTYPES)
        killed = rng.choice([None, 1, 2, 3, 5, 8, 12, 20, 35, 60])
        actor = rng.choice(ACTORS)
        for outlet in rng.sample(range(400), k=min(size - len(mentions), rng.choice([1, 1, 2, 3, 3, 4, 5]))):
            report_day = day + dt.timedelta(days=1) if rng.random() < 0.15 else day
            name, gov, lat, lon = town
            imprecise = rng.random() < 0.1
            text = f"{sub_type.lower()} on {name} by {actor} {rng.choice(['killed', 'left dead'])}"
            span = Span(0, len(text), text)
            counts = {}
            if killed is not None and rng.random() < 0.9:
                figure = max(1, round(killed * rng.uniform(0.7, 1.3)))
                counts["killed"] = Count(
                    figure, figure, None, None, (CountClaim(figure, None, None, None, span),)
                )
            place = Place(
                gov if imprecise else _variant(rng, name),
                admin1=gov,
                lat=lat + rng.uniform(-0.005, 0.005),
                lon=lon + rng.uniform(-0.005, 0.005),
                geo_precision=3 if imprecise else 1,
            )
            mention = Mention(
                kind="incident",
                evidence=(span,),
                event_type=event_type if rng.random() < 0.95 else None,
                sub_event_type=sub_type,
                date=DateInterval(report_day, report_day, 1) if rng.random() < 0.95 else None,
                location=place,
                actor1=actor if rng.random() < 0.7 else None,
                counts=counts,
            )
            source = f"https://outlet{outlet}.example/{number}"
            mentions.append(LinkableMention(source, 0, mention, published=report_day))
            truth.append(f"incident-{number}")
    return mentions, truth


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure(size: int, seed: int) -> dict[str, Any]:
    """Generate, link and score one batch (run in a child process)."""
    from incidentdb.link import link_mentions
    from incidentdb.link.evaluate import cluster_scores

    mentions, truth = synthetic_mentions(size, seed)
    before = _peak_mb()
    started = time.perf_counter()
    incidents = link_mentions(mentions, engine="duckdb")
    seconds = time.perf_counter() - started
    peak = _peak_mb()
    cluster_of = {key: incident.id for incident in incidents for key in incident.member_keys}
    scores = cluster_scores(truth, [cluster_of[m.key] for m in mentions])
    return {
        "mentions": size,
        "incidents_true": len(set(truth)),
        "incidents_linked": len(incidents),
        "seconds": round(seconds, 2),
        "mentions_per_second": round(size / seconds, 1),
        "peak_rss_mb_before_linking": before,
        "peak_rss_mb": peak,
        "bcubed": scores["bcubed"],
        "pairwise": scores["pairwise"],
    }


def run(docs: int, seed: int) -> dict[str, Any]:
    """Entry point for bench/run.py (``docs`` is ignored: the sizes are fixed by the issue)."""
    runs = []
    for size in SIZES:
        result = subprocess.run(
            [sys.executable, __file__, str(size), str(seed)], check=True, capture_output=True, text=True
        )
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return {"engine": "duckdb", "runs": runs, "seed": seed}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "src"))
    print(json.dumps(measure(int(sys.argv[1]), int(sys.argv[2]))))
