"""Numbers as news reports write them: digits, words, vague quantities, qualifiers and ranges.

Why a hand-written parser instead of ``number-parser`` (the library the notes tried): casualty extraction
needs the *character span* of every figure, its qualifier ("at least", "up to") and vague words ("dozens",
"scores", "tens of thousands"); number-parser rewrites a whole string ("at least eight" -> "at least 8")
without offsets and leaves "115.000", "dozens" and "up to 250" alone, so we would still need all of the rules
below plus an offset re-alignment step. English number words form a tiny closed grammar (units, tens,
hundred/thousand/million/billion, dozen), which one precompiled regex plus a 20-line evaluator covers exactly.

Semantics of a :class:`NumberMatch` (the extraction contract's count rules):

- ``value_low`` is the conservative figure the phrase supports: "at least eight" -> 8, "more than 800" -> 800,
  "about 25" -> 25, "a married couple" -> 2, "between 5 and 7" -> 5. It is ``None`` for "up to 250" and for
  vague words ("dozens", "hundreds", "an unknown number of").
- ``value_high`` is set only where the phrase gives an upper bound: "up to 250" -> 250, "between 5 and 7"
  -> 7.
- ``vague`` keeps a vague quantity word as written, lower-cased ("dozens", "tens of thousands", "unknown").
- ``qualifier`` keeps the qualifier as written, lower-cased ("at least", "more than", "about", "up to").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_MULTIPLIERS: dict[str, int] = {"dozen": 12}  # "two dozen" = 24, "a dozen" = 12
#: Words that are (part of) a figure: a subject walker stops at them ("four soldiers and two civilians").
NUMBER_WORDS = frozenset(
    [*_UNITS, *_TENS, *_SCALES, *_MULTIPLIERS, "dozens", "scores", "hundreds", "thousands"]
)

# Qualifiers, grouped by what they say about the figure. Longer phrases first so the regex prefers them.
_LOWER_BOUND = (
    "at least",
    "at the very least",
    "more than",
    "no fewer than",
    "no less than",
    "not less than",
    "a minimum of",
    "in excess of",
    "upwards of",
    "over",
)
_APPROXIMATE = (
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "close to",
    "some",
    "an estimated",
    "estimated",
    "just over",
    "just under",
    "an approximate",
)
_UPPER_BOUND = (
    "up to",
    "as many as",
    "at most",
    "no more than",
    "not more than",
    "fewer than",
    "less than",
)
QUALIFIER_KINDS: dict[str, str] = {
    **{q: "lower" for q in _LOWER_BOUND},
    **{q: "approximate" for q in _APPROXIMATE},
    **{q: "upper" for q in _UPPER_BOUND},
}

# Vague quantities: no figure, the word is kept. Longer phrases first.
_VAGUE_WORDS = (
    "hundreds of thousands",
    "tens of thousands",
    "several hundred thousand",
    "several dozen",
    "several hundred",
    "several thousand",
    "a few dozen",
    "a few hundred",
    "a few thousand",
    "a large number of",
    "a small number of",
    "a large number",
    "a small number",
    "large numbers of",
    "a number of",
    "a handful of",
    "a few",
    "dozens",
    "tens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "many",
    "several",
    "numerous",
    "countless",
)
# "an unknown number of" and friends: the report says the figure is not known.
_UNKNOWN_RE = (
    r"(?:an?\s+)?(?:unknown|undisclosed|unspecified|undetermined|unconfirmed|uncounted)\s+number\s+of"
)


def _alt(words: tuple[str, ...] | list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


_NUM_WORD = _alt([*_UNITS, *_TENS, *_SCALES, *_MULTIPLIERS])
# The first word is a unit or a ten, or "a"/"an" before a scale ("a hundred"): a bare "million" is not a
# number on its own ("$5 million" must not yield 1,000,000 once the "$5" is rejected).
_FIRST_WORD = rf"(?:{_alt([*_UNITS, *_TENS])}|an?\s+(?:hundred|thousand|million|billion|dozen))"
_WORD_SEQ = rf"{_FIRST_WORD}(?:(?:\s+|\s*-\s*)(?:and\s+)?(?:{_NUM_WORD})\b)*"
# 1,200 / 115.000 (European thousands separator: a dot followed by exactly three digits) / 25 / 2.5 million
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)|\d+(?:\.\d+)?"
_SCALE_WORD = r"(?:\s+|\s*-\s*)(?P<scale>hundred|thousand|million|billion|dozen)\b|(?P<abbr>m|bn)\b"
_SPECIAL = (
    r"(?P<half>half\s+a\s+(?:hundred|thousand|million|billion|dozen))"
    r"|(?P<couple>an?\s+(?:(?:married|young|elderly|old)\s+)?couple(?:\s+of)?|a\s+pair\s+of)"
    r"|(?P<twin>twin(?=\s+(?:brothers|sisters|boys|girls|children|babies|sons|daughters)\b))"
    r"|(?P<family>an?\s+family\s+of\s+(?P<family_n>" + _WORD_SEQ + r"|\d+))"
)


def _single(prefix: str = "", after_dash: bool = False) -> str:
    """One figure; group names carry ``prefix`` so a pattern can hold several figures."""
    behind = r"(?<![\w.,:/$€£])" if after_dash else r"(?<![\w.,:/$€£-])"
    pattern = (
        rf"(?P<special>{_SPECIAL})"
        rf"|(?P<digits>{behind}(?:{_DIGITS})(?:{_SCALE_WORD})?(?![\w/]|:\d|%|[.,]\d))"
        rf"|(?P<words>\b{_WORD_SEQ}\b)"
    )
    return pattern.replace("?P<", f"?P<{prefix}") if prefix else pattern


_SINGLE = _single()
_RANGE_SEP = r"\s*(?:-|–|—)\s*|\s+(?:to|or)\s+"

_NUMBER_RE = re.compile(
    rf"""
    (?:(?P<qual>\b(?:{_alt(list(QUALIFIER_KINDS))}))\s+)?
    (?:
        (?P<between>\bbetween\s+(?P<b_lo>{_single("b1_")})\s+and\s+
                                (?P<b_hi>{_single("b2_")}))
      | (?P<unknown>\b{_UNKNOWN_RE})
      | (?P<vague>\b(?:{_alt(_VAGUE_WORDS)})\b)
      | (?P<first>{_SINGLE})
        (?:(?P<rsep>{_RANGE_SEP})(?P<second>{_single("r2_", after_dash=True)}))?
    )
    (?P<post>\s+or\s+(?:more|so)\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class NumberMatch:
    """One figure in the text. ``text[start:end]`` covers qualifier and number ("at least eight")."""

    start: int
    end: int
    value_low: int | None
    value_high: int | None
    vague: str | None  # vague quantity word as written, lower-case: "dozens", "unknown"
    qualifier: str | None  # qualifier as written, lower-case: "at least", "up to", "about"
    core_start: int  # where the number itself begins (after the qualifier)
    value: int | None = None  # the figure as written ("up to 250" -> 250), None for vague words

    @property
    def claim_vague(self) -> str | None:
        """What a count claim keeps in its ``vague`` field: the vague word, else the qualifier."""
        return self.vague or self.qualifier


def _eval_words(tokens: list[str]) -> int | None:
    """Evaluate number words ("two hundred and fifty", "a dozen", "twenty-five"); None if not a number."""
    total = 0
    current = 0
    seen = False
    for tok in tokens:
        if tok in ("a", "an"):
            current = 1
        elif tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[tok]
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_WORD_TOKEN_RE = re.compile(r"[a-z]+")


def _tokens(s: str) -> list[str]:
    return [t for t in _WORD_TOKEN_RE.findall(s.lower()) if t != "and"]


def _digits_value(s: str, scale: str | None, abbr: str | None) -> int | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s) or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        base = float(s.replace(",", "").replace(".", ""))
    else:
        base = float(s)
    mult = 1
    if scale:
        mult = _SCALES.get(scale.lower()) or _MULTIPLIERS.get(scale.lower(), 1)
    elif abbr:
        if abbr.lower() == "m" and "." not in s:
            return None  # "500m from the border" is metres; "1.2m refugees" is millions
        mult = {"m": 1_000_000, "bn": 1_000_000_000}[abbr.lower()]
    value = base * mult
    if value != int(value):  # 2.5 km, 3.7 percent: not a count of people
        return None
    return int(value)


def _single_value(m: re.Match[str], prefix: str) -> int | None:
    """Value of one _SINGLE alternative whose groups carry ``prefix`` ("", "b1_", "b2_", "r2_")."""
    g = m.group
    if g(prefix + "special"):
        if g(prefix + "half"):
            scale = _tokens(g(prefix + "half"))[-1]
            return (_SCALES.get(scale) or _MULTIPLIERS[scale]) // 2
        if g(prefix + "couple") or g(prefix + "twin"):
            return 2
        fam = g(prefix + "family_n")
        return parse_number(fam) if fam else None
    if g(prefix + "digits"):
        raw = g(prefix + "digits")
        num = re.match(_DIGITS, raw)
        assert num is not None
        return _digits_value(num.group(0), g(prefix + "scale"), g(prefix + "abbr"))
    if g(prefix + "words"):
        return _eval_words(_tokens(g(prefix + "words")))
    return None


def parse_number(text: str) -> int | None:
    """Parse a whole string as one number: "eight", "115.000", "1,200", "two hundred and fifty", "a dozen",
    "half a million", "2.5 million", "a married couple". None for vague words and anything else."""
    s = text.strip()
    m = re.fullmatch(rf"(?:{_SINGLE})", s, re.IGNORECASE)
    if m is None or (m.group("words") and _valid_and_split(s, m) != len(s)):
        return None
    return _single_value(m, "")


def _valid_and_split(text: str, m: re.Match[str]) -> int:
    """End of the first word-number in a words match: "and" is only valid after a scale word
    ("two hundred and fifty"), so "five and six" stops after "five"."""
    start, end = m.span("words")
    prev = None
    for tok in re.finditer(r"[A-Za-z]+", text[start:end]):
        word = tok.group(0).lower()
        if word == "and" and prev not in ("hundred", "thousand", "million", "billion"):
            # end at the previous token
            return start + len(text[start : start + tok.start()].rstrip())
        prev = word
    return end


# First words a figure can start with: only there is the full pattern tried (a scan with the full pattern at
# every character costs ten times more).
_START_WORDS = frozenset(
    w.split()[0].lower()
    for w in [*QUALIFIER_KINDS, *_VAGUE_WORDS, *_UNITS, *_TENS, "a", "an", "half", "twin", "between",
              "unknown", "undisclosed", "unspecified", "undetermined", "unconfirmed", "uncounted"]
)  # fmt: skip
_CANDIDATE_RE = re.compile(r"[a-z]+|\d+")
_NEXT_WORD_RE = re.compile(r"\s+([a-z]+)")
# Common function words start a figure only before these words ("at least", "as many as", "a dozen").
_NEEDS_NEXT: dict[str, frozenset[str]] = {
    w: frozenset(nxt.split())
    for w, nxt in {
        "in": "excess",
        "as": "many",
        "not": "less more",
        "at": "least most the",
        "no": "fewer less more",
        "up": "to",
        "close": "to",
        "just": "over under",
        "upwards": "of",
        "large": "numbers",
        "a": "dozen couple married young elderly old pair family few number handful large small minimum hundred "
        "thousand million billion unknown undisclosed unspecified undetermined unconfirmed uncounted",
        "an": "elderly old estimated approximate unknown undisclosed unspecified undetermined unconfirmed uncounted",
    }.items()
}


def _lower_same_length(text: str) -> str:
    """``text.lower()`` with offsets kept: the few characters whose lower case is longer ("İ") stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
    """All figures in ``text[start:end]`` in order, with spans into ``text``."""
    stop = len(text) if end is None else end
    out: list[NumberMatch] = []
    pos = start
    # one lower() for the range instead of one per word; offsets in ``lowered`` are relative to ``start``
    lowered = _lower_same_length(text[start:stop])
    for cand in _CANDIDATE_RE.finditer(lowered):
        cand_start = start + cand.start()
        if cand_start < pos:
            continue
        low = cand.group(0)
        if not low[0].isdigit():
            if low not in _START_WORDS:
                continue
            needs = _NEEDS_NEXT.get(low)
            if needs is not None:
                nxt = _NEXT_WORD_RE.match(lowered, cand.end())
                if nxt is None or nxt.group(1) not in needs:
                    continue
        m = _NUMBER_RE.match(text, cand_start, stop)
        if m is None:
            continue
        match = _to_match(text, m)
        if match is None:
            pos = m.end()
            continue
        out.append(match)
        # resume after the figure actually used ("five and six" keeps "six" for the next round)
        pos = match.end
    return out


def _to_match(text: str, m: re.Match[str]) -> NumberMatch | None:
    qual = m.group("qual")
    qualifier = " ".join(qual.lower().split()) if qual else None
    if m.group("unknown"):
        return NumberMatch(m.start(), m.end("unknown"), None, None, "unknown", qualifier, m.start("unknown"))
    if m.group("vague"):
        word = " ".join(m.group("vague").lower().split())
        if qualifier and QUALIFIER_KINDS.get(qualifier) == "approximate" and word in ("many", "several"):
            qualifier = None  # "some many" is not a phrase; keep the word only
        return NumberMatch(m.start(), m.end("vague"), None, None, word, qualifier, m.start("vague"))
    if m.group("between"):
        lo = _single_value(m, "b1_")
        hi = _single_value(m, "b2_")
        if lo is None or hi is None:
            return None
        return NumberMatch(m.start(), m.end("between"), min(lo, hi), max(lo, hi), None, "between", m.start())
    value = _single_value(m, "")
    if value is None:
        return None
    first_end = m.end("first")
    if m.group("words"):
        first_end = _valid_and_split(text, m)
        value = _eval_words(_tokens(text[m.start("words") : first_end]))
        if value is None:
            return None
    if m.group("second") and first_end == m.end("first"):
        second = _single_value(m, "r2_")
        sep = (m.group("rsep") or "").strip().lower()
        # "5-7", "five to seven", "two or three": a range only when the second figure is larger
        if second is not None and second > value and not (sep == "-" and second > 10 * max(value, 1)):
            return NumberMatch(m.start(), m.end("second"), value, second, None, qualifier, m.start("first"))
    if m.group("second") or first_end != m.end("first"):
        end = first_end
    elif m.group("post"):
        end = m.end("post")
        qualifier = qualifier or ("or more" if "more" in m.group("post").lower() else "or so")
    else:
        end = first_end
    kind = QUALIFIER_KINDS.get(qualifier or "")
    if qualifier in ("or more",):
        kind = "lower"
    if kind == "upper":
        return NumberMatch(m.start(), end, None, value, None, qualifier, m.start("first"), value)
    return NumberMatch(m.start(), end, value, None, None, qualifier, m.start("first"), value)
