"""Find many known names in a text at once: a token-trie matcher shared by the place and actor extractors.

Names and text are compared token by token after folding (case, diacritics, apostrophes), with Arabic articles
("al-", "Al ", "Ar ", "Az ", "ad-", ...) optional, so "Khalidiya", "al-Khalidiyah" and "Al Khalidiyah" meet.
One dictionary lookup per text token (plus one per candidate length where a name can start) keeps it fast:
no loop over names per document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

from incidentdb.records import Span

T = TypeVar("T", bound=Hashable)

#: Arabic definite articles as transliterated in English text; dropped from the matching key.
STRONG_ARTICLES = frozenset(
    {"al", "el", "ar", "az", "ad", "ash", "ath", "adh", "ez", "es", "ed", "ul", "dh", "ac"}
)
#: Articles that are also English words: an article only when hyphen-joined ("as-Sweida", "an-Nabk").
WEAK_ARTICLES = frozenset({"as", "at", "an", "en", "et", "aş", "aţ", "ad"})
_APOSTROPHES = "'’‘ʿʾ`´ʻ‛"
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)*")
_JOIN_RE = re.compile(r"[\s\-‐‑–" + _APOSTROPHES + r"]*")
#: One-word names this short (after folding) must match their listed spelling exactly, article included.
SHORT_NAME = 4
_DOUBLE_RE = re.compile(r"(\w)\1")
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z.]{1,6}$")


@lru_cache(maxsize=65536)
def fold_token(raw: str) -> str:
    """Lower-case, strip diacritics and apostrophes; drop an English possessive ("Homs's" -> "homs")."""
    if len(raw) > 2 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES:
        raw = raw[:-2]
    word = plain_token(raw)
    return _translit(word) if len(word) >= 4 and word.isalpha() else word


@lru_cache(maxsize=65536)
def plain_token(raw: str) -> str:
    """Lower-case without diacritics and apostrophes, spelling otherwise untouched."""
    decomposed = unicodedata.normalize("NFKD", raw)
    return "".join(
        ch for ch in decomposed if not unicodedata.combining(ch) and ch not in _APOSTROPHES
    ).lower()


def _translit(word: str) -> str:
    """Merge common transliteration variants: ou/oo->u, ee->i, doubled letters, final -eh/-ah -> -a.

    "Talbiseh"/"Tallbisah", "Khaldiyeh"/"Khalidiya"... still differ in places; aliases cover the rest.
    """
    word = word.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    word = _DOUBLE_RE.sub(r"\1", word)
    if word.endswith(("eh", "ah")):
        word = word[:-2] + "a"
    return word


class Token(NamedTuple):
    word: str  # folded
    raw: str
    start: int  # start of the name part, including a leading article
    end: int  # end without a possessive 's
    article: bool  # a (dropped) article came right before this token
    joined: bool  # only spaces/hyphens/apostrophes/articles separate it from the previous token


def _possessive_end(raw: str, start: int) -> int:
    if len(raw) > 2 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES:
        return start + len(raw) - 2
    return start + len(raw)


def tokenize(text: str) -> list[Token]:
    """Content tokens of ``text``; article tokens are folded into the token after them."""
    tokens: list[Token] = []
    pending_article: tuple[int, bool] | None = None  # (start, joined) of an article waiting for its word
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        raw, start = m.group(), m.start()
        gap_ok = (start == prev_end + 1 and text[prev_end] == " ") or _JOIN_RE.fullmatch(
            text, prev_end, start
        ) is not None
        word = fold_token(raw)
        nxt = text[m.end() : m.end() + 1]
        is_article = word in STRONG_ARTICLES or (word in WEAK_ARTICLES and nxt in "-‐‑")
        if is_article and nxt and (nxt.isspace() or nxt in "-‐‑" + _APOSTROPHES):
            if pending_article is None:
                pending_article = (start, gap_ok)
            prev_end = m.end()
            continue
        if pending_article is not None:
            art_start, art_joined = pending_article
            tokens.append(
                Token(word, raw, art_start, _possessive_end(raw, start), True, art_joined and gap_ok)
            )
        else:
            tokens.append(Token(word, raw, start, _possessive_end(raw, start), False, gap_ok))
        pending_article = None
        prev_end = m.end()
    return tokens


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[tuple[str, ...], bool, tuple[str, ...] | None]:
    """Matching key of a name: folded content tokens, whether it starts with an article, exact raw tokens
    when the name is an acronym (matched case-sensitively: "IS" must not match "is")."""
    toks = tokenize(name.replace("(", " ").replace(")", " "))
    words = tuple(t.word for t in toks)
    exact = tuple(t.raw for t in toks) if _ACRONYM_RE.match(name.strip()) else None
    return words, bool(toks and toks[0].article), exact


@dataclass(frozen=True)
class Hit(Generic[T]):
    """One occurrence of one or more known names (several targets share a spelling)."""

    span: Span
    targets: tuple[T, ...]
    alias: str  # the known spelling that matched (first one)
    first_token: int  # index into the token list
    n_tokens: int


@dataclass
class _Entry(Generic[T]):
    target: T
    alias: str
    exact: tuple[str, ...] | None
    needs_article: bool
    plain: str | None = None  # short one-word names must be spelled as listed: "War" is not "al-Waar"


@dataclass
class NameIndex(Generic[T]):
    """Maps name keys to targets. Build once per pack; :meth:`find` is called per document."""

    require_capital: bool = False  # places: the first word must be capitalised in the text
    generic_single: frozenset[str] = (
        frozenset()
    )  # one-word keys too generic to stand alone without an article
    _by_key: dict[tuple[str, ...], list[_Entry[T]]] = field(default_factory=dict)
    _lengths: dict[str, list[int]] = field(default_factory=dict)

    def add(self, name: str, target: T) -> None:
        words, has_article, exact = name_key(name)
        if not words or (len(words) == 1 and len(words[0]) < 2):
            return
        short = len(words) == 1 and len(words[0]) <= SHORT_NAME
        needs_article = len(words) == 1 and (words[0] in self.generic_single or (short and has_article))
        if needs_article and not has_article:
            return
        plain = plain_token(tokenize(name)[0].raw) if short else None
        bucket = self._by_key.setdefault(words, [])
        if any(
            e.target == target and e.exact == exact and e.needs_article == needs_article and e.plain == plain
            for e in bucket
        ):
            return
        bucket.append(_Entry(target, name, exact, needs_article, plain))
        lengths = self._lengths.setdefault(words[0], [])
        if len(words) not in lengths:
            lengths.append(len(words))
            lengths.sort(reverse=True)

    def add_many(self, names: Iterable[str], target: T) -> None:
        for n in names:
            self.add(n, target)

    def lookup(self, name: str) -> list[T]:
        """Targets whose known spelling equals ``name`` as a whole (case/article-insensitive)."""
        words, _, _ = name_key(name)
        return list(dict.fromkeys(e.target for e in self._by_key.get(words, ())))

    def _accept(self, entries: list[_Entry[T]], toks: Sequence[Token]) -> list[_Entry[T]]:
        out = []
        for e in entries:
            if e.exact is not None and tuple(t.raw for t in toks) != e.exact:
                continue
            if e.needs_article and not toks[0].article:
                continue
            if e.plain is not None and plain_token(toks[0].raw) != e.plain:
                continue
            out.append(e)
        return out

    def find(
        self, text: str, tokens: Sequence[Token] | None = None, exclude: Sequence[Span] = ()
    ) -> list[Hit[T]]:
        """Every non-overlapping occurrence, longest match first, left to right."""
        toks = tokenize(text) if tokens is None else tokens
        hits: list[Hit[T]] = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            lengths = self._lengths.get(tok.word)
            if not lengths or (self.require_capital and not tok.raw[:1].isupper()):
                i += 1
                continue
            matched = False
            for length in lengths:
                if i + length > n:
                    continue
                window = toks[i : i + length]
                if any(not t.joined for t in window[1:]):
                    continue
                entries = self._by_key.get(tuple(t.word for t in window))
                if not entries:
                    continue
                accepted = self._accept(entries, window)
                if not accepted:
                    continue
                span = Span.of(text, window[0].start, window[-1].end)
                if any(span.overlaps(x) for x in exclude):
                    continue
                targets = tuple(dict.fromkeys(e.target for e in accepted))
                hits.append(Hit(span, targets, accepted[0].alias, i, length))
                i += length
                matched = True
                break
            if not matched:
                i += 1
        return hits
