"""Bytes to text: UTF-8 first, then legacy encodings through charset-normalizer; binary input refused.

A file that is mostly valid UTF-8 but holds invalid sequences is refused rather than guessed: decoding it
as a legacy code page would silently turn its non-ASCII characters into mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")
# Control characters that never occur in text files (tab, LF, CR, FF and ESC excluded).
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}


class DecodeError(ValueError):
    """The reason bytes cannot be read as text (one line, no file name)."""


def looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) // 100)


def _has_utf8_multibyte(raw: bytes) -> bool:
    """Whether some valid multi-byte UTF-8 sequences occur (evidence the file meant to be UTF-8)."""
    text = raw.decode("utf-8", errors="ignore")
    return any(ord(c) > 127 for c in text)


_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its first kilobytes (``<meta charset>`` or http-equiv)."""
    match = _DECLARED.search(raw[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for ``raw``; raises :class:`DecodeError` with the reason.

    ``declared`` (an HTML page's own charset) is trusted when the bytes are not UTF-8 and decode cleanly with it.
    """
    if not raw.strip():
        raise DecodeError("empty file")
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {name} at byte {exc.start}") from exc
    if looks_binary(raw):
        raise DecodeError("binary file, not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if declared and declared not in ("utf-8", "utf_8"):
            try:
                return raw.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                pass
        if _has_utf8_multibyte(raw):
            raise DecodeError(
                f"invalid UTF-8 at byte {exc.start} (mixed or corrupt encoding; re-save the file as UTF-8)"
            ) from exc
    results = from_bytes(raw)
    best = results.best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable text: neither UTF-8 nor a recognisable legacy encoding")
    matches = list(results)
    # Short Latin-script texts decode equally cleanly in several code pages; the western one is the usual
    # culprit, so prefer it when it is as clean as the winner.
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01]
    for preferred in _PREFERRED:
        for match in tied:
            if preferred in (match.encoding, *match.could_be_from_charset):
                return str(match), preferred
    return str(best), best.encoding
