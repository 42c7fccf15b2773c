"""incidentdb.evaluate: score extraction output against gold annotations (CONTRACT.md "Scoring").

Public API::

    from incidentdb.evaluate import evaluate
    report = evaluate(Path("../shared/gold/seeds"))          # runs the extraction pipeline on each document
    report = evaluate(gold_dir, system=Path("out.jsonl"))    # scores an `extract --format jsonl` output
    print(report.to_json()); render_table(report)
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from incidentdb.evaluate.gold import GoldDocument, gold_files, parse_gold, read_gold_json
from incidentdb.evaluate.report import (
    EvalReport,
    Regression,
    baseline_figures,
    compare,
    compare_with_baseline,
    render_table,
)
from incidentdb.evaluate.score import DocScore, score_document
from incidentdb.evaluate.system import parse_system
from incidentdb.log import get_logger
from incidentdb.records import Document

__all__ = [
    "DocScore",
    "EvalReport",
    "GoldDocument",
    "Regression",
    "baseline_figures",
    "compare",
    "compare_with_baseline",
    "evaluate",
    "find_docs_dir",
    "load_document",
    "render_table",
]

log = get_logger(__name__)


def find_docs_dir(gold_dir: Path, docs_dir: Path | None, doc_name: str) -> Path:
    """Where the documents are: ``docs_dir``; else the gold dir itself; else ``X/gold/NAME`` -> ``X/NAME``."""
    if docs_dir is not None:
        return docs_dir
    if (gold_dir / doc_name).exists():
        return gold_dir
    resolved = gold_dir.resolve()
    if resolved.parent.name == "gold":
        sibling = resolved.parent.parent / resolved.name
        if sibling.is_dir():
            return sibling
    raise FileNotFoundError(
        f"cannot find {doc_name!r} for gold dir {gold_dir}: pass --docs DIR "
        "(looked in the gold dir and in the X/gold/NAME -> X/NAME sibling)"
    )


def load_document(path: Path) -> Document:
    """The Document for a file as the ingest stage reads it (the text system offsets point into).

    Falls back to the file read as UTF-8 when the ingest stage is unavailable or yields nothing.
    """
    try:
        from incidentdb.ingest import iter_documents
    except ImportError:
        iter_documents = None  # type: ignore[assignment]
    if iter_documents is not None:
        errors: list[Any] = []
        for document in iter_documents([path], on_error=errors.append):
            return document
        log.warning(
            "ingest gave no document; reading as text", path=str(path), errors=[str(e) for e in errors]
        )
    raw = path.read_bytes()
    return Document(
        id=hashlib.sha256(raw).hexdigest(),
        source=str(path),
        raw=raw,
        text=raw.decode("utf-8", errors="replace"),
        encoding="utf-8",
        media_type="text/plain",
    )


def _read_system(path: Path) -> dict[str, dict[str, Any]]:
    """System outputs keyed by document id and by the file name of their source."""
    outputs: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                output = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc
            document = output.get("document") or {}
            if document.get("id"):
                outputs[str(document["id"])] = output
            if document.get("source"):
                outputs.setdefault(Path(str(document["source"])).name, output)
    return outputs


def _run_extraction(document: Document) -> dict[str, Any]:
    from incidentdb.contract import to_contract
    from incidentdb.extract.pipeline import extract_document

    return to_contract(extract_document(document))


def _empty_output(document: Document) -> dict[str, Any]:
    return {"document": {"id": document.id, "source": document.source}, "mentions": [], "checks": []}


def evaluate(gold_dir: Path, docs_dir: Path | None = None, system: Path | None = None) -> EvalReport:
    """Score every gold file in ``gold_dir``; run the extraction unless a system JSONL file is given."""
    outputs = _read_system(system) if system is not None else None
    scores: list[DocScore] = []
    warnings: list[str] = []
    for gold_path in gold_files(gold_dir):
        raw_gold = read_gold_json(gold_path)
        doc_name = str(raw_gold.get("doc") or gold_path.with_suffix(".txt").name)
        doc_path = find_docs_dir(gold_dir, docs_dir, doc_name) / doc_name
        document = load_document(doc_path)
        gold = parse_gold(raw_gold, document.text, gold_path)
        failed = False
        if outputs is None:
            try:
                output = _run_extraction(document)
            except Exception as exc:  # one broken document must not hide the others' figures
                log.warning("extraction failed", doc=doc_name, error=repr(exc))
                warnings.append(f"{doc_name}: extraction failed ({exc!r}); scored as empty")
                output = _empty_output(document)
                failed = True
        else:
            found = outputs.get(document.id) or outputs.get(doc_name)
            if found is None:
                warnings.append(f"{doc_name}: no system output for this document; scored as empty")
                found = _empty_output(document)
            output = found
        score = score_document(gold, parse_system(output, document.text))
        score.extraction_errors = int(failed)
        scores.append(score)
        log.debug("scored", doc=doc_name)
    if not scores:
        warnings.append(f"no gold files (*.json) in {gold_dir}")
    return EvalReport(documents=scores, source=str(system) if system else "extract", warnings=warnings)
