"""Choose the extraction backend: the rules pipeline (default, offline) or the optional LLM endpoint.

The LLM backend is never chosen implicitly: it runs only when asked for by name (``--extractor llm`` or
``INCIDENTDB_EXTRACTOR=llm``) *and* an endpoint is configured (``INCIDENTDB_LLM_BASE_URL``). The rules backend
does not import the HTTP client at all.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from incidentdb.records import Document, Extraction

if TYPE_CHECKING:
    import httpx

    from incidentdb.settings import Settings

EXTRACTORS = ("rules", "llm")


class BackendConfigError(ValueError):
    """The chosen backend cannot run as configured (unknown name, LLM without an endpoint)."""


def check_backend(extractor: str, settings: Settings) -> None:
    """Raise :class:`BackendConfigError` with the fix when ``extractor`` cannot run with ``settings``."""
    if extractor not in EXTRACTORS:
        raise BackendConfigError(f"unknown extractor {extractor!r}: choose one of {', '.join(EXTRACTORS)}")
    if extractor == "llm" and not settings.llm_base_url:
        raise BackendConfigError(
            "the llm extractor needs an OpenAI-compatible endpoint: set INCIDENTDB_LLM_BASE_URL "
            "(for example http://127.0.0.1:8080/v1); see docs/llm.md"
        )
    if extractor == "llm" and importlib.util.find_spec("httpx") is None:
        raise BackendConfigError("the llm extractor needs its HTTP client: pip install 'incidentdb[llm]'")


def extract_with(
    doc: Document,
    extractor: str,
    pack: str,
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
) -> Extraction:
    """Extract ``doc`` with the named backend ("rules" or "llm") over the region ``pack``.

    ``transport`` is handed to the LLM backend's HTTP client (tests inject one); the rules backend ignores it.
    """
    check_backend(extractor, settings)
    if extractor == "rules":
        from incidentdb.extract.pipeline import extract_document

        return extract_document(doc, pack)
    from incidentdb.extract.llm import LLMExtractor

    with LLMExtractor.from_settings(
        settings.model_copy(update={"pack": pack}), transport=transport
    ) as backend:
        return backend.extract(doc)
