"""Numbers as reports write them: words, digits, separators, vague words, qualifiers and ranges."""

from __future__ import annotations

import pytest

from incidentdb.extract.numbers import NumberMatch, find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eight", 8),
        ("Eleven", 11),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("two hundred and fifty", 250),
        ("one hundred and twenty-five", 125),
        ("a hundred", 100),
        ("three thousand", 3000),
        ("one thousand two hundred", 1200),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a million", 500_000),
        ("2.5 million", 2_500_000),
        ("1.2 million", 1_200_000),
        ("1.2m", 1_200_000),
        ("3bn", 3_000_000_000),
        ("115.000", 115_000),
        ("1.200", 1200),
        ("1,200", 1200),
        ("12,345,678", 12_345_678),
        ("42", 42),
        ("a married couple", 2),
        ("a couple", 2),
        ("a family of five", 5),
        ("a family of 7", 7),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["dozens", "hundreds", "many", "3.5", "five and six", "million", "soldiers", ""]
)
def test_parse_number_rejects_non_figures(text: str) -> None:
    assert parse_number(text) is None


def _figures(text: str) -> list[tuple[str, int | None, int | None, str | None, str | None]]:
    return [
        (text[m.start : m.end], m.value_low, m.value_high, m.vague, m.qualifier) for m in find_numbers(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "gunmen opened fire, killing at least eight people",
            [("at least eight", 8, None, None, "at least")],
        ),
        ("More than 800 died", [("More than 800", 800, None, None, "more than")]),
        ("about 25 women", [("about 25", 25, None, None, "about")]),
        ("up to 250 shells", [("up to 250", None, 250, None, "up to")]),
        ("as many as 40 people", [("as many as 40", None, 40, None, "as many as")]),
        ("between 5 and 7 people", [("between 5 and 7", 5, 7, None, "between")]),
        ("between five and seven people", [("between five and seven", 5, 7, None, "between")]),
        ("5 to 7 people", [("5 to 7", 5, 7, None, None)]),
        ("5-7 people", [("5-7", 5, 7, None, None)]),
        ("two or three men", [("two or three", 2, 3, None, None)]),
        ("1,200-1,500 families", [("1,200-1,500", 1200, 1500, None, None)]),
        ("ten or more guards", [("ten or more", 10, None, None, "or more")]),
        ("more than half a million people", [("more than half a million", 500_000, None, None, "more than")]),
        ("more than a dozen villagers", [("more than a dozen", 12, None, None, "more than")]),
        ("dozens more", [("dozens", None, None, "dozens", None)]),
        ("Scores of people", [("Scores", None, None, "scores", None)]),
        ("tens of thousands of residents", [("tens of thousands", None, None, "tens of thousands", None)]),
        ("several hundred people", [("several hundred", None, None, "several hundred", None)]),
        ("a number of residents", [("a number of", None, None, "a number of", None)]),
        ("an unknown number of guards", [("an unknown number of", None, None, "unknown", None)]),
        ("5 killed and 12 wounded", [("5", 5, None, None, None), ("12", 12, None, None, None)]),
        ("five and six", [("five", 5, None, None, None), ("six", 6, None, None, None)]),
    ],
)
def test_find_numbers(
    text: str, expected: list[tuple[str, int | None, int | None, str | None, str | None]]
) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "at 8:30pm",
        "until 4am",
        "on 10/02/2025",
        "on Sunday (9/2)",
        "a 40% rise",
        "cost $5 million",
        "COVID-19",
        "a 2.5 km walk",
        "500m from the border",
        "a 10k run",
    ],
)
def test_times_dates_percent_money_are_not_figures(text: str) -> None:
    assert find_numbers(text) == []


def test_spans_point_into_text_and_respect_bounds() -> None:
    text = "Three died. Later, about 40 people fled, and dozens were hurt."
    found = find_numbers(text, 12)
    assert [text[m.start : m.end] for m in found] == ["about 40", "dozens"]
    assert all(m.start >= 12 for m in found)
    first: NumberMatch = found[0]
    assert text[first.core_start : first.end] == "40"
    assert first.claim_vague == "about"
    assert [text[m.start : m.end] for m in find_numbers(text, 0, 11)] == ["Three"]


def test_offsets_survive_characters_whose_lower_case_is_longer() -> None:
    text = "İstanbul: 12 dead"
    found = find_numbers(text)
    assert [text[m.start : m.end] for m in found] == ["12"]
