"""A region pack's coding defaults (``defaults.yaml``): who an unattributed event is coded to, by period."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from incidentdb.packs.loader import PackError


@dataclass(frozen=True)
class PeriodActor:
    start: dt.date
    until: dt.date | None
    actor: str

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Defaults:
    air_strike: tuple[PeriodActor, ...] = ()
    protest_actor: str | None = None
    riot_actor: str | None = None
    unidentified_actor: str | None = None
    civilian_actor: str | None = None

    def air_strike_actor(self, day: dt.date | None) -> str | None:
        """The air force an unattributed air strike on ``day`` is coded to, if the period has only one."""
        if day is None:
            return None
        for period in self.air_strike:
            if period.covers(day):
                return period.actor
        return None

    def fill(
        self,
        event_type: str | None,
        sub_event_type: str | None,
        actor1: str | None,
        actor2: str | None,
        *,
        from_the_air: bool,
        day: dt.date | None,
    ) -> tuple[str | None, str | None]:
        """ACLED's generic actors for the sides a report leaves unnamed: the air force of the period for an attack
        from the air, protesters or rioters, the unidentified armed group for an explosion, an attack, a non-state
        takeover or the unnamed side of an armed clash (ACLED codes both sides), civilians as the victims of
        violence against civilians. Both extraction backends code through this one place."""
        if actor1 is None and from_the_air:
            actor1 = self.air_strike_actor(day)
        if (
            event_type == "Protests"
            and sub_event_type != "Excessive force against protesters"
            and self.protest_actor
            and actor1 not in (None, self.protest_actor)
        ):
            # a protest is the protesters' event: they come first, whoever broke it up second (lethal force
            # against protesters stays coded to the force that used it)
            intervening = actor1
            actor1 = self.protest_actor
            if actor2 in (None, self.protest_actor):
                actor2 = intervening
        if actor1 is None and event_type == "Protests":
            actor1 = self.protest_actor
        if actor1 is None and event_type == "Riots":
            actor1 = self.riot_actor
        # an armed clash has two sides and a non-state takeover a non-state taker, named or not
        clash = sub_event_type in ("Armed clash", "Non-state actor overtakes territory")
        if actor1 is None and (
            clash or event_type in ("Explosions/Remote violence", "Violence against civilians")
        ):
            actor1 = self.unidentified_actor
        if actor2 is None and event_type == "Violence against civilians":
            actor2 = self.civilian_actor
        # "helicopters dropped barrel bombs": the weapon named after the verb is no second side
        if actor2 == actor1:
            actor2 = None
        return actor1, actor2


@lru_cache(maxsize=16)
def load_defaults(pack_path: Path) -> Defaults:
    """Read and validate ``defaults.yaml`` of a pack folder; a pack without one has no defaults."""
    path = Path(pack_path) / "defaults.yaml"
    if not path.exists():
        return Defaults()
    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise PackError(path, f"not valid YAML: {exc}") from exc
    schema = json.loads(
        resources.files("incidentdb.packs").joinpath("schema", "defaults.schema.json").read_text()
    )
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        raise PackError(path, exc.message) from exc
    periods = tuple(
        PeriodActor(
            dt.date.fromisoformat(item["from"]),
            dt.date.fromisoformat(item["until"]) if item.get("until") else None,
            item["actor"],
        )
        for item in data.get("unattributed_air_strike", [])
    )
    return Defaults(
        air_strike=periods,
        protest_actor=data.get("protest_actor"),
        riot_actor=data.get("riot_actor"),
        unidentified_actor=data.get("unidentified_actor"),
        civilian_actor=data.get("civilian_actor"),
    )
