"""Date expressions: finding them with exact spans, and resolving them against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentdb.extract.dates import DateMention, find_dates, resolve
from incidentdb.records import Publication, Span

D = dt.date


def pub_on(day: dt.date) -> Publication:
    return Publication(date=day, earliest=day, latest=day, basis="stated")


def pub_between(lo: dt.date, hi: dt.date | None) -> Publication:
    return Publication(date=None, earliest=lo, latest=hi, basis="inferred")


UNKNOWN = Publication(date=None, earliest=None, latest=None, basis="unknown")


def only(text: str) -> DateMention:
    found = find_dates(text)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.span.start : m.span.end] == m.span.quote
    return m


@pytest.mark.parametrize(
    ("text", "quote", "kind", "ymd"),
    [
        ("It happened on 26 December 2025 in Homs.", "26 December 2025", "date", (2025, 12, 26)),
        ("It happened on December 26, 2025 in Homs.", "December 26, 2025", "date", (2025, 12, 26)),
        ("It happened on Dec. 26 in Homs.", "Dec. 26", "day_month", (None, 12, 26)),
        ("It happened on December 26 in Homs.", "December 26", "day_month", (None, 12, 26)),
        ("Logged 2025-12-26 by the team.", "2025-12-26", "date", (2025, 12, 26)),
        ("Logged 2025/12/26 by the team.", "2025/12/26", "date", (2025, 12, 26)),
        ("Published 2025-12-26T14:05:00Z by the desk.", "2025-12-26", "date", (2025, 12, 26)),
        ("Seen on 25/12/2025 near the bridge.", "25/12/2025", "date", (2025, 12, 25)),
        ("Clashes in May 2012 left many dead.", "May 2012", "month_year", (2012, 5, None)),
        ("Fighting in mid-November 2025 spread.", "mid-November 2025", "month_year", (2025, 11, None)),
        ("Fighting in early November 2025 spread.", "early November 2025", "month_year", (2025, 11, None)),
        ("A massacre took place in 1982 there.", "1982", "year", (1982, None, None)),
        ("The monitors came in December.", "December", "month", (None, 12, None)),
    ],
)
def test_absolute_and_partial_dates(text: str, quote: str, kind: str, ymd: tuple[int | None, ...]) -> None:
    m = only(text)
    assert (m.span.quote, m.kind, (m.year, m.month, m.day)) == (quote, kind, ymd)


def test_day_ranges_weeks_of_months_and_decades() -> None:
    m = only("Fighting raged on 3-5 March 2024 in Daraa.")
    assert (m.kind, m.day, m.day_end, m.span.quote) == ("date", 3, 5, "3-5 March 2024")
    r = resolve(m, UNKNOWN)
    assert (r.start, r.end, r.precision) == (D(2024, 3, 3), D(2024, 3, 5), 2)
    r = resolve(only("Fighting raged on March 3 to 5 near Daraa."), pub_on(D(2024, 3, 20)))
    assert (r.start, r.end, r.precision) == (D(2024, 3, 3), D(2024, 3, 5), 2)
    r = resolve(only("Clashes in the first week of March 2024 killed ten."), UNKNOWN)
    assert (r.start, r.end, r.precision) == (D(2024, 3, 1), D(2024, 3, 7), 2)
    r = resolve(only("Clashes in the last week of February 2024 killed ten."), UNKNOWN)
    assert (r.start, r.end) == (D(2024, 2, 23), D(2024, 2, 29))
    assert find_dates("Repression in the 1980s left scars.") == []
    assert (
        find_dates("March 3 and 4 people were hurt") == []
        or only("March 3 and 4 people were hurt").day_end is None
    )


def test_last_weekday_is_before_the_writing_day() -> None:
    # 2025-12-05 is a Friday
    assert resolve(only("It happened last Friday."), pub_on(D(2025, 12, 5))).start == D(2025, 11, 28)
    assert resolve(only("It happened on Friday."), pub_on(D(2025, 12, 5))).start == D(2025, 12, 5)


def test_next_day_needs_the_anchor() -> None:
    dm = only("Gunmen attacked the village the next day.")
    assert resolve(dm, pub_on(D(2025, 1, 3)), anchor=D(2024, 12, 31)).start == D(2025, 1, 1)
    assert resolve(dm, pub_on(D(2025, 1, 3))).start is None


def test_resolve_all_gives_relative_days_their_narrative_anchor() -> None:
    from incidentdb.extract.dates import resolve_all

    text = (
        "Gunmen killed a man on Saturday, October 12. The next day, troops entered the town. Shelling went on "
        "in the following days."
    )
    mentions = find_dates(text)
    resolved = resolve_all(mentions, pub_on(D(2019, 10, 16)))
    by_quote = {dm.span.quote: r for dm, r in zip(mentions, resolved, strict=True)}
    assert by_quote["October 12"].start == D(2019, 10, 12)
    assert (by_quote["The next day"].start, by_quote["The next day"].precision) == (D(2019, 10, 13), 1)
    assert (by_quote["in the following days"].start, by_quote["in the following days"].end) == (
        D(2019, 10, 13),
        D(2019, 10, 16),
    )


def test_month_parts_and_modal_may() -> None:
    assert only("Fighting in mid-November 2025 spread.").part == "mid"
    assert find_dates("Officials said they may 12 times reconsider.") == []


@pytest.mark.parametrize(
    ("text", "quote", "kind"),
    [
        ("Shelling started yesterday evening.", "yesterday", "relative"),
        ("Families fled last night towards the coast.", "last night", "relative"),
        ("The attack came Thursday morning on the village.", "Thursday morning", "weekday"),
        ("They met on Thursday in Geneva.", "Thursday", "weekday"),
        ("The raid happened two days ago near Idlib.", "two days ago", "ago"),
        ("Dozens were arrested last week in Daraa.", "last week", "period"),
        ("More areas were hit in the following days.", "in the following days", "period"),
        ("Prices rose earlier this month in Aleppo.", "earlier this month", "period"),
        (
            "The offensive began on the night of February 3, officials said.",
            "on the night of February 3",
            "day_month",
        ),
    ],
)
def test_relative_expressions(text: str, quote: str, kind: str) -> None:
    m = only(text)
    assert (m.span.quote, m.kind) == (quote, kind)


def test_since_weekday_and_night_flags() -> None:
    assert only("222 fighters were killed since Tuesday in the area.").since
    assert only("The offensive began on the night of February 3.").night
    assert only("The offensive began Thursday night.").night


def test_weekday_joins_the_date_it_is_written_with() -> None:
    text = "An explosion hit the mosque during Friday prayers on December 26, killing eight."
    m = only(text)
    assert (m.kind, m.weekday, m.span.quote) == ("day_month", "Friday", "December 26")
    assert m.weekday_span is not None and m.weekday_span.quote == "Friday"


def test_relative_word_anchors_the_date_it_is_written_with() -> None:
    m = only("Homs Clashes (Yesterday, November 24, 2025): a couple was found dead.")
    assert (m.anchor_offset, m.year, m.month, m.day) == (-1, 2025, 11, 24)


def test_excluded_spans_are_skipped() -> None:
    text = "Attack on Monday. Teaser: passed away today, Monday 10/02/2025."
    teaser = Span.of(text, 18, len(text))
    found = find_dates(text, exclude=[teaser])
    assert [m.span.quote for m in found] == ["Monday"]


def test_us_numeric_date_and_year_before_a_comma() -> None:
    m = only("Posted 12/25/2019 by the desk.")
    assert (m.year, m.month, m.day, m.alt) == (2019, 12, 25, None)
    assert only("In 2023, survivors gathered.").year == 2023


def test_numbers_that_are_not_years() -> None:
    assert find_dates("A total of 9,363 violations and 2015 people and 115.000 displaced.") == []


# ---------------------------------------------------------------------------------------------- resolve


def test_yesterday_across_a_year_boundary() -> None:
    r = resolve(only("It was found yesterday."), pub_on(D(2026, 1, 1)))
    assert (r.start, r.end, r.precision) == (D(2025, 12, 31), D(2025, 12, 31), 1)


def test_two_days_ago_across_a_month_boundary() -> None:
    r = resolve(only("They left two days ago."), pub_on(D(2024, 3, 1)))  # leap year
    assert (r.start, r.end, r.precision) == (D(2024, 2, 28), D(2024, 2, 28), 1)


def test_last_night_is_the_day_before() -> None:
    r = resolve(only("Shells fell last night."), pub_on(D(2024, 12, 1)))
    assert (r.start, r.end, r.precision) == (D(2024, 11, 30), D(2024, 11, 30), 1)


def test_day_month_takes_the_previous_year_in_january() -> None:
    r = resolve(only("The strike on December 30 killed five."), pub_on(D(2026, 1, 2)))
    assert (r.start, r.end, r.precision) == (D(2025, 12, 30), D(2025, 12, 30), 1)


def test_day_month_in_the_same_year() -> None:
    r = resolve(only("The strike on March 3 killed five."), pub_on(D(2025, 3, 10)))
    assert (r.start, r.precision) == (D(2025, 3, 3), 1)


def test_weekday_is_most_recent_on_or_before_a_known_day() -> None:
    # 2025-12-03 is a Wednesday: "Thursday" is the previous week's, "Wednesday" the same day
    assert resolve(only("It began on Thursday."), pub_on(D(2025, 12, 3))).start == D(2025, 11, 27)
    assert resolve(only("It began on Wednesday."), pub_on(D(2025, 12, 3))).start == D(2025, 12, 3)


def test_weekday_across_a_year_boundary() -> None:
    r = resolve(only("Troops moved in on Saturday."), pub_on(D(2025, 1, 2)))  # a Thursday
    assert (r.start, r.end, r.weekday) == (D(2024, 12, 28), D(2024, 12, 28), "Saturday")


def test_weekday_with_interval_publication_stays_an_interval() -> None:
    r = resolve(only("The attack came Thursday morning."), pub_between(D(2016, 2, 27), D(2016, 7, 28)))
    assert r.weekday == "Thursday"
    assert r.start == D(2016, 3, 3) and r.end == D(2016, 7, 28)
    assert r.precision == 3


def test_weekday_with_narrow_interval_may_fix_the_day() -> None:
    r = resolve(only("Troops tried to enter on Wednesday."), pub_between(D(2012, 2, 9), D(2012, 2, 14)))
    assert (r.start, r.end, r.precision) == (D(2012, 2, 8), D(2012, 2, 8), 1)


def test_since_weekday_runs_to_the_writing_day() -> None:
    r = resolve(only("222 were killed since Tuesday."), pub_between(D(2024, 12, 5), D(2024, 12, 7)))
    assert (r.start, r.end) == (D(2024, 12, 3), D(2024, 12, 7))


def test_day_month_with_interval_publication() -> None:
    r = resolve(
        only("launched an attack on November 27 from Idlib"), pub_between(D(2024, 12, 5), D(2024, 12, 7))
    )
    assert (r.start, r.end, r.precision) == (D(2024, 11, 27), D(2024, 11, 27), 1)


def test_no_year_is_made_up_without_a_publication_date() -> None:
    for text in ("The attack on December 26 killed eight.", "It began on Thursday.", "It was yesterday."):
        r = resolve(only(text), UNKNOWN)
        assert r.start is None and r.precision == 3


def test_day_month_over_several_possible_years_stays_an_interval() -> None:
    r = resolve(only("The attack on May 3 killed eight."), pub_between(D(2016, 2, 27), D(2016, 7, 28)))
    assert (r.start, r.end, r.precision) == (D(2015, 5, 3), D(2016, 5, 3), 3)


def test_month_year_parts_and_precision() -> None:
    r = resolve(only("in early November 2025"), UNKNOWN)
    assert (r.start, r.end, r.precision) == (D(2025, 11, 1), D(2025, 11, 10), 2)
    r = resolve(only("the Houla massacre in May 2012"), UNKNOWN)
    assert (r.start, r.end, r.precision) == (D(2012, 5, 1), D(2012, 5, 31), 3)
    r = resolve(only("a massacre in 1982"), UNKNOWN)
    assert (r.start, r.end, r.precision) == (D(1982, 1, 1), D(1982, 12, 31), 3)


def test_ambiguous_numeric_date_without_weekday_is_an_interval() -> None:
    r = resolve(only("Recorded on 03/02/2012 in Homs."), UNKNOWN)
    assert (r.start, r.end) == (D(2012, 2, 3), D(2012, 3, 2))


def test_weekday_decides_an_ambiguous_numeric_date() -> None:
    r = resolve(only("He died on Monday 10/02/2025."), UNKNOWN)  # 10 Feb 2025 was a Monday
    assert (r.start, r.end, r.precision) == (D(2025, 2, 10), D(2025, 2, 10), 1)


def test_last_week_and_earlier_this_month() -> None:
    r = resolve(only("Dozens were arrested last week."), pub_on(D(2025, 1, 8)))  # a Wednesday
    assert (r.start, r.end, r.precision) == (D(2024, 12, 30), D(2025, 1, 5), 2)
    r = resolve(only("Prices rose earlier this month."), pub_on(D(2025, 3, 20)))
    assert (r.start, r.end) == (D(2025, 3, 1), D(2025, 3, 20))


def test_following_days_needs_the_narrative_anchor() -> None:
    dm = only("More areas were hit in the following days.")
    r = resolve(dm, pub_between(D(2012, 2, 9), D(2012, 2, 14)), anchor=D(2012, 2, 3))
    assert (r.start, r.end) == (D(2012, 2, 4), D(2012, 2, 14))
    assert resolve(dm, pub_between(D(2012, 2, 9), D(2012, 2, 14))).start is None


def test_night_of_a_date_is_that_date() -> None:
    r = resolve(
        only("which began on the night of February 3, was"), pub_between(D(2012, 2, 9), D(2012, 2, 14))
    )
    assert (r.start, r.end, r.precision) == (D(2012, 2, 3), D(2012, 2, 3), 1)


def test_open_ended_publication_keeps_weekdays_open() -> None:
    r = resolve(only("Two men were killed on Thursday."), pub_between(D(2025, 3, 10), None))
    assert (r.start, r.end, r.weekday) == (D(2025, 3, 13), None, "Thursday")


def test_wire_dateline_is_not_an_event_date() -> None:
    text = "BEIRUT, Feb 3 (Example Wire) — Helicopters dropped barrel bombs on Sunday."
    assert [m.span.quote for m in find_dates(text)] == ["Sunday"]
    assert [m.span.quote for m in find_dates(text, datelines=True)] == ["Feb 3", "Sunday"]


def test_stated_date_is_used_when_no_interval() -> None:
    r = resolve(only("It happened yesterday."), Publication(D(2025, 3, 1), None, None, "stated"))
    assert r.start == D(2025, 2, 28)


def test_evidence_span_is_kept() -> None:
    text = "Shells fell last night on the town."
    r = resolve(only(text), pub_on(D(2024, 12, 1)))
    assert r.evidence is not None and text[r.evidence.start : r.evidence.end] == "last night"


def test_a_day_of_this_month_and_the_weekend() -> None:
    pub = pub_on(D(2023, 3, 15))
    day = only("Shelling hit the town on the 5th of this month, residents said.")
    assert (day.span.quote, resolve(day, pub).start, resolve(day, pub).end) == (
        "the 5th of this month",
        D(2023, 3, 5),
        D(2023, 3, 5),
    )
    # a writing window across a month's end cannot say which month: left open, never guessed
    assert resolve(day, pub_between(D(2023, 2, 27), D(2023, 3, 2))).start is None
    weekend = only("Shelling hit the town at the weekend.")
    assert (resolve(weekend, pub).start, resolve(weekend, pub).end) == (D(2023, 3, 11), D(2023, 3, 12))


def test_overnight_before_a_weekday_is_that_night_and_the_past_n_days_run_to_the_writing_day() -> None:
    pub = pub_on(D(2023, 3, 15))
    night = only("Drones struck the town overnight Saturday, rescuers said.")
    assert night.night and (resolve(night, pub).start, resolve(night, pub).end) == (
        D(2023, 3, 11),
        D(2023, 3, 11),
    )
    days = only("Shelling hit the town over the past two days.")
    assert (resolve(days, pub).start, resolve(days, pub).end) == (D(2023, 3, 13), D(2023, 3, 15))
