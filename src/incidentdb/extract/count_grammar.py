"""The grammar that binds a figure to a casualty category (used by :mod:`incidentdb.extract.counts`).

Right of the figure: an optional subject made of person nouns and modifiers ("Syrian soldiers", "of Homs
residents"), an optional place phrase or comma aside, a verb group ("were seriously", "was found") and a
category word ("killed", "missing"). Left of the figure: a category verb or noun phrase ("killing", "the deaths
of", "the number of prisoners was in the"), with an object that counts people, not things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidentdb.extract.numbers import NUMBER_WORDS, NumberMatch
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
from incidentdb.records import COUNT_CATEGORIES, CountCategory


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CATEGORY_OF: dict[str, CountCategory] = {c: c for c in COUNT_CATEGORIES}

_TOKEN_RE = re.compile(
    r"[\s\"“”‘’]*(?:(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z'’]+)*)|(?P<punct>[^\sA-Za-z0-9])|(?P<num>\d))"
)
_AMBIGUOUS_RE = re.compile(r"\s+(?:or|and/or|and)\s+(?:wounded|injured|hurt|killed|dead)\b", re.IGNORECASE)
_ALSO_CAT_RE = re.compile(r"\s+(?:or|and)\s+", re.IGNORECASE)
NOUN_FIGURE_RE = re.compile(r"(?:couple|pair\s+of|family\s+of\s+\S+|twin)$", re.IGNORECASE)
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
_NOT_PEOPLE = _words(
    "hours days weeks months years minutes times km kilometers kilometres miles metres meters percent tons "
    "tonnes dollars pounds targets sites areas points positions bases roads bridges cars trucks buses vehicles "
    "tanks weapons rounds shells rockets missiles mortars checkpoints villages towns buildings houses homes"
)
_OF_THE_RE = re.compile(r"\s+of\s+(?:the|their|its)\b", re.IGNORECASE)
_AUX_RE = re.compile(r"\s+(?:were|was|are|is|have|has|had)\b", re.IGNORECASE)
_AMONG_RE = re.compile(
    r"[\s\"“”‘’]*among\s+the\s+(?:(?P<killed>dead|killed|victims|fatalities)|(?P<injured>wounded|injured)|"
    r"(?P<missing>missing)|(?P<captured>detainees|prisoners|hostages|captured|arrested))\b",
    re.IGNORECASE,
)
_OF_ONE_FAMILY_RE = re.compile(r"(?:one|a|the same)\s+(?:family|household|clan|tribe)\b", re.IGNORECASE)
_PARTITIVE_RE = re.compile(r"\s+of\s+(?:the|those|them)\b", re.IGNORECASE)
_QUOTES_AND_SPACE = ' \t\n"“”‘’'
_ASIDE_MAX = 160
_MAX_SUBJECT_TOKENS = 8


@dataclass(frozen=True)
class Bound:
    """A category bound to a figure: where the category phrase is and who is counted."""

    category: CountCategory
    start: int  # start of the whole phrase (trigger or number)
    end: int  # end of the whole phrase
    subject: str | None


# --------------------------------------------------------------------------------------------- tokens


def next_token(text: str, pos: int, end: int) -> re.Match[str] | None:
    return _TOKEN_RE.match(text, pos, end)


def subject_text(text: str, start: int, end: int) -> str | None:
    words = text[start:end].split()
    while words and words[0].lower() in ("of", "the", "more", "other", "others", "additional", "further"):
        words = words[1:]
    while words and words[-1].lower() in ("of", "the", "and"):
        words = words[:-1]
    return " ".join(words) if words else None


def category_at(text: str, pos: int, end: int) -> tuple[CountCategory, int] | None:
    """A category word at ``pos`` (after spaces): its category and where the phrase ends.
    "killed or wounded" is ambiguous and binds nothing; "missing or captured" counts as missing."""
    m = CAT_RE.match(text, pos, end)
    if m is None or m.lastgroup is None:
        return None
    category = CATEGORY_OF[m.lastgroup]
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
        hit = verb_group_then_category(text, comma + 1, end, allow_relative=True)
        if hit is not None:
            return hit


def verb_group_then_category(
    text: str, pos: int, end: int, *, allow_relative: bool = False
) -> tuple[CountCategory, int] | None:
    """``were seriously wounded``, ``was reported killed``, ``died``: filler words then a category."""
    i = pos
    for step in range(7):
        cat = category_at(text, i, end)
        if cat is not None:
            return cat
        tok = next_token(text, i, end)
        if tok is None or tok.group("word") is None:
            return None
        word = tok.group("word").lower()
        if word in FILLER or (allow_relative and step == 0 and word in ("who", "which", "that")):
            i = tok.end()
            continue
        among = _AMONG_RE.match(text, tok.start(), end) if word == "among" else None
        if among is not None:  # "a child was among the dead"
            return CATEGORY_OF[among.lastgroup or "killed"], among.end()
        return None
    return None


def _skip_place_phrase(text: str, pos: int, end: int) -> int:
    """Skip "from the Bani X tribe", "in Homs", "of the Y family" after a subject; return the new position."""
    tok = next_token(text, pos, end)
    if (
        tok is None
        or tok.group("word") is None
        or tok.group("word").lower() not in ("from", "in", "of", "at")
    ):
        return pos
    i = tok.end()
    seen_name = False
    for _ in range(7):
        nxt = next_token(text, i, end)
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


def walk_subject(text: str, pos: int, end: int) -> tuple[int, int, bool, int]:
    """Consume a counted subject after a figure ("Syrian soldiers", "of Homs residents", "more").
    Returns (subject_start, subject_end, has_head, next_position)."""
    i = pos
    subj_start = -1
    subj_end = pos
    has_head = False
    for _ in range(_MAX_SUBJECT_TOKENS):
        if CAT_RE.match(text, i, end) is not None:
            break
        tok = next_token(text, i, end)
        if tok is None or tok.group("word") is None:
            break
        word = tok.group("word")
        low = word.lower()
        if low in ("one", "a", "the") and _OF_ONE_FAMILY_RE.match(text, tok.start("word"), end):
            pass  # "five members of one family": the family is part of the subject, not a second figure
        elif (word.islower() and low in FILLER and low not in ("all", "both")) or low in NUMBER_WORDS:
            break  # ("IS militants": the capitalised group name is no verb)
        if low in ("a", "an", "another") and not _OF_ONE_FAMILY_RE.match(text, tok.start("word"), end):
            break  # "two Syrians and a Lebanese": the article starts the next figure
        person = is_person(low, word)
        if person or low in ("more", "other", "others", "additional", "further", "them", "whom"):
            has_head = True
        elif (
            low in ("of", "the", "those", "and", "its", "their", "his", "her", "own")
            or low in MODIFIERS
            or word[0].isupper()
        ):
            pass
        else:
            nxt = next_token(text, tok.end(), end)
            nxt_word = nxt.group("word") if nxt is not None else None
            if not (nxt_word and is_person(nxt_word.lower(), nxt_word)):
                break  # an unknown word not followed by a person noun ends the subject
        if subj_start < 0:
            subj_start = tok.start("word")
        i = tok.end()
        if person or low in ("more", "others", "them", "whom"):
            subj_end = i  # the subject ends on its last head word, never on "and"/"of"
    return (subj_start if subj_start >= 0 else pos), subj_end, has_head, i


def bind_right(text: str, num: NumberMatch, end: int) -> Bound | None:
    """Category after the figure: "65 children were killed", "25 more missing", "dozens of bodies"."""
    direct = category_at(text, num.end, end)
    if direct is not None:
        category, stop = direct
        s_start, s_end, has_head, _ = walk_subject(text, stop, end)
        subject = subject_text(text, s_start, s_end) if has_head else None
        return Bound(category, num.start, s_end if has_head else stop, subject)
    s_start, s_end, has_head, nxt = walk_subject(text, num.end, end)
    if not has_head:
        # "dozens of bodies", "312 civilian deaths": only connectors and modifiers before the category
        cat = category_at(text, nxt, end) if nxt > num.end else None
        if cat is None and NOUN_FIGURE_RE.search(text, num.start, num.end):
            has_head, s_start, s_end = True, num.end, num.end  # "a married couple", "a family of five"
        elif cat is None:
            hit = verb_group_then_category(text, num.end, end)
            if hit is None:
                return _bind_unknown_subject(text, num, end)
            return Bound(hit[0], num.start, hit[1], None)
        else:
            later = (
                verb_group_then_category(text, cat[1], end)
                if _PARTITIVE_RE.match(text, num.end, end)
                else None
            )
            if later is not None:  # "two of the wounded later died": the verb decides
                return Bound(later[0], num.start, later[1], None)
            return Bound(cat[0], num.start, cat[1], None)
    subject = subject_text(text, s_start, s_end)
    after = min(nxt, s_end) if nxt > s_end else nxt
    direct = category_at(text, after, end)
    if direct is not None:
        return Bound(direct[0], num.start, direct[1], subject)
    hit = verb_group_then_category(text, after, end) or _after_phrase(text, after, end)
    if hit is None and text.startswith(",", after):
        hit = _aside_then_category(text, after, end)
    if hit is None:
        return None
    return Bound(hit[0], num.start, hit[1], subject)


def _bind_unknown_subject(text: str, num: NumberMatch, end: int) -> Bound | None:
    """ "Several of the hunters were still missing": an unknown plural subject binds only through an
    auxiliary ("were", "have been"), never straight to a verb ("two attacks killed")."""
    of = _OF_THE_RE.match(text, num.end, end)
    start = of.end() if of else num.end
    noun_end = unknown_plural(text, start, end)
    if noun_end is None or not _AUX_RE.match(text, noun_end, end):
        return None
    hit = verb_group_then_category(text, noun_end, end)
    if hit is None:
        return None
    return Bound(hit[0], num.start, hit[1], subject_text(text, start, noun_end))


def _after_phrase(text: str, pos: int, end: int) -> tuple[CountCategory, int] | None:
    """Skip a phrase after the subject, then a verb group and a category: "from the Bani X tribe was found
    murdered", "from the two sides were killed", "in the village were wounded"."""
    skipped = _skip_place_phrase(text, pos, end)
    if skipped > pos:
        hit = verb_group_then_category(text, skipped, end)
        if hit is not None:
            return hit
    tok = next_token(text, pos, end)
    if tok is None or tok.group("word") is None or tok.group("word").lower() not in _PREPOSITIONS:
        return None
    i = tok.end()
    for _ in range(5):
        tok = next_token(text, i, end)
        if tok is None or tok.group("word") is None or tok.group("word").lower() in _CLAUSE_BREAKERS:
            return None
        i = tok.end()
        hit = verb_group_then_category(text, i, end)
        if hit is not None and not _STARTS_WITH_CAT_VERB_RE.match(text, i, end):
            return hit
    return None


def object_after(
    text: str, num: NumberMatch, end: int, *, lenient: bool = False
) -> tuple[str | None, int] | None:
    """The object after "killed N": a person subject, or nothing followed by a function word or punctuation.
    None when the figure counts things ("captured dozens of communities", "seized 3 tanks"). ``lenient``
    (after kill/wound verbs, whose objects are living beings) also accepts an unknown plural noun."""
    if SINGULAR_RE.fullmatch(text, num.start, num.end) or text[num.start : num.end].lower() in ("him", "her"):
        # "shot dead a commander of a rebel faction": the figure is the person; what follows describes him
        return text[num.start : num.end], num.end
    s_start, s_end, has_head, nxt = walk_subject(text, num.end, end)
    if has_head:
        return subject_text(text, s_start, s_end), s_end
    noun = CAT_RE.match(text, nxt, end) if nxt > num.end else None
    if noun is not None and is_person(noun.group(0).strip(_QUOTES_AND_SPACE).lower()):
        return subject_text(text, s_start, noun.end()), noun.end()  # "hundreds of escaped prisoners"
    tok = next_token(text, num.end, end)
    if tok is None or tok.group("word") is None:
        return None, num.end
    word = tok.group("word").lower()
    if word in FUNCTION_WORDS or word in FILLER or CAT_RE.match(text, num.end, end):
        return None, num.end
    if lenient:
        noun_end = unknown_plural(text, num.end, end)
        if noun_end is not None:
            return text[tok.start("word") : noun_end], noun_end
    return None


def unknown_plural(text: str, pos: int, end: int) -> int | None:
    """End of a lower-case noun phrase ending in a plural that is not a thing ("truffle hunters",
    "wedding guests"), up to three words; None otherwise."""
    i = pos
    for _ in range(3):
        tok = next_token(text, i, end)
        if tok is None or tok.group("word") is None:
            return None
        word = tok.group("word")
        low = word.lower()
        if not word.islower() or low in FUNCTION_WORDS or low in FILLER or low in NUMBER_WORDS:
            return None
        if low in _NOT_PEOPLE:
            return None
        i = tok.end()
        if low.endswith("s") and not low.endswith("ss"):
            return i
    return None


def bind_left(text: str, num: NumberMatch, start: int, end: int) -> Bound | None:
    """Category before the figure: "killing at least eight", "the deaths of 105", "toll rose to 30"."""
    window_start = max(start, num.start - 120)
    window = text[window_start : num.start].lower()
    if not any(stem in window for stem in LEFT_STEMS):
        return None
    m = LEFT_RE.search(text, window_start, num.start)
    if m is None or m.lastgroup is None:
        return None
    category = CATEGORY_OF[m.lastgroup]
    obj = object_after(text, num, end, lenient=category in ("killed", "injured"))
    if obj is None:
        return None
    subject, stop = obj
    return Bound(category, m.start(m.lastgroup), max(stop, num.end), subject)
