"""Report checks, each with reports written to trigger it and reports written not to."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from incidentdb.checks import date_conflict_checks, date_conflicts_indexed, run_checks
from incidentdb.extract.publication import infer_publication
from incidentdb.packs.timeline import default_pack_path, load_timeline
from incidentdb.records import Check, DateInterval, Document, Extraction, Mention, Span

D = dt.date
TIMELINE = load_timeline(default_pack_path("syria"))
SEEDS = Path("/work/shared/seeds")
GOLD = Path("/work/shared/gold/seeds")


def make_doc(text: str, noise: tuple[Span, ...] = (), url: str | None = None) -> Document:
    raw = text.encode("utf-8")
    return Document(
        id=hashlib.sha256(raw).hexdigest(),
        source=url or "test.txt",
        raw=raw,
        text=text,
        encoding="utf-8",
        media_type="text/plain",
        url=url,
        noise=noise,
    )


def checks_for(doc: Document) -> tuple[Check, ...]:
    checks = run_checks(Extraction(doc, infer_publication(doc, TIMELINE)), TIMELINE)
    for check in checks:
        assert check.message
        if check.span is not None:
            assert doc.text[check.span.start : check.span.end] == check.span.quote
    return checks


def kinds(doc: Document) -> list[str]:
    return [c.kind for c in checks_for(doc)]


# Clean development reports, written for these tests: none should raise any check.
CLEAN_REPORTS = [
    "Shelling kills four in northern Hama countryside\n12 March 2025\n\nFour civilians were killed on "
    "Tuesday when shells hit a village north of Hama, according to local medics. The government of "
    "President Ahmed al-Sharaa said it had opened an investigation. A second strike on Monday evening "
    "damaged a school, residents said.",
    "Rebels seize checkpoint near Aleppo\nPublished: 14 August 2013\n\nFighters from the Nusra Front and "
    "other rebel groups seized an army checkpoint on the outskirts of Aleppo on Monday, activists said. "
    "Forces loyal to President Bashar al-Assad shelled the area in response, killing three.",
    "Blast in Damascus market\nFriday, 6 December 2024\n\nAn explosion hit a market in Damascus on "
    "Thursday, killing two people, a day after rebels entered Hama. Source: Syrian Observer staff",
    "How Homs became the capital of the revolution\nPublished 8 March 2025\n\nIn February 2012 the army of "
    "President Bashar al-Assad laid siege to Baba Amr. Activists said the Arab League monitors, who left in "
    "January, had seen little of the shelling. Thirteen years later, residents are returning.",
    "Rocket fire on Aleppo neighbourhood\n12/25/2019\n\nRockets hit the Hamdaniyeh neighbourhood of Aleppo on "
    "Monday (Dec. 23), wounding four people, state news agency SANA said.",
    "Five years after the chemical attack, Douma remembers\nApril 7, 2023\n\nOn April 7, 2018, a chlorine "
    "attack on Douma killed more than 40 people. In 2023, survivors gathered at the site. President Bashar "
    "al-Assad has denied any responsibility.",
    "Celebrations mark first anniversary of Assad's fall\nMonday, 8 December 2025\n\nThousands gathered in "
    "Damascus on Monday to mark one year since the fall of Bashar al-Assad's government on December 8, 2024. "
    "President Ahmed al-Sharaa addressed the crowd.",
    "Air strikes hit Idlib market as truce frays\nPublished on 5 Oct 2019 | Updated: 12:30 GMT\n\nAir "
    "strikes on a market killed at least 11 civilians on Friday, rescuers said. Hayat Tahrir al-Sham, "
    "formerly known as the Nusra Front, controls much of the province.",
    "Protest in Suwayda\nPosted on 2 February 2025\n\nHundreds protested in Suwayda yesterday against "
    "rising prices, weeks after the fall of Bashar al-Assad's government in December 2024. This article "
    "was translated and edited by our newsroom.",
]


@pytest.mark.parametrize("text", CLEAN_REPORTS)
def test_clean_reports_raise_no_check(text: str) -> None:
    assert checks_for(make_doc(text)) == ()


# ------------------------------------------------------------------------------------------- misdated


def test_misdated_when_content_is_years_older_than_the_stated_date() -> None:
    doc = make_doc(
        "The battle for Homs\n3 March 2025\n\nGovernment forces allied to President Bashar al-Assad shelled "
        "the district. Fighters used the presence of Arab League monitors in December and January to rearm."
    )
    found = [c for c in checks_for(doc) if c.kind == "misdated"]
    assert len(found) == 1
    assert found[0].span is not None and found[0].span.quote == "3 March 2025"
    assert "Arab League" in found[0].message and "President of Syria" in found[0].message


def test_misdated_when_an_office_is_told_as_held_now_long_after_it_ended() -> None:
    # one clue is enough when it is told in the present tense: "as President Assad's army prepares"
    doc = make_doc(
        "Jets strike market\nJanuary 5, 2026 | by Example News\n\nRussian jets are pounding the town as "
        "President Assad's army prepares a new ground offensive, local sources say."
    )
    assert "misdated" in kinds(doc)
    # recalled with its year, the same title is history, not a claim about the present
    doc = make_doc(
        "Prison anniversary\nJanuary 5, 2026 | by Example News\n\nIn 2013, President Assad's forces shelled "
        "the town for weeks, residents recalled."
    )
    assert "misdated" not in kinds(doc)


def test_misdated_when_events_are_dated_after_the_stated_date() -> None:
    doc = make_doc("Clashes in Daraa\n5 January 2020\n\nOn 12 March 2021, gunmen killed three men in Daraa.")
    assert "misdated" in kinds(doc)


def test_misdated_when_a_weekday_date_only_fits_after_the_stated_date() -> None:
    doc = make_doc(
        "Politician killed\nDate: 2 October 2019\n\nShe was killed on Saturday, October 12, when gunmen "
        "stopped her car. Her funeral was held on Sunday."
    )
    found = kinds(doc)
    assert "misdated" in found and "weekday_mismatch" not in found
    pub = infer_publication(doc, TIMELINE)
    assert pub.date == D(2019, 10, 2) and pub.earliest is not None and pub.earliest >= D(2019, 10, 12)


def test_misdated_when_the_text_gives_its_first_publication() -> None:
    doc = make_doc(
        "Gas attack\nUpdated 14 March 2026\n\nDozens were killed on Tuesday, medics said.\n\nThis article was "
        "first published on 5 April 2017."
    )
    found = checks_for(doc)
    misdated = [c for c in found if c.kind == "misdated"]
    assert len(misdated) == 1 and misdated[0].span is not None
    assert misdated[0].span.quote == "Updated 14 March 2026"
    assert "republished" in [c.kind for c in found]
    pub = infer_publication(doc, TIMELINE)
    assert (pub.date, pub.earliest, pub.latest) == (D(2026, 3, 14), D(2017, 4, 5), D(2017, 4, 5))


def test_a_wrong_weekday_before_the_stated_date_is_no_misdating() -> None:
    doc = make_doc(
        "Blog\nPosted July 28, 2018 by Admin | 7 comments\n\nIn the early hours of Thursday, July 25th, gunmen "
        "attacked villages east of the city."
    )
    found = kinds(doc)
    assert "misdated" not in found  # 25 July 2018 was a Wednesday; 2019's would fit, but that is no reading
    assert "weekday_mismatch" in found and "date_conflict" in found
    assert infer_publication(doc, TIMELINE).date == D(2018, 7, 28)


def test_an_update_date_falls_to_a_single_clue() -> None:
    doc = make_doc(
        "Archive\nUpdated: 14 June 2021 | First published in our archive section\n\nJabhat al-Nusra fighters "
        "seized the crossing on Wednesday after heavy fighting, activists said."
    )
    found = kinds(doc)
    assert "misdated" in found and "republished" in found
    published = make_doc(
        "Archive\nPublished: 14 June 2021\n\nJabhat al-Nusra fighters seized the crossing on Wednesday after "
        "heavy fighting, activists said."
    )
    assert "misdated" not in kinds(published)  # one old name never decides against a publication date


def test_an_announced_weekday_date_is_not_misdating() -> None:
    doc = make_doc("Talks\n1 March 2025\n\nThe conference will be held on Saturday, March 8, officials said.")
    assert kinds(doc) == []


def test_not_misdated_for_a_single_old_name_or_former_office() -> None:
    doc = make_doc(
        "Analysis\n3 March 2025\n\nThe Nusra Front, as the group was then called, took Idlib in 2015. Former "
        "President Bashar al-Assad now lives in Moscow."
    )
    assert "misdated" not in kinds(doc)


# ----------------------------------------------------------------------------------------- republished


def test_republished_when_the_text_says_so() -> None:
    doc = make_doc(
        "Siege of Madaya\n4 April 2024\n\nResidents ate grass. This article was originally published by "
        "Example News in January 2016."
    )
    found = [c for c in checks_for(doc) if c.kind == "republished"]
    assert len(found) == 1 and found[0].span is not None
    assert found[0].span.quote.startswith("This article was originally published")


def test_republished_when_another_outlet_is_credited_and_content_is_older() -> None:
    doc = make_doc(
        "The battle for Homs\n3 March 2025\n\nGovernment forces allied to President Bashar al-Assad shelled "
        "the district. Fighters used the presence of Arab League monitors in December and January to rearm."
        "\n\nSource: Example-News.com\n"
    )
    found = [c for c in checks_for(doc) if c.kind == "republished"]
    assert [c.span.quote for c in found if c.span] == ["Source: Example-News.com"]


def test_credit_line_alone_is_not_republication() -> None:
    doc = make_doc(
        "Blast in Homs\n6 May 2025\n\nA blast killed two in Homs on Monday.\nSource: Example-News.com"
    )
    assert "republished" not in kinds(doc)


def test_translated_and_edited_is_not_republication() -> None:
    doc = make_doc(
        "Strike on Idlib\n6 May 2025\n\nA strike killed two in Idlib on Monday.\nThis article was translated "
        "and edited by The Example Observer."
    )
    assert "republished" not in kinds(doc)


# ------------------------------------------------------------------------------------ weekday_mismatch


def test_weekday_mismatch_with_full_date() -> None:
    doc = make_doc("Report\n30 December 2025\n\nThe attack took place on Friday, December 27, 2025.")
    found = [c for c in checks_for(doc) if c.kind == "weekday_mismatch"]
    assert len(found) == 1 and found[0].span is not None
    assert found[0].span.quote == "Friday, December 27, 2025"
    assert "Saturday" in found[0].message
    conflicts = [c for c in checks_for(doc) if c.kind == "date_conflict"]
    assert [c.span.quote for c in conflicts if c.span] == ["Friday, December 27, 2025"]


def test_weekday_mismatch_with_year_from_publication() -> None:
    doc = make_doc("Report\n30 December 2025\n\nThe attack took place on Monday, December 23.")
    assert "weekday_mismatch" in kinds(doc)  # 2025-12-23 was a Tuesday


def test_matching_weekday_raises_nothing() -> None:
    doc = make_doc("Report\n30 December 2025\n\nThe attack took place on Friday, December 26, 2025.")
    assert "weekday_mismatch" not in kinds(doc)


def test_weekday_without_fixed_year_raises_nothing() -> None:
    doc = make_doc("The attack took place on Monday, December 23, residents said.")
    assert "weekday_mismatch" not in kinds(doc)


# ------------------------------------------------------------------------------- contradicts_reference


def test_contradicts_reference_quotes_the_wrong_clause() -> None:
    doc = make_doc(
        "Violence rose following the fall of Bashar al-Assad's regime in early November 2025, with "
        "reports of killings (Yesterday, November 24, 2025)."
    )
    found = [c for c in checks_for(doc) if c.kind == "contradicts_reference"]
    assert len(found) == 1 and found[0].span is not None
    assert found[0].span.quote == "the fall of Bashar al-Assad's regime in early November 2025"
    assert "2024-12-08" in found[0].message


def test_contradicts_reference_for_a_misdated_massacre() -> None:
    doc = make_doc("Report\n1 June 2014\n\nSurvivors of the Houla massacre in May 2013 spoke to us.")
    assert "contradicts_reference" in kinds(doc)


def test_same_day_of_another_year_is_an_anniversary() -> None:
    doc = make_doc("Report\n26 May 2014\n\nCrowds remembered the Houla massacre on May 25, 2013 and after.")
    assert "contradicts_reference" not in kinds(doc)


def test_cited_report_first_published_elsewhere_is_not_republication() -> None:
    doc = make_doc(
        "Prison deaths\n3 May 2022\n\nThe findings, first published by Amnesty International in 2017, were "
        "confirmed by new testimony."
    )
    assert "republished" not in kinds(doc) and "misdated" not in kinds(doc)


def test_weekday_next_to_another_date_is_not_attached() -> None:
    doc = make_doc("Report\n30 December 2025\n\nProtests began on Friday and on December 23 turned violent.")
    assert "weekday_mismatch" not in kinds(doc)


def test_contradicts_reference_with_a_loose_phrasing_and_since() -> None:
    doc = make_doc(
        "Drone strikes have become daily life since the fall of the regime in November 2024, locals say."
    )
    found = [c for c in checks_for(doc) if c.kind == "contradicts_reference"]
    assert [c.span.quote for c in found if c.span] == ["the fall of the regime in November 2024"]


def test_a_dateline_above_a_fact_is_not_a_date_for_it() -> None:
    doc = make_doc("Market strike\nMonday 26 June 2023\n\nRussian warplanes struck a market on Sunday.")
    assert "contradicts_reference" not in kinds(doc)


def test_correct_reference_dates_raise_nothing() -> None:
    doc = make_doc(
        "Report\n1 June 2014\n\nSurvivors of the Houla massacre in May 2012 spoke to us. Years after the fall "
        "of Assad in 2030 is a phrase about the future."
    )
    assert "contradicts_reference" not in kinds(doc)


def test_anniversary_is_not_a_contradiction() -> None:
    doc = make_doc(
        "Report\n8 December 2025\n\nCrowds marked the anniversary of the fall of Assad on December 8, 2025."
    )
    assert "contradicts_reference" not in kinds(doc)


# ---------------------------------------------------------------------------------------------- undated


def test_undated_without_any_date() -> None:
    doc = make_doc("Armed men attacked a village on Thursday morning, taking prisoners.")
    found = [c for c in checks_for(doc) if c.kind == "undated"]
    assert len(found) == 1 and found[0].span is None
    assert "cannot be placed" in found[0].message


def test_undated_when_only_an_interval_is_inferred() -> None:
    doc = make_doc("Nusra Front fighters attacked on Thursday, ignoring the cessation of hostilities.")
    found = [c for c in checks_for(doc) if c.kind == "undated"]
    assert len(found) == 1 and "2016-02-27" in found[0].message


def test_not_undated_with_a_dateline_or_an_anchor() -> None:
    assert "undated" not in kinds(make_doc("Report\n3 May 2025\n\nArmed men attacked on Thursday."))
    assert "undated" not in kinds(make_doc("Attacks (Yesterday, November 24, 2025) killed two."))


# -------------------------------------------------------------------------------------------- date_conflict


def mention(text: str, quote: str, start: D, end: D) -> Mention:
    at = text.index(quote)
    span = Span.of(text, at, at + len(quote))
    return Mention(kind="incident", evidence=(span,), date=DateInterval(start, end, 1, evidence=span))


def test_date_conflict_between_linked_reports() -> None:
    a = mention("Found dead on Sunday.", "Sunday", D(2025, 11, 23), D(2025, 11, 23))
    b = mention("Found dead yesterday.", "yesterday", D(2025, 11, 24), D(2025, 11, 24))
    checks = date_conflict_checks([("a.txt", a), ("b.txt", b)])
    assert [c.kind for c in checks] == ["date_conflict", "date_conflict"]
    assert "a.txt" in checks[0].message and "b.txt" in checks[0].message
    assert [i for i, _ in date_conflicts_indexed([("a.txt", a), ("b.txt", b)])] == [0, 1]


def test_overlapping_dates_are_no_conflict() -> None:
    a = mention("Found dead on Sunday.", "Sunday", D(2025, 11, 23), D(2025, 11, 23))
    b = mention("Found dead this week.", "this week", D(2025, 11, 20), D(2025, 11, 25))
    assert date_conflict_checks([("a.txt", a), ("b.txt", b)]) == []


# ------------------------------------------------------------------------------------------------- seeds


def seed_cases() -> list[tuple[Document, dict[str, object]]]:
    if not SEEDS.is_dir() or not GOLD.is_dir():
        return []
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        text = path.read_bytes().decode("utf-8")
        noise = []
        for quote in gold["noise"]:
            at = text.find(quote)
            if at >= 0:
                noise.append(Span.of(text, at, at + len(quote)))
        out.append((make_doc(text, tuple(noise)), gold))
    return out


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not available")
@pytest.mark.parametrize("index", range(5))
def test_seed_checks_match_gold(index: int) -> None:
    cases = seed_cases()
    if index >= len(cases):
        pytest.skip("fewer seeds")
    doc, gold = cases[index]
    gold_checks = gold["checks"]
    assert isinstance(gold_checks, list)
    found = checks_for(doc)
    found_kinds = {c.kind for c in found}
    required = {c["kind"] for c in gold_checks if not c.get("optional") and c["kind"] != "date_conflict"}
    assert required <= found_kinds
    assert found_kinds <= {c["kind"] for c in gold_checks}  # nothing of a kind the gold does not have
