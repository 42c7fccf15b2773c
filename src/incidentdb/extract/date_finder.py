"""Finding date expressions in report text, with exact spans and nothing inferred.

:func:`find_dates` finds absolute dates ("26 December 2025", "Dec. 26", "2025-12-26", "10/02/2025", "3-5
March"), months and years ("mid-November 2025", "the first week of March", "in December", "in 1982") and
relative words ("yesterday", "last night", "Thursday morning", "two days ago", "since Tuesday", "on the night
of February 3", "earlier this month", "the previous day"). Resolution against the writing date is in
:mod:`incidentdb.extract.dates`.

The finder is our own set of rules rather than ``dateparser.search_dates``: that function misplaces weekday
dates by a week and invents days for bare months (see the dependency notes), and we need exact spans and
never an invented year.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from incidentdb.records import Span

DateKind = Literal["date", "day_month", "month_year", "month", "year", "relative", "weekday", "ago", "period"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "a few": 3,
}  # fmt: skip
_RELATIVE_DAYS = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "overnight": -1, "today": 0,
    "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
}  # fmt: skip
_PERIODS = {
    "last week": "last_week", "earlier this week": "this_week", "this week": "this_week",
    "last weekend": "last_weekend", "over the weekend": "last_weekend", "this weekend": "last_weekend",
    "at the weekend": "last_weekend",
    "earlier this month": "this_month", "this month": "this_month", "last month": "last_month",
    "earlier this year": "this_year", "this year": "this_year", "last year": "last_year",
    "in recent days": "recent_days", "in the past few days": "recent_days", "in the past days": "recent_days",
    "in the following days": "following_days", "in the days that followed": "following_days",
    "the following day": "next_day", "the next day": "next_day", "the day after": "next_day",
}  # fmt: skip

# Month names are matched case-sensitively (capitalised) so that the verb "may" is not a month.
_MONTH_RE = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|ept|Oct|Nov|Dec)\.)?"
)
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)"
_PART_RE = r"(?:(?P<part>[Ee]arly|[Mm]id|[Ll]ate|(?:[Tt]he )?[Ee]nd of|(?:[Tt]he )?[Bb]eginning of|(?:[Tt]he )?[Mm]iddle of)[- ])?"
_WEEKDAY_RE = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NIGHT_RE = r"(?P<night>(?:[Oo]n )?[Tt]he night of )?"

_RANGE_SEP = r"\s*(?:-|–|to)\s*"
_DAY2_RE = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEK_RE = r"\b(?:[Tt]he )?(?P<week>first|second|third|fourth|last|final) week of "

_ABSOLUTE_PATTERNS: tuple[tuple[DateKind, re.Pattern[str]], ...] = (
    ("month", re.compile(_WEEK_RE + _MONTH_RE + r"(?:,? " + _YEAR_RE + r")?\b")),
    # ISO dates, also as the head of a timestamp ("2019-10-12T14:00:00Z")
    (
        "date",
        re.compile(r"\b(?P<year>(?:19|20)\d\d)([-/.])(?P<month>[01]?\d)\2(?P<day>[0-3]?\d)(?:\b|(?=T\d))"),
    ),
    (
        "day_month",
        re.compile(
            r"\b"
            + _DAY_RE
            + _RANGE_SEP
            + _DAY2_RE
            + r"(?: of)? "
            + _MONTH_RE
            + r"(?:,? "
            + _YEAR_RE
            + r")?\b"
        ),
    ),
    (
        "day_month",
        re.compile(
            r"\b"
            + _MONTH_RE
            + r" "
            + _DAY_RE
            + r"(?:"
            + _RANGE_SEP
            + r"|\s+and\s+(?=\d+(?:st|nd|rd|th)?,? (?:19|20)\d\d))"
            + _DAY2_RE
            + r"(?:,? "
            + _YEAR_RE
            + r")?(?![\d:])\b"
        ),
    ),
    (
        "date",
        re.compile(r"(?<![\d.,/])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)(?![\d/])"),
    ),
    ("date", re.compile(_NIGHT_RE + r"\b" + _DAY_RE + r"(?: of)? " + _MONTH_RE + r",? " + _YEAR_RE + r"\b")),
    ("date", re.compile(_NIGHT_RE + r"\b" + _MONTH_RE + r" " + _DAY_RE + r",? " + _YEAR_RE + r"\b")),
    ("day_month", re.compile(_NIGHT_RE + r"\b" + _DAY_RE + r"(?: of)? " + _MONTH_RE + r"(?![\w-])")),
    ("day_month", re.compile(_NIGHT_RE + r"\b" + _MONTH_RE + r" " + _DAY_RE + r"(?![\d:,.]\d|\w)")),
    ("month_year", re.compile(r"\b" + _PART_RE + _MONTH_RE + r",? " + _YEAR_RE + r"\b")),
    ("day_month", re.compile(r"\((?P<a>[0-3]?\d)/(?P<b>[01]?\d)\)")),
    (
        "month",
        re.compile(
            r"(?:\b(?:in|In|since|Since|during|During|until|by|from|From|and|or|to|of|between|last|this)\s+"
            r"|\b[Ee]arly[- ]|\b[Mm]id-|\b[Ll]ate[- ])" + _MONTH_RE + r"(?![\w-])"
        ),
    ),
)
_YEAR_PATTERN = re.compile(
    r"(?<![\d,.\-/£$€])(?P<year>(?:19[4-9]\d|20[0-4]\d))(?!,\d|[\d\-/]|\.\d|s\b)"
    r"(?!\s*(?:%|percent|people|persons|civilians|fighters|soldiers|killed|dead|children|families|km|"
    r"kilomet|metres|meters|troops|members|refugees|homes|houses|AM|PM|am|pm))"
)
_RELATIVE_PATTERN = re.compile(
    r"\b(?P<rel>" + "|".join(re.escape(k) for k in sorted(_RELATIVE_DAYS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_PERIOD_PATTERN = re.compile(
    r"\b(?P<rel>" + "|".join(re.escape(k) for k in sorted(_PERIODS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# "on the 5th of this month" (translated reports): a day of the writing month
_DAY_OF_THIS_MONTH = re.compile(
    r"\bthe (?P<day>[0-3]?\d)(?:st|nd|rd|th) of (?:this|the current) month\b", re.IGNORECASE
)
# "over the past two days": from that many days before the writing day up to it
_PAST_N_DAYS = re.compile(
    r"\b(?:over|in|during|within) the (?:past|last) (?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) days\b",
    re.IGNORECASE,
)
_WEEKDAY_AFTER = re.compile(r"\s+(?:on\s+)?" + _WEEKDAY_RE + r"\b")
_AGO_PATTERN = re.compile(
    r"\b(?P<n>\d{1,2}|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
    r"\s+(?P<unit>day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
_WEEKDAY_PATTERN = re.compile(
    r"(?P<prefix>\b(?:[Ss]ince|[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Bb]y|[Uu]ntil|[Ee]arly|[Ll]ate|[Oo]vernight(?:\s+on)?)\s+)?"
    r"\b" + _WEEKDAY_RE + r"(?:'s)?(?P<tod>\s+(?:morning|afternoon|evening|night))?\b"
)
_SINCE_BEFORE = re.compile(r"\b(?:[Ss]ince|[Ss]tarting|[Ss]tarted on|[Bb]egan on)\s+$")
PART_RANGES = {
    "early": (1, 10), "beginning": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31),
    "w1": (1, 7), "w2": (8, 14), "w3": (15, 21), "w4": (22, 28), "wl": (-6, 31),  # wl: the last seven days
}  # fmt: skip
_ATTACH_GAP = re.compile(r"^[\s,(]*(?:[\w’'-]+\s+){0,3}?(?:on\s+|,\s*)?$")
# words that separate two dates rather than join a weekday to its date ("Friday and December 3")
_SEPARATING = re.compile(
    r"\b(and|or|but|until|till|to|after|before|since|from|through|between|while|when|then|last|next|"
    r"following|previous|later|earlier)\b|[-–—;]",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@dataclass(frozen=True)
class DateMention:
    """One date expression as written. Fields hold what the text says, nothing inferred."""

    span: Span
    kind: DateKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None  # early | mid | late (of a month)
    weekday: str | None = None  # a weekday written with the date or alone ("Friday")
    offset_days: int | None = None  # relative words: yesterday = -1
    unit: str | None = None  # "ago" mentions: day | week | month | year
    amount: int | None = None
    relation: str | None = None  # period mentions: last_week, this_month, following_days, ...
    since: bool = False  # "since Tuesday": from then until the writing date
    night: bool = False  # "on the night of February 3", "Thursday night", "last night"
    alt: tuple[int, int] | None = None  # (month, day) other reading of an ambiguous numeric date
    day_end: int | None = None  # last day of a range ("3-5 March")
    anchor_offset: int | None = None  # "Yesterday, November 24, 2025": this date is pub + anchor_offset
    anchor_span: Span | None = None
    weekday_span: Span | None = None

    @property
    def has_year(self) -> bool:
        return self.year is not None


def _month_number(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")]


def valid_day(year: int, month: int, day: int) -> bool:
    """Whether year-month-day is a real calendar day."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _overlaps_any(start: int, end: int, spans: Sequence[Span]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


def _absolute_mentions(text: str, taken: list[Span]) -> list[DateMention]:
    found: list[DateMention] = []
    for kind, pattern in _ABSOLUTE_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if _overlaps_any(start, end, taken):
                continue
            mention = _absolute(kind, m, text)
            if mention is None:
                continue
            taken.append(mention.span)
            found.append(mention)
    return found


def _absolute(kind: DateKind, m: re.Match[str], text: str) -> DateMention | None:
    groups = m.groupdict()
    span = Span.of(text, m.start(), m.end())
    year = int(groups["year"]) if groups.get("year") else None
    night = bool(groups.get("night"))
    if groups.get("a"):  # numeric d/m(/y): day first unless impossible, other reading kept in `alt`
        a, b = int(groups["a"]), int(groups["b"])
        check_year = year or 2000
        first = (b, a) if valid_day(check_year, b, a) else None
        second = (a, b) if valid_day(check_year, a, b) and a != b else None
        if first is None and second is None:
            return None
        month, day = first or second or (0, 0)
        alt = second if first and second else None
        return DateMention(span, kind, year=year, month=month, day=day, alt=alt)
    token = groups.get("month") or ""
    if not token:
        return None
    month = int(token) if token.isdigit() else _month_number(token)
    if groups.get("week"):  # "the first week of March (2024)": a seven-day part of the month
        week = groups["week"].lower()
        week_part = {"first": "w1", "second": "w2", "third": "w3", "fourth": "w4"}.get(week, "wl")
        return DateMention(span, "month_year" if year else "month", year=year, month=month, part=week_part)
    if groups.get("day2"):  # "3-5 March", "March 3 to 5, 2024"
        day, day_end = int(groups["day"]), int(groups["day2"])
        if not (
            valid_day(year or 2000, month, day) and valid_day(year or 2000, month, day_end) and day < day_end
        ):
            return None
        return DateMention(
            span, "date" if year else "day_month", year=year, month=month, day=day, day_end=day_end
        )
    if kind == "month_year" or kind == "month":
        part = (groups.get("part") or "").lower().replace("the ", "").replace(" of", "")
        if kind == "month":
            # the span is the month itself with an early/mid/late prefix, not the preposition before it
            mstart = m.start("month")
            prefix = re.search(r"([Ee]arly|[Mm]id|[Ll]ate)[- ]$", text[m.start() : mstart])
            start = m.start() + prefix.start() if prefix else mstart
            span = Span.of(text, start, m.end())
            part = prefix.group(1).lower() if prefix else ""
        part = {"end": "late", "beginning": "early", "middle": "mid"}.get(part, part) or None
        return DateMention(span, kind, year=year, month=month, part=part)
    day = int(groups["day"])
    if not valid_day(year or 2000, month, day):
        return None
    return DateMention(span, kind, year=year, month=month, day=day, night=night)


def _year_mentions(text: str, taken: list[Span]) -> list[DateMention]:
    found = []
    for m in _YEAR_PATTERN.finditer(text):
        if _overlaps_any(m.start(), m.end(), taken):
            continue
        span = Span.of(text, m.start(), m.end())
        since = bool(_SINCE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]))
        taken.append(span)
        found.append(DateMention(span, "year", year=int(m.group("year")), since=since))
    return found


def _relative_mentions(text: str, taken: list[Span]) -> list[DateMention]:
    found: list[DateMention] = []
    for m in _PAST_N_DAYS.finditer(text):
        if _overlaps_any(m.start(), m.end(), taken):
            continue
        n = m.group("n").lower()
        span = Span.of(text, m.start(), m.end())
        taken.append(span)
        amount = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        found.append(DateMention(span, "period", relation="past_days", amount=amount))
    for m in _RELATIVE_PATTERN.finditer(text):
        if _overlaps_any(m.start(), m.end(), taken):
            continue
        rel = m.group("rel").lower()
        if rel == "overnight" and _WEEKDAY_AFTER.match(text, m.end()):
            continue  # "overnight Saturday": the weekday, at night
        span = Span.of(text, m.start(), m.end())
        taken.append(span)
        night = rel in ("last night", "overnight", "tonight")
        found.append(DateMention(span, "relative", offset_days=_RELATIVE_DAYS[rel], night=night))
    for m in _DAY_OF_THIS_MONTH.finditer(text):
        if _overlaps_any(m.start(), m.end(), taken):
            continue
        span = Span.of(text, m.start(), m.end())
        taken.append(span)
        found.append(DateMention(span, "period", day=int(m.group("day")), relation="day_this_month"))
    for m in _PERIOD_PATTERN.finditer(text):
        if _overlaps_any(m.start(), m.end(), taken):
            continue
        span = Span.of(text, m.start(), m.end())
        taken.append(span)
        found.append(DateMention(span, "period", relation=_PERIODS[m.group("rel").lower()]))
    for m in _AGO_PATTERN.finditer(text):
        if _overlaps_any(m.start(), m.end(), taken):
            continue
        n = m.group("n").lower()
        amount = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        span = Span.of(text, m.start(), m.end())
        taken.append(span)
        found.append(DateMention(span, "ago", unit=m.group("unit").lower(), amount=amount))
    return found


def _weekday_mentions(text: str, taken: list[Span]) -> list[DateMention]:
    found = []
    for m in _WEEKDAY_PATTERN.finditer(text):
        start = m.start("weekday")
        if _overlaps_any(start, m.end(), taken):
            continue
        prefix = (m.group("prefix") or "").strip().lower()
        tod = (m.group("tod") or "").strip().lower()
        span = Span.of(text, start, m.end())
        taken.append(span)
        relation = {"next": "next", "last": "last"}.get(prefix)
        found.append(
            DateMention(
                span,
                "weekday",
                weekday=m.group("weekday"),
                since=prefix == "since",
                night=tod == "night" or prefix.startswith("overnight"),
                relation=relation,
            )
        )
    return found


def _same_clause(text: str, start: int, end: int) -> bool:
    return not _SENTENCE_END.search(text[start:end])


def _attach(mentions: list[DateMention], text: str) -> list[DateMention]:
    """Join a weekday or relative word written next to a date ("Friday, December 26", "Friday prayers on
    December 26", "Yesterday, November 24, 2025") into that date's mention."""
    dated = [d for d in mentions if d.kind in ("date", "day_month")]
    drop: set[int] = set()
    result: dict[int, DateMention] = {id(d): d for d in dated}
    for w in mentions:
        if w.kind not in ("weekday", "relative") or w.since:
            continue
        for d in dated:
            current = result[id(d)]
            lo, hi = (w.span.end, d.span.start) if w.span.end <= d.span.start else (d.span.end, w.span.start)
            gap = text[lo:hi]
            if hi < lo or len(gap) > 30 or not _same_clause(text, lo, hi):
                continue
            if w.kind == "weekday":
                if not (_ATTACH_GAP.match(gap) or re.fullmatch(r"[\s,(]*", gap) or gap.strip() == ", a"):
                    continue
                if _SEPARATING.search(gap):
                    continue
                if current.weekday:
                    continue
                result[id(d)] = replace(
                    current, weekday=w.weekday, weekday_span=w.span, night=current.night or w.night
                )
            else:
                if not re.fullmatch(r"[\s,(:]*", gap) or w.span.start > d.span.start:
                    continue
                result[id(d)] = replace(current, anchor_offset=w.offset_days, anchor_span=w.span)
            drop.add(id(w))
            break
    out = [result.get(id(m), m) for m in mentions if id(m) not in drop]
    return out


WIRE_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z'’. /-]{2,40}(?:,[ \t]+[A-Z][A-Za-z'’. -]{2,30}){0,2}),[ \t]+"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"  # "AZAZ, Syria, Saturday 12 October 2019 (Agency) -"
    r"(?P<date>(?:" + _MONTH_RE.replace("?P<month>", "") + r")[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?|\d{1,2}[ \t]+"
    r"(?:" + _MONTH_RE.replace("?P<month>", "") + r")(?:,?[ \t]+\d{4})?)"
    r"(?=[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[-—–:])",
    re.MULTILINE,
)
# a state agency's "Lattakia, 5/9/2016, SANA -": a numeric date (read day first) with the agency after a comma
NUMERIC_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z'’. -]{2,30}),[ \t]+(?P<date>\d{1,2}/\d{1,2}/\d{4}),[ \t]*"
    r"(?=[A-Z][A-Za-z. ]{1,30}[ \t]+[-—–:])",
    re.MULTILINE,
)
DATELINE_LINES = 12  # datelines sit in the first lines


def head_end(text: str, lines: int = DATELINE_LINES) -> int:
    """Offset of the end of the first ``lines`` lines."""
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end


def wire_dateline_spans(text: str) -> list[Span]:
    """The dates of wire datelines ('BEIRUT, Feb 3 (Agency) —') in the first lines: when the report was
    filed, not when its events happened. Each span runs from the line's start, so a weekday before the date
    ('AZAZ, Saturday 12 October 2019') is left out with it."""
    head = head_end(text)
    return [
        Span.of(text, m.start(), m.end("date"))
        for pattern in (WIRE_DATELINE, NUMERIC_DATELINE)
        for m in pattern.finditer(text, 0, head)
    ]


def find_dates(text: str, *, exclude: Sequence[Span] = (), datelines: bool = False) -> list[DateMention]:
    """Every date expression in ``text`` outside the ``exclude`` spans (noise), in text order.

    Wire datelines ('BEIRUT, Feb 3 (Agency) —') date the filing, not the events: they are left out unless
    ``datelines`` is true (publication inference reads them through :mod:`incidentdb.extract.dateline`).
    Results are cached per text: publication inference and the checks read the same document often."""
    return list(_find_dates(text, tuple(exclude), datelines))


@lru_cache(maxsize=256)
def _find_dates(text: str, exclude: tuple[Span, ...], datelines: bool) -> tuple[DateMention, ...]:
    taken: list[Span] = list(exclude) if datelines else [*exclude, *wire_dateline_spans(text)]
    mentions = _absolute_mentions(text, taken)
    mentions += _relative_mentions(text, taken)
    mentions += _weekday_mentions(text, taken)
    mentions += _year_mentions(text, taken)
    for i, mention in enumerate(mentions):
        before = text[max(0, mention.span.start - 20) : mention.span.start]
        if (
            not mention.since
            and mention.kind in ("date", "day_month", "month_year", "month")
            and _SINCE_BEFORE.search(before)
        ):
            mentions[i] = replace(mention, since=True)
    mentions.sort(key=lambda d: d.span.start)
    return tuple(_attach(mentions, text))
