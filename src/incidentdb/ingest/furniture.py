"""Page-furniture detection in plain text: which parts of a report are not the report.

The text is never changed here; the result is a tuple of :class:`Span` (one per line or sentence) that
later stages skip and ``incidentdb show`` marks. Rules are general, in four families:

1. furniture lines anywhere: share/comment/sign-up widgets, copyright, content warnings, "Read more: ...",
   translation notes and author disclaimers (matched per sentence, so they can share a line with others);
2. a header of leading navigation: logo lines, breadcrumbs ("Home / Section / ..."), runs of menu items;
3. a tail section: a comment-section, keyword, or "related" header in the second half starts a block that runs
   to the end of the text;
4. a trailing run of teasers: after the article's end (a "Source: ..." or "By <name>" line, or simply at the
   end) a run of headline-shaped lines or truncated blurbs that share no named entity and few topic words with
   the article before them;
5. menus written as "A | B | C", cookie banners, and credits or contact lines near the end.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from incidentdb.records import Span

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS = _wordset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my no nor not now of
    off on once only or other our out over own same she should so some such than that the their them then
    there these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours one two three said says say new told according since many
    much who's it's"""
)
CALENDAR = _wordset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday tomorrow"""
)

# Whole lines (case-insensitive, stripped) that are widgets, not prose. Each pattern is anchored.
_LINE_PATTERNS = [
    r"(leave|post|add|write) (a|your) (comment|reply|response)s?",
    r"(\d+ )?(comments?|responses?|replies)( \(\d+\))?:?",
    r"(show|load|view|see|read) (\w+ )?(more |all )?comments?",
    r"comments? (are|is|have been) closed.{0,40}",
    r"(sign|log) ?(up|in) (to|and) (post|comment|reply|join).*",
    r"sort by.{0,30}",
    r"tell us what you think.{0,40}",
    r"your email address will not be published.{0,120}",
    r"required fields are marked.{0,20}",
    r"(helpful |related )?(key ?words?|tags?|topics?)(\s*:.{0,100})?",
    r"(share|like) this( article| story| post| page)?( on [\w ]+)?:?",
    r"(share|tweet|email|print|whatsapp|facebook|twitter|telegram|linkedin)( this)?",
    # a row of share buttons: "Share on Facebook  Share on Twitter  Email"
    r"(?:(?:share|tweet|post|send|email|e-mail|print|save|copy|link|on|to|via|with|facebook|twitter|x|whatsapp"
    r"|telegram|linkedin|reddit|messenger|pinterest|pocket)[\s|·•,:/-]*){2,}",
    r"follow us( on [\w ,]+)?:?",
    r"(subscribe|sign up)( to| for)? (our|the) (newsletter|channel).{0,60}",
    r"(please )?(donate|support (us|our work|our journalism|independent journalism))\b.{0,80}",
    r"(advertisement|advertising|sponsored( content)?|ad)",
    r"(copyright|©|\(c\)) ?.{0,150}",
    r".{0,150}all rights reserved\.?",
    r"(warning:? )?(graphic|sensitive|disturbing) (content|images?|video)( warning)?\.?",
    r"viewer discretion( is)? advised\.?",
    r"(read|see) (more|also|next)\b.{0,150}",
    r"related( articles?| posts?| stories| news| content| coverage| links?| reading| topics?"
    r"| classification)?:?",
    r"related:.{0,250}",
    r"(more|latest|top) (from|stories|news|in) ?.{0,40}",
    r"(you|you might|you may) (also )?like:?",
    r"(most (read|popular|viewed)|trending( now)?|recommended( for you)?|editor'?s picks?)(:.{0,250})?",
    r"[\w .-]{0,30}\blogo\b[\w .-]{0,20}",
    r"(skip to (main )?content|main menu|toggle navigation|menu|search|home|homepage|login|log in|sign in)",
    r"click here.{0,80}",
    r"(this|the) (article|story|page|report) is (also )?available in [\w ,]{2,60}\.?",
    r"(story )?continues? (reading )?(below|after)( (the )?(advertisement|ad))?\.?",
    r"continue reading( the main story)?",
    r"image (source|caption|copyright),? .{0,150}",
    r"(photo|picture|image|video) (credit|source)s?:? .{0,80}",
    r"listen to this (article|story).{0,30}",
    r"(play|watch) video.{0,40}",
    r"(sign up|subscribe) (for|to) .{0,60}newsletters?.{0,60}",
    r"get our newsletter.{0,60}",
    r"follow .{0,40} on (twitter|x|facebook|instagram|telegram|whatsapp|youtube).{0,20}",
    r"join (us|our) .{0,40}(channel|group|community|newsletter).{0,40}",
    r"download (our|the) app.{0,60}",
    r"our standards:.{0,100}",
    r"loading\.{0,3}",
    r"(please enable javascript|javascript is (disabled|required)).{0,80}",
    r"(print|email|e-mail) this (page|article|story).{0,20}",
    r"(back to top|next (article|story|post)|previous (article|story|post))(:.{0,100})?",
    r"report an? (error|correction|typo).{0,40}",
    r"(privacy policy|terms (of (use|service)|and conditions)|cookie policy|contact us|about us)( [|·•].{0,100})?",
    r"(\d{1,2}[:.]\d{2}\s*[—–-]\s*)?welcome to (our|the|this) live (coverage|blog|updates|page).{0,120}",
]
_LINE_RE = re.compile(r"^(?:" + "|".join(_LINE_PATTERNS) + r")$", re.IGNORECASE)

# Lines that are furniture only near the end of a text: credits, contact lines, distribution notes.
_LATE_LINE_RE = re.compile(
    r"^(?:\((additional )?(reporting|writing|editing|compiled|translated|translation) by .{0,200}\)"
    r"|(additional )?(reporting|writing) by .{0,150}(editing|edited) by .{0,100}"
    r"|\([\w .,&'’-]{2,40}\)"
    r"|(contact|e-?mail|tel|phone)\s*:.{0,150}"
    r"|for internal (use|distribution).{0,150}"
    r"|(prepared|compiled|produced) by (the |our )?[\w -]{2,60}\. .{0,150})$",
    re.IGNORECASE,
)

_COOKIE_WORDS = (
    "accept",
    "consent",
    "experience",
    "brows",
    "policy",
    "preferences",
    "site",
    "services",
    "agree",
)

# Sentences that credit translators or disclaim responsibility; matched inside lines. (Publication notes such
# as "first published on ..." are not furniture: they date the report.)
_SENTENCE_RE = re.compile(
    r"(?:This (?:article|story|report|piece|text) (?:was|has been|is) (?:translated|edited|adapted)"
    r"|(?:Translated|Edited) (?:and edited )?by "
    r"|Responsibility for the (?:information|content|views|opinions)"
    r"|The (?:views|opinions) expressed (?:in this|here)"
    r"|(?:The )?(?:views|opinions) .{0,60}do not necessarily reflect)"
    r"[^\n]*?(?:[.!](?=\s|$)|$)",
    re.IGNORECASE | re.MULTILINE,
)

# Headers in the second half of a text. A comment-section header starts a block that runs to the end of the
# text; a list header ("Related", "Read more:", "Tags") starts one that runs while lines stay headline-short.
_COMMENTS_RE = re.compile(
    r"^(?:(\d+ )?comments?( \(\d+\))?|(leave|post|add|write) (a|your) (comment|reply)s?"
    r"|join the (conversation|discussion)|welcome to .{0,60}comments.*|comments? (are|is) closed\.?)$",
    re.IGNORECASE,
)
_LIST_RE = re.compile(
    r"^(?:(helpful |related )?(key ?words|tags|topics):?|related( articles| posts| stories| news| content| coverage)?:?"
    r"|more (stories|news|on this( story| topic)?)( from .{0,40})?:?|(read|see) (more|also)( on this( story)?)?:"
    r"|(you|you might|you may) (also )?like:?|(most (read|popular|viewed)|read next|recommended( for you)?):?)$",
    re.IGNORECASE,
)

# Lines that end an article: a source credit or a by-line.
_END_RE = re.compile(
    r"^(?:source|sources|via|origin(al)?ly published (by|at|in))\s*:\s*\S.{0,80}$|^by [\w .'’-]{3,60}$", re.I
)

_SEPARATOR_RE = re.compile(r"^[/|>»›·•\-–—:]+$")


@dataclass(frozen=True)
class Line:
    index: int
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def lines_of(text: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped content (CR, LF and CRLF all end a line)."""
    out: list[Line] = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        out.append(Line(len(out), start, start + len(stripped), stripped))
    return out


def _content_words(text: str) -> set[str]:
    words = {w.lower().strip("'’-") for w in _WORD.findall(text)}
    return {w for w in words if len(w) >= 3 and w not in STOPWORDS and w not in CALENDAR}


def _names(text: str) -> set[str]:
    """Capitalised words (a cheap stand-in for named entities), lower-cased."""
    out = set()
    for word in _WORD.findall(text):
        low = word.lower().strip("'’-")
        if word[0].isupper() and len(low) >= 3 and low not in STOPWORDS and low not in CALENDAR:
            out.add(low.removesuffix("'s").removesuffix("’s"))
    return out


def _related(line: Line, body_words: set[str], body_names: set[str]) -> bool:
    """Does this line talk about what the article talks about?"""
    if _names(line.text) & body_names:
        return True
    words = _content_words(line.text)
    return bool(words) and len(words & body_words) / len(words) >= 0.6


def _head_noise(lines: list[Line]) -> set[int]:
    """Navigation before the article starts: separators, breadcrumbs, menu runs."""
    head: list[Line] = []
    for line in lines:
        if line.words >= 7 or (line.words >= 4 and re.search(r"[.!?]\s", line.text + " ")):
            break
        head.append(line)
    noise = {ln.index for ln in head if _SEPARATOR_RE.match(ln.text)}
    if len(noise) >= 2:  # breadcrumb: items on both sides of the separators
        last_sep = max(noise)
        noise |= {ln.index for ln in head if ln.index < last_sep and ln.words <= 5}
        after = [ln for ln in head if ln.index > last_sep]
        if len(after) >= 2 and after[0].text == after[1].text:  # crumb repeating the headline below it
            noise.add(after[0].index)
    run: list[Line] = []
    for item in [*head, None]:
        if item is not None and item.words <= 2 and item.index not in noise:
            run.append(item)
            continue
        if len(run) >= 3:  # a column of one- or two-word menu items
            noise |= {ln.index for ln in run}
        run = []
    return noise


def _tail_block(lines: list[Line], text_length: int) -> set[int]:
    """Lines of a comment section or of a headline list, from its header in the second half of the text."""
    for line in lines:
        if line.start <= text_length / 2:
            continue
        if _COMMENTS_RE.match(line.text):
            return set(range(line.index, len(lines)))
        if _LIST_RE.match(line.text):
            block = {line.index}
            for item in lines[line.index + 1 :]:
                if item.words > 25 and not item.text.endswith(("…", "...")):
                    break  # prose again: the list is over
                block.add(item.index)
            return block
    return set()


def _teaser_like(line: Line, after_marker: bool) -> bool:
    """Headline-shaped (short, no closing punctuation), a truncated blurb, or short prose after the end."""
    if line.text.endswith(("…", "...")):
        return line.words <= 80
    if line.words <= 15 and not line.text.endswith((".", "!", "?", ";", ",", '"', "”")):
        return True
    return after_marker and line.words <= 30


def _teaser_run(lines: list[Line], text_length: int, skip: set[int]) -> set[int]:
    """A trailing run of teaser-shaped lines that share no name and few words with the article before them."""
    candidates = [ln for ln in lines if ln.index not in skip]
    if len(candidates) < 4:
        return set()
    end_marker = next(
        (ln.index for ln in reversed(candidates) if ln.start > text_length / 2 and _END_RE.match(ln.text)),
        None,
    )
    if not _teaser_like(candidates[-1], end_marker is not None):
        return set()  # the text ends in prose: no run to look for (and no vocabulary to build)
    words = [_content_words(ln.text) for ln in candidates]
    names = [_names(ln.text) for ln in candidates]
    body_words: Counter[str] = Counter(w for ws in words for w in ws)
    body_names: Counter[str] = Counter(n for ns in names for n in ns)
    if end_marker is not None:  # the article is what comes before its end marker
        body_words = Counter(
            w for ln, ws in zip(candidates, words, strict=True) if ln.index < end_marker for w in ws
        )
        body_names = Counter(
            n for ln, ns in zip(candidates, names, strict=True) if ln.index < end_marker for n in ns
        )
    run: list[int] = []
    for pos in range(len(candidates) - 1, 0, -1):
        line = candidates[pos]
        if end_marker is not None and line.index <= end_marker:
            break
        if end_marker is None:  # compare with everything before this line
            body_words -= Counter(words[pos])
            body_names -= Counter(names[pos])
        if not _teaser_like(line, end_marker is not None):
            break
        if _related(line, set(body_words), set(body_names)):
            break
        run.append(line.index)
    needed = 2 if end_marker is not None and run and min(run) == end_marker + 1 else 3
    return set(run) if len(run) >= needed else set()


def _pipe_menu(line: Line, first: bool) -> bool:
    """ "World | Middle East", "Share | Email | Print", "Most popular: A | B | C"."""
    parts = [p.strip() for p in line.text.split("|")]
    if len(parts) < 2 or any(len(p.split()) > 7 for p in parts) or re.search(r"\d", line.text):
        return False  # a line with figures is a dateline ("Opinion | 3 May 2022"), which dates the report
    return all(len(p.split()) <= 3 for p in parts) or (len(parts) >= 3 and not first)


def _cookie_banner(line: Line) -> bool:
    low = line.text.lower()
    return "cookie" in low and line.words <= 45 and any(w in low for w in _COOKIE_WORDS)


_SENTENCE_HINTS = ("translat", "edited by", "responsib", "views", "opinions")


def _sentence_spans(text: str) -> Iterator[Span]:
    low = text.lower()
    if not any(hint in low for hint in _SENTENCE_HINTS):  # cheap test before the costly pattern
        return
    for match in _SENTENCE_RE.finditer(text):
        yield Span.of(text, match.start(), match.end())


def detect_noise(text: str) -> tuple[Span, ...]:
    """Spans of ``text`` that are page furniture, comment sections or unrelated teasers, in text order."""
    lines = lines_of(text)
    noisy = _head_noise(lines)
    half = len(text) / 2
    for ln in lines:
        if (
            (ln.words <= 25 and _LINE_RE.match(ln.text))
            or (ln.start > half and ln.words <= 40 and _LATE_LINE_RE.match(ln.text))
            or _pipe_menu(ln, first=ln.index == 0)
            or _cookie_banner(ln)
        ):
            noisy.add(ln.index)
    noisy |= _tail_block(lines, len(text))
    noisy |= _teaser_run(lines, len(text), noisy)
    spans = [Span.of(text, lines[i].start, lines[i].end) for i in sorted(noisy)]
    covered = [(s.start, s.end) for s in spans]
    for span in _sentence_spans(text):
        if not any(a <= span.start and span.end <= b for a, b in covered):
            spans.append(span)
    return tuple(sorted(spans, key=lambda s: s.start))
