"""An oracle 'model' for the LLM backend: it answers with the gold annotation's own quotes.

It measures what the grounding layer (quotes -> offsets -> pack normalisation) makes of a model that quotes
perfectly, with no model and no network: the answer goes through ``httpx.MockTransport``. The oracle quotes what a
model could quote: the gold evidence, a gold place name or alias as the text writes it, an actor's words from the
text whose pack name is a gold name, the gold figure quotes, and (unless ``quote_dates`` is off) the date words
nearest the evidence that resolve inside the gold interval.

    .venv/bin/python tests/llm_oracle.py corpus/gold/dev [--no-dates]
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from incidentdb.contract import to_contract
from incidentdb.evaluate import EvalReport, evaluate, find_docs_dir, load_document
from incidentdb.evaluate.gold import gold_files, read_gold_json
from incidentdb.evaluate.normalise import name_key
from incidentdb.extract.actors import find_actors
from incidentdb.extract.dates import find_dates
from incidentdb.extract.llm import LLMExtractor
from incidentdb.extract.llm_grounding import Grounder
from incidentdb.extract.publication import infer_publication
from incidentdb.packs import load_pack
from incidentdb.packs.timeline import load_timeline
from incidentdb.records import COUNT_CATEGORIES, Document


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _written(names: Sequence[str], where: str) -> str | None:
    """The first name as ``where`` writes it (exactly, else ignoring case)."""
    for name in names:
        if name and name in where:
            return name
    for name in names:
        match = re.search(re.escape(name), where, re.IGNORECASE) if name else None
        if match:
            return match.group(0)
    return None


def _actor_words(text: str, evidence_at: int, gold_names: Sequence[str]) -> str | None:
    keys = {name_key(n) for n in gold_names}
    for actor in sorted(find_actors(text, load_pack("syria")), key=lambda a: abs(a.span.start - evidence_at)):
        key = name_key(actor.canonical)
        if any(
            key == g or (len(g.split()) >= 2 and g in key) or (len(key.split()) >= 2 and key in g)
            for g in keys
        ):
            return actor.surface
    return None


def _date_words(grounder: Grounder, evidence_at: int, gold: dict[str, Any]) -> str | None:
    if not gold.get("start"):
        return None
    for mention in sorted(find_dates(grounder.text), key=lambda d: abs(d.span.start - evidence_at))[:6]:
        date = grounder.date_at(mention.span)
        if date and date.start and str(date.start) >= gold["start"] and str(date.end or date.start) <= (gold.get("end") or "9999"):  # fmt: skip
            return mention.span.quote
    return None


def oracle_item(gold: dict[str, Any], doc: Document, grounder: Grounder, quote_dates: bool) -> dict[str, Any]:
    text = doc.text
    evidence = _as_list(gold.get("evidence"))
    evidence_text = " ".join(evidence)
    evidence_at = max(0, text.find(evidence[0])) if evidence else 0
    item: dict[str, Any] = {
        "kind": gold.get("kind", "incident"),
        "event_type": (_as_list(gold.get("event_type")) or [None])[0],
        "sub_event_type": (_as_list(gold.get("sub_event_type")) or [None])[0],
        "evidence": evidence,
    }
    places = gold.get("places") or []
    if places:
        names = [places[0].get("name"), *(places[0].get("aliases") or [])]
        item["place"] = _written(names, evidence_text) or _written(names, text)
    actors = _as_list(gold.get("actor1"))
    item["actor1"] = _written(actors, evidence_text) or _actor_words(text, evidence_at, actors)
    if quote_dates:
        item["date"] = _date_words(grounder, evidence_at, gold.get("date") or {})
    item["counts"] = [
        {"category": category, "quote": claim["quote"], "claimant": claim.get("claimant")}
        for category in COUNT_CATEGORIES
        for claim in _as_list(gold.get(category))
        if isinstance(claim, dict) and claim.get("quote")
    ]
    return item


def run_oracle(gold_dir: Path, out: Path, *, quote_dates: bool = True) -> EvalReport:
    """Extract every gold document through the LLM backend with oracle answers; score the output."""
    pack = load_pack("syria")
    timeline = load_timeline(pack.path)
    with out.open("w", encoding="utf-8") as sink:
        for gold_path in gold_files(gold_dir):
            raw = read_gold_json(gold_path)
            name = str(raw.get("doc") or gold_path.with_suffix(".txt").name)
            doc = load_document(find_docs_dir(gold_dir, None, name) / name)
            grounder = Grounder(doc, pack, infer_publication(doc, timeline))
            answer = {"mentions": [oracle_item(m, doc, grounder, quote_dates) for m in raw["mentions"]]}
            body = {"choices": [{"message": {"role": "assistant", "content": json.dumps(answer)}}]}
            transport = httpx.MockTransport(lambda request, body=body: httpx.Response(200, json=body))
            with LLMExtractor("http://oracle.invalid/v1", "oracle", transport=transport) as backend:
                sink.write(json.dumps(to_contract(backend.extract(doc)), ensure_ascii=False) + "\n")
    return evaluate(gold_dir, system=out)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        report = run_oracle(
            Path(sys.argv[1]), Path(scratch) / "oracle.jsonl", quote_dates="--no-dates" not in sys.argv
        )
    print(json.dumps(report.figures(), indent=1))
