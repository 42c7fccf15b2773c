"""The pack's coding defaults: who an unattributed event is coded to, by period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from incidentdb.packs import PackError, load_pack
from incidentdb.packs.defaults import load_defaults


def test_syria_air_strike_default_depends_on_the_period() -> None:
    defaults = load_defaults(load_pack("syria").path)
    assert defaults.air_strike_actor(dt.date(2016, 5, 12)) == "Military Forces of Syria (2000-2024)"
    # after the fall of the Assad government several air forces strike: no default, the actor stays unidentified
    assert defaults.air_strike_actor(dt.date(2025, 3, 1)) is None
    assert defaults.air_strike_actor(None) is None
    assert defaults.protest_actor == "Protesters (Syria)"


def test_an_unnamed_taker_of_territory_is_the_unidentified_armed_group() -> None:
    defaults = load_defaults(load_pack("syria").path)
    fill = defaults.fill(
        "Battles",
        "Non-state actor overtakes territory",
        None,
        None,
        from_the_air=False,
        day=dt.date(2021, 7, 29),
    )
    assert fill == (defaults.unidentified_actor, None)
    # the state regaining ground is not filled in with a non-state actor
    fill = defaults.fill("Battles", "Government regains territory", None, None, from_the_air=False, day=None)
    assert fill == (None, None)


def test_a_protest_is_coded_to_its_protesters_and_the_force_that_broke_it_up_second() -> None:
    defaults = load_defaults(load_pack("syria").path)
    police = "Police Forces of Syria (2000-2024)"
    fill = defaults.fill("Protests", "Protest with intervention", police, None, from_the_air=False, day=None)
    assert fill == ("Protesters (Syria)", police)
    # lethal force against protesters stays the force's event, as the gold codes it
    fill = defaults.fill(
        "Protests", "Excessive force against protesters", police, None, from_the_air=False, day=None
    )
    assert fill == (police, None)


def test_a_side_filled_in_is_never_also_the_other_side() -> None:
    defaults = load_defaults(load_pack("syria").path)
    air_force = "Military Forces of Syria (2000-2024)"
    fill = defaults.fill(
        "Explosions/Remote violence",
        "Air/drone strike",
        None,
        air_force,
        from_the_air=True,
        day=dt.date(2019, 5, 5),
    )
    assert fill == (air_force, None)


def test_a_pack_without_defaults_has_none(tmp_path: Path) -> None:
    assert load_defaults(tmp_path).air_strike_actor(dt.date(2016, 1, 1)) is None


def test_bad_defaults_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "defaults.yaml").write_text(
        "unattributed_air_strike: [{from: '2011-01-01'}]\n", encoding="utf-8"
    )
    with pytest.raises(PackError, match=r"defaults\.yaml"):
        load_defaults(tmp_path)
