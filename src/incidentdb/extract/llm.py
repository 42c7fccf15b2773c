"""Optional extractor backend: an OpenAI-compatible chat-completions endpoint (off by default).

Nothing here runs unless the user sets ``INCIDENTDB_LLM_BASE_URL`` and chooses ``--extractor llm``
(``INCIDENTDB_EXTRACTOR=llm``). The model is asked for quotes, never offsets: :mod:`incidentdb.extract.llm_grounding`
finds each quote in the text, drops what is not there, and normalises places, dates, actors and figures through
the region pack, so the output is the same contract as the rules extractor's. Publication inference and the
report checks are the rules pipeline's own functions.

The HTTP transport is injectable (``httpx.Client(transport=...)``), so tests talk to a local fake server or to an
``httpx.MockTransport``; ``httpx`` is imported only when this backend is built (the ``llm`` extra).
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from incidentdb.log import get_logger
from incidentdb.records import ACLED_TYPES, COUNT_CATEGORIES, Document, Extraction

if TYPE_CHECKING:
    import httpx

    from incidentdb.settings import Settings

log = get_logger(__name__)

EXTRACTOR_NAME = "llm"
_RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


class LLMError(RuntimeError):
    """The LLM backend could not extract one document; the message names the document and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: LLM extractor: {reason}")
        self.source = source
        self.reason = reason


class _Retryable(Exception):
    """A failure worth another attempt: timeouts, dropped connections, 5xx/429 (after a pause), or a malformed
    answer (at once: sampling may give a well-formed one)."""

    def __init__(self, reason: str, *, pause: bool = True) -> None:
        super().__init__(reason)
        self.pause = pause


def _vocabulary() -> str:
    return "\n".join(f"- {event}: {'; '.join(subs)}" for event, subs in ACLED_TYPES.items())


_CATEGORIES = " | ".join(COUNT_CATEGORIES)
SYSTEM_PROMPT = f"""You extract armed-violence events from one news report for an incident database.
Answer with one JSON object and nothing else:
{{"mentions": [{{
  "kind": "incident | background | aggregate",
  "event_type": "ACLED event type or null",
  "sub_event_type": "ACLED sub-event type or null",
  "evidence": ["exact sentence or clause of the report that tells this event"],
  "date": "exact words of the report that date the event (e.g. 'on Friday', '3 March 2024') or null",
  "place": "exact name of the place where it happened, as written, or null",
  "actor1": "exact name of who did it, as written, or null",
  "actor2": "exact name of the other side or the target, as written, or null",
  "counts": [{{"category": "{_CATEGORIES}",
              "quote": "exact words holding the figure, with its verb (e.g. 'killing at least eight people')",
              "claimant": "exact name of who gives the figure, or null"}}]
}}]}}

Quotes: copy every quote character for character from the report (same spelling, same words, no paraphrase,
no translation, no ellipsis). Anything that is not found verbatim in the report is discarded. Do not compute
offsets, dates or coordinates: quote the words and leave the rest to the system.

kind: "incident" = something that happened that the report tells as news; "background" = a past event recalled
for context; "aggregate" = a running total over many events ("826 killed since November 27").
One mention per distinct event: two strikes on two towns are two mentions; the same strike told twice is one.
Ignore page furniture (menus, related-article teasers, captions, adverts). Keep figures as the report gives them,
one count item per figure and claimant; keep conflicting figures.

ACLED event types and their sub-event types (use these exact names):
{_vocabulary()}
"""


def _user_prompt(doc: Document) -> str:
    title = f"Title: {doc.title}\n" if doc.title else ""
    return f"{title}Report text between the markers:\n<<<REPORT\n{doc.text}\nREPORT>>>"


def _strip_fences(content: str) -> str:
    """Local models often wrap JSON in a Markdown code fence despite JSON mode."""
    content = content.strip()
    if content.startswith("```"):
        content = content.split("\n", 1)[1] if "\n" in content else ""
        if content.rstrip().endswith("```"):
            content = content.rstrip()[:-3]
    return content.strip()


def parse_answer(body: Any) -> list[Any]:
    """The list of mention items in a chat-completion response body; :class:`_Retryable` when malformed."""
    try:
        content = body["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise _Retryable(
            f"the response has no choices[0].message.content ({exc.__class__.__name__})", pause=False
        ) from exc
    if not isinstance(content, str):
        raise _Retryable("the model's answer is not text", pause=False)
    try:
        answer = json.loads(_strip_fences(content))
    except json.JSONDecodeError as exc:
        raise _Retryable(
            f"the model's answer is not valid JSON ({exc.msg} at char {exc.pos})", pause=False
        ) from exc
    if isinstance(answer, list):
        return answer
    if isinstance(answer, dict):
        for key in ("mentions", "events", "incidents"):  # the asked key first; models sometimes rename it
            if isinstance(answer.get(key), list):
                return list(answer[key])
    raise _Retryable('the model\'s answer is not an object with a "mentions" list', pause=False)


class LLMExtractor:
    """Extract one document at a time through an OpenAI-compatible endpoint; close() when done."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        pack: str = "syria",
        transport: httpx.BaseTransport | None = None,
        timeout_seconds: float = 120.0,
        max_attempts: int = 3,
        backoff_seconds: float = 1.0,
    ) -> None:
        import httpx

        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.pack = pack
        self.max_attempts = max(1, max_attempts)
        self.backoff_seconds = backoff_seconds
        self._client = httpx.Client(transport=transport, timeout=timeout_seconds, headers=headers)

    @classmethod
    def from_settings(
        cls, settings: Settings, *, transport: httpx.BaseTransport | None = None
    ) -> LLMExtractor:
        if not settings.llm_base_url:
            raise ValueError("the llm extractor needs an endpoint: set INCIDENTDB_LLM_BASE_URL")
        return cls(
            settings.llm_base_url,
            settings.llm_model,
            api_key=settings.llm_api_key,
            pack=settings.pack,
            transport=transport,
            timeout_seconds=settings.llm_timeout_seconds,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> LLMExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the request
    def request_body(self, doc: Document) -> dict[str, Any]:
        return {
            "model": self.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": _user_prompt(doc)},
            ],
        }

    def _attempt(self, doc: Document) -> list[Any]:
        import httpx

        try:
            response = self._client.post(f"{self.base_url}/chat/completions", json=self.request_body(doc))
        except httpx.TimeoutException as exc:
            raise _Retryable(f"no answer from {self.base_url} in time ({exc.__class__.__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retryable(f"cannot reach {self.base_url}: {exc.__class__.__name__}: {exc}") from exc
        if response.status_code in _RETRY_STATUS:
            raise _Retryable(f"the endpoint answered HTTP {response.status_code}")
        if response.status_code != 200:
            raise LLMError(
                doc.source, f"the endpoint answered HTTP {response.status_code}: {response.text[:200]}"
            )
        try:
            body = response.json()
        except ValueError as exc:
            raise _Retryable("the endpoint's response is not JSON") from exc
        return parse_answer(body)

    def complete(self, doc: Document) -> list[Any]:
        """The model's mention items for ``doc``, after at most ``max_attempts`` tries; :class:`LLMError` else."""
        reason = ""
        for attempt in range(1, self.max_attempts + 1):
            try:
                items = self._attempt(doc)
            except _Retryable as exc:
                reason = str(exc)
                log.warning("llm_attempt_failed", doc=doc.id[:12], attempt=attempt, reason=reason)
                if attempt < self.max_attempts and exc.pause:
                    time.sleep(self.backoff_seconds * attempt)
                continue
            log.info("llm_answer", doc=doc.id[:12], attempt=attempt, items=len(items))
            return items
        raise LLMError(doc.source, f"{reason} (gave up after {self.max_attempts} attempts)")

    # ---- the extraction
    def extract(self, doc: Document) -> Extraction:
        """One document's extraction: the model's mentions grounded in the text, the rules' publication and checks."""
        from incidentdb.checks import run_checks
        from incidentdb.extract.llm_grounding import Grounder, ground_mentions
        from incidentdb.extract.publication import infer_publication
        from incidentdb.packs import load_pack
        from incidentdb.packs.timeline import load_timeline

        pack = load_pack(self.pack)
        timeline = load_timeline(pack.path)
        publication = infer_publication(doc, timeline)
        items = self.complete(doc)
        mentions = ground_mentions(Grounder(doc, pack, publication), items)
        dropped = len(items) - len(mentions)
        if dropped:
            log.info("llm_grounding", doc=doc.id[:12], kept=len(mentions), dropped=dropped)
        extraction = Extraction(
            document=doc, publication=publication, mentions=mentions, extractor=EXTRACTOR_NAME
        )
        return replace(extraction, checks=tuple(run_checks(extraction, timeline)))
