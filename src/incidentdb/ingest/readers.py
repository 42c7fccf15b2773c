"""Readers: paths (files, directories, JSON Lines feeds) to :class:`Document` records, or an IngestError each.

Text of a ``.txt`` file is the decoded file content unchanged (no newline or whitespace normalisation), so
quotes taken from the file are substrings of ``Document.text``. HTML becomes its main text (see ``html.py``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from incidentdb.ingest.decode import DecodeError, declared_charset, decode_bytes
from incidentdb.ingest.errors import IngestError
from incidentdb.ingest.furniture import detect_noise, lines_of
from incidentdb.ingest.html import html_to_text
from incidentdb.records import Document, PublishedBasis, Span

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".jsonl",)
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
_DATELINE = re.compile(r"[\w ,:/.+-]*\d[\w ,:/.+-]*")  # "Jan 30, 2026 5:50 AM", "2024-03-05 08:00"


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def expand(paths: list[str]) -> Iterator[tuple[str, IngestError | None]]:
    """Input files in order (directories recursively, sorted, hidden entries skipped), or a path's error."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUPPORTED
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield given, IngestError(given, f"directory holds no {', '.join(SUPPORTED)} files")
            for file in found:
                yield str(file), None
        elif not path.exists():
            reason = "broken symbolic link" if path.is_symlink() else "no such file or directory"
            yield given, IngestError(given, reason)
        elif path.suffix.lower() not in SUPPORTED:
            yield (
                given,
                IngestError(
                    given,
                    f"unsupported file type {path.suffix or '(none)'!r}; expected {', '.join(SUPPORTED)}",
                ),
            )
        else:
            yield given, None


def read_bytes(source: str, max_bytes: int) -> bytes:
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                source,
                f"file is {size} bytes, over the size limit of {max_bytes} (INCIDENTDB_MAX_FILE_BYTES)",
            )
        if not os.access(path, os.R_OK):
            raise IngestError(source, "permission denied")
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(source, exc.strerror or type(exc).__name__) from exc


def _title_of_text(text: str, noise: tuple[Span, ...]) -> str | None:
    """The first line that is not furniture or a dateline, when it reads like a headline."""
    noisy = {n.start for n in noise}
    for line in lines_of(text):
        if line.start in noisy or (line.words <= 6 and _DATELINE.fullmatch(line.text)):
            continue
        if line.words <= 25 and not line.text.endswith((".", "?", "!", ":")):
            return line.text
        return None
    return None


def text_document(
    source: str, raw: bytes, text: str, encoding: str, media_type: str = "text/plain", **meta: Any
) -> Document:
    noise = detect_noise(text)
    title = meta.pop("title", None) or _title_of_text(text, noise)
    return Document(
        id=sha256(raw),
        source=source,
        raw=raw,
        text=text,
        encoding=encoding,
        media_type=media_type,
        title=title,
        noise=noise,
        fetched_at=dt.datetime.now(dt.UTC),
        **meta,
    )


def html_document(
    source: str, raw: bytes, html: str, encoding: str, media_type: str = "text/html", **meta: Any
) -> Document:
    page = html_to_text(html)
    if not page.text.strip():
        raise IngestError(source, "no main text found in the HTML")
    published = meta.pop("published_stated", None) or page.published
    basis: PublishedBasis = meta.pop("published_basis", None) or ("metadata" if published else "unknown")
    return Document(
        id=sha256(raw),
        source=source,
        raw=raw,
        text=page.text,
        encoding=encoding,
        media_type=media_type,
        title=meta.pop("title", None) or page.title,
        published_stated=published,
        published_basis=basis,
        noise=(),
        removed=page.removed,
        fetched_at=dt.datetime.now(dt.UTC),
        **meta,
    )


def read_file(source: str, max_bytes: int) -> Document:
    """One .txt or .html file as a Document; raises IngestError with the reason."""
    raw = read_bytes(source, max_bytes)
    is_html = Path(source).suffix.lower() in HTML_SUFFIXES
    try:
        text, encoding = decode_bytes(raw, declared_charset(raw) if is_html else None)
    except DecodeError as exc:
        raise IngestError(source, str(exc)) from exc
    if is_html:
        return html_document(source, raw, text, encoding)
    return text_document(source, raw, text, encoding)


def _stated_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:  # RSS style: "Tue, 05 Mar 2024 08:00:00 GMT"
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _feed_record(source: str, number: int, line: bytes) -> Document:
    where = f"{source}#L{number}"
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(source, f"malformed JSON ({exc.__class__.__name__}: {exc})", number) from exc
    if not isinstance(record, dict):
        raise IngestError(source, "expected a JSON object", number)
    body, kind = record.get("text"), "text"
    if not (isinstance(body, str) and body.strip()):
        body, kind = record.get("html"), "html"
    if not (isinstance(body, str) and body.strip()):
        raise IngestError(source, "record has no non-empty 'text' or 'html'", number)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    doc_source = url or (record.get("source") if isinstance(record.get("source"), str) else None) or where
    published = _stated_date(record.get("published"))
    meta: dict[str, Any] = {
        "url": url,
        "title": record.get("title") if isinstance(record.get("title"), str) else None,
        "published_stated": published,
        "published_basis": "metadata" if published else "unknown",
    }
    if kind == "html":
        try:
            return html_document(doc_source, line, body, "utf-8", "application/jsonl", **meta)
        except IngestError as exc:
            raise IngestError(source, exc.reason, number) from exc
    return text_document(doc_source, line, body, "utf-8", "application/jsonl", **meta)


def read_feed(source: str, max_bytes: int) -> Iterator[Document | IngestError]:
    """Documents of a JSON Lines feed, one per non-blank line; a bad line yields its error, not a stop."""
    raw = read_bytes(source, max_bytes).removeprefix(codecs.BOM_UTF8)
    if not raw.strip():
        yield IngestError(source, "empty file")
        return
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield _feed_record(source, number, line.strip())
        except IngestError as exc:
            yield exc
