"""Sentence/clause segmentation, event triggers and kinds on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentdb.extract import kinds
from incidentdb.extract.segment import clauses, sentences
from incidentdb.extract.types import decide_type, find_triggers
from incidentdb.records import Span


def _clause_texts(text: str) -> list[str]:
    out = []
    for sentence in sentences(text):
        out.extend(text[s:e] for s, e in clauses(sentence))
    return out


def test_sentences_keep_offsets_and_skip_noise() -> None:
    text = "Title of the story\nGunmen killed two farmers near Saraqib. Police said so.\nShare this article"
    noise = (Span.of(text, text.index("Share"), len(text)),)
    found = sentences(text, noise)
    assert [s.text for s in found] == [
        "Title of the story",
        "Gunmen killed two farmers near Saraqib.",
        "Police said so.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)
    assert found[0].headline and not found[1].headline


def test_abbreviations_do_not_end_sentences() -> None:
    text = "The U.N. envoy met Gen. Ahmad on Dec. 3 in Damascus. He left."
    assert [s.text for s in sentences(text)] == [
        "The U.N. envoy met Gen. Ahmad on Dec. 3 in Damascus.",
        "He left.",
    ]


def test_clauses_split_coordinated_events_but_not_lists() -> None:
    text = "Army units shelled the outskirts of Kafr Nabl, and warplanes struck Hass and Maarat al-Numan."
    assert _clause_texts(text) == [
        "Army units shelled the outskirts of Kafr Nabl",
        "and warplanes struck Hass and Maarat al-Numan.",
    ]
    listing = "Gunmen raided the districts of Bab Hud, Jobar, and al-Midan."
    assert _clause_texts(listing) == [listing]


def test_another_strike_coordinated_without_a_comma_is_its_own_clause() -> None:
    text = "Minutes later, another strike hit the edge of town and a third raid targeted a checkpoint near Ariha."
    assert _clause_texts(text) == [
        "Minutes later, another strike hit the edge of town",
        "and a third raid targeted a checkpoint near Ariha.",
    ]


def test_leading_subordinate_clause_is_its_own_clause() -> None:
    text = "After the ambush on the convoy near Palmyra, aircraft bombed hideouts in the desert."
    assert _clause_texts(text) == [
        "After the ambush on the convoy near Palmyra",
        "aircraft bombed hideouts in the desert.",
    ]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "a car bomb exploded at a checkpoint in Azaz",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        ("a suicide bomber blew himself up outside a church", ("Explosions/Remote violence", "Suicide bomb")),
        ("Russian jets struck a market in Ariha", ("Explosions/Remote violence", "Air/drone strike")),
        (
            "government artillery shelled the town",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        ("rebels clashed with army units near the airport", ("Battles", "Armed clash")),
        ("gunmen attacked a bus carrying villagers", ("Violence against civilians", "Attack")),
        (
            "the fighters seized the town after a day of fighting",
            ("Battles", "Non-state actor overtakes territory"),
        ),
        ("hundreds protested in the main square", ("Protests", "Peaceful protest")),
        ("security forces arrested eleven young men", ("Strategic developments", "Arrests")),
        ("the bodies of three shepherds were found", ("Violence against civilians", "Attack")),
        ("fighters repulsed an infiltration attempt", ("Battles", "Armed clash")),
        ("fierce fighting raged in the south", ("Battles", "Armed clash")),
        ("fighting continued near the village of Deir Hafer", ("Battles", "Armed clash")),
        ("fighting spread to the town", ("Battles", "Armed clash")),
        (
            "a drone that entered Israeli airspace was intercepted",
            ("Strategic developments", "Disrupted weapons use"),
        ),
        ("gunmen attacked the village at dawn", ("Violence against civilians", "Attack")),
        (
            "two people died when a shell landed on their house",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        ("a drone targeted a car on the road", ("Explosions/Remote violence", "Air/drone strike")),
        ("police fired tear gas to disperse the crowd", ("Protests", "Protest with intervention")),
        ("the alleged nerve-agent attack on the suburbs", ("Explosions/Remote violence", "Chemical weapon")),
        # the type says territory changed hands; finish.py then names who took it
        (
            "troops broke through the militants' lines to reach the enclave",
            ("Battles", "Non-state actor overtakes territory"),
        ),
        (
            "rebels broke the siege of the eastern districts",
            ("Battles", "Non-state actor overtakes territory"),
        ),
        ("the advance ended a three-year siege", ("Battles", "Non-state actor overtakes territory")),
        ("government forces reached the northern outskirts of the town", ("Battles", "Armed clash")),
        ("a fighter was wounded in a clash with the cell members", ("Battles", "Armed clash")),
        # a person captured in a raid is an arrest, not ground taken
        (
            "the operation resulted in the capture of a prominent cell leader",
            ("Strategic developments", "Arrests"),
        ),
        ("the advance cut the town's main road to the north", ("Battles", "Armed clash")),
    ],
)
def test_decide_type(clause: str, expected: tuple[str, str]) -> None:
    assert decide_type(find_triggers(clause), clause) == expected


def test_what_an_assault_is_under_cover_of_is_not_the_event() -> None:
    clause = "troops pushed into the town under cover of heavy air strikes and artillery fire"
    assert decide_type(find_triggers(clause), clause, 0) == ("Battles", "Armed clash")


def test_the_claimant_is_no_target() -> None:
    clause = "she was killed when gunmen stopped her car on the highway, the Syrian Democratic Forces said"
    assert decide_type(find_triggers(clause), clause) == ("Violence against civilians", "Attack")
    clause = "gunmen ambushed a bus carrying villagers"
    assert decide_type(find_triggers(clause), clause) == ("Violence against civilians", "Attack")
    clause = "rebels ambushed an army convoy"
    assert decide_type(find_triggers(clause), clause) == ("Battles", "Armed clash")


def test_an_occupation_army_is_no_territorial_event() -> None:
    clause = "the Turkish occupation army committed a new massacre"
    assert decide_type(find_triggers(clause), clause) == ("Violence against civilians", "Attack")
    # "the occupation" as the name of an actor doing something is no occupation of a place
    clause = "the Turkish occupation has intensified its attacks on the areas of the north"
    assert decide_type(find_triggers(clause), clause)[1] != "Non-state actor overtakes territory"


def test_plural_triggers_are_marked_generic() -> None:
    triggers = find_triggers("reports of airstrikes and killings across the province")
    assert triggers and all(t.plural for t in triggers)
    assert not find_triggers("a mortar shell landed")[0].plural


@pytest.mark.parametrize(
    "before",
    [
        "there had been no",
        "the rebels want them to",
        "they failed to",
        "the army would",
        "officials warned of",
    ],
)
def test_unreal_triggers(before: str) -> None:
    assert kinds.is_unreal(before + " ")


def test_attempts_are_real() -> None:
    assert not kinds.is_unreal("troops tried to ")


_ARGS: dict[str, object] = {
    "has_count": False,
    "plural_only": False,
    "has_specific_place": True,
    "event_end": None,
    "explicit_date": False,
    "explicit_year": False,
    "written_earliest": dt.date(2025, 3, 10),
}


def _decide(sentence: str, **overrides: object) -> str | None:
    args: dict[str, object] = {**_ARGS, "clause": sentence, "sentence": sentence}
    args.update(overrides)
    return kinds.decide_kind(**args).kind  # type: ignore[arg-type]


def test_running_totals_are_aggregates() -> None:
    assert _decide("Since January, the fighting has killed 312 people.", has_count=True) == "aggregate"
    assert (
        _decide("So far this year, 1,240 civilians have been killed, the monitor said.", has_count=True)
        == "aggregate"
    )


def test_a_tally_over_the_past_week_is_an_aggregate() -> None:
    sentence = 'The ministry said its forces had "neutralised" 11 fighters in the north over the past week.'
    assert _decide(sentence, has_count=True) == "aggregate"


@pytest.mark.parametrize(
    "sentence",
    [
        "Seven people were killed in separate incidents across the province, a monitor said.",
        "Seven people were killed in the province over the past 24 hours, a monitor said.",
        "Five soldiers were killed within 24 hours in the desert.",
        "The office documented 41 assassinations in the province during April alone, which killed 32 people.",
        "The network documented the killing of 11 civilians in Syria on Monday, June 3, 2019.",
        "Air strikes and shelling killed at least 30 civilians in rebel-held areas of Idlib and eastern Ghouta.",
    ],
)
def test_a_day_of_separate_incidents_is_an_aggregate(sentence: str) -> None:
    assert _decide(sentence, has_count=True, has_specific_place=False) == "aggregate"


def test_a_spread_of_places_in_another_clause_of_the_sentence_is_no_tally_of_this_one() -> None:
    sentence = "Kidnappings were reported in several villages this autumn, and in October gunmen killed two brothers."
    clause = "and in October gunmen killed two brothers."
    assert (
        kinds.decide_kind(**{**_ARGS, "clause": clause, "sentence": sentence, "has_count": True}).kind
        != "aggregate"
    )  # type: ignore[arg-type]
    assert _decide(sentence, has_count=True) == "aggregate"


def test_the_deadliest_since_the_war_began_is_no_running_total() -> None:
    sentence = "The UN said 22 children were killed yesterday in the deadliest attack on a school since the war began."
    assert _decide(sentence, has_count=True) == "incident"


def test_a_toll_update_of_one_incident_is_not_a_running_total() -> None:
    assert (
        _decide("The death toll from the bombing has risen to 40, the ministry said.", has_count=True)
        == "incident"
    )


def test_history_is_background() -> None:
    assert _decide("The town has seen repeated massacres by militias.") == "background"
    assert _decide("The village was the scene of a massacre in 1982.") == "background"
    old = dt.date(2012, 5, 25)
    assert _decide("A massacre took place in May 2012.", event_end=old, explicit_year=True) == "background"


def test_news_is_incident() -> None:
    recent = dt.date(2025, 3, 9)
    assert (
        _decide("A car bomb killed four people on Sunday.", event_end=recent, explicit_date=True)
        == "incident"
    )


def test_generic_plural_without_place_is_background() -> None:
    assert _decide("Airstrikes continue.", plural_only=True, has_specific_place=False) == "background"
