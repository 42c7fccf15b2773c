"""Place finding and geocoding. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from incidentdb.extract.places import PlaceMention, find_places, nearest_governorate, precision_for
from incidentdb.packs import Pack, load_pack
from incidentdb.records import Span


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _by_quote(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.span.quote: m for m in mentions}


def _check_offsets(text: str, mentions: list[PlaceMention]) -> None:
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.span.quote
        assert m.place.evidence == m.span


@pytest.mark.parametrize(
    ("text", "quote", "place_id"),
    [
        ("Shells hit Khaldiyeh overnight.", "Khaldiyeh", "homs-khaldiyeh"),
        ("Shells hit Khalidiya overnight.", "Khalidiya", "homs-khaldiyeh"),
        ("Shells hit al-Khalidiyah overnight.", "al-Khalidiyah", "homs-khaldiyeh"),
        ("Shells hit Al Khalidiyah overnight.", "Al Khalidiyah", "homs-khaldiyeh"),
        ("Jets struck Rastan at dawn.", "Rastan", "rastan"),
        ("Jets struck Ar Rastan at dawn.", "Ar Rastan", "rastan"),
        ("Jets struck al-Rastan at dawn.", "al-Rastan", "rastan"),
        ("Fighting was reported in Talbiseh.", "Talbiseh", "talbiseh"),
        ("Fighting was reported in Tallbisah.", "Tallbisah", "talbiseh"),
        ("Fighting was reported in Telbeesa.", "Telbeesa", "talbiseh"),
        ("Barrel bombs fell on Teir Maala.", "Teir Maala", "tayr-malah"),
        ("Barrel bombs fell on Tayr Ma'lah.", "Tayr Ma'lah", "tayr-malah"),
        ("Barrel bombs fell on Tayr Ma’lah.", "Tayr Ma’lah", "tayr-malah"),
        ("Troops entered Baba Amr.", "Baba Amr", "homs-baba-amr"),
        ("Troops entered Bab Amr.", "Bab Amr", "homs-baba-amr"),
        ("A convoy reached Deir ez-Zor.", "Deir ez-Zor", "deir-ez-zor"),
        ("A convoy reached Deir al-Zour.", "Deir al-Zour", "deir-ez-zor"),
        ("Raids targeted Maarat al-Numan.", "Maarat al-Numan", "maarat-al-numan"),
        ("Raids targeted Ma'arrat al-Nu'man.", "Ma'arrat al-Nu'man", "maarat-al-numan"),
        ("Raids targeted Jisr al-Shughur.", "Jisr al-Shughur", "jisr-al-shughur"),
    ],
)
def test_transliteration_variants(pack: Pack, text: str, quote: str, place_id: str) -> None:
    found = _by_quote(find_places(text, pack))
    assert quote in found, found.keys()
    assert found[quote].place.gazetteer_id == place_id
    _check_offsets(text, list(found.values()))


def test_possessive_city_and_neighbourhood(pack: Pack) -> None:
    text = "A blast tore through a school in Homs’ Inshaat district, and later in Homs's old market."
    found = _by_quote(find_places(text, pack))
    assert found["Homs"].place.gazetteer_id == "homs"
    assert found["Inshaat"].kind == "neighbourhood"
    assert found["Inshaat"].parent_name == "Homs"
    assert found["Inshaat"].place.admin1 == "Homs"
    assert found["Inshaat"].place.geo_precision == 1


def test_longest_match_wins(pack: Pack) -> None:
    text = "Residents of Wadi al-Dahab fled towards the coast."
    found = find_places(text, pack)
    assert [m.span.quote for m in found] == ["Wadi al-Dahab"]
    assert found[0].place.gazetteer_id == "homs-wadi-al-dahab"


def test_neighbourhood_list_stays_in_its_city(pack: Pack) -> None:
    # "Hama" is a city elsewhere; inside this list of Homs quarters it is read as a part of Homs.
    text = (
        "After the funeral, gunmen raided Alawite districts such as Akrama, al-Zahraa, Hama and Nuzha, "
        "setting shops on fire."
    )
    found = _by_quote(find_places(text, pack))
    assert found["Akrama"].parent_name == "Homs"
    assert found["al-Zahraa"].parent_name == "Homs"
    hama = found["Hama"]
    assert hama.kind == "neighbourhood"
    assert hama.parent_name == "Homs"
    assert hama.place.admin1 == "Homs"
    assert abs((hama.place.lat or 0) - 34.73) < 0.05


def test_unknown_list_item_becomes_a_neighbourhood_of_the_city(pack: Pack) -> None:
    text = "Snipers were active in the neighbourhoods of Bab Sbaa, Qarqour and Karm al-Zeitoun."
    found = _by_quote(find_places(text, pack))
    assert found["Bab Sbaa"].place.gazetteer_id == "homs-bab-sbaa"
    assert found["Qarqour"].parent_name == "Homs"
    assert found["Qarqour"].place.gazetteer_id is None
    assert found["Qarqour"].candidates == 0


def test_a_city_outside_a_list_stays_a_city(pack: Pack) -> None:
    text = "Rebels entered Hama on Thursday after a week of fighting."
    found = _by_quote(find_places(text, pack))
    assert found["Hama"].place.gazetteer_id == "hama"
    assert found["Hama"].kind == "city"


def test_context_chooses_between_homonyms(pack: Pack) -> None:
    homs_text = "Shelling hit Homs again. Fighters in al-Muhajirin said the Khaldiyeh front was quiet."
    damascus_text = (
        "Damascus was calm. In al-Muhajirin, near Mount Qasioun in Damascus, police set up checkpoints."
    )
    homs = _by_quote(find_places(homs_text, pack))
    damascus = _by_quote(find_places(damascus_text, pack))
    assert homs["al-Muhajirin"].place.admin1 == "Homs"
    assert damascus["al-Muhajirin"].place.admin1 == "Damascus"
    assert homs["al-Muhajirin"].candidates >= 2


def test_persons_and_groups_are_not_places(pack: Pack) -> None:
    text = (
        "Hafez al-Assad ruled for three decades. Fighters of Ahrar al-Sham and Hay'at Tahrir al-Sham met "
        "President Assad's envoys, said Prime Minister Nouri Maliki."
    )
    quotes = [m.span.quote for m in find_places(text, pack)]
    assert quotes == []


def test_common_words_are_not_places(pack: Pack) -> None:
    text = "The army said it would hope for calm. Salt and bread were scarce, and the city was quiet."
    assert find_places(text, pack) == []


def test_lowercase_words_are_not_place_names(pack: Pack) -> None:
    assert find_places("they walked to the bab of the old house in hama", pack) == []


def test_precision_near_countryside_and_province(pack: Pack) -> None:
    text = (
        "Clashes near Saraqib. Shelling on the outskirts of Ariha. Raids in the northern Homs countryside. "
        "Curfew across Idlib province. Calm in Binnish. Jets over southern Hama."
    )
    found = _by_quote(find_places(text, pack))
    assert found["Saraqib"].place.geo_precision == 2
    assert found["Ariha"].place.geo_precision == 2
    assert found["Homs"].place.geo_precision == 2
    assert found["Idlib province"].place.geo_precision == 3
    assert found["Idlib province"].place.admin1 == "Idleb"
    assert found["Binnish"].place.geo_precision == 1
    assert found["Hama"].place.geo_precision == 2


def test_precision_for_helper() -> None:
    text = "Artillery hit the countryside of Hama and Salamiyah itself."
    hama = Span.of(text, text.index("Hama"), text.index("Hama") + 4)
    salamiyah = Span.of(text, text.index("Salamiyah"), text.index("Salamiyah") + 9)
    assert precision_for(text, hama) == 2
    assert precision_for(text, salamiyah) == 1


def test_excluded_spans_are_skipped(pack: Pack) -> None:
    text = "Jets bombed Saraqib. Related: Fighting in Aleppo continues."
    noise = (Span.of(text, text.index("Related"), len(text)),)
    quotes = [m.span.quote for m in find_places(text, pack, exclude=noise)]
    assert quotes == ["Saraqib"]


def test_governorate_names_map_to_acled_admin1(pack: Pack) -> None:
    text = "Strikes hit Latakia, Tartus, Daraa and Raqqa."
    admin1 = {m.span.quote: m.place.admin1 for m in find_places(text, pack)}
    assert admin1 == {"Latakia": "Lattakia", "Tartus": "Tartous", "Daraa": "Dar'a", "Raqqa": "Ar-Raqqa"}


def test_village_missing_from_geonames_is_in_the_pack(pack: Pack) -> None:
    text = "Warplanes raided Dayr Ful, Tasnin and Burj al-Qa'i."
    found = _by_quote(find_places(text, pack))
    assert found["Dayr Ful"].place.lat == pytest.approx(34.924, abs=0.01)
    assert found["Tasnin"].place.admin1 == "Homs"
    assert "Burj al-Qa'i" in found


def test_fuzzy_fallback_only_with_governorate_context(pack: Pack) -> None:
    # "Tasnine" is a spelling the pack does not list; Homs context lets the fuzzy fallback find Tasnin.
    with_context = "Homs countryside: jets struck the village of Tasnine on Monday."
    without_context = "Jets struck the village of Tasnine on Monday."
    found = _by_quote(find_places(with_context, pack))
    assert found["Tasnine"].place.gazetteer_id == "tasnin"
    assert "Tasnine" not in _by_quote(find_places(without_context, pack))


def test_an_apostrophe_inside_a_name_does_not_break_it_for_the_fuzzy_fallback(pack: Pack) -> None:
    found = _by_quote(find_places("Hama countryside: rebels stormed the village of al-Zara'a at dawn.", pack))
    assert found["al-Zara'a"].place.gazetteer_id == "az-zarah"


def test_a_known_name_that_goes_on_is_a_fragment_of_a_longer_one(pack: Pack) -> None:
    # "Busra" alone is Busra al-Sham; "Busra al-Harir" is another town, spelled close to the pack's Busr al-Harir
    found = _by_quote(
        find_places("Daraa countryside: a bomb went off near the town of Busra al-Harir.", pack)
    )
    assert "Busra" not in found and found["Busra al-Harir"].place.gazetteer_id == "busr-al-harir"
    # with no close spelling of the whole name the known part stands: a district of Homs is in Homs
    found = _by_quote(find_places("Shelling hit the district of Homs al-Qadima on Monday.", pack))
    assert found["Homs"].place.name == "Homs"


def test_nearest_governorate(pack: Pack) -> None:
    assert nearest_governorate(34.73, 36.71, pack) == "Homs"
    assert nearest_governorate(36.20, 37.15, pack) == "Aleppo"


def test_bare_ghouta_is_the_damascus_one_unless_homs_is_the_subject(pack: Pack) -> None:
    damascus = find_places("Years later, survivors of Ghouta still suffer.", pack)
    homs = find_places("In Homs, the Ghouta district was shelled from the citadel.", pack)
    assert [m.place.admin1 for m in damascus] == ["Rural Damascus"]
    assert {m.span.quote: m.place.admin1 for m in homs}["Ghouta"] == "Homs"


def test_short_names_need_their_own_spelling(pack: Pack) -> None:
    # "War" and "Man" fold like al-Waar and Maan; only the listed spellings count as those places.
    assert find_places("War in Syria: Man killed at a checkpoint.", pack) == []
    found = _by_quote(find_places("Shelling hit Maan and al-Waar.", pack))
    assert found["Maan"].place.admin1 == "Hama"
    assert found["al-Waar"].place.gazetteer_id == "homs-waer"


def test_given_names_are_not_places(pack: Pack) -> None:
    assert find_places("Karma and Dana were interviewed; Sam translated.", pack) == []


def test_homonymous_towns_follow_the_places_around_them(pack: Pack) -> None:
    hama_text = "Shelling hit Suran, a few kilometres from Morek and Taybat al-Imam."
    aleppo_text = "Shelling hit Suran, a few kilometres from Azaz and Tal Rifaat."
    hama = _by_quote(find_places(hama_text, pack))["Suran"]
    aleppo = _by_quote(find_places(aleppo_text, pack))["Suran"]
    assert (hama.place.admin1, aleppo.place.admin1) == ("Hama", "Aleppo")
    assert hama.candidates == aleppo.candidates == 2
