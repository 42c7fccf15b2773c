"""HTML to the report's main text: trafilatura for the main content, then our furniture post-filter.

trafilatura drops navigation, headers, footers, ``<aside>`` teasers and comment sections, but keeps
unlabelled teaser blocks inside ``<article>`` and inline "Read more: ..." lines; the post-filter
(:func:`incidentdb.ingest.furniture.detect_noise`) finds those and they are cut out too. Everything dropped
is kept in ``removed`` so nothing is lost silently. The title is the first line of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from htmldate import find_date

from incidentdb.ingest.furniture import detect_noise
from incidentdb.records import Span

_BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "td", "dt", "dd")


@dataclass(frozen=True)
class HtmlText:
    text: str
    title: str | None
    published: dt.date | None
    removed: tuple[str, ...]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _visible_blocks(tree: lxml.html.HtmlElement) -> list[str]:
    """Text of the page's block elements (innermost ones), in document order."""
    blocks: list[str] = []
    for element in tree.iter(*_BLOCK_TAGS):
        if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
            continue
        if any(a.tag in ("script", "style", "noscript", "template") for a in element.iterancestors()):
            continue
        text = _norm(element.text_content())
        if text:
            blocks.append(text)
    return blocks


def _loose_text(tree: lxml.html.HtmlElement) -> str:
    """All text outside scripts and styles, for pages with no block elements at all."""
    parts = [
        node
        for node in tree.xpath(
            "//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"
        )
        if isinstance(node, str)
    ]
    return _norm("".join(parts))


def _title(tree: lxml.html.HtmlElement, meta_title: str | None, first_line: str) -> str | None:
    """The page's headline: whichever candidate already opens the main text, else og:title, <h1>, <title>."""
    candidates: list[str] = []
    for xpath in ("//meta[@property='og:title']/@content", "//h1", "//title"):
        for found in tree.xpath(xpath)[:1]:
            value = _norm(found if isinstance(found, str) else found.text_content())
            if value:
                candidates.append(value)
    if meta_title:
        candidates.append(_norm(meta_title))
    for candidate in candidates:
        if candidate == first_line:
            return candidate
    return candidates[0] if candidates else None


def _published(html: str) -> dt.date | None:
    """The date the page's markup states (meta tags, <time>, URL); no guessing from the body text."""
    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    return dt.date.fromisoformat(found) if found else None


def cut_spans(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[str, ...]]:
    """``text`` without ``spans`` (and the line breaks they leave empty), plus the parts cut out."""
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        out.append(text[pos : span.start])
        pos = span.end
    out.append(text[pos:])
    cleaned = re.sub(r"[ \t]+\n", "\n", "".join(out))
    cleaned = re.sub(r"\n{2,}", "\n", cleaned).strip()  # lines are single-spaced (see html_to_text)
    return cleaned, tuple(s.quote for s in spans)


def html_to_text(html: str) -> HtmlText:
    """Main text of an HTML page, its title and stated date, and what was dropped."""
    tree = lxml.html.fromstring(html) if html.strip() else None
    if tree is None:
        return HtmlText("", None, None, ())
    extracted = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=True, with_metadata=True, favor_precision=True
    )
    body = getattr(extracted, "text", None) or ""
    if not body.strip():  # trafilatura finds no main content in fragments and tiny pages: keep their blocks
        body = "\n".join(_visible_blocks(tree)) or _loose_text(tree)
    body = "\n".join(_norm(line) for line in body.splitlines() if line.strip())
    title = _title(tree, getattr(extracted, "title", None), body.split("\n", 1)[0])
    if title and not body.startswith(title):
        body = f"{title}\n{body}" if body else title
    noise = tuple(s for s in detect_noise(body) if not (title and s.quote == title and s.start == 0))
    text, cut = cut_spans(body, noise)
    kept = _norm(text)
    dropped = [b for b in _visible_blocks(tree) if b not in kept]
    removed = tuple(dict.fromkeys([*dropped, *cut]))  # unique, in order
    return HtmlText(text=text, title=title, published=_published(html), removed=removed)
