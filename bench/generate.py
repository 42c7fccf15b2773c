"""Generate varied synthetic wire-style conflict reports for benchmarks (seeded, so every run is the same).

Reports are assembled from templates: a headline, a dateline with a publication date, one to four incident
sentences (place, actor, relative or absolute date, casualty figures in digits or words, a claimant), and now and
then background history, a running total and page furniture. Places come from the region pack's gazetteer when
it loads, else from a small fixed list; actors from the pack's alias knowledge base, else a fixed list.

    python bench/generate.py --docs 20 --out /tmp/reports   # write .txt files to look at
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

FALLBACK_PLACES: tuple[tuple[str, str], ...] = (
    ("Homs", "Homs"),
    ("Hama", "Hama"),
    ("Aleppo", "Aleppo"),
    ("Idlib", "Idlib"),
    ("Douma", "Rif Dimashq"),
    ("Daraa", "Daraa"),
    ("Raqqa", "Raqqa"),
    ("Deir ez-Zor", "Deir ez-Zor"),
    ("Saraqib", "Idlib"),
    ("Ar Rastan", "Homs"),
    ("Talbiseh", "Homs"),
    ("Manbij", "Aleppo"),
    ("Latakia", "Latakia"),
    ("Tartus", "Tartus"),
)
FALLBACK_ACTORS: tuple[str, ...] = (
    "government forces",
    "Syrian troops",
    "rebel fighters",
    "Islamic State militants",
    "Hayat Tahrir al-Sham fighters",
    "Kurdish-led forces",
    "Russian warplanes",
    "Turkish-backed factions",
    "gunmen",
)
ACTOR_KINDS = frozenset({"state", "rebel", "islamist", "militia", "ethnic", "external", "unidentified"})
CLAIMANTS = (
    "the Syrian Observatory for Human Rights",
    "a local activist",
    "state news agency SANA",
    "the civil defence",
    "a medical source",
    "residents",
    "a war monitor",
)
AGENCIES = ("AFP", "Reuters", "AP", "dpa", "Anadolu")
NUMBER_WORDS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    12: "twelve",
    15: "fifteen",
    20: "twenty",
}
VAGUE = ("dozens of", "scores of", "several", "a number of", "hundreds of")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

INCIDENT_TEMPLATES = (
    "{actor_cap} shelled {place} in {admin1} province {when}, killing {killed} civilians and wounding {injured}, "
    "{claimant} said.",
    "An air strike hit a market in {place} {when}, killing {killed} people, according to {claimant}.",
    "A car bomb exploded near a checkpoint in {place} {when}, killing {killed} people and injuring {injured}.",
    "Clashes between {actor} and {actor2} near {place} {when} left {killed} fighters dead, {claimant} reported.",
    "{actor_cap} said they had captured {captured} soldiers during an assault on {place} {when}.",
    "{vague_cap} people protested in {place} {when} against rising prices and arrests.",
    "Gunmen on motorcycles opened fire on a bus near {place} {when}, killing {killed} passengers.",
    "A roadside bomb struck a military convoy outside {place} in {admin1} {when}, {claimant} said, "
    "with {vague} soldiers reported wounded.",
    "Drone strikes targeted positions held by {actor2} around {place} {when}; {killed} were killed.",
    "{actor_cap} abducted {captured} men from {place} {when}, relatives told {agency}.",
)
BACKGROUND_TEMPLATES = (
    "{place} was the scene of a massacre in {past_year} in which {big} people were killed.",
    "The town has changed hands several times since {actor} first captured it in {past_year}.",
    "A ceasefire agreed in {past_year} collapsed within weeks.",
)
AGGREGATE_TEMPLATES = (
    "More than {big} people have been killed in the province since {month_day}, the monitor says.",
    "The war has killed more than half a million people and displaced millions since {past_year}.",
    "At least {big} civilians have died in the offensive so far, according to {claimant}.",
)
NOISE_LINES = (
    "Read more: Fuel prices rise again across the region",
    "Share this article",
    "Sign up for our newsletter",
    "Related: Floods hit northern villages",
    "© {year} {agency}. All rights reserved.",
    "Leave a Comment",
)


@dataclass(frozen=True)
class Report:
    name: str
    text: str


def _pack_vocabulary() -> tuple[list[tuple[str, str]], list[str]]:
    """Places (name, admin1) and actor phrases from the Syria pack, or the fixed lists when it cannot load."""
    try:
        from incidentdb.packs.loader import load_pack

        pack = load_pack("syria")
    except Exception:  # the pack is optional for the benchmark: fall back to the fixed vocabulary
        return list(FALLBACK_PLACES), list(FALLBACK_ACTORS)
    places = [
        (p.name, p.admin1)
        for p in pack.places
        if p.kind in ("city", "town", "village", "neighbourhood") and p.admin1
    ]
    actors = [alias for a in pack.actors if a.kind in ACTOR_KINDS for alias in a.aliases if len(alias) > 3]
    return places or list(FALLBACK_PLACES), actors or list(FALLBACK_ACTORS)


class ReportGenerator:
    def __init__(self, seed: int = 20261123) -> None:
        self.rng = random.Random(seed)
        self.places, self.actors = _pack_vocabulary()

    def _number(self, low: int, high: int) -> str:
        value = self.rng.randint(low, high)
        if value in NUMBER_WORDS and self.rng.random() < 0.4:
            word = NUMBER_WORDS[value]
            return self.rng.choice((word, f"at least {word}", f"about {word}"))
        return self.rng.choice((str(value), f"at least {value}", f"{value}"))

    def _when(self, published: dt.date) -> str:
        choice = self.rng.random()
        if choice < 0.35:
            return "on " + self.rng.choice(WEEKDAYS)
        if choice < 0.55:
            return self.rng.choice(("yesterday", "last night", "on Tuesday morning", "early on Sunday"))
        day = published - dt.timedelta(days=self.rng.randint(0, 6))
        return f"on {day.strftime('%B')} {day.day}"

    def _fill(self, template: str, published: dt.date) -> str:
        place, admin1 = self.rng.choice(self.places)
        actor, actor2 = self.rng.choice(self.actors), self.rng.choice(self.actors)
        vague = self.rng.choice(VAGUE)
        since = published - dt.timedelta(days=self.rng.randint(7, 120))
        return template.format(
            place=place,
            admin1=admin1,
            actor=actor,
            actor_cap=actor[:1].upper() + actor[1:],
            actor2=actor2,
            when=self._when(published),
            killed=self._number(1, 40),
            injured=self._number(2, 60),
            captured=self._number(2, 30),
            vague=vague,
            vague_cap=vague[:1].upper() + vague[1:],
            claimant=self.rng.choice(CLAIMANTS),
            agency=self.rng.choice(AGENCIES),
            big=f"{self.rng.randint(100, 9000):,}",
            past_year=self.rng.randint(2011, published.year - 1),
            month_day=f"{since.strftime('%B')} {since.day}",
            year=published.year,
        )

    def report(self, number: int) -> Report:
        rng = self.rng
        published = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 13))
        place, _ = rng.choice(self.places)
        lines = [f"{rng.choice(('Deadly', 'Fresh', 'Renewed'))} violence in {place} as fighting continues"]
        if rng.random() < 0.7:
            lines.append(published.strftime("%B %d, %Y"))
        dateline = f"{place.upper()}, Syria ({rng.choice(AGENCIES)}) — "
        sentences = [self._fill(rng.choice(INCIDENT_TEMPLATES), published) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.5:
            sentences.append(self._fill(rng.choice(BACKGROUND_TEMPLATES), published))
        if rng.random() < 0.5:
            sentences.append(self._fill(rng.choice(AGGREGATE_TEMPLATES), published))
        paragraphs = [dateline + sentences[0], *sentences[1:]]
        lines.extend(paragraphs)
        if rng.random() < 0.5:
            lines.extend(self._fill(line, published) for line in rng.sample(NOISE_LINES, rng.randint(1, 3)))
        return Report(name=f"bench_{number:05d}.txt", text="\n".join(lines) + "\n")

    def reports(self, count: int) -> list[Report]:
        return [self.report(i) for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for report in ReportGenerator(args.seed).reports(args.docs):
        (args.out / report.name).write_text(report.text, encoding="utf-8")
    print(f"wrote {args.docs} reports to {args.out}")


if __name__ == "__main__":
    main()
