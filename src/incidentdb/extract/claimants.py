"""Who states a figure: "according to X", "X said/reported/documented", "..., X noted", "said X".

Used by :mod:`incidentdb.extract.counts`. The surface name is returned as written (leading "the" and
"Britain-based"-style epithets dropped); a caller-supplied resolver maps it to a canonical actor. Generic
references ("the NGO", "the monitor", "the Observatory") resolve to the last named organisation before them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from incidentdb.records import Span

_REPORT_VERB_RE = re.compile(
    r"\b(?:said|says|say|reported|reports|report|documented|documents|claimed|claims|claim|told|tells|"
    r"announced|announces|stated|states|noted|notes|estimated|estimates|confirmed|confirms|counted|recorded|"
    r"records|added|speaks\s+of|spoke\s+of|believe|believes|"
    r"put\s+(?:the|their|its|his|her)\s+(?:[\w'’-]+\s+){0,3}?(?:toll|number|figure|losses|count)|"
    r"gave\s+(?:a|an|the|their|its)\s+(?:[\w'’-]+\s+){0,2}?(?:toll|figure|number|count))\b",
    re.IGNORECASE,
)
_ACCORDING_RE = re.compile(r"\b(?:according\s+to|citing|as\s+reported\s+by|reported\s+by)\s+", re.IGNORECASE)
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|is|are|been|be|being|it\s+is|it\s+was)\s+$", re.IGNORECASE)
_NP_AFTER_RE = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?:(?:statement|report|tally|toll|count|figures|data|estimates?|sources?|"
    r"footage|video|account)\s+(?:from|by|of|released\s+by)\s+(?:the\s+)?)?(?:the\s+)?"
    r"(?P<np>[^,.;:()\"“”\n]{1,90}?)"
    r"(?=\s*(?:[,.;:()\"“”\n]|$)|\s+(?:who|which|that|in|on|at|as|after|before|while|because|with|to|said|says|"
    r"reported|and\s+(?:the|a|an)|but|from|of\s+the\s+(?!\w+\s+(?:for|of)\b)[a-z])\b)",
    re.IGNORECASE,
)
_TRAILING_ADVERBS_RE = re.compile(
    r"(?:,?\s+(?:later|also|earlier|previously|had|has|have|already|then|recently|separately|initially|further|"
    r"reportedly|yesterday|today|on\s+\w+day|on\s+the\s+ground|in\s+a\s+statement|"
    r"in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)|,\s*(?:who|which))+\s*$"
)
_RELATIVE_RE = re.compile(r",\s*(?:which|who)\b[^,.;:]{1,100},\s*(?:(?:later|also|had|has|have)\s+)?$")
_TRAILING_PAREN_RE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_NAME_WORD = r"(?:[A-Z][\w'’-]*|al-[A-Z][\w'’-]*)"
_APPOSITION_RE = re.compile(rf",\s*(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}),\s*$")
_NAME_PARTICLE_RE = re.compile(r"(?:al|el|ad|ar|as|an|at|az|ash)-[A-Z]")
_PRONOUN_SUBJECT_RE = re.compile(r"(?:^\s*|[.,;]\s*|\b(?:and|but)\s+)\b(?:It|it|They|they)\s+(?:also\s+)?$")
_EPITHET_RE = re.compile(
    r"^(?:(?:[\w'’]+-based|Britain's|London's|UK's|(?:[\w'’]+-(?:run|led|backed|affiliated|aligned))(?=\s+[A-Z]))\s+)+"
)
_OWN_COUNT_RE = re.compile(r"['’]s\s+(?:own\s+)?(?:count|tally|figures|data|toll|estimates?|records)$")
_TOKEN_RE = re.compile(r"[A-Za-z][\w'’.-]*|\d+|[^\sA-Za-z\d]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PRONOUNS = _words(
    """he she they it we i you him her them us me this that these those there who which what one"""
)
_STOP_CAPS = _words(
    """But And Meanwhile However Also Yet So Then Now Earlier Later Today Yesterday On In At As After Before
    While Since When Where If Although Though Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December It He She They We
    Its His Her Their Our This That These Those"""
)
_HEAD_NOUNS = _words(
    """activists activist residents resident witnesses witness eyewitnesses eyewitness medics doctors
    officials official sources source loyalists monitors monitor ngo group ministry media members leaders
    leader spokesman spokesperson spokeswoman authorities army police military government regime opposition
    rebels fighters observatory council agency network committee organisation organization watchdog hospital
    hospitals rescuers commander commanders locals accounts television tv coalition workers volunteers
    teams team staff pages channels websites outlets directorate governor minister spokesmen officer officers
    channel press desk centre center department authority administration office doctor nurses paramedics
    defence defense governorate volunteer worker medic helmets service relatives families villagers survivors
    neighbours neighbors"""
)
_HEAD_MODS = _words(
    """local medical state revolution revolutionary opposition regime government military security hospital
    rescue human rights civil defence defense pro-government pro-regime eyewitness health interior senior
    rebel army activist news official monitoring documentation humanitarian relief aid city provincial"""
)
_ANAPHORS = _words(
    """ngo monitor watchdog group organisation organization observatory council ministry agency network body
    committee"""
)


@dataclass(frozen=True)
class _Candidate:
    name: str
    start: int  # span of the name
    end: int
    anchor: int  # position of the verb or "according to"
    kind: str  # according | before (X said) | after (said X)


_PUNCT_RE = re.compile(r"[.!?]|\n")
_ABBREVIATIONS = ("Mr", "Dr", "St", "Mrs", "Gen", "Col", "Lt", "Sgt", "No")


@lru_cache(maxsize=16)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Sentence boundaries of a whole text, computed once per text: (ends, next starts).
    A sentence ends at a newline, or at . ! ? (plus closing quotes) followed by space and a capital or
    digit, unless the dot closes an initial ("U.S.") or a title ("Dr.")."""
    ends: list[int] = []
    starts: list[int] = []
    n = len(text)
    for m in _PUNCT_RE.finditer(text):
        i = m.start()
        if text[i] == "\n":
            ends.append(i)
            starts.append(i + 1)
            continue
        j = i + 1
        while j < n and text[j] in '"”’)':
            j += 1
        k = j
        while k < n and text[k] in " \t":
            k += 1
        if k == j or k >= n:
            continue
        nxt = text[k + 1] if text[k] in '"“‘(' and k + 1 < n else text[k]
        if not (nxt.isupper() or nxt.isdigit()):
            continue
        if text[i] == ".":
            word = text[max(0, i - 4) : i].split()[-1:] or [""]
            if word[0] in _ABBREVIATIONS or (len(word[0]) == 1 and word[0].isupper()):
                continue
            if i >= 2 and text[i - 2] == "." and text[i - 1].isupper():
                continue
        ends.append(i + 1)
        starts.append(k)
    return ends, starts


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: (start, end) offsets into ``text``."""
    ends, starts = _sentence_ends(text)
    i = bisect.bisect_right(starts, pos)
    start = starts[i - 1] if i > 0 else 0
    j = bisect.bisect_right(ends, pos)
    end = ends[j] if j < len(ends) else len(text)
    return start, max(end, pos)


def _clean(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = _OWN_COUNT_RE.sub("", _EPITHET_RE.sub("", name))
    return re.sub(r"^(?:the|The)\s+", "", name).strip()


def _np_after(text: str, pos: int, end: int) -> tuple[int, int] | None:
    m = _NP_AFTER_RE.match(text, pos, end)
    if m is None:
        return None
    s, e = m.span("np")
    raw = text[s:e]
    cleaned = _clean(raw)
    if not cleaned or cleaned.lower() in _PRONOUNS or len(cleaned.split()) > 8:
        return None
    s += raw.find(cleaned)
    return s, s + len(cleaned)


def _is_name(word: str) -> bool:
    """A capitalised word that can be part of a name ("Observatory", "al-Ghabbash"), not "But" or "He"."""
    return (word[0].isupper() and word not in _STOP_CAPS) or _NAME_PARTICLE_RE.match(word) is not None


def _np_before(text: str, sent_start: int, verb_start: int) -> tuple[int, int] | None:
    seg_end = verb_start
    relative = _RELATIVE_RE.search(text, max(sent_start, verb_start - 120), verb_start)
    if relative is not None:  # "The council, which has a documentation team, claimed"
        seg_end = relative.start()
    trail = _TRAILING_ADVERBS_RE.search(text, sent_start, seg_end)
    if trail is not None:
        seg_end = trail.start()
    paren = _TRAILING_PAREN_RE.search(text, sent_start, seg_end)
    if paren is not None:  # "the Syrian civil defence (White Helmets) said"
        seg_end = paren.start()
    apposition = _APPOSITION_RE.search(text, sent_start, seg_end)
    if apposition is not None:  # "The governor of Homs, Talal Barazi, gave"
        return apposition.span("name")
    tokens = list(_TOKEN_RE.finditer(text, sent_start, seg_end))
    first = len(tokens)
    for idx in range(len(tokens) - 1, -1, -1):
        word = tokens[idx].group(0)
        low = word.lower()
        right = tokens[idx + 1].group(0) if idx + 1 < len(tokens) else ""  # the word accepted last
        if idx == len(tokens) - 1:
            ok = _is_name(word) or low in _HEAD_NOUNS
            if not ok and low.endswith("s") and idx > 0:  # "pro-government pages", "opposition channels"
                before = tokens[idx - 1].group(0)
                ok = before.lower() in _HEAD_MODS or (before[0].isupper() and before not in _STOP_CAPS)
        elif low == "the":
            first = idx
            break
        elif low in ("of", "for", "on", "and") and right[:1].isupper():
            ok = True
        else:
            ok = _is_name(word) or low in _HEAD_MODS or low in _HEAD_NOUNS
            if not ok and word.isdigit() and idx > 0:  # "Sweida 24", "Channel 4"
                ok = _is_name(tokens[idx - 1].group(0))
            if not ok and idx > 0 and word.islower() and low not in _PRONOUNS:
                ok = _is_name(tokens[idx - 1].group(0))  # "UN refugee agency", "SDF press office"
        if not ok:
            break
        first = idx
    if first >= len(tokens):
        return None
    words = [t.group(0) for t in tokens[first:]]
    while words and words[0].lower() in ("the", "of", "for", "on", "and"):
        first += 1
        words = words[1:]
    if not words or " ".join(words).lower() in _PRONOUNS:
        return None
    if not any(w[0].isupper() or w.lower() in _HEAD_NOUNS for w in words):
        return None
    return tokens[first].start(), tokens[-1].end()


@lru_cache(maxsize=512)
def _sentence_candidates(text: str, start: int, end: int) -> tuple[_Candidate, ...]:
    out: list[_Candidate] = []
    for m in _ACCORDING_RE.finditer(text, start, end):
        np = _np_after(text, m.end(), end)
        if np is not None:
            out.append(_Candidate(_clean(text[np[0] : np[1]]), np[0], np[1], m.start(), "according"))
    for m in _REPORT_VERB_RE.finditer(text, start, end):
        if _PASSIVE_BEFORE_RE.search(text, max(start, m.start() - 12), m.start()):
            continue
        np = _np_before(text, start, m.start())
        kind = "before"
        if np is None and _PRONOUN_SUBJECT_RE.search(text[max(start, m.start() - 12) : m.start()]):
            prior = _previous_claimant(text, start)  # "... the Observatory said. It said ..."
            if prior is not None:
                out.append(_Candidate(prior.name, prior.start, prior.end, m.start(), "before"))
            continue
        if np is None:
            before = text[start : m.start()].rstrip()
            if not before.endswith((",", '"', "”")):
                continue
            np = _np_after(text, m.end(), end)
            kind = "after"
        if np is not None:
            out.append(_Candidate(_clean(text[np[0] : np[1]]), np[0], np[1], m.start(), kind))
    return tuple(out)


def _previous_claimant(text: str, sent_start: int) -> _Candidate | None:
    """The last claimant of the sentence before ``sent_start``."""
    if sent_start <= 0:
        return None
    ps, _pe = sentence_bounds(text, max(0, sent_start - 2))
    if ps >= sent_start:
        return None
    prior = _sentence_candidates(text, ps, sent_start)
    return prior[-1] if prior else None


def _applies(c: _Candidate, start: int, end: int) -> bool:
    if c.kind == "according":
        return True
    if c.kind == "after":
        return c.anchor >= end
    return c.anchor < start or c.start >= end  # "X said ... N" or "N ..., X noted"


def _distance(c: _Candidate, start: int, end: int) -> int:
    return min(abs(c.start - end), abs(start - c.end))


_GENERIC_HEADS = _words("ngo monitor watchdog group organisation organization body")
_ORG_HEADS = (
    r"Observatory|Network|Council|Committee|Commission|Organi[sz]ation|Watch|Office|Ministry|Agency|Centre|Center|"
    r"Monitor|Coalition|Mission|Directorate|Defen[cs]e|Helmets|Crescent|Cross|Nations"
)
_NAME_TAIL = (
    r"(?:[ \t]+(?:for|of|on)[ \t]+(?:the[ \t]+)?(?:[A-Z][\w'’-]*)(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]*){0,3})?"
)
_NAME_HEAD = r"(?:[A-Z][\w'’-]*[ \t]+(?:(?:for|of|on|and)[ \t]+)?){1,5}"


@lru_cache(maxsize=32)
def _org_name_re(head: str) -> re.Pattern[str]:
    core = _ORG_HEADS if head in _GENERIC_HEADS else re.escape(head.capitalize())
    return re.compile(rf"\b{_NAME_HEAD}(?:{core})\b{_NAME_TAIL}|\b[A-Z]{{2,6}}\b(?=\))")


def _resolve_anaphor(text: str, cand: _Candidate, before: int) -> str:
    """ "the NGO", "the Observatory" -> the last organisation named before it (up to 3,000 chars back)."""
    head = cand.name.lower().split()[-1]
    last = None
    for m in _org_name_re(head).finditer(text, max(0, before - 3000), before):
        if len(m.group(0).split()) >= 2:
            last = m
    if last is None:
        return cand.name
    return _clean(last.group(0))


def claimant_for(
    text: str, start: int, end: int, resolver: Callable[[str], str | None] | None = None
) -> tuple[str, Span] | None:
    """The claimant of the figure at ``text[start:end]`` and the span of its name, or None (own voice)."""
    s, e = sentence_bounds(text, start)
    e = max(e, min(len(text), sentence_bounds(text, max(start, end - 1))[1]))
    cands = [c for c in _sentence_candidates(text, s, e) if _applies(c, start, end)]
    if not cands and s > 0 and _opens_with_figure(text, s, start):
        cands = _carried_over(text, s)
    if not cands:
        return None
    best = min(cands, key=lambda c: _distance(c, start, end))
    name = best.name
    if name.lower() in _ANAPHORS:
        name = _resolve_anaphor(text, best, min(best.start, s))
    if resolver is not None:
        name = resolver(name) or name
    return name, Span.of(text, best.start, best.end)


def _carried_over(text: str, sent_start: int) -> list[_Candidate]:
    """A figure opening a sentence continues the previous sentence's attributed figures."""
    ps, pe = sentence_bounds(text, max(0, sent_start - 2))
    return [c for c in _sentence_candidates(text, ps, pe) if c.kind in ("before", "after")][-1:]


_OPENING_FIGURE_RE = re.compile(
    r"\s*(?:(?:About|Around|Some|Nearly|Almost|At\s+least|More\s+than|Another|A\s+further|Over)\s+)?"
    r"(?:\d|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|scores|"
    r"thousands|a\s+dozen)\b)"
)


def _opens_with_figure(text: str, sent_start: int, start: int) -> bool:
    """The sentence opens with a figure ("About 100 others were wounded and 25 more missing")."""
    opening = _OPENING_FIGURE_RE.match(text, sent_start, min(len(text), sent_start + 40))
    return opening is not None and not _REPORT_VERB_RE.search(text, sent_start, start)
