"""Casualty figures: which number counts whom (killed, injured, captured, missing, displaced), and who says so.

A figure becomes a count only when a category word is bound to it in one of three ways:

- the category follows the number and its subject: "65 children were killed", "25 more missing or captured",
  "115.000 displaced people", "tens of thousands of residents, ..., were fleeing";
- a category verb or noun phrase comes right before it: "killing at least eight worshippers", "the deaths of 105
  civilians", "the number of prisoners includes about 25 women", "the number of prisoners was in the hundreds";
- the report says the figure is unknown: "It is unclear how many civilians were killed" (vague "unknown").

The words between number and category may only be a subject built from person nouns and modifiers, so that
"200 military vehicles", "up to 250 mortars", "40 kilometers", "two attacks" and "dozens of communities" never
become counts; years, dates, ages and times are rejected outright. Subsets ("including 111 civilians") inherit
the category of the figure they belong to and are flagged ``is_subtotal``.

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
from incidentdb.extract.count_summary import VagueTable, load_vague_table, summarise
from incidentdb.extract.numbers import NUMBER_WORDS, NumberMatch, find_numbers
from incidentdb.extract.vocab import (
    CAT_RE,
    FILLER,
    FUNCTION_WORDS,
    LEFT_RE,
    LEFT_STEMS,
    MODIFIERS,
    PLACE_HEADS,
    SINGULAR_RE,
    is_person,
)
from incidentdb.records import COUNT_CATEGORIES, CountCategory, CountClaim, Span

__all__ = ["CountFinding", "VagueTable", "find_counts", "load_vague_table", "summarise"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN_RE = re.compile(
    r"[\s\"“”‘’]*(?:(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z'’]+)*)|(?P<punct>[^\sA-Za-z0-9])|(?P<num>\d))"
)
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
_CATEGORY_OF: dict[str, CountCategory] = {c: c for c in COUNT_CATEGORIES}
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
_AMBIGUOUS_RE = re.compile(r"\s+(?:or|and/or|and)\s+(?:wounded|injured|hurt|killed|dead)\b", re.IGNORECASE)
_ALSO_CAT_RE = re.compile(r"\s+(?:or|and)\s+", re.IGNORECASE)
_NOUN_FIGURE_RE = re.compile(r"(?:couple|pair\s+of|family\s+of\s+\S+|twin)$", re.IGNORECASE)
_PREPOSITIONS = _words("from of in at on near inside across among with belonging")
_CLAUSE_BREAKERS = _words("where when who which that after before as while because and but or said says")
# A verb group that is only an active category verb ("5 people in the village where soldiers killed") binds
# nothing after a skipped phrase; passive groups ("were killed") do.
_STARTS_WITH_CAT_VERB_RE = re.compile(
    r"\s+(?:killed|wounded|injured|captured|arrested|detained|abducted|kidnapped|displaced)\s+(?!by\b)\w",
    re.IGNORECASE,
)
_SUBSET_ASIDE_RE = re.compile(
    r"\s*(?:including|among\s+them|among\s+whom|of\s+whom|most\s+of\s+them|many\s+of\s+them|mostly)\b",
    re.IGNORECASE,
)
_COORD_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:and|as\s+well\s+as|plus)\s+(?:(?:his|her|their)\s+)?|\s*,\s*")
_ZERO_RE = re.compile(
    r"\bno\s+(?:(?P<casualties>casualties)|(?P<killed>deaths|fatalities|lives\s+were\s+lost)|"
    r"(?P<injured>injuries))\b",
    re.IGNORECASE,
)
# Plural nouns that are never people, after "killed N"/"wounded N" (other unknown plurals are accepted there).
_NOT_PEOPLE = _words(
    "hours days weeks months years minutes times km kilometers kilometres miles metres meters percent tons "
    "tonnes dollars pounds targets sites areas points positions bases roads bridges cars trucks buses vehicles "
    "tanks weapons rounds shells rockets missiles mortars checkpoints villages towns buildings houses homes"
)
_NOBODY_RE = re.compile(r"\b(?:nobody|no-one)\b", re.IGNORECASE)
_ASIDE_MAX = 160
_MAX_SUBJECT_TOKENS = 8


@dataclass(frozen=True)
class CountFinding:
    """One casualty figure found in the text."""

    category: CountCategory
    claim: CountClaim
    subject: str | None = None  # who is counted, as written: "civilians", "women and children"
    is_subtotal: bool = False  # part of a larger figure in the same clause: "including 111 civilians"


@dataclass(frozen=True)
class _Bound:
    """A category bound to a figure: where the category phrase is and who is counted."""

    category: CountCategory
    start: int  # start of the whole phrase (trigger or number)
    end: int  # end of the whole phrase
    subject: str | None


# --------------------------------------------------------------------------------------------- tokens


def _next_token(text: str, pos: int, end: int) -> re.Match[str] | None:
    return _TOKEN_RE.match(text, pos, end)


def _subject_text(text: str, start: int, end: int) -> str | None:
    words = text[start:end].split()
    while words and words[0].lower() in ("of", "the", "more", "other", "others", "additional", "further"):
        words = words[1:]
    while words and words[-1].lower() in ("of", "the", "and"):
        words = words[:-1]
    return " ".join(words) if words else None


def _category_at(text: str, pos: int, end: int) -> tuple[CountCategory, int] | None:
    """A category word at ``pos`` (after spaces): its category and where the phrase ends.
    "killed or wounded" is ambiguous and binds nothing; "missing or captured" counts as missing."""
    m = CAT_RE.match(text, pos, end)
    if m is None or m.lastgroup is None:
        return None
    category = _CATEGORY_OF[m.lastgroup]
    stop = m.end()
    if category in ("killed", "injured"):
        amb = _AMBIGUOUS_RE.match(text, stop, end)
        if amb is not None:
            other = amb.group(0).split()[-1].lower()
            if (other in ("wounded", "injured", "hurt")) != (category == "injured"):
                return None
    also = _ALSO_CAT_RE.match(text, stop, end)
    if also is not None:
        nxt = CAT_RE.match(text, also.end(), end)
        if nxt is not None:
            stop = nxt.end()
    return category, stop


def _aside_then_category(text: str, pos: int, end: int) -> tuple[CountCategory, int] | None:
    """After ``subject,`` skip an aside up to a comma that is followed by a verb group and a category:
    "tens of thousands of residents, especially members of X, were fleeing"."""
    limit = min(end, pos + _ASIDE_MAX)
    comma = pos
    while True:
        comma = text.find(",", comma + 1, limit)
        if comma < 0:
            return None
        aside = text[pos + 1 : comma]
        if any(ch in ".;:!?" for ch in aside):
            return None
        if any(ch.isdigit() for ch in aside) and not _SUBSET_ASIDE_RE.match(aside):
            return None
        hit = _verb_group_then_category(text, comma + 1, end, allow_relative=True)
        if hit is not None:
            return hit


def _verb_group_then_category(
    text: str, pos: int, end: int, *, allow_relative: bool = False
) -> tuple[CountCategory, int] | None:
    """``were seriously wounded``, ``was reported killed``, ``died``: filler words then a category."""
    i = pos
    for step in range(7):
        cat = _category_at(text, i, end)
        if cat is not None:
            return cat
        tok = _next_token(text, i, end)
        if tok is None or tok.group("word") is None:
            return None
        word = tok.group("word").lower()
        if word in FILLER or (allow_relative and step == 0 and word in ("who", "which", "that")):
            i = tok.end()
            continue
        return None
    return None


def _skip_place_phrase(text: str, pos: int, end: int) -> int:
    """Skip "from the Bani X tribe", "in Homs", "of the Y family" after a subject; return the new position."""
    tok = _next_token(text, pos, end)
    if (
        tok is None
        or tok.group("word") is None
        or tok.group("word").lower() not in ("from", "in", "of", "at")
    ):
        return pos
    i = tok.end()
    seen_name = False
    for _ in range(7):
        nxt = _next_token(text, i, end)
        if nxt is None or nxt.group("word") is None:
            break
        word = nxt.group("word")
        if word.lower() in ("the", "al", "el") or word[0].isupper():
            seen_name = seen_name or word[0].isupper()
            i = nxt.end()
            continue
        if word.lower() in PLACE_HEADS:
            return nxt.end()
        break
    return i if seen_name else pos


# ---------------------------------------------------------------------------------------- binding


def _walk_subject(text: str, pos: int, end: int) -> tuple[int, int, bool, int]:
    """Consume a counted subject after a figure ("Syrian soldiers", "of Homs residents", "more").
    Returns (subject_start, subject_end, has_head, next_position)."""
    i = pos
    subj_start = -1
    subj_end = pos
    has_head = False
    for _ in range(_MAX_SUBJECT_TOKENS):
        if CAT_RE.match(text, i, end) is not None:
            break
        tok = _next_token(text, i, end)
        if tok is None or tok.group("word") is None:
            break
        word = tok.group("word")
        low = word.lower()
        if (low in FILLER and low not in ("all", "both")) or low in NUMBER_WORDS:
            break
        person = is_person(low, word)
        if person or low in ("more", "other", "others", "additional", "further", "them", "whom"):
            has_head = True
        elif (
            low in ("of", "the", "and", "its", "their", "his", "her", "own")
            or low in MODIFIERS
            or word[0].isupper()
        ):
            pass
        else:
            nxt = _next_token(text, tok.end(), end)
            nxt_word = nxt.group("word") if nxt is not None else None
            if not (nxt_word and is_person(nxt_word.lower(), nxt_word)):
                break  # an unknown word not followed by a person noun ends the subject
        if subj_start < 0:
            subj_start = tok.start("word")
        i = tok.end()
        if person or low in ("more", "others", "them", "whom"):
            subj_end = i  # the subject ends on its last head word, never on "and"/"of"
    return (subj_start if subj_start >= 0 else pos), subj_end, has_head, i


def _bind_right(text: str, num: NumberMatch, end: int) -> _Bound | None:
    """Category after the figure: "65 children were killed", "25 more missing", "dozens of bodies"."""
    direct = _category_at(text, num.end, end)
    if direct is not None:
        category, stop = direct
        s_start, s_end, has_head, _ = _walk_subject(text, stop, end)
        subject = _subject_text(text, s_start, s_end) if has_head else None
        return _Bound(category, num.start, s_end if has_head else stop, subject)
    s_start, s_end, has_head, nxt = _walk_subject(text, num.end, end)
    if not has_head:
        # "dozens of bodies", "312 civilian deaths": only connectors and modifiers before the category
        cat = _category_at(text, nxt, end) if nxt > num.end else None
        if cat is None and _NOUN_FIGURE_RE.search(text, num.start, num.end):
            has_head, s_start, s_end = True, num.end, num.end  # "a married couple", "a family of five"
        elif cat is None:
            hit = _verb_group_then_category(text, num.end, end)
            return None if hit is None else _Bound(hit[0], num.start, hit[1], None)
        else:
            return _Bound(cat[0], num.start, cat[1], None)
    subject = _subject_text(text, s_start, s_end)
    after = min(nxt, s_end) if nxt > s_end else nxt
    direct = _category_at(text, after, end)
    if direct is not None:
        return _Bound(direct[0], num.start, direct[1], subject)
    hit = _verb_group_then_category(text, after, end) or _after_phrase(text, after, end)
    if hit is None and text.startswith(",", after):
        hit = _aside_then_category(text, after, end)
    if hit is None:
        return None
    return _Bound(hit[0], num.start, hit[1], subject)


def _after_phrase(text: str, pos: int, end: int) -> tuple[CountCategory, int] | None:
    """Skip a phrase after the subject, then a verb group and a category: "from the Bani X tribe was found
    murdered", "from the two sides were killed", "in the village were wounded"."""
    skipped = _skip_place_phrase(text, pos, end)
    if skipped > pos:
        hit = _verb_group_then_category(text, skipped, end)
        if hit is not None:
            return hit
    tok = _next_token(text, pos, end)
    if tok is None or tok.group("word") is None or tok.group("word").lower() not in _PREPOSITIONS:
        return None
    i = tok.end()
    for _ in range(5):
        tok = _next_token(text, i, end)
        if tok is None or tok.group("word") is None or tok.group("word").lower() in _CLAUSE_BREAKERS:
            return None
        i = tok.end()
        hit = _verb_group_then_category(text, i, end)
        if hit is not None and not _STARTS_WITH_CAT_VERB_RE.match(text, i, end):
            return hit
    return None


def _object_after(
    text: str, num: NumberMatch, end: int, *, lenient: bool = False
) -> tuple[str | None, int] | None:
    """The object after "killed N": a person subject, or nothing followed by a function word or punctuation.
    None when the figure counts things ("captured dozens of communities", "seized 3 tanks"). ``lenient``
    (after kill/wound verbs, whose objects are living beings) also accepts an unknown plural noun."""
    s_start, s_end, has_head, _ = _walk_subject(text, num.end, end)
    if has_head:
        return _subject_text(text, s_start, s_end), s_end
    tok = _next_token(text, num.end, end)
    if tok is None or tok.group("word") is None:
        return None, num.end
    word = tok.group("word").lower()
    if word in FUNCTION_WORDS or word in FILLER or CAT_RE.match(text, num.end, end):
        return None, num.end
    if lenient and word.endswith("s") and word not in _NOT_PEOPLE and tok.group("word").islower():
        return tok.group("word"), tok.end()
    return None


def _bind_left(text: str, num: NumberMatch, start: int, end: int) -> _Bound | None:
    """Category before the figure: "killing at least eight", "the deaths of 105", "toll rose to 30"."""
    window_start = max(start, num.start - 90)
    window = text[window_start : num.start].lower()
    if not any(stem in window for stem in LEFT_STEMS):
        return None
    m = LEFT_RE.search(text, window_start, num.start)
    if m is None or m.lastgroup is None:
        return None
    category = _CATEGORY_OF[m.lastgroup]
    obj = _object_after(text, num, end, lenient=category in ("killed", "injured"))
    if obj is None:
        return None
    subject, stop = obj
    return _Bound(category, m.start(m.lastgroup), max(stop, num.end), subject)


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
    bound: _Bound,
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
    for m in _NOBODY_RE.finditer(text, start, end):
        out.append(NumberMatch(m.start(), m.end(), 0, None, None, None, m.start(), 0))
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
        group = _coordinated(text, candidates, i - 1, stop, single_starts)
        if group is not None:
            grouped = _bind_group(text, group, start, stop, claimant_resolver)
            if grouped:
                findings.extend(grouped)
                used_until = max(f.claim.span.end for f in grouped)
                i += len(group) - 1
                continue
        bound = _bind_left(text, num, start, stop) or _bind_right(text, num, stop)
        subset = _SUBSET_BEFORE_RE.search(text, max(start, num.start - 40), num.start)
        continues = _continues_subset(text, num, findings)
        if bound is None and (subset is not None or continues):
            bound = _subset_bound(text, num, subset, findings, stop)
        if bound is None:
            continue
        low, high, vague = _figure_values(text, num)
        claim = _claim(text, bound, low, high, vague, claimant_resolver)
        is_subtotal = continues or (
            subset is not None and (subset.group("cat") is not None or _near_previous(num, findings))
        )
        findings.append(CountFinding(bound.category, claim, bound.subject, is_subtotal))
        used_until = bound.end
    findings.extend(_unknowns(text, start, stop, findings, claimant_resolver))
    findings.sort(key=lambda f: f.claim.span.start)
    return findings


def _inner_subtotal(
    text: str, num: NumberMatch, findings: list[CountFinding], start: int, end: int
) -> CountFinding | None:
    """ "At least 58 people, including 11 children, were killed": the figure inside the aside."""
    if not findings or not findings[-1].claim.span.start <= num.start < findings[-1].claim.span.end:
        return None
    if not _SUBSET_BEFORE_RE.search(text, max(start, num.start - 40), num.start):
        return None
    obj = _object_after(text, num, end)
    if obj is None:
        return None
    whole = findings[-1]
    span = Span.of(text, num.start, max(obj[1], num.end))
    low, high, vague = _figure_values(text, num)
    claim = CountClaim(low, high, vague, whole.claim.claimant, span, whole.claim.claimant_span)
    return CountFinding(whole.category, claim, obj[0], True)


def _coordinated(
    text: str, candidates: list[NumberMatch], idx: int, end: int, single_starts: set[int]
) -> list[NumberMatch] | None:
    """ "six civilians and three fighters", "a woman and her two children": figures joined by "and"."""
    group = [candidates[idx]]
    j = idx
    while j + 1 < len(candidates):
        a, b = candidates[j], candidates[j + 1]
        if a.start in single_starts:
            head_end = a.end
        else:
            _s, head_end, has_head, _n = _walk_subject(text, a.end, end)
            if not has_head or head_end == a.end:
                break
        gap = _COORD_GAP_RE.match(text, head_end, b.start)
        if gap is None or gap.end() != b.start or b.start >= end:
            break
        if b.start not in single_starts and not _walk_subject(text, b.end, end)[2]:
            break
        group.append(b)
        j += 1
    return group if len(group) > 1 else None


def _bind_group(
    text: str,
    group: list[NumberMatch],
    start: int,
    end: int,
    resolver: Callable[[str], str | None] | None,
) -> list[CountFinding]:
    """One total and its parts for coordinated figures bound to one category (left verb or right verb)."""
    first, last = group[0], group[-1]
    left = _bind_left(text, first, start, end)
    right = _bind_right(text, last, end)
    if left is not None and right is not None and right.category != left.category:
        return []  # "killed 5 soldiers and 3 civilians were wounded": two separate figures
    bound = left or right
    if bound is None:
        return []
    stop = max(bound.end, right.end if right is not None else 0)
    whole = _Bound(bound.category, min(bound.start, first.start), stop, None)
    parts: list[CountFinding] = []
    lows: list[int] = []
    for k, num in enumerate(group):
        part_end = group[k + 1].start if k + 1 < len(group) else stop
        part_end = _walk_subject(text, num.end, part_end)[1] if num.end < part_end else num.end
        low, high, vague = _figure_values(text, num)
        part_bound = _Bound(bound.category, num.start, max(part_end, num.end), None)
        claim = _claim(text, part_bound, low, high, vague, resolver)
        subject = _subject_text(text, num.end, part_end) if part_end > num.end else None
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
) -> _Bound | None:
    """ "including 111 civilians" after a count: the part inherits the category of the whole."""
    named = subset.group("cat") if subset is not None else None
    if named:
        category: CountCategory = _SUBSET_CATS[named.lower()]
    elif _near_previous(num, findings):
        category = findings[-1].category
    else:
        return None
    obj = _object_after(text, num, end)
    if obj is None:
        return None
    subject, stop = obj
    return _Bound(category, num.start, max(stop, num.end), subject)


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
        s_start, s_end, _, _ = _walk_subject(text, m.end(), end)
        hit = _verb_group_then_category(text, max(s_end, m.end()), end) or _category_at(text, s_end, end)
        if hit is None:
            continue
        span_start = unclear.start() if m.start() - unclear.end() <= 3 else m.start()
        bound = _Bound(hit[0], span_start, hit[1], _subject_text(text, s_start, s_end))
        out.append(
            CountFinding(bound.category, _claim(text, bound, None, None, "unknown", resolver), bound.subject)
        )
        taken.append((span_start, hit[1]))
    out.extend(_zeros(text, start, end, taken, resolver))
    counted = {f.category for f in findings if f.claim.low is not None or f.claim.high is not None}
    if not any(stem in lowered for stem in _BARE_STEMS):
        return out
    for m in _BARE_RE.finditer(text, start, end):
        category = _CATEGORY_OF[m.lastgroup or ""]
        if category in counted or any(s <= m.start() < e for s, e in taken):
            continue
        bound = _Bound(category, m.start(), m.end(), None)
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
            category = _CATEGORY_OF[name]
            bound = _Bound(category, m.start(), m.end(), None)
            out.append(CountFinding(category, _claim(text, bound, 0, None, None, resolver), None))
        taken.append((m.start(), m.end()))
    return out
