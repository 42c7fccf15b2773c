"""Actor alias resolution. Sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentdb.extract.actors import (
    acled_inter,
    actor_kind,
    actor_on,
    canonical_actor,
    find_actors,
    group_of,
    is_party_to_conflict,
    offices_of,
)
from incidentdb.packs import Pack, load_pack
from incidentdb.records import Span

OLD_ARMY = "Military Forces of Syria (2000-2024)"
NEW_ARMY = "Military Forces of Syria (2024-)"
SHARAA = "Ahmed al-Sharaa"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _canon(text: str, pack: Pack, when: dt.date | None = None) -> dict[str, str]:
    actors = find_actors(text, pack, when=when)
    for a in actors:
        assert text[a.span.start : a.span.end] == a.surface == a.span.quote
        assert a.role is None
    return {a.surface: a.canonical for a in actors}


@pytest.mark.parametrize(
    "surface",
    [
        "Abu Mohammad al-Jolani",
        "Abu Mohammed al-Julani",
        "al-Jolani",
        "Julani",
        "Ahmed al-Sharaa",
        "Ahmad al-Sharaa",
        "Ahmed al-Shareh",
        "al-Shareh",
    ],
)
def test_sharaa_and_jolani_are_one_person(pack: Pack, surface: str) -> None:
    text = f"A statement attributed to {surface} was read out on Sunday."
    assert _canon(text, pack) == {surface: SHARAA}


def test_possessive_person_name(pack: Pack) -> None:
    text = "Critics blamed Jolani’s security apparatus for the lapse."
    assert _canon(text, pack) == {"Jolani": SHARAA}


@pytest.mark.parametrize("surface", ["Nusra Front", "al-Nusra Front", "Jabhat al-Nusra", "al-Nusra"])
def test_nusra_front_is_jabhat_al_nusra(pack: Pack, surface: str) -> None:
    text = f"Fighters from {surface} seized the hill."
    assert _canon(text, pack, dt.date(2015, 5, 1))[surface] == "Jabhat al-Nusra"


@pytest.mark.parametrize(
    "surface", ["HTS", "Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham", "Tahrir al-Sham"]
)
def test_hts_spellings(pack: Pack, surface: str) -> None:
    text = f"The offensive was led by {surface} from its Idlib stronghold."
    assert _canon(text, pack, dt.date(2024, 11, 30))[surface] == "Hay'at Tahrir al-Sham"


def test_government_forces_depend_on_the_date(pack: Pack) -> None:
    text = "Government forces shelled the village."
    assert _canon(text, pack, dt.date(2012, 2, 5)) == {"Government forces": OLD_ARMY}
    assert _canon(text, pack, dt.date(2025, 3, 7)) == {"Government forces": NEW_ARMY}
    # the day of the fall belongs to the new period (valid_to is exclusive)
    assert _canon(text, pack, dt.date(2024, 12, 8)) == {"Government forces": NEW_ARMY}
    assert _canon(text, pack, dt.date(2024, 12, 7)) == {"Government forces": OLD_ARMY}
    text = "Pro-government fighters were killed in the strikes."
    assert _canon(text, pack, dt.date(2018, 2, 10)) == {"Pro-government fighters": OLD_ARMY}
    assert _canon(text, pack, dt.date(2025, 3, 7)) == {"Pro-government fighters": NEW_ARMY}


def test_assad_era_labels_stay_assad_era(pack: Pack) -> None:
    text = "Assad's army and regime forces pushed into the town, backed by Syrian warplanes."
    found = _canon(text, pack, dt.date(2025, 6, 1))
    assert found == {"Assad's army": OLD_ARMY, "regime forces": OLD_ARMY, "Syrian warplanes": OLD_ARMY}


def test_longest_alias_wins(pack: Pack) -> None:
    text = "Russian warplanes and Israeli jets were seen; the Russian army denied it."
    found = _canon(text, pack, dt.date(2019, 1, 1))
    assert found == {
        "Russian warplanes": "Military Forces of Russia",
        "Israeli jets": "Military Forces of Israel",
        "Russian army": "Military Forces of Russia",
    }


def test_acronyms_are_case_sensitive(pack: Pack) -> None:
    text = "This is what IS fighters said is their aim."
    found = find_actors(text, pack, when=dt.date(2016, 1, 1))
    assert [(a.surface, a.canonical) for a in found] == [("IS fighters", "Islamic State (Syria)")]


def test_tribal_and_civilian_actors(pack: Pack) -> None:
    text = "Armed Bedouins from the Bani Khalid tribe attacked villagers."
    found = _canon(text, pack, dt.date(2025, 11, 24))
    assert found["Armed Bedouins"] == "Bedouin Tribal Militia (Syria)"
    assert found["Bani Khalid tribe"] == "Bani Khalid Tribal Militia (Syria)"
    assert found["villagers"] == "Civilians (Syria)"


def test_excluded_spans_are_skipped(pack: Pack) -> None:
    text = "Regime forces shelled Douma. Read more: Hezbollah fighters redeploy."
    noise = (Span.of(text, text.index("Read more"), len(text)),)
    found = find_actors(text, pack, when=dt.date(2018, 2, 1), exclude=noise)
    assert [a.canonical for a in found] == [OLD_ARMY]


def test_canonical_actor_for_claimants(pack: Pack) -> None:
    assert canonical_actor("the Observatory", pack) == "Syrian Observatory for Human Rights"
    assert canonical_actor("SOHR", pack) == "Syrian Observatory for Human Rights"
    assert canonical_actor("Britain-based Syrian Observatory", pack) == "Syrian Observatory for Human Rights"
    assert canonical_actor("White Helmets", pack) == "Syria Civil Defence"
    assert canonical_actor("OCHA", pack) == "United Nations"
    assert canonical_actor("SANA", pack) == "SANA"
    assert canonical_actor("activists of the Syrian Network for Human Rights", pack) == (
        "Syrian Network for Human Rights"
    )
    assert canonical_actor("a local shopkeeper", pack) is None
    # a common noun the pack knows, qualified, is somebody else: the health authorities are no army
    assert canonical_actor("the authorities", pack) is not None
    assert canonical_actor("health authorities", pack) is None


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Liwa al-Quds", "Liwa al-Quds"),
        ("the 8th Brigade", "Eighth Brigade"),
        ("Saraya Ansar al-Sunna", "Saraya Ansar al-Sunna"),
        ("Bedouin clans", "Bedouin Tribal Militia (Syria)"),
    ],
)
def test_groups_named_in_reports_are_in_the_pack(pack: Pack, name: str, canonical: str) -> None:
    assert canonical_actor(name, pack) == canonical


def test_documenters_wording_for_aircraft(pack: Pack) -> None:
    # monitoring groups write "Russian fixed-wing warplanes", "Syrian regime helicopters"
    assert canonical_actor("Russian fixed-wing warplanes", pack) == "Military Forces of Russia"
    assert (canonical_actor("Syrian regime helicopters", pack) or "").startswith("Military Forces of Syria")
    assert canonical_actor("", pack) is None


def test_canonical_actor_uses_the_date(pack: Pack) -> None:
    assert canonical_actor("security forces", pack, dt.date(2013, 1, 1)) == OLD_ARMY
    assert canonical_actor("security forces", pack, dt.date(2025, 1, 1)) == NEW_ARMY


def test_kinds_codes_and_parties(pack: Pack) -> None:
    assert actor_kind("Syrian Observatory for Human Rights", pack) == "organisation"
    assert actor_kind(SHARAA, pack) == "person"
    assert actor_kind("Nobody in particular", pack) == "unknown"
    assert acled_inter(OLD_ARMY, pack) == 1
    assert acled_inter("Civilians (Syria)", pack) == 7
    assert acled_inter("Military Forces of Russia", pack) == 8
    assert is_party_to_conflict("Hay'at Tahrir al-Sham", pack)
    assert not is_party_to_conflict("Civilians (Syria)", pack)
    assert not is_party_to_conflict("Syrian Observatory for Human Rights", pack)
    assert not is_party_to_conflict("Nobody in particular", pack)


def test_group_and_offices_of_a_person(pack: Pack) -> None:
    assert group_of("al-Jolani", pack, dt.date(2014, 6, 1)) == "Jabhat al-Nusra"
    assert group_of("Abu Mohammad al-Jolani", pack, dt.date(2020, 6, 1)) == "Hay'at Tahrir al-Sham"
    assert group_of(SHARAA, pack, dt.date(2025, 6, 1)) == NEW_ARMY
    assert group_of(SHARAA, pack) == NEW_ARMY
    assert group_of("Hezbollah", pack) is None
    assert "President of Syria" in offices_of("Ahmad al-Sharaa", pack, dt.date(2025, 3, 1))
    assert "President of Syria" not in offices_of("Ahmad al-Sharaa", pack, dt.date(2025, 1, 1))
    assert offices_of("Bashar al-Assad", pack, dt.date(2012, 1, 1)) == ["President of Syria"]


def test_every_membership_names_a_known_actor(pack: Pack) -> None:
    names = {a.canonical for a in pack.actors}
    for actor in pack.actors:
        for m in actor.memberships:
            assert m.what in names


def test_canonical_actor_needs_the_known_name_to_be_most_of_the_phrase(pack: Pack) -> None:
    assert canonical_actor("the army of a small neighbouring principality", pack) is None
    assert canonical_actor("Army of Mujahideen", pack) == "Jaish al-Mujahideen"


def test_loyalist_label_changes_meaning_after_the_fall(pack: Pack) -> None:
    assert canonical_actor("Assad loyalists", pack, dt.date(2013, 5, 1)) == OLD_ARMY
    assert canonical_actor("Assad loyalists", pack, dt.date(2025, 3, 6)) == "Assad Loyalists (Syria)"


def test_singular_and_plural_of_multiword_aliases(pack: Pack) -> None:
    text = "A Turkish drone hit the car; later Turkish drones circled. One security force patrol withdrew."
    found = _canon(text, pack, dt.date(2020, 1, 1))
    assert found["Turkish drone"] == "Military Forces of Turkey"
    assert found["Turkish drones"] == "Military Forces of Turkey"
    assert found["security force"] == OLD_ARMY


def test_generic_rebels_are_not_a_named_faction(pack: Pack) -> None:
    text = "Opposition fighters entered the town while the Free Syrian Army held the hills."
    found = _canon(text, pack, dt.date(2012, 3, 1))
    assert found == {"Opposition fighters": "Rebels", "Free Syrian Army": "Free Syrian Army"}


def test_the_government_acts_through_its_forces(pack: Pack) -> None:
    text = "Turkish drones pounded Syrian government positions."
    found = _canon(text, pack, dt.date(2020, 2, 29))
    assert found["Syrian government positions"] == OLD_ARMY


def test_attributive_singular_is_not_an_actor(pack: Pack) -> None:
    # "Syrian rebels" names an actor; "a Syrian rebel town" does not.
    assert find_actors("Gas attack on a Syrian rebel town.", pack) == []


def test_actor_on_re_resolves_for_the_event_date(pack: Pack) -> None:
    text = "Government forces shelled the town."
    (found,) = find_actors(text, pack, when=dt.date(2026, 3, 1))  # publication date of a republished report
    assert found.canonical == NEW_ARMY
    assert actor_on(found, pack, dt.date(2017, 4, 4)).canonical == OLD_ARMY
    assert actor_on(found, pack, dt.date(2026, 3, 1)) is found
