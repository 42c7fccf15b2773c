"""End-to-end extraction on short reports written for these tests (not copies of real articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentdb.contract import to_contract
from incidentdb.extract.pipeline import extract_document
from incidentdb.ingest.readers import read_file
from incidentdb.records import Extraction

DATA = Path(__file__).parent / "data" / "pipeline"
CORPUS_DEV = Path(__file__).parents[1] / "corpus" / "dev"


def _extract(name: str) -> Extraction:
    return extract_document(read_file(str(DATA / name), 10_000_000))


def _incidents(extraction: Extraction) -> list:  # type: ignore[type-arg]
    return [m for m in extraction.mentions if m.kind == "incident"]


def test_wire_report_with_a_separate_incident_and_history() -> None:
    extraction = _extract("car_bomb_wire.txt")
    incidents = _incidents(extraction)
    assert len(incidents) == 2
    bomb, mine = incidents
    assert (bomb.event_type, bomb.sub_event_type) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )
    assert bomb.location is not None and bomb.location.name == "Azaz"
    assert bomb.counts["killed"].low == 12 and bomb.counts["injured"].low == 30
    # "a war monitor and rescuers said": every figure carries its claimant and its quote
    assert all(c.claimant for c in bomb.counts["killed"].claims)
    # the dateline gives the filing day; "on Tuesday" is the day before it
    assert bomb.date is not None and bomb.date.start == bomb.date.end
    assert (extraction.publication.earliest - bomb.date.start).days == 1  # type: ignore[operator]
    # "In a separate incident": a new event at its own place, not more of the car bomb
    assert mine.location is not None and mine.location.name == "Tal Rifaat"
    assert mine.counts["killed"].low == 2
    # "has been hit by several bombings in recent years" is history, never an incident
    history = [m for m in extraction.mentions if m.kind == "background"]
    assert any("recent years" in m.evidence[0].quote for m in history)


def test_undated_report_keeps_dates_open_and_codes_generic_actors() -> None:
    extraction = _extract("strikes_and_protest_undated.txt")
    assert extraction.publication.basis == "unknown"
    assert any(c.kind == "undated" for c in extraction.checks)
    incidents = _incidents(extraction)
    strike = incidents[0]
    assert strike.actor1 == "Military Forces of Israel"
    assert strike.sub_event_type == "Air/drone strike"
    # no year anywhere: the weekday is not turned into a date of this year
    assert strike.date is None or strike.date.start is None
    kinds = {m.evidence[0].quote.split()[0]: m.kind for m in extraction.mentions}
    assert kinds["Israel"] == "aggregate"  # "hundreds of strikes since the start of the war"
    protest = next(m for m in incidents if m.event_type == "Protests")
    assert protest.actor1 == "Protesters (Syria)"
    assert protest.location is not None and protest.location.admin1 == "As-Sweida"


@pytest.mark.parametrize("name", ["car_bomb_wire.txt", "strikes_and_protest_undated.txt"])
def test_every_quote_is_exactly_in_the_text(name: str) -> None:
    extraction = _extract(name)
    text = extraction.document.text
    output = to_contract(extraction)
    spans = [e for m in output["mentions"] for e in m["evidence"]]
    spans += [c for m in output["mentions"] for k in ("killed", "injured") if m[k] for c in m[k]["claims"]]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["quote"]


def test_wire_dateline_with_a_year_states_the_filing_day_and_names_no_event_place() -> None:
    extraction = _extract("wire_dateline_with_year.txt")
    assert extraction.publication.date is not None and extraction.publication.date.isoformat() == "2022-01-22"
    (bomb,) = _incidents(extraction)
    # "on Thursday" counts back from the filing day; the dateline's own date is not the event's
    assert (
        bomb.date is not None and bomb.date.start is not None and bomb.date.start.isoformat() == "2022-01-20"
    )
    assert bomb.location is not None and bomb.location.name == "Azaz"


def test_agency_dateline_city_is_not_the_event_place() -> None:
    (shelling,) = _incidents(_extract("agency_dateline.txt"))
    assert shelling.location is not None and shelling.location.name == "Douma"


def test_a_second_bomber_is_a_second_incident() -> None:
    first, second = _incidents(_extract("two_bombers.txt"))
    assert first.sub_event_type == second.sub_event_type == "Suicide bomb"
    assert first.counts["killed"].low == 31 and "killed" not in second.counts
    assert second.counts["injured"].low == 28 and "injured" not in first.counts


def test_an_elliptical_second_figure_is_a_claim_for_its_place() -> None:
    (bombings,) = _incidents(_extract("twin_bombings_elliptical.txt"))
    claims = bombings.counts["killed"].claims
    assert sorted(c.low for c in claims if c.low is not None) == [48, 100]
    more = next(c for c in claims if c.low == 100)
    assert more.vague == "more than" and more.span.quote.endswith("Tartus")


def test_a_monthly_bulletin_is_tallies_with_one_dated_incident() -> None:
    extraction = _extract("monthly_bulletin.txt")
    (massacre,) = _incidents(extraction)
    assert massacre.location is not None and massacre.location.name == "Jisr al-Shughur"
    assert (
        massacre.date is not None and massacre.date.start == massacre.date.end
    )  # "on June 25", not "in June"
    assert massacre.counts["killed"].low == 9
    tallies = [m for m in extraction.mentions if m.kind == "aggregate"]
    assert any(m.counts.get("killed") and m.counts["killed"].low == 97 for m in tallies)


def test_live_blog_entries_are_separate_incidents_and_a_total() -> None:
    extraction = _extract("live_blog.txt")
    kinds = sorted(m.kind for m in extraction.mentions)
    assert kinds == ["aggregate", "incident", "incident"]
    hama, strike = _incidents(extraction)
    assert hama.sub_event_type == "Non-state actor overtakes territory"
    assert strike.location is not None and strike.location.name == "Kafr Nabl"
    assert strike.counts["killed"].low == 4


def test_partisan_report_keeps_the_killers_flight_and_the_owners_of_targets_out() -> None:
    extraction = _extract("partisan_site.txt")
    massacre, shelling = _incidents(extraction)  # "before fleeing towards ... Idlib" is no displacement event
    assert massacre.actor1 == "Hay'at Tahrir al-Sham" and massacre.counts["killed"].low == 5
    # "targeting the terrorists' positions with artillery": the army shelled; the owners were targets
    assert shelling.sub_event_type == "Shelling/artillery/missile attack"
    assert shelling.actor1 == "Military Forces of Syria (2000-2024)"
    assert any(m.kind == "aggregate" for m in extraction.mentions)  # "dozens of massacres ... since 2011"


def test_state_agency_wording_and_dateline() -> None:
    (strike,) = _incidents(_extract("state_agency.txt"))
    # "the Israeli enemy carried out an air aggression": Israel's air strike, not an unidentified group's
    assert strike.actor1 == "Military Forces of Israel" and strike.sub_event_type == "Air/drone strike"
    assert strike.counts["killed"].low == 2


def test_bodies_found_after_an_abduction_are_a_killing_and_the_abduction_is_history() -> None:
    extraction = _extract("bodies_found.txt")
    (found,) = _incidents(extraction)
    assert (found.event_type, found.sub_event_type) == ("Violence against civilians", "Attack")
    assert found.location is not None and found.location.name == "Jaramana"
    assert found.counts["killed"].low == 3
    assert (
        found.date is not None
        and found.date.start is not None
        and found.date.start.isoformat() == "2024-05-07"
    )


def test_the_event_answered_is_history_with_its_own_place() -> None:
    extraction = _extract("strikes_in_response.txt")
    (strike,) = _incidents(extraction)
    assert (
        strike.location is None or strike.location.name != "Douma"
    )  # Douma is where the recalled attack was
    recalled = [m for m in extraction.mentions if m.kind == "background"]
    assert any(m.location is not None and m.location.name == "Douma" for m in recalled)


def test_a_toll_for_a_place_of_its_own_is_an_event_there() -> None:
    incidents = _incidents(_extract("toll_for_a_place.txt"))
    places = {m.location.name: m for m in incidents if m.location is not None}
    assert {"Jableh", "Tartus"} <= set(places)
    assert places["Tartus"].counts["killed"].low == 48


def test_support_named_in_passing_is_neither_the_event_nor_its_actor() -> None:
    # "backed by air strikes were fighting": the fight is the event; "with the support of X": X did not clash
    fight, clash = _incidents(_extract("support_phrases.txt"))
    assert (fight.event_type, fight.sub_event_type) == ("Battles", "Armed clash")
    assert (clash.event_type, clash.sub_event_type) == ("Battles", "Armed clash")
    assert clash.actor1 is not None and clash.actor1.startswith("Military Forces of Syria")


def test_a_reaction_is_dated_like_speech_not_like_the_event() -> None:
    # "vowed on Thursday to respond to an air strike ... on Wednesday": the strike was on Wednesday
    (strike,) = _incidents(_extract("reaction_date.txt"))
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.date is not None and str(strike.date.start) == str(strike.date.end) == "2019-03-13"


def test_a_stretch_between_two_places_is_coded_at_the_first_near_it() -> None:
    # neither end of "the road between A and the village of B" is the spot: the first named, approximately
    drone, bomb = _incidents(_extract("between_places.txt"))
    assert drone.location is not None and drone.location.name == "Qamishli"
    assert bomb.location is not None and bomb.location.name == "Jableh"
    assert drone.location.geo_precision == bomb.location.geo_precision == 2


def test_a_group_held_responsible_in_a_later_sentence_is_the_perpetrator() -> None:
    market, checkpoint = _incidents(_extract("responsibility.txt"))
    assert market.actor1 == "Islamic State (Syria)"
    assert any(a.role == "perpetrator" and a.surface.startswith("Islamic State") for a in market.actors)
    # a group named far from "blamed", in another statement, is nobody's attribution
    assert checkpoint.actor1 is not None and "Police" not in checkpoint.actor1


def test_a_remote_attack_from_aircraft_takes_the_air_default() -> None:
    (attack,) = _incidents(_extract("aircraft_chemical.txt"))
    assert attack.event_type == "Explosions/Remote violence" and attack.sub_event_type != "Air/drone strike"
    assert attack.actor1 is not None and attack.actor1.startswith("Military Forces of Syria")


def test_a_group_the_killing_befalls_is_its_target_not_its_perpetrator() -> None:
    mentions = _extract("suffering_group.txt").mentions
    roles = {(a.surface, a.role) for m in mentions for a in m.actors}
    assert ("terrorists", "perpetrator") not in roles
    assert all(m.actor1 is None or "Unidentified" not in m.actor1 for m in mentions)


def test_the_unnamed_side_of_a_clash_is_unidentified() -> None:
    (clash,) = _incidents(_extract("clash_unnamed_side.txt"))
    assert (clash.event_type, clash.sub_event_type) == ("Battles", "Armed clash")
    assert clash.actor1 == "Unidentified Armed Group (Syria)"
    assert clash.actor2 is not None and "Syria" in clash.actor2


def test_a_cause_from_the_past_week_with_its_own_toll_is_news_and_history_stays_history() -> None:
    extraction = _extract("recent_cause.txt")
    incidents = _incidents(extraction)
    raid = next(m for m in incidents if m.location is not None and m.location.name == "Aleppo")
    assert raid.date is not None and str(raid.date.start) == "2019-07-05"
    assert raid.counts["killed"].low == 12
    # "a raid" names no weapon; "the strikes hit" told next says it came from the air
    assert raid.sub_event_type == "Air/drone strike"
    old = [m for m in extraction.mentions if m.counts.get("killed") and m.counts["killed"].low == 4]
    assert [m.kind for m in old] == ["background"]


def test_bare_warplanes_belong_to_the_foreign_force_the_headline_names() -> None:
    # headline "Israel strikes near Homs" over "Warplanes struck an air defence base near Masyaf"
    strike = _incidents(_extract("recent_cause.txt"))[0]
    assert strike.location is not None and strike.location.name == "Masyaf"
    assert strike.actor1 == "Military Forces of Israel"


def test_wire_dateline_with_a_weekday_states_the_filing_day_and_does_not_date_the_event() -> None:
    extraction = _extract("wire_dateline_weekday.txt")
    assert extraction.publication.date is not None and extraction.publication.date.isoformat() == "2019-10-12"
    (bomb,) = _incidents(extraction)
    assert (
        bomb.date is not None and bomb.date.start is not None and bomb.date.start.isoformat() == "2019-10-11"
    )


def test_one_past_event_dated_by_its_year_is_history_and_a_years_toll_is_a_tally() -> None:
    mentions = _extract("past_single_event.txt").mentions
    kinds = {m.counts["killed"].low: m.kind for m in mentions if m.counts.get("killed")}
    assert kinds == {5: "incident", 40: "background", 97: "aggregate"}


def test_killed_in_the_strikes_retells_the_strikes_told_before() -> None:
    # a drone interception told in between does not make "killed in the strikes" a second air strike
    incidents = _incidents(_extract("definite_back_reference.txt"))
    strikes = [m for m in incidents if m.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    assert strikes[0].counts["killed"].low == 6
    assert strikes[0].actor1 == "Military Forces of Israel"


def test_a_bare_another_after_a_figure_does_not_lower_it() -> None:
    # "Two people were killed ... Another was killed later ..., and another was wounded"
    (bomb,) = _incidents(_extract("another_on_top.txt"))
    assert bomb.counts["killed"].low == 2
    assert bomb.counts["injured"].low == 1


def test_a_speaker_telling_its_own_capture_is_the_actor_and_the_campaign_toll_a_total() -> None:
    # "the SDF said they had taken Manbij from Islamic State": the speaker did it; the one it was taken from lost it
    mentions = _extract("capture_and_campaign_toll.txt").mentions
    (capture,) = [m for m in mentions if m.kind == "incident"]
    assert capture.sub_event_type == "Non-state actor overtakes territory"
    assert capture.actor1 == "SDF: Syrian Democratic Forces" and capture.actor2 == "Islamic State (Syria)"
    # "killed during the battle" after "a ten-week battle": the toll of the campaign, never of the capture day
    assert "killed" not in capture.counts
    (total,) = [m for m in mentions if m.kind == "aggregate"]
    assert total.counts["killed"].low == 430


def test_a_toll_during_the_fighting_of_one_day_stays_with_the_clash() -> None:
    (clash,) = _incidents(_extract("one_day_fighting_toll.txt"))
    assert clash.sub_event_type == "Armed clash" and clash.counts["killed"].low == 11


def test_bare_aircraft_take_the_force_a_later_sentence_blames_and_counted_strikes_are_the_same_event() -> (
    None
):
    mentions = _extract("blamed_aircraft_counted_strikes.txt").mentions
    (strike,) = [m for m in mentions if m.kind == "incident"]
    assert strike.sub_event_type == "Air/drone strike" and strike.actor1 == "Military Forces of Russia"
    # "two strikes hit the market": counted events are this strike told again, with its missing
    assert strike.counts["killed"].low == 17 and strike.counts["missing"].high == 4
    assert not [m for m in mentions if m.kind == "background" and "two strikes" in m.evidence[0].quote]


def test_a_day_of_separate_incidents_is_a_tally_and_each_incident_keeps_its_own_toll() -> None:
    extraction = _extract("headline_tally.txt")
    # "five people were killed in separate incidents over the past 24 hours" is no incident of five dead
    assert all(m.counts.get("killed") is None or m.counts["killed"].low != 5 for m in _incidents(extraction))
    assert any(m.kind == "aggregate" and m.counts["killed"].low == 5 for m in extraction.mentions)
    # "shot dead a former commander of a rebel faction", "found the body of a young man": one dead each
    jasim, nawa, road = _incidents(extraction)
    assert [m.location.name for m in (jasim, nawa, road) if m.location] == ["Jasim", "Nawa", "Tafas"]
    assert jasim.counts["killed"].low == nawa.counts["killed"].low == 1
    assert nawa.sub_event_type == "Attack"
    # the road between two other towns is the family's own event, not more of Nawa's
    assert nawa.counts["killed"].high == 1 and road.counts["killed"].low == 3


def test_a_drone_named_with_its_owner_before_the_verb_is_the_strike_and_the_owner_its_perpetrator() -> None:
    (strike,) = _incidents(_extract("agent_phrase_drone.txt"))
    assert strike.sub_event_type == "Air/drone strike"
    assert (strike.actor1, strike.actor2) == ("Military Forces of Turkey", "SDF: Syrian Democratic Forces")
    assert strike.counts["killed"].low == 2 and strike.counts["injured"].low == 1
    assert strike.date is not None and str(strike.date.start) == "2024-08-13"


def test_the_assault_near_a_town_retells_the_attack_with_its_finer_place_and_other_figure() -> None:
    (attack,) = _incidents(_extract("the_assault_near.txt"))
    assert attack.location is not None and attack.location.name == "Al-Sukhnah"
    assert sorted(c.low for c in attack.counts["killed"].claims) == [2, 5]


def test_the_first_of_a_coordinated_subject_is_actor1_and_a_name_after_said_is_the_subject() -> None:
    assault, strike = _incidents(_extract("coordinated_subject_and_reported_clause.txt"))
    assert assault.actor1 is not None and assault.actor1.startswith("Military Forces of Syria")
    assert any(a.role == "perpetrator" and a.canonical == "Hezbollah" for a in assault.actors)
    # "our correspondent said Russian warplanes struck": the warplanes are the reported clause's subject
    assert strike.actor1 == "Military Forces of Russia"


def test_where_a_convoy_was_heading_is_not_where_it_was_hit() -> None:
    (strike,) = _incidents(_extract("convoy_destination.txt"))
    assert strike.sub_event_type == "Air/drone strike" and strike.counts["killed"].low == 3
    assert strike.location is None or strike.location.name != "Morek"


def test_arrests_after_a_bombing_lend_it_neither_their_actor_nor_their_figure() -> None:
    (bombing,) = _incidents(_extract("bombing_then_arrests.txt"))
    assert bombing.sub_event_type == "Remote explosive/landmine/IED"
    assert bombing.actor1 == "Unidentified Armed Group (Syria)"
    assert "captured" not in bombing.counts and bombing.counts["killed"].low == 19


def test_a_nationwide_daily_tally_and_its_breakdown_are_one_aggregate_beside_the_dated_incident() -> None:
    extraction = _extract("daily_report_breakdown.txt")
    mentions = extraction.mentions
    (blast,) = _incidents(extraction)
    assert blast.location is not None and blast.location.name == "Azaz" and blast.counts["killed"].low == 2
    (tally,) = [m for m in mentions if m.kind == "aggregate"]
    assert tally.counts["killed"].high == 11


def test_a_village_on_the_road_linking_two_cities_is_coded_in_its_own_countryside_and_retaken_later() -> None:
    storm, retaken = _incidents(_extract("village_stormed_then_retaken.txt"))
    # "the road linking Hama with Homs" names the ends of a road; "the southern Hama countryside" is the place
    assert storm.location is not None and storm.location.admin1 == "Hama"
    # "used as a base for shelling" tells what the village served for, not a shelling
    assert retaken.sub_event_type == "Government regains territory"
    assert retaken.date is not None and str(retaken.date.start) == "2016-05-13"


def test_an_air_force_that_bombed_is_an_air_strike_and_jets_that_are_pounding_are_its_perpetrators() -> None:
    market, town = _incidents(_extract("present_tense_strikes.txt"))
    assert market.sub_event_type == "Air/drone strike" and market.counts["killed"].low == 40
    # "are pounding" is progressive, not passive: the jets did it
    assert town.sub_event_type == "Air/drone strike" and town.actor1 == "Military Forces of Russia"


def test_checkpoints_seized_elsewhere_in_response_are_a_takeover_of_their_own() -> None:
    clash, takeover = _incidents(_extract("checkpoints_seized.txt"))
    assert clash.sub_event_type == "Armed clash" and clash.counts["injured"].low == 15
    assert "captured" not in clash.counts
    assert takeover.sub_event_type == "Non-state actor overtakes territory"
    assert takeover.actor1 == "Unidentified Armed Group (Syria)" and takeover.counts["captured"].low == 40


def test_earlier_attacks_recalled_after_the_news_are_history() -> None:
    # "a week after a similar bombing in Azaz", "Last month ...", "Earlier this year ...", "In 2018 ..."
    extraction = _extract("history_after_the_news.txt")
    (bombing,) = _incidents(extraction)
    assert bombing.location is not None and bombing.location.name == "Afrin"
    history = [m for m in extraction.mentions if m.kind == "background"]
    assert {m.location.name for m in history if m.location} >= {"Azaz", "Jarablus", "Al-Bab"}


def test_a_dispersed_protest_is_the_protesters_and_the_clause_after_it_keeps_the_town_not_the_city_near_it() -> (
    None
):
    mentions = _incidents(_extract("protest_dispersed.txt"))
    protest = mentions[0]
    assert protest.sub_event_type == "Protest with intervention"
    assert protest.actor1 == "Protesters (Syria)" and (protest.actor2 or "").startswith(
        "Police Forces of Syria"
    )
    # "..., and detained five of them": Jaramana, the precise place of the sentence, not Damascus near it
    assert all(m.location is not None and m.location.name == "Jaramana" for m in mentions)


def test_an_analysis_a_year_on_tells_only_its_one_fresh_event_as_news() -> None:
    extraction = _extract("year_after_analysis.txt")
    # "have since arrested dozens" spans months; March, July and October are history or tallies
    (fresh,) = _incidents(extraction)
    assert fresh.sub_event_type == "Disrupted weapons use" and fresh.location is not None
    assert fresh.location.name == "Jableh"
    # "Its report ... documented 1,426 deaths": a possessive is nobody's name
    claimants = {c.claimant for m in extraction.mentions for k in m.counts.values() for c in k.claims}
    assert "Its" not in claimants


def test_a_figure_told_on_its_own_for_a_named_place_goes_to_the_incident_there() -> None:
    extraction = extract_document(
        read_file(str(CORPUS_DEV / "065_idlib_ghouta_daily_roundup.txt"), 10_000_000)
    )
    by_place = {m.location.name: m for m in _incidents(extraction) if m.location}
    # "several people were still missing under the rubble in Saraqeb", told after the Damascus mortars
    assert "missing" in by_place["Saraqib"].counts and "missing" not in by_place["Damascus"].counts


def test_a_toll_update_is_the_figure_and_what_is_added_to_it_or_part_of_it_is_no_rival_claim() -> None:
    (bombing,) = _incidents(_extract("toll_update.txt"))
    killed = bombing.counts["killed"]
    # "the death toll from Friday's twin car bombings in the al-Zahraa district of Homs rose to 25"
    assert (killed.low, killed.best) == (25, 25)
    assert bombing.date is not None and str(bombing.date.start) == "2016-02-26"


def test_taken_from_a_minibus_on_a_highway_is_on_that_highway_not_from_it() -> None:
    # "from a minibus on the highway between Sweida and Damascus": the vehicle is the origin, the road the place
    abduction = _incidents(_extract("abduction_on_highway.txt"))[0]
    assert abduction.sub_event_type == "Abduction/forced disappearance"
    assert abduction.location is not None and abduction.location.admin1 == "As-Sweida"
    assert abduction.counts["captured"].low == 11


def test_an_attack_told_after_a_similar_one_is_still_the_news() -> None:
    # "killed at least 62 people on Sunday, three weeks after a similar attack there": only what follows "after"
    # is history
    (bombing,) = _incidents(_extract("similar_attack_news.txt"))
    assert bombing.counts["killed"].low == 62 and bombing.date is not None
    assert str(bombing.date.start) == "2016-02-21"
