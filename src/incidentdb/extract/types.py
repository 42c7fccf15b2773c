"""Event triggers and ACLED event type / sub-event type.

The trigger lexicon is data (``packs/common/events_en.yaml``); this module compiles it into one regular expression
and decides the type of a clause from the strongest trigger in it and from who did what to whom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from incidentdb.records import ACLED_TYPES


@dataclass(frozen=True)
class TriggerRule:
    pattern: str
    form: str  # verb | noun | plural
    event_type: str | None
    sub_event_type: str | None
    rank: int


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    word: str
    rule: TriggerRule

    @property
    def plural(self) -> bool:
        """A plural event noun ("airstrikes", "massacres", "attacks") rather than a told event."""
        word = self.word.lower()
        if self.rule.form == "verb" and not word.endswith(("ings", "es", "s")):
            return False
        return word.endswith(
            (
                "strikes",
                "raids",
                "attacks",
                "massacres",
                "bombings",
                "killings",
                "clashes",
                "explosions",
                "blasts",
                "kidnappings",
                "executions",
                "assaults",
                "protests",
                "demonstrations",
                "invasions",
                "operations",
                "arrests",
                "abductions",
                "bombs",
                "shells",
                "rockets",
                "missiles",
                "mortars",
                "airstrikes",
            )
        )


@dataclass(frozen=True)
class _Lexicon:
    rules: tuple[TriggerRule, ...]
    regex: re.Pattern[str]


@lru_cache(maxsize=4)
def _lexicon(name: str = "events_en.yaml") -> _Lexicon:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("incidentdb.packs").joinpath("common", name).read_text("utf-8")
    )
    rules: list[TriggerRule] = []
    for item in raw["triggers"]:
        event_type, sub = item.get("type"), item.get("sub")
        if event_type is not None and event_type not in ACLED_TYPES:
            raise ValueError(f"{name}: unknown ACLED event type {event_type!r}")
        if sub is not None and (event_type is None or sub not in ACLED_TYPES[event_type]):
            raise ValueError(f"{name}: sub-event type {sub!r} does not belong to {event_type!r}")
        rules.append(TriggerRule(item["pattern"], item["form"], event_type, sub, int(item["rank"])))
    # One alternation with a named group per rule: a single pass over the text finds every trigger. Stronger rules
    # come first, so where two match at the same place ("opened fire on protesters") the more specific one wins.
    order = sorted(range(len(rules)), key=lambda i: -rules[i].rank)
    parts = [f"(?P<r{i}>{rules[i].pattern})" for i in order]
    regex = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
    return _Lexicon(tuple(rules), regex)


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Every event trigger in ``text[start:end]`` (absolute offsets), left to right, longest first."""
    lexicon = _lexicon()
    end = len(text) if end is None else end
    found: list[Trigger] = []
    for match in lexicon.regex.finditer(text, start, end):
        group = match.lastgroup
        if group is None:
            continue
        rule = lexicon.rules[int(group[1:])]
        found.append(Trigger(match.start(), match.end(), match.group(), rule))
    return found


_CIVILIAN_TARGET = re.compile(
    r"\b(civilians?|worshippers|villagers|residents|children|women|families|family|couple|farmers|shepherds|"
    r"students|patients|mosque|church|hospital|school|market|homes|houses|village|neighbou?rhoods?|"
    r"displaced|refugees|journalists?|doctors|aid workers|passengers|protesters|mourners|sanctuary)\b",
    re.IGNORECASE,
)
_ARMED_TARGET = re.compile(
    r"\b(checkpoints?|positions?|forces|troops|soldiers|army|fighters|militants|base|barracks|convoy|"
    r"headquarters|military|police|patrol|security)\b",
    re.IGNORECASE,
)


def territory_rule() -> TriggerRule:
    """The rule for a taking verb followed by a place ("captured Saraqib")."""
    return TriggerRule("captured <place>", "verb", "Battles", "Non-state actor overtakes territory", 78)


_FIGHTING = re.compile(r"\b(?:fighting|fought|battles?|clash)", re.IGNORECASE)
_AMBUSH = re.compile(r"ambush|gun ?battle|firefight|shot", re.IGNORECASE)


_ATTRIBUTION = re.compile(
    r",\s*(?:[^,]{0,80}?\b(?:said|says|reported|reports|told|according to)\b[^,]*|according to [^,]*)[.\s]*$",
    re.I,
)


# "forces backed by coalition air strikes were fighting IS": the support names a means, the verb the event
# "with the air support of", "under the cover of": who helps, not who acts (context.py reads actors with it too)
SUPPORT_OF = r"(?:with|under)\s+(?:the\s+)?(?:air\s+)?(?:support|cover|backing|help)\s+of"
_SUPPORT_BEFORE = re.compile(
    r"\b(?:(?:backed|supported|aided|covered)\s+by|" + SUPPORT_OF + r")"
    r"\s+(?:(?!(?:were|was|are|is|had|have|has|and)\b)[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)


# "under cover of heavy air strikes and artillery fire": the whole list is the cover
_COVER_BEFORE = re.compile(r"\bunder\s+(?:the\s+)?cover\s+of\s+(?:[\w'’-]+\s+){0,6}$", re.IGNORECASE)


def _in_support_phrase(trigger: Trigger, clause: str, clause_start: int) -> bool:
    before = clause[max(0, trigger.start - clause_start - 80) : max(0, trigger.start - clause_start)]
    if _COVER_BEFORE.search(before) and not trigger.word.lower().endswith("ed"):
        return True  # "artillery" is a verb-form rule, but after "under cover of" it names the cover
    if trigger.rule.form == "verb":
        return False  # "backed by air strikes were fighting": the verb is the clause's own
    return bool(_SUPPORT_BEFORE.search(before))


def decide_type(
    triggers: list[Trigger], clause: str, clause_start: int | None = None
) -> tuple[str | None, str | None]:
    """The ACLED type and sub-type of a clause from its strongest trigger and its target.

    Who said it (", the Syrian Democratic Forces said") is no target: it is cut before targets are read.
    With ``clause_start`` (the clause's offset), a trigger inside a support phrase ("backed by air strikes")
    gives way to the clause's own event when there is one."""
    if clause_start is not None:
        main = [t for t in triggers if not _in_support_phrase(t, clause, clause_start)]
        if any(t.rule.event_type is not None for t in main):
            triggers = main
    clause = _ATTRIBUTION.sub("", clause)
    typed = [t for t in triggers if t.rule.event_type is not None]
    if not typed:
        if triggers:  # only "killed"/"shot": an attack; civilians or an armed clash by the victims
            if _ARMED_TARGET.search(clause) and not _CIVILIAN_TARGET.search(clause):
                return "Battles", "Armed clash"
            return "Violence against civilians", "Attack"
        return None, None
    best = max(typed, key=lambda t: t.rule.rank)
    event_type, sub = best.rule.event_type, best.rule.sub_event_type
    generic_attack = (
        event_type == "Battles"
        and sub == "Armed clash"
        and (best.rule.rank < 50 or _AMBUSH.search(best.word))
        and not _FIGHTING.search(best.word)  # "fighting continued near the village": fighting is two-sided
    )
    # a generic "attacked"/"attack" against civilians is violence against civilians, not a battle
    if generic_attack and _CIVILIAN_TARGET.search(clause) and not _ARMED_TARGET.search(clause):
        return "Violence against civilians", "Attack"
    return event_type, sub


def event_family(event_type: str | None) -> str:
    return event_type or "unknown"
