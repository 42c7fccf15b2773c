"""Find actor names in text and normalise them to the pack's canonical (ACLED-style) names.

Aliases come from the pack's ``actors.yaml``. A label that changed meaning over time ("government forces" before
and after 2024-12-08) resolves by the event date ``when``. Persons resolve to themselves; :func:`group_of` says
which group a person belonged to or led at a date. Roles (perpetrator, target) are the pipeline's business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from incidentdb.packs.loader import ActorEntry, Pack
from incidentdb.packs.names import NameIndex, tokenize
from incidentdb.records import Actor, Span


@lru_cache(maxsize=4)
def _index(pack: Pack) -> NameIndex[str]:
    index: NameIndex[str] = NameIndex()
    for entry in pack.actors:
        names = (entry.canonical, *entry.aliases)
        index.add_many(names, entry.canonical)
        index.add_many((_other_number(n) for n in names if " " in n.strip()), entry.canonical)
    return index


_COUNTABLE_WORDS = (
    "drone jet warplane force militia fighter troop soldier strike airstrike missile helicopter tank group "
    "faction unit rocket mortar patrol brigade cell"
)
_COUNTABLE = frozenset(_COUNTABLE_WORDS.split())


def _other_number(phrase: str) -> str:
    """Singular for a plural last word and the reverse: "Turkish drones" <-> "Turkish drone"."""
    head, _, last = phrase.strip().rpartition(" ")
    if last.rstrip("s") not in _COUNTABLE:  # "Syrian rebel town": only nouns of agents and weapons vary
        return phrase
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    else:
        last = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
    return f"{head} {last}"


@lru_cache(maxsize=4)
def _entries(pack: Pack) -> dict[str, ActorEntry]:
    return {e.canonical: e for e in pack.actors}


def _choose(candidates: Sequence[ActorEntry], when: dt.date | None) -> ActorEntry:
    """The candidate whose period covers ``when``; without a date, the current one; else the nearest period."""
    if len(candidates) == 1:
        return candidates[0]
    day = when or dt.date.today()
    valid = [c for c in candidates if c.valid_on(day)]
    if valid:
        return valid[0]

    def distance(c: ActorEntry) -> int:
        if c.valid_from and day < c.valid_from:
            return (c.valid_from - day).days
        if c.valid_to and day >= c.valid_to:
            return (day - c.valid_to).days + 1
        return 0

    return min(candidates, key=distance)


def find_actors(
    text: str, pack: Pack, *, when: dt.date | None = None, exclude: Sequence[Span] = ()
) -> list[Actor]:
    """Every actor named in ``text`` (longest alias first), with its canonical name for the date ``when``."""
    entries = _entries(pack)
    out: list[Actor] = []
    for hit in _index(pack).find(text, tokenize(text), exclude):
        chosen = _choose([entries[c] for c in hit.targets], when)
        out.append(Actor(canonical=chosen.canonical, surface=hit.span.quote, span=hit.span, role=None))
    return out


def actor_on(actor: Actor, pack: Pack, when: dt.date | None) -> Actor:
    """The same mention re-resolved for another date: find actors with the publication date, then call this
    with each incident's own date ("government forces" in a 2017 event told by a 2026 republication)."""
    entries = _entries(pack)
    targets = _index(pack).lookup(actor.surface)
    if not targets:
        return actor
    chosen = _choose([entries[t] for t in targets], when)
    return actor if chosen.canonical == actor.canonical else replace(actor, canonical=chosen.canonical)


def canonical_actor(name: str, pack: Pack, when: dt.date | None = None) -> str | None:
    """The canonical name for ``name`` as a whole ("the Observatory" -> "Syrian Observatory for Human Rights"),
    else for the one actor named inside it ("activists of the SOHR"); None when unknown or ambiguous."""
    name = name.strip()
    if not name:
        return None
    entries = _entries(pack)
    targets = _index(pack).lookup(name)
    if not targets and name.lower().startswith("the "):
        targets = _index(pack).lookup(name[4:])
    if targets:
        return _choose([entries[t] for t in targets], when).canonical
    found = find_actors(name, pack, when=when)
    if len({a.canonical for a in found}) != 1:
        return None
    if (
        len(found) == 1
        and found[0].surface.islower()
        and found[0].surface.lower() != name.lower().removeprefix("the ")
    ):
        return None  # "health authorities", "local police": a common noun qualified is somebody else's
    # the known name must be most of the phrase: "Army of Mujahideen" is not "the army"
    covered = sum(len(a.surface) for a in found)
    return found[0].canonical if covered * 2 >= len(name) else None


def actor_kind(canonical: str, pack: Pack) -> str:
    """state | rebel | islamist | militia | ethnic | civilians | external | person | organisation | ... or
    "unknown" for a name the pack does not know."""
    entry = _entries(pack).get(canonical)
    return entry.kind if entry else "unknown"


def acled_inter(canonical: str, pack: Pack) -> int | None:
    """ACLED interaction code of the actor (1 state ... 8 external), None for persons, claimants, unknowns."""
    entry = _entries(pack).get(canonical)
    return entry.acled_inter if entry else None


def is_party_to_conflict(canonical: str, pack: Pack) -> bool:
    """True for armed actors and governments; False for civilians, claimant organisations and unknown names."""
    entry = _entries(pack).get(canonical)
    return bool(entry and entry.party_to_conflict)


def group_of(person: str, pack: Pack, when: dt.date | None = None) -> str | None:
    """The group a person belonged to or led at ``when`` (latest membership without a date); accepts any alias."""
    canonical = canonical_actor(person, pack, when) or person
    entry = _entries(pack).get(canonical)
    if entry is None or not entry.memberships:
        return None
    if when is not None:
        covering = [m for m in entry.memberships if m.covers(when)]
        return covering[-1].what if covering else None
    return max(entry.memberships, key=lambda m: m.start or dt.date.min).what


def offices_of(person: str, pack: Pack, when: dt.date | None = None) -> list[str]:
    """Offices a person held at ``when`` (all offices without a date), e.g. ["President of Syria"]."""
    canonical = canonical_actor(person, pack, when) or person
    entry = _entries(pack).get(canonical)
    if entry is None:
        return []
    return [o.what for o in entry.offices if when is None or o.covers(when)]
