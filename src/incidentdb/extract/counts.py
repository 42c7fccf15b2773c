"""Casualty figures: which number counts whom (killed, injured, captured, missing, displaced), and who says so.

A figure becomes a count only when a category word is bound to it in one of three ways:

- the category follows the number and its subject: "65 children were killed", "25 more missing or captured",
  "115.000 displaced people", "tens of thousands of residents, ..., were fleeing";
- a category verb or noun phrase comes right before it: "killing at least eight worshippers", "the deaths of 105
  civilians", "the number of prisoners includes about 25 women", "the number of prisoners was in the hundreds";
- the report says the figure is unknown: "It is unclear how many civilians were killed" (vague "unknown").

The words between number and category may only be a subject built from person nouns and modifiers (see
:mod:`incidentdb.extract.count_grammar`), so that "200 military vehicles", "up to 250 mortars", "40 kilometers",
"two attacks" and "dozens of communities" never become counts; years, dates, ages and times are rejected
outright, and freed or exchanged prisoners are no captures. Subsets ("including 111 civilians", "18 of them
women") inherit the category of the figure they belong to and are flagged ``is_subtotal``. Figures joined by
"and" under one verb add up ("killed six civilians and three fighters" gives 9, with 6 and 3 as subtotals;
"a woman and her two children" gives 3). One person counts one: "a man was killed", "killed Razi Mousavi";
"no one was hurt" and "no casualties" count zero.

The claimant is looked up in the sentence ("according to X", "X said/reported/documented", "..., X noted",
"regime loyalists, who claimed"), else carried over from the previous sentence when that sentence attributed
a figure and this one continues the enumeration ("X said it documented 105 deaths. About 100 others were
wounded."). Generic references ("the NGO", "the monitor") resolve to the last named claimant before them. The
report's own voice gives claimant ``None``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from incidentdb.extract import claimants
from incidentdb.extract.count_grammar import (
    CATEGORY_OF,
    NOUN_FIGURE_RE,
    Bound,
    bind_left,
    bind_right,
    category_at,
    object_after,
    subject_text,
    verb_group_then_category,
    walk_subject,
)
from incidentdb.extract.count_summary import VagueTable, load_vague_table, summarise
from incidentdb.extract.numbers import NumberMatch, find_numbers
from incidentdb.extract.vocab import (
    SINGULAR_RE,
)
from incidentdb.records import CountCategory, CountClaim, Span

__all__ = ["CountFinding", "VagueTable", "find_counts", "load_vague_table", "summarise"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE_BEFORE_RE = re.compile(rf"\b{_MONTH}\.?\s*$")
_DATE_AFTER_RE = re.compile(rf"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b")
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|ages?\s+of|age|ages)\s*$", re.IGNORECASE)
_AGE_AFTER_RE = re.compile(r"\s*-?\s*(?:years?|months?)[\s-]+(?:old|of\s+age)\b", re.IGNORECASE)
_NO_BEFORE_RE = re.compile(r"\bno\s+$", re.IGNORECASE)
_SUBSET_BEFORE_RE = re.compile(
    r"(?:\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|"
    r"among\s+the\s+(?P<cat>dead|killed|victims|wounded|injured|missing|detainees|prisoners|displaced)"
    r"(?:\s+(?:were|are))?)),?\s*$",
    re.IGNORECASE,
)
_SUBSET_AFTER_RE = re.compile(r"\s+of\s+(?:them|whom)(?P<cat>)\b", re.IGNORECASE)
_SUBSET_CATS: dict[str, CountCategory] = {
    "dead": "killed",
    "killed": "killed",
    "victims": "killed",
    "wounded": "injured",
    "injured": "injured",
    "missing": "missing",
    "detainees": "captured",
    "prisoners": "captured",
    "displaced": "displaced",
}
_RELEASE_BEFORE_RE = re.compile(
    r"\b(?:freed|releas(?:ed|ing|e)|free(?:ing)?|exchang(?:ed|ing|e)|swap(?:ped|ping)?|escap(?:ed|e)|"
    r"liberat(?:ed|ing)|pardon(?:ed|ing))\b[^.;]*$",
    re.IGNORECASE,
)
_RELEASE_AFTER_RE = re.compile(
    r"[\s\"”’]*(?:(?:were|was|had\s+been|have\s+been|are\s+being|being)\s+(?:\w+\s+)?"
    r"(?:freed|released|set\s+free|exchanged|swapped|let\s+go)|out\s+of)\b",
    re.IGNORECASE,
)
# "killed Razi Mousavi": a named victim (two to four name words) counts as one.
_NAME_TOKEN = r"(?:[A-Z][a-z'’]+|(?:al|el|Abu|Abou|bin|ibn)-?[A-Z]?[\w'’]*)"
_ROLE = (
    r"(?:commander|leader|official|general|chief|spokesman|cleric|sheikh|journalist|activist|doctor|colonel|"
    r"brigadier|officer|emir|founder|head|deputy|adviser|advisor|mayor|governor|judge|lawyer|poet|singer|"
    r"politician|secretary-general|president|mukhtar|imam)"
)
_NAMED_VICTIM_RE = re.compile(
    rf"\b(?:killed|killing|assassinated|assassinating|executed|executing)\s+"
    rf"(?P<name>(?:(?:[A-Z][\w'’-]*[ \t]+){{0,2}}{_ROLE}[ \t]+)?{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,3}})\b"
)
# "Hevrin Khalaf, secretary-general of the party, was killed": a named subject of a singular verb.
_NAMED_SUBJECT_RE = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,3}})(?:,[^,.;:]{{3,90}},)?"
    r"(?=\s+was\s+(?:(?:also|reportedly|later|allegedly)\s+)?(?:killed|shot\s+dead|assassinated|executed|murdered)\b)"
)
_PRONOUN_VICTIM_RE = re.compile(
    r"\b(?:killing|killed|wounding|wounded|injuring|injured|shooting\s+dead|shot\s+dead)\s+(?P<who>him|her)\b"
    r"(?!\s+and\b|\s+along\b)",
    re.IGNORECASE,
)
_NOT_A_NAME = _words(
    "The A An This That These It He She They We In On At But And After Before When While His Her Their "
    "Army Forces Council Front Brigade Brigades Observatory Ministry Party Regime Government State Group Agency"
)
_PERSON_AFTER_NAME_RE = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:soldiers|fighters|troops|civilians|people|members|militants|forces|residents|men|"
    r"women|children|officers|commanders|leaders|guards|rebels|gunmen|personnel)\b|['’]s\b"
)
_BREAKDOWN_RE = re.compile(r"[^.;:!?\d]{0,60}?:\s*")
# "three more" after a figure of its category in the same range; a claim quoting "three more victims" or
# "several of the wounded" anywhere in an incident: more on top of, or part of, a toll told (finish.py drops it
# beside a real figure)
_MORE = r"\s+more\b(?!\s+than)"
_MORE_AFTER = re.compile(_MORE, re.IGNORECASE)
INCREMENT_RE = re.compile(rf"\b\w+{_MORE}|\b\w+\s+of\s+the\s+(?:wounded|injured)\b", re.IGNORECASE)
_HOW_BEFORE_RE = re.compile(r"\bhow\s+$", re.IGNORECASE)
_LIST_GAP_RE = re.compile(r"\s*(?:,|and|,\s*and|as\s+well\s+as)\s*", re.IGNORECASE)
_HOW_MANY_RE = re.compile(r"\bhow\s+many\b", re.IGNORECASE)
_UNCLEAR_RE = re.compile(
    r"(?:\bit\s+(?:is|was|remains|remained)\s+(?:still\s+)?)?"
    r"\b(?:unclear|unknown|not\s+(?:yet\s+)?(?:known|clear)|uncertain|impossible\s+to\s+(?:know|say|determine|tell)|"
    r"could\s+not\s+(?:be\s+)?(?:determine|confirm|verif|establish|independently\s+verif)\w*|"
    r"no\s+(?:word|information|details)\s+(?:on|about|of)|did\s+not\s+(?:say|specify|give))\b",
    re.IGNORECASE,
)
_BARE_RE = re.compile(
    r"\b(?:(?P<killed>deaths|killings|fatalities)|(?P<injured>injuries)|"
    r"(?P<captured>kidnappings|abductions|arrests)|(?P<missing>disappearances))\b(?!\s+of\b)",
    re.IGNORECASE,
)
_BARE_STEMS = _words("death killings fatalit injuries kidnappings abductions arrests disappear")
_COORD_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:and|as\s+well\s+as|plus)\s+(?:(?:his|her|their)\s+)?|\s*,\s*")
_ZERO_RE = re.compile(
    r"\bno\s+(?:(?P<casualties>casualties)|(?P<killed>deaths|fatalities|lives\s+were\s+lost)|"
    r"(?P<injured>injuries))\b",
    re.IGNORECASE,
)
# Plural nouns that are never people, after "killed N"/"wounded N" (other unknown plurals are accepted there).
_NOBODY_RE = re.compile(r"\b(?:nobody|no-one)\b", re.IGNORECASE)
# "two were killed and another was wounded": a bare "another" before its verb is one more person
BARE_ANOTHER_RE = re.compile(
    r"\banother(?:\s+one)?(?=\s+(?:was|is|has\s+been|had\s+been|died|later\s+died)\b)", re.IGNORECASE
)


@dataclass(frozen=True)
class CountFinding:
    """One casualty figure found in the text."""

    category: CountCategory
    claim: CountClaim
    subject: str | None = None  # who is counted, as written: "civilians", "women and children"
    is_subtotal: bool = False  # part of a larger figure in the same clause: "including 111 civilians"


def _is_not_a_count(text: str, num: NumberMatch, start: int) -> bool:
    """Years, dates, ages: figures that never count people."""
    core = text[num.core_start : num.end]
    before = text[max(start, num.start - 12) : num.start]
    after = text[num.end : num.end + 20]
    if num.value is not None and core.isdigit() and len(core) == 4 and 1900 <= num.value <= 2100:
        return True
    if core.isdigit() and (_DATE_BEFORE_RE.search(before) or _DATE_AFTER_RE.match(after)):
        return True
    return bool(_AGE_BEFORE_RE.search(before) or _AGE_AFTER_RE.match(after))


# ----------------------------------------------------------------------------------------- claims


def _claim(
    text: str,
    bound: Bound,
    low: int | None,
    high: int | None,
    vague: str | None,
    resolver: Callable[[str], str | None] | None,
) -> CountClaim:
    span = Span.of(text, bound.start, bound.end)
    who = claimants.claimant_for(text, span.start, span.end, resolver)
    if who is None:
        return CountClaim(low, high, vague, None, span)
    return CountClaim(low, high, vague, who[0], span, who[1])


def _figure_values(text: str, num: NumberMatch) -> tuple[int | None, int | None, str | None]:
    vague = num.claim_vague
    if vague == "between":
        vague = None
    if num.value == 1 and _NO_BEFORE_RE.search(text, max(0, num.start - 4), num.start):
        return 0, None, None  # "no one was killed"
    return num.value_low, num.value_high, vague


def _singles(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[NumberMatch]:
    """ "a man", "an elderly woman", "another civilian": one person, as a figure of 1."""
    out: list[NumberMatch] = []
    for m in SINGULAR_RE.finditer(text, start, end):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(NumberMatch(m.start(), m.end(), 1, None, None, None, m.start(), 1))
    piece = text[start:end]
    if "obody" in piece or "o-one" in piece:
        for m in _NOBODY_RE.finditer(text, start, end):
            out.append(NumberMatch(m.start(), m.end(), 0, None, None, None, m.start(), 0))
    if "nother" in piece:
        for m in BARE_ANOTHER_RE.finditer(text, start, end):
            if not any(s <= m.start() < e for s, e in taken):
                out.append(NumberMatch(m.start(), m.end(), 1, None, None, None, m.start(), 1))
    if "kill" in piece or "assassin" in piece or "execut" in piece:
        for m in _NAMED_VICTIM_RE.finditer(text, start, end):
            after = text[m.end() : m.end() + 30]
            if not _PERSON_AFTER_NAME_RE.match(after) and not _NOT_A_NAME & set(m.group("name").split()):
                out.append(NumberMatch(m.start("name"), m.end(), 1, None, None, None, m.start("name"), 1))
    if " him" in piece or " her" in piece:
        # "opened fire on Ahmad al-Hariri, killing him instantly": one person, named before
        for m in _PRONOUN_VICTIM_RE.finditer(text, start, end):
            if not any(s <= m.start("who") < e for s, e in taken):
                out.append(NumberMatch(m.start("who"), m.end("who"), 1, None, None, None, m.start("who"), 1))
    if " was " in piece:
        for m in _NAMED_SUBJECT_RE.finditer(text, start, end):
            if not _NOT_A_NAME & set(m.group("name").split()):
                out.append(NumberMatch(m.start("name"), m.end(), 1, None, None, None, m.start("name"), 1))
    return out


def find_counts(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    claimant_resolver: Callable[[str], str | None] | None = None,
) -> list[CountFinding]:
    """Casualty figures in ``text[start:end]``, in text order. Claim spans lie inside the range; the
    claimant may be found anywhere in the figure's sentence (or the previous one)."""
    stop = len(text) if end is None else end
    findings: list[CountFinding] = []
    numbers = [n for n in find_numbers(text, start, stop) if not _is_not_a_count(text, n, start)]
    spans = [(n.start, n.end) for n in numbers]
    # "a man": the subject noun itself is the figure; only bound on the right ("a man was killed")
    # or on the left ("killed a civilian").
    singles = _singles(text, start, stop, spans)
    candidates = sorted([*numbers, *singles], key=lambda n: n.start)
    single_starts = {n.start for n in singles}
    used_until = start
    breakdown: tuple[int, int, CountCategory] | None = (
        None  # (from, to, category) of a "N killed: A, B and C"
    )
    i = 0
    while i < len(candidates):
        num = candidates[i]
        i += 1
        if num.start < used_until:
            inner = _inner_subtotal(text, num, findings, start, stop)
            if inner is not None:
                findings.append(inner)
            continue
        if num.vague == "many" and _HOW_BEFORE_RE.search(text, max(start, num.start - 5), num.start):
            continue  # "how many": handled as an unknown figure
        if breakdown is not None and breakdown[0] <= num.start < breakdown[1]:
            part = _breakdown_part(text, num, breakdown[2], findings, start, stop, num.start in single_starts)
            if part is not None:
                findings.append(part)
                used_until = part.claim.span.end
                continue
        group = _coordinated(text, candidates, i - 1, stop, single_starts)
        if group is not None:
            grouped = _bind_group(text, group, start, stop, claimant_resolver, single_starts)
            if grouped:
                findings.extend(grouped)
                used_until = max(f.claim.span.end for f in grouped)
                i += len(group) - 1
                continue
        bound = bind_left(text, num, start, stop) or bind_right(text, num, stop)
        subset = _SUBSET_BEFORE_RE.search(text, max(start, num.start - 40), num.start)
        if subset is None and _near_previous(num, findings):
            subset = _SUBSET_AFTER_RE.match(text, num.end, stop)
        continues = _continues_subset(text, num, findings)
        if continues and bound is not None and bound.category != findings[-1].category:
            continues = False  # "among them four civilians, and more than 15 were wounded": a new figure
        if bound is None and (subset is not None or continues):
            bound = _subset_bound(text, num, subset, findings, stop)
        if bound is None or _released(text, bound, num, start, stop):
            continue
        low, high, vague = _figure_values(text, num)
        no = _NO_BEFORE_RE.search(text, max(start, num.start - 4), num.start) if low == 0 else None
        if no is not None and bound.start == num.start:
            bound = dataclasses.replace(
                bound, start=no.start()
            )  # quote "no one was hurt", not "one was hurt"
        claim = _claim(text, bound, low, high, vague, claimant_resolver)
        is_subtotal = (
            continues
            or (subset is not None and (bool(subset.group("cat")) or _near_previous(num, findings)))
            # "the bodies of three more victims": an increment to a toll told before, not a rival figure
            or (
                any(f.category == bound.category for f in findings)
                and _MORE_AFTER.match(text, num.end) is not None
            )
        )
        findings.append(CountFinding(bound.category, claim, bound.subject, is_subtotal))
        used_until = bound.end
        colon = None if is_subtotal else _BREAKDOWN_RE.match(text, bound.end, stop)
        if colon is not None:  # "136 people had been killed since Thursday: 84 militants, 45 guards and ..."
            breakdown = (colon.end(), claimants.sentence_bounds(text, colon.end())[1], bound.category)
    findings.extend(_unknowns(text, start, stop, findings, claimant_resolver))
    findings.sort(key=lambda f: f.claim.span.start)
    return findings


def _breakdown_part(
    text: str,
    num: NumberMatch,
    category: CountCategory,
    findings: list[CountFinding],
    start: int,
    end: int,
    is_single: bool,
) -> CountFinding | None:
    """A part of a figure broken down after a colon: a subtotal, unless it carries its own category."""
    if bind_left(text, num, start, end) or bind_right(text, num, end):
        return None
    obj = (None, num.end) if is_single else object_after(text, num, end, lenient=True)
    if obj is None or not findings:
        return None
    whole = findings[-1]
    span = Span.of(text, num.start, max(obj[1], num.end))
    low, high, vague = _figure_values(text, num)
    claim = CountClaim(low, high, vague, whole.claim.claimant, span, whole.claim.claimant_span)
    return CountFinding(category, claim, obj[0], True)


def _released(text: str, bound: Bound, num: NumberMatch, start: int, end: int) -> bool:
    """Prisoners freed, exchanged or broken out are no captures: "freed about 50 prisoners", "thousands of
    detainees were freed", "taken hundreds of prisoners out of the prison"."""
    if bound.category != "captured":
        return False
    before = text[max(start, min(bound.start, num.start) - 40) : num.start]
    return bool(_RELEASE_BEFORE_RE.search(before) or _RELEASE_AFTER_RE.match(text, bound.end, end))


def _inner_subtotal(
    text: str, num: NumberMatch, findings: list[CountFinding], start: int, end: int
) -> CountFinding | None:
    """ "At least 58 people, including 11 children, were killed": the figure inside the aside."""
    if not findings or not findings[-1].claim.span.start <= num.start < findings[-1].claim.span.end:
        return None
    if not _SUBSET_BEFORE_RE.search(text, max(start, num.start - 40), num.start):
        return None
    obj = object_after(text, num, end)
    if obj is None:
        return None
    whole = findings[-1]
    span = Span.of(text, num.start, max(obj[1], num.end))
    low, high, vague = _figure_values(text, num)
    claim = CountClaim(low, high, vague, whole.claim.claimant, span, whole.claim.claimant_span)
    return CountFinding(whole.category, claim, obj[0], True)


_OF_NAME_RE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:al-|of\s+)?[A-Z][\w'’-]*){0,5}")


def _coordinated(
    text: str, candidates: list[NumberMatch], idx: int, end: int, single_starts: set[int]
) -> list[NumberMatch] | None:
    """ "six civilians and three fighters", "a woman and her two children": figures joined by "and"."""
    group = [candidates[idx]]
    links: list[bool] = []  # True where the link to the next figure is a bare comma
    j = idx
    if _SUBSET_BEFORE_RE.search(text, max(0, candidates[idx].start - 40), candidates[idx].start):
        return None  # "including three children and a woman": parts of a figure already counted
    while j + 1 < len(candidates):
        a, b = candidates[j], candidates[j + 1]
        if a.start in single_starts or NOUN_FIGURE_RE.search(text, a.start, a.end):
            head_end = a.end
        else:
            _s, head_end, has_head, _n = walk_subject(text, a.end, end)
            if not has_head or head_end == a.end:
                break
        named = _OF_NAME_RE.match(text, head_end, b.start)
        if named is not None:  # "a commander of the Syrian Democratic Forces and two of his bodyguards"
            head_end = named.end()
        gap = _COORD_GAP_RE.fullmatch(text, head_end, b.start)
        if gap is None or b.start >= end:
            break
        if b.start not in single_starts and not walk_subject(text, b.end, end)[2]:
            break
        if _SUBSET_AFTER_RE.match(text, a.end, end) or _SUBSET_AFTER_RE.match(text, b.end, end):
            return None  # "46 of them civilians and seven of them soldiers": parts of a figure
        group.append(b)
        links.append(gap.group(0).strip() == ",")
        j += 1
    while links and links[-1]:  # "20 people, 18 of them women": a list needs its closing "and"
        links.pop()
        group.pop()
    return group if len(group) > 1 else None


def _bind_group(
    text: str,
    group: list[NumberMatch],
    start: int,
    end: int,
    resolver: Callable[[str], str | None] | None,
    single_starts: set[int],
) -> list[CountFinding]:
    """One total and its parts for coordinated figures bound to one category (left verb or right verb)."""
    first, last = group[0], group[-1]
    left = bind_left(text, first, start, end)
    right = bind_right(text, last, end)
    if left is not None and right is not None and right.category != left.category:
        return []  # "killed 5 soldiers and 3 civilians were wounded": two separate figures
    bound = left or right
    if bound is None:
        return []
    last_end = last.end if last.start in single_starts else walk_subject(text, last.end, end)[1]
    stop = max(bound.end, right.end if right is not None else 0, last_end)
    whole = Bound(bound.category, min(bound.start, first.start), stop, None)
    parts: list[CountFinding] = []
    lows: list[int] = []
    for k, num in enumerate(group):
        limit = group[k + 1].start if k + 1 < len(group) else stop
        part_end = num.end if num.start in single_starts else walk_subject(text, num.end, limit)[1]
        low, high, vague = _figure_values(text, num)
        part_bound = Bound(bound.category, num.start, max(part_end, num.end), None)
        claim = _claim(text, part_bound, low, high, vague, resolver)
        subject = subject_text(text, num.end, part_end) if part_end > num.end else None
        parts.append(CountFinding(bound.category, claim, subject, True))
        if low is not None:
            lows.append(low)
    if len(lows) != len(group):
        return [dataclasses.replace(p, is_subtotal=False) for p in parts]
    vague = next((p.claim.vague for p in parts if p.claim.vague), None)
    total = CountFinding(bound.category, _claim(text, whole, sum(lows), None, vague, resolver), None, False)
    return [total, *parts]


def _near_previous(num: NumberMatch, findings: list[CountFinding]) -> bool:
    return bool(findings) and 0 <= num.start - findings[-1].claim.span.end <= 80


def _continues_subset(text: str, num: NumberMatch, findings: list[CountFinding]) -> bool:
    """ "including 43 children and 16 women": the second part of a list of subtotals."""
    if not findings or not findings[-1].is_subtotal:
        return False
    gap = text[findings[-1].claim.span.end : num.start]
    return _LIST_GAP_RE.fullmatch(gap) is not None


def _subset_bound(
    text: str, num: NumberMatch, subset: re.Match[str] | None, findings: list[CountFinding], end: int
) -> Bound | None:
    """ "including 111 civilians" after a count: the part inherits the category of the whole."""
    named = (subset.group("cat") or None) if subset is not None else None
    if named:
        category: CountCategory = _SUBSET_CATS[named.lower()]
    elif _near_previous(num, findings):
        category = findings[-1].category
    else:
        return None
    obj = object_after(text, num, end)
    if obj is None:
        return None
    subject, stop = obj
    return Bound(category, num.start, max(stop, num.end), subject)


def _unknowns(
    text: str,
    start: int,
    end: int,
    findings: list[CountFinding],
    resolver: Callable[[str], str | None] | None,
) -> list[CountFinding]:
    """ "It is unclear how many X were killed" and bare "kidnappings, injuries and deaths": vague "unknown"."""
    out: list[CountFinding] = []
    taken = [(f.claim.span.start, f.claim.span.end) for f in findings]
    lowered = text[start:end].lower()
    how_many = _HOW_MANY_RE.finditer(text, start, end) if "many" in lowered else iter(())
    for m in how_many:
        sent_start = claimants.sentence_bounds(text, m.start())[0]
        unclear = None
        for u in _UNCLEAR_RE.finditer(text, max(start, sent_start), m.start()):
            unclear = u
        if unclear is None:
            continue
        s_start, s_end, _, _ = walk_subject(text, m.end(), end)
        hit = verb_group_then_category(text, max(s_end, m.end()), end) or category_at(text, s_end, end)
        if hit is None:
            continue
        span_start = unclear.start() if m.start() - unclear.end() <= 3 else m.start()
        bound = Bound(hit[0], span_start, hit[1], subject_text(text, s_start, s_end))
        out.append(
            CountFinding(bound.category, _claim(text, bound, None, None, "unknown", resolver), bound.subject)
        )
        taken.append((span_start, hit[1]))
    out.extend(_zeros(text, start, end, taken, resolver))
    counted = {f.category for f in findings if f.claim.low is not None or f.claim.high is not None}
    if not any(stem in lowered for stem in _BARE_STEMS):
        return out
    for m in _BARE_RE.finditer(text, start, end):
        category = CATEGORY_OF[m.lastgroup or ""]
        if category in counted or any(s <= m.start() < e for s, e in taken):
            continue
        bound = Bound(category, m.start(), m.end(), None)
        out.append(CountFinding(category, _claim(text, bound, None, None, "unknown", resolver), None))
        counted.add(category)
    return out


def _zeros(
    text: str,
    start: int,
    end: int,
    taken: list[tuple[int, int]],
    resolver: Callable[[str], str | None] | None,
) -> list[CountFinding]:
    """ "no casualties" (killed 0 and injured 0), "no deaths", "no injuries"."""
    out: list[CountFinding] = []
    for m in _ZERO_RE.finditer(text, start, end):
        names = ("killed", "injured") if m.group("casualties") else (m.lastgroup or "killed",)
        for name in names:
            category = CATEGORY_OF[name]
            bound = Bound(category, m.start(), m.end(), None)
            out.append(CountFinding(category, _claim(text, bound, 0, None, None, resolver), None))
        taken.append((m.start(), m.end()))
    return out
