"""republished: signs that the text is a copy of another outlet's older article."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from incidentdb.records import Check, Document, Span

# the report's own notice, not a cited report "first published by Amnesty in 2017"
_EXPLICIT = re.compile(
    r"(?:\b(?:this|the) (?:article|story|report|piece|post|interview|column|analysis|op-ed)\b[^.\n]{0,20}?"
    r"|^[ \t]*|\|[ \t]*)"
    r"\b(?:(?:was|were|is) )?(?:originally|first) (?:published|posted|printed|broadcast|appeared|ran)\b[^.\n]*"
    r"|^[ \t]*(?:Republished|Reprinted) (?:from|with permission|courtesy)\b[^.\n]*",
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_LINE = re.compile(
    r"^[ \t]*(?:Source|Sources|Originally published by|Via|Courtesy of|Credit)[ \t]*[:\-–][ \t]*(?P<outlet>\S[^\n]{1,60}?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _own_site(doc: Document) -> str:
    url = doc.url or (doc.source if doc.source.startswith("http") else "")
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _in_noise(doc: Document, start: int, end: int) -> bool:
    return any(start < s.end and s.start < end for s in doc.noise)


def explicit_republication(doc: Document) -> list[Check]:
    """The text says it was first published elsewhere or earlier."""
    checks = []
    for m in _EXPLICIT.finditer(doc.text):
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        span = Span.of(doc.text, start, m.end())
        message = f"The text says it is a republication of an earlier article: '{span.quote.strip()}'."
        checks.append(Check("republished", message, span))
    return checks


def credited_copy(doc: Document, content_older: str | None) -> list[Check]:
    """A 'Source: <other outlet>' line, raised only when the content is older than the stated date
    (``content_older`` says how): crediting a source alone is not republication of an older article."""
    if content_older is None:
        return []
    own = _own_site(doc)
    checks = []
    for m in _CREDIT_LINE.finditer(doc.text):
        outlet = m.group("outlet").strip()
        if own and outlet.lower().removeprefix("www.") in own:
            continue
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if _in_noise(doc, start, m.end()):
            continue
        span = Span.of(doc.text, start, m.end())
        message = (
            f"The text credits another outlet ('{span.quote.strip()}') and its content dates from "
            f"{content_older}: it looks like a re-post of that outlet's older article."
        )
        checks.append(Check("republished", message, span))
    return checks
