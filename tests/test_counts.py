"""Casualty counts: categories, figures, qualifiers, claimants, subtotals and what must not be counted.

All sentences are written for these tests (none is taken from a report).
"""

from __future__ import annotations

import pytest

from incidentdb.extract.counts import CountFinding, find_counts, load_vague_table, summarise
from incidentdb.records import CountClaim, Span


def _one(text: str, category: str | None = None) -> CountFinding:
    found = [f for f in find_counts(text) if category is None or f.category == category]
    assert len(found) == 1, found
    return found[0]


def _summary(found: list[CountFinding]) -> list[tuple[str, int | None, int | None, str | None]]:
    return [(f.category, f.claim.low, f.claim.high, f.claim.vague) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # category after the figure
        ("Twelve villagers were killed in the raid.", ("killed", 12, None, None)),
        ("At least 40 people died when the building collapsed.", ("killed", 40, None, "at least")),
        ("About 60 others were seriously wounded.", ("injured", 60, None, "about")),
        ("Nine more were missing or captured.", ("missing", 9, None, None)),
        ("Some 3,500 residents have fled their homes.", ("displaced", 3500, None, "some")),
        ("The agency counted 42.000 displaced people in a week.", ("displaced", 42000, None, None)),
        ("Scores of shepherds were detained at the checkpoint.", ("captured", None, None, "scores")),
        ("Dozens of bodies were pulled from the rubble.", ("killed", None, None, "dozens")),
        ("A young couple from the Bani Hassan clan was found murdered.", ("killed", 2, None, None)),
        ("A family of six was killed when the shell struck.", ("killed", 6, None, None)),
        # one person named by a noun phrase: what follows the noun describes him, it is no figure
        ("Gunmen shot dead a former commander of a rebel faction.", ("killed", 1, None, None)),
        ("Residents found the body of a young man near the road.", ("killed", 1, None, None)),
        ("Fifteen others sustained serious injuries in the blast.", ("injured", 15, None, None)),
        ("Gunmen killed a pharmacist in front of his shop.", ("killed", 1, None, None)),
        ("Two members of the cell were neutralized during the raid.", ("killed", 2, None, None)),
        (
            "Gunmen opened fire on Ahmad al-Hariri in front of his house, killing him instantly.",
            ("killed", 1, None, None),
        ),
        ("Two merchants were abducted on the highway.", ("captured", 2, None, None)),
        ("Fatalities reached 17 by the evening.", ("killed", 17, None, None)),
        (
            "The number of people killed in the province since the beginning of the year has risen to 112.",
            ("killed", 112, None, None),
        ),
        ("Two hundred and fifty families were forced from their homes.", ("displaced", 250, None, None)),
        (
            "More than half a million people have been killed in the war.",
            ("killed", 500_000, None, "more than"),
        ),
        ("Between 5 and 7 guards were abducted.", ("captured", 5, 7, None)),
        ("Up to 30 people were hurt.", ("injured", None, 30, "up to")),
        ("Hundreds of thousands of people fled.", ("displaced", None, None, "hundreds of thousands")),
        ("An unknown number of civilians were wounded.", ("injured", None, None, "unknown")),
        ("A man was shot dead at the market.", ("killed", 1, None, None)),
        ("No one was hurt in the blast.", ("injured", 0, None, None)),
        # category before the figure
        ("Gunmen stormed the hall, killing at least nine guests.", ("killed", 9, None, "at least")),
        ("The strike wounded 14, medics said.", ("injured", 14, None, None)),
        ("Police arrested 14 suspects after the bombing.", ("captured", 14, None, None)),
        ("The militia captured many conscripts during the assault.", ("captured", None, None, "many")),
        ("Monitors documented the deaths of 71 civilians.", ("killed", 71, None, None)),
        ("The death toll rose to 33 on Monday.", ("killed", 33, None, None)),
        ("The number of detainees was in the hundreds.", ("captured", None, None, "hundreds")),
        ("The number of hostages includes about 12 aid workers.", ("captured", 12, None, "about")),
        ("The offensive displaced 20,000 people.", ("displaced", 20000, None, None)),
        ('The toll could be "between 300 and 400".', ("killed", 300, 400, None)),
        ('The army said its jets "eliminated several armed gunmen".', ("killed", None, None, "several")),
        (
            'The militia admitted it had lost "a small number" of men.',
            ("killed", None, None, "a small number"),
        ),
        ("Her brother was also killed.", ("killed", 1, None, None)),
        ("A drone strike killed Samir Haddad near the border.", ("killed", 1, None, None)),
        ("The raid killed 11 wedding guests.", ("killed", 11, None, None)),
        ("Several of the shepherds were still missing on Monday.", ("missing", None, None, "several")),
        ('The monitor put the number of dead at "more than 90".', ("killed", 90, None, "more than")),
        (
            'The SDF said it had recaptured "hundreds" of escaped inmates.',
            ("captured", None, None, "hundreds"),
        ),
        ("A child was among the dead.", ("killed", 1, None, None)),
        ("A 10-year-old boy was killed by a sniper.", ("killed", 1, None, None)),
        ("The death toll from the attack has risen to 30.", ("killed", 30, None, None)),
        ("The attack left at least 20 people dead.", ("killed", 20, None, "at least")),
        ("Five members of one family were killed in the strike.", ("killed", 5, None, None)),
        ("An estimated 200,000 people have fled the fighting.", ("displaced", 200_000, None, "an estimated")),
        ("Rescuers pulled 23 bodies from the rubble.", ("killed", 23, None, None)),
        ("Tens of people were wounded in the shelling.", ("injured", None, None, "tens")),
        ("Two of the wounded later died in hospital.", ("killed", 2, None, None)),
        ("At least two of those killed were aid workers.", ("killed", 2, None, "at least")),
        (
            "The number of people killed in the protests since March has risen to 1,300.",
            ("killed", 1300, None, None),
        ),
        ("The blast wounded a dozen people.", ("injured", 12, None, None)),
        ("Three policemen were abducted at a checkpoint.", ("captured", 3, None, None)),
        ("The strike killed Hezbollah commander Fuad Karim.", ("killed", 1, None, None)),
        ("Samir Haddad, a local councillor, was shot dead on Monday.", ("killed", 1, None, None)),
    ],
)
def test_single_counts(text: str, expected: tuple[str, int | None, int | None, str | None]) -> None:
    found = find_counts(text)
    assert _summary(found) == [expected]
    claim = found[0].claim
    assert text[claim.span.start : claim.span.end] == claim.span.quote


def test_killed_or_wounded_is_ambiguous_and_not_counted() -> None:
    assert find_counts("Dozens of people were killed or injured in the blast.") == []


def test_two_categories_in_one_sentence() -> None:
    text = "One guard was reported killed and four others wounded."
    assert _summary(find_counts(text)) == [("killed", 1, None, None), ("injured", 4, None, None)]


def test_a_bare_another_is_one_more_person() -> None:
    text = "Gunmen shot dead two farmers near the well, and another was wounded."
    assert _summary(find_counts(text)) == [("killed", 2, None, None), ("injured", 1, None, None)]
    assert _one("Another one is still missing after the raid.").claim.low == 1
    assert find_counts("Another was announced for the following week.") == []


def test_a_possessive_between_verb_and_figure() -> None:
    text = "Rebels downed a helicopter, killing its two pilots; a shell killed their three sons."
    assert _summary(find_counts(text)) == [("killed", 2, None, None), ("killed", 3, None, None)]


def test_a_named_unit_between_coordinated_figures() -> None:
    text = "A drone killed a commander of the Syrian Democratic Forces and two of his bodyguards."
    assert _summary(find_counts(text))[0] == ("killed", 3, None, None)


def test_killing_and_injuring_dozens() -> None:
    text = "A car bomb tore through the square, killing at least six shoppers and injuring dozens more."
    found = find_counts(text)
    assert _summary(found) == [("killed", 6, None, "at least"), ("injured", None, None, "dozens")]
    assert found[0].claim.span.quote == "killing at least six shoppers"
    assert found[0].subject == "shoppers"
    assert found[1].claim.span.quote == "injuring dozens more"


def test_subject_may_be_separated_by_an_aside() -> None:
    text = "Thousands of residents, most of them farmers from the plain, were fleeing north."
    assert _summary(find_counts(text)) == [("displaced", None, None, "thousands")]


def test_subtotals_inherit_the_category() -> None:
    text = "The shelling killed 48 people, including 19 children and 7 women."
    found = find_counts(text)
    assert _summary(found) == [
        ("killed", 48, None, None),
        ("killed", 19, None, None),
        ("killed", 7, None, None),
    ]
    assert [f.is_subtotal for f in found] == [False, True, True]
    assert [f.subject for f in found] == ["people", "children", "women"]


def test_a_figure_of_another_category_after_a_list_of_subtotals_is_its_own() -> None:
    text = "At least eight people were killed, among them four civilians and two soldiers, and more than 15 were wounded."
    found = find_counts(text)
    assert [(f.category, f.claim.low, f.is_subtotal) for f in found] == [
        ("killed", 8, False),
        ("killed", 4, True),
        ("killed", 2, True),
        ("injured", 15, False),
    ]


def test_more_of_the_same_figure_is_an_increment() -> None:
    found = find_counts(
        "Five people were killed on Friday. Rescuers recovered the bodies of three more victims."
    )
    assert [(f.claim.low, f.is_subtotal) for f in found] == [(5, False), (3, True)]
    # "killing three and wounding 12 more": more of another category is a figure of its own
    found = find_counts("The blast killed three people and wounded 12 more.")
    assert [(f.category, f.is_subtotal) for f in found] == [("killed", False), ("injured", False)]


def test_a_named_victim_and_a_relative_add_up() -> None:
    found = find_counts("Gunmen killed Omar Khatib and his son outside their home.")
    assert _summary([f for f in found if not f.is_subtotal]) == [("killed", 2, None, None)]


def test_two_or_three_and_couples_add_up() -> None:
    found = find_counts("Gunmen killed an elderly couple and their grandson.")
    assert _summary([f for f in found if not f.is_subtotal]) == [("killed", 3, None, None)]


def test_a_breakdown_after_a_colon_gives_subtotals() -> None:
    text = "Monitors said 40 people had been killed since Friday: 25 IS militants, 12 guards and a civilian."
    found = find_counts(text)
    assert [(f.claim.low, f.is_subtotal) for f in found] == [(40, False), (25, True), (12, True), (1, True)]
    assert {f.category for f in found} == {"killed"}
    assert found[1].subject == "IS militants"


def test_parts_of_a_figure_are_not_summed() -> None:
    found = find_counts(
        "Gunmen attacked the market, killing 41 people, 35 of them civilians and six of them police."
    )
    assert [(f.claim.low, f.is_subtotal) for f in found] == [(41, False), (35, True), (6, True)]


def test_a_list_without_and_is_not_summed() -> None:
    found = find_counts("The blast killed 20 people, 18 of them women.")
    assert [(f.claim.low, f.is_subtotal) for f in found] == [(20, False), (18, True)]


def test_coordinated_figures_add_up() -> None:
    text = "The raid killed four soldiers and two civilians."
    found = find_counts(text)
    totals = [f for f in found if not f.is_subtotal]
    assert _summary(totals) == [("killed", 6, None, None)]
    assert sorted(f.claim.low or 0 for f in found if f.is_subtotal) == [2, 4]


def test_unknown_figures() -> None:
    text = "It remains unclear how many fighters were killed in the ambush."
    found = _one(text)
    assert (found.category, found.claim.low, found.claim.vague) == ("killed", None, "unknown")
    assert found.claim.span.quote.startswith("It remains unclear how many")


def test_bare_category_nouns_are_unknown_figures() -> None:
    text = "Residents described a night of looting, kidnappings and deaths."
    assert sorted(_summary(find_counts(text))) == [
        ("captured", None, None, "unknown"),
        ("killed", None, None, "unknown"),
    ]


def test_no_casualties_is_zero() -> None:
    found = find_counts("The shells damaged several houses but caused no casualties.")
    assert ("killed", 0, None, None) in _summary(found)


@pytest.mark.parametrize(
    "text",
    [
        "Up to 250 mortar rounds landed in the district overnight.",
        "More than 200 military vehicles left the city for the coast.",
        "Fighters attacked at least three army checkpoints.",
        "The rebels captured dozens of villages in two days.",
        "The town lies about forty kilometers from the border.",
        "The massacre of 1982 is still remembered in the city.",
        "The attack began at 8:30pm on 12/03/2024 and lasted until 4am.",
        "Police said 14 suspects had been identified.",
        "Prices rose by 40% and the two attacks were condemned.",
        "The former mayor died at the age of 88.",
        "A 73-year-old man runs the bakery.",
        "Shops reopened on March 15 after the curfew was lifted.",
        "Around 500 tanks and 30 aircraft took part in the exercise.",
        "The convoy carried 12 tons of flour.",
        "Rebels freed about 50 prisoners from the jail.",
        "Thousands of detainees were freed on Sunday.",
        "The exchange released 120 prisoners on each side.",
        "The strike killed Hezbollah fighters near the airport.",
        "The Syrian Army was defeated in the north.",
        "The convoy of 45 buses carried 2,300 passengers to the north.",
        "Rebels said they had shot down two helicopters and destroyed five tanks.",
        "About 70% of the victims were women.",
        "Only three of the 20 hostages were released.",
        "Idlib City was shelled overnight.",
    ],
)
def test_non_casualty_numbers_are_not_counted(text: str) -> None:
    assert [f for f in find_counts(text) if f.claim.low or f.claim.high] == []


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "At least 12 people were killed, according to the Rural Monitoring Network.",
            "Rural Monitoring Network",
        ),
        ("The Relief Committee said it had counted 30 wounded.", "Relief Committee"),
        ("Local activists say dozens of civilians were killed.", "Local activists"),
        (
            "Rescue workers, who claimed the number of missing was in the hundreds, kept digging.",
            "Rescue workers",
        ),
        ("Nine soldiers were killed, the Defence Office said.", "Defence Office"),
        ("Nine soldiers were killed, said the Defence Office.", "Defence Office"),
        ("About 40 people are being held, according to eyewitness accounts.", "eyewitness accounts"),
        ("The UN refugee agency said some 8,000 people had been displaced.", "UN refugee agency"),
        ("Four people were killed, the Syrian civil defence (White Helmets) said.", "Syrian civil defence"),
        ("The governor of Hama, Karim Saleh, gave a lower toll of 16 dead.", "Karim Saleh"),
        ('The Valley 24 news network put the number of dead at "more than 300".', "Valley 24 news network"),
        ("Five civilians were killed, the Kurdish-led SDF said.", "SDF"),
        ("More than 40 people have been killed, according to the Council's own count.", "Council"),
        ("Eleven fighters died in the clashes.", None),
    ],
)
def test_claimants(text: str, claimant: str | None) -> None:
    found = find_counts(text)
    assert found, text
    assert found[0].claim.claimant == claimant
    span = found[0].claim.claimant_span
    if claimant is not None:
        assert span is not None and text[span.start : span.end] == span.quote


def test_claimant_carries_over_to_a_continuing_sentence() -> None:
    text = "The Valley Council said it had recorded the deaths of 31 civilians. About 50 others were wounded."
    found = find_counts(text)
    assert [(f.category, f.claim.claimant) for f in found] == [
        ("killed", "Valley Council"),
        ("injured", "Valley Council"),
    ]


def test_generic_reference_resolves_to_the_named_organisation() -> None:
    text = (
        "The North Plain Observatory for Civil Rights reported heavy shelling. "
        "Of that total, 15 fighters were killed on Tuesday, the NGO noted."
    )
    assert _one(text).claim.claimant == "North Plain Observatory for Civil Rights"


def test_claimant_resolver_is_applied() -> None:
    text = "Forty people were killed, according to the Plain Observatory."
    found = find_counts(text, claimant_resolver=lambda name: "PO" if "Observatory" in name else None)
    assert found[0].claim.claimant == "PO"


def test_range_bounds_and_spans() -> None:
    text = "Before. The blast killed eight people. After."
    start = text.index("The")
    end = text.index(" After")
    found = find_counts(text, start, end)
    assert _summary(found) == [("killed", 8, None, None)]
    assert start <= found[0].claim.span.start and found[0].claim.span.end <= end
    assert find_counts(text, 0, 7) == []


def _claim(
    low: int | None, high: int | None = None, vague: str | None = None, who: str | None = None
) -> CountClaim:
    return CountClaim(low, high, vague, who, Span(0, 1, "x"))


def test_summarise_conflicting_claims() -> None:
    claims = [
        _claim(105, who="Revolutionary Council"),
        _claim(None, vague="scores", who="activists"),
        _claim(90, who="Rural Observatory for Human Rights"),
        _claim(140, who="state media"),
    ]
    count = summarise(claims)
    assert (count.low, count.best, count.high, count.vague) == (90, 90, 140, None)
    assert count.claims == tuple(claims)


def test_summarise_open_ended_and_upper_bounds() -> None:
    assert summarise([_claim(826, vague="at least")]).high is None
    count = summarise([_claim(None, 250, "up to")])
    assert (count.low, count.best, count.high) == (None, 250, 250)
    count = summarise([_claim(5, 7), _claim(6)])
    assert (count.low, count.best, count.high) == (5, 5, 7)


def test_summarise_ignores_zero_beside_a_positive_figure() -> None:
    count = summarise([_claim(0), _claim(3, who="civil defence")])
    assert (count.low, count.best, count.high) == (3, 3, 3)
    assert len(count.claims) == 2
    assert summarise([_claim(0)]).low == 0


def test_summarise_vague_only() -> None:
    count = summarise([_claim(None, vague="dozens")])
    assert (count.low, count.best, count.high, count.vague) == (None, 12, None, "dozens")
    count = summarise([_claim(None, vague="unknown"), _claim(None, vague="hundreds")])
    assert (count.low, count.best, count.vague) == (None, 100, "hundreds")
    count = summarise([_claim(None, vague="unknown")])
    assert (count.low, count.best, count.vague) == (None, None, "unknown")


def test_vague_table_is_documented_and_conservative() -> None:
    table = load_vague_table()
    assert table.floor("dozens") == 12
    assert table.floor("hundreds") == 100
    assert table.floor("tens of thousands") == 10_000
    assert table.floor("unknown") is None
    assert table.is_documenting("Syrian Observatory for Human Rights")
    assert not table.is_documenting("state media")


_REPORT = (
    "Shelling killed at least 14 people, including five children, in the eastern district on Monday, "
    "the Plain Monitor said. About 40 others were wounded and 12 more were missing. "
    "It is unclear how many fighters were captured. Police arrested 9 suspects. "
    "The Relief Office said 3,200 families had fled their homes, and that no one was hurt in the camps."
)


@pytest.mark.parametrize("step", [7, 23, 61])
def test_every_claim_quote_lies_inside_the_range(step: int) -> None:
    for start in range(0, len(_REPORT), step):
        end = min(len(_REPORT), start + 5 * step)
        for found in find_counts(_REPORT, start, end):
            span = found.claim.span
            assert start <= span.start <= span.end <= end
            assert _REPORT[span.start : span.end] == span.quote
            who = found.claim.claimant_span
            if who is not None:
                assert _REPORT[who.start : who.end] == who.quote


def test_whole_report() -> None:
    found = [f for f in find_counts(_REPORT) if not f.is_subtotal]
    assert found[-1].claim.span.quote == "no one was hurt"
    assert [(f.category, f.claim.low, f.claim.vague, f.claim.claimant) for f in found] == [
        ("killed", 14, "at least", "Plain Monitor"),
        ("injured", 40, "about", "Plain Monitor"),  # the sentence continues the attributed figures
        ("missing", 12, None, "Plain Monitor"),
        ("captured", None, "unknown", None),
        ("captured", 9, None, None),
        ("displaced", 3200, None, "Relief Office"),
        ("injured", 0, None, "Relief Office"),
    ]


def test_members_of_one_family_and_the_injury_of() -> None:
    found = find_counts("Five members of one family, including three children, were killed.")
    assert [(f.category, f.claim.low) for f in found if not f.is_subtotal] == [("killed", 5)]
    found = find_counts("It led to the martyrdom of two soldiers and the injury of three others.")
    assert [(f.category, f.claim.low) for f in found] == [("killed", 2), ("injured", 3)]
    assert find_counts("the wounding of 14 civilians")[0].claim.low == 14
