"""Split a document's clean text into paragraphs, sentences and clauses, keeping character offsets.

Hand-written rather than spaCy/NLTK: the rules are few, run at tens of thousands of documents per second, need no
model download, and must keep exact offsets into the text (including odd whitespace left by web scraping).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from incidentdb.records import Span

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "u.s",
        "u.n",
        "e.g",
        "i.e",
        "approx",
        "est",
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)|[.!?]+[\"”](?=[A-Z])")
_TERMINAL = re.compile(r"[.!?:][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    headline: bool  # a title/heading-like line: no closing punctuation, short


def _is_headline(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    words = stripped.split()
    if _TERMINAL.search(stripped):
        # "SHOCKING: Turkish Drones Massacre Kurdish Civilians!!!": a title in Title Case, whatever it ends with
        capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return stripped.endswith("!") and len(words) <= 15 and capitalised >= 0.7 * len(words)
    return len(words) <= 40


def _in_noise(start: int, end: int, noise: Sequence[Span]) -> bool:
    return any(n.start <= start and end <= n.end for n in noise)


def _sentence_bounds(line: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(line):
        end = match.end()
        before = line[begin : match.start()].split()
        last_word = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (last_word in _ABBREVIATIONS or len(last_word) == 1):
            continue
        rest = line[end:].lstrip()
        if rest and rest[0].islower():
            continue
        bounds.append((begin, end))
        begin = end
    if begin < len(line):
        bounds.append((begin, len(line)))
    return bounds


def sentences(text: str, noise: Sequence[Span] = ()) -> list[Sentence]:
    """Sentences of the text outside page noise, each with its paragraph number (a paragraph = a line)."""
    out: list[Sentence] = []
    offset = 0
    paragraph = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        paragraph += 1
        headline = _is_headline(line)
        for s, e in _sentence_bounds(line):
            start, end = line_start + s, line_start + e
            # trim surrounding whitespace so quotes are clean
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end - start < 3 or _in_noise(start, end, noise):
                continue
            out.append(Sentence(start, end, text[start:end], paragraph, headline))
    return out


# Clause boundaries inside a sentence: "; ", ", while/but/whereas ...", ", and <subject> <past verb>", a label
# ending in ")" before a colon, and a leading subordinate clause ("After the attack on X, forces shelled Y").
_PAST_VERB = (
    r"(?:\w+ed|took|struck|hit|shot|fled|fought|left|began|blew|threw|set|stole|tore|overran|broke|seized)"
)
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?=(?:while|whereas|but|after which|before|also)\s)"
    r"|,\s+(?=and\s+(?:then\s+)?(?:the\s+)?(?:[\w’'-]+\s+){0,2}" + _PAST_VERB + r"\b)"
    r"|,\s+(?=after\s+(?!which\b|that\b|\d)[\w-]+\s)|\s+(?=after\s+(?:a|an)\s+[\w-]+\s+(?:[\w-]+\s+)?(?:was|were)\s)"
    r"|\s+(?=and\s+(?:a|an|another)\s+(?:(?:second|third|fourth|further|new)\s+)?(?:[\w-]+\s+)?"
    r"(?:strike|raid|attack|explosion|blast|bombing|shell|rocket|missile|car bomb)s?\b)"
    r"|(?<=\)):\s+"
)
_HAS_VERB = re.compile(r"\b" + _PAST_VERB + r"\b")
_LEADING_SUBORDINATE = re.compile(
    r"^(?:Shortly |Hours |Minutes |Days |Soon |Just |Immediately |(?:[\w-]+ ){1,2}(?:hours?|days?|weeks?) )?"
    r"(?:after|before|following|as|when|while|once)\b"
    r"[^,]{3,120},\s+",
    re.IGNORECASE,
)


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Clause spans (absolute offsets) inside a sentence."""
    cuts: list[tuple[int, int]] = []
    lead = _LEADING_SUBORDINATE.match(sentence.text)
    if lead:
        comma = sentence.text.rindex(",", 0, lead.end())
        cuts.append((comma, lead.end()))
    cuts.extend((m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(sentence.text))
    cuts.sort()
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut_start, cut_end in cuts:
        if cut_start < begin:
            continue
        if (
            sentence.text.startswith("and ", cut_end)
            and not sentence.text[cut_start:cut_end].strip()
            and not _HAS_VERB.search(sentence.text, begin, cut_start)
        ):
            continue  # "A car bomb and a suicide attack ... killed 62": one subject, one event
        if cut_start - begin >= 3:
            spans.append((sentence.start + begin, sentence.start + cut_start))
        begin = cut_end
    spans.append((sentence.start + begin, sentence.end))
    return [(s, e) for s, e in spans if e > s]
