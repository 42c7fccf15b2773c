"""Score linking against a linking gold: pairwise precision/recall and B-cubed F1.

The gold (corpus/links/gold.json) lists incidents, each with the reports that tell it and an evidence quote
per report. A gold mention is matched to a system mention of the same report whose evidence overlaps its
quote (one of the gold's kind first, then the largest overlap); gold mentions the system did not extract count as singletons (they hurt recall). Scores are over
the gold ``incident`` mentions; background mentions (later recollections) are scored apart, as the share
attached to the right incident.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from incidentdb.link.api import link_mentions
from incidentdb.link.model import LinkSettings
from incidentdb.link.types import Incident, LinkableMention
from incidentdb.records import (
    Count,
    CountClaim,
    DateInterval,
    Document,
    Extraction,
    Mention,
    MentionKind,
    Place,
    Publication,
    Span,
)

Extractor = Callable[[Document], Extraction]


@dataclass(frozen=True)
class GoldMention:
    incident: str
    document: str
    evidence: str
    kind: MentionKind = "incident"


def load_gold(path: Path) -> list[GoldMention]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        GoldMention(inc["id"], m["document"], m["evidence"], m.get("kind", "incident"))
        for inc in data["incidents"]
        for m in inc["mentions"]
    ]


def _resolve(gold: Path, reports: Path | None) -> tuple[Path, Path]:
    gold_file = gold / "gold.json" if gold.is_dir() else gold
    return gold_file, reports or gold_file.parent / "reports.jsonl"


def extract_mentions(
    documents: Iterable[Document], extractor: Extractor | None = None
) -> list[LinkableMention]:
    """Run extraction over documents and wrap every mention for linking."""
    if extractor is None:
        from incidentdb.extract.pipeline import extract_document

        extractor = extract_document
    out: list[LinkableMention] = []
    for doc in documents:
        extraction = extractor(doc)
        out.extend(linkable_mentions(extraction))
    return out


def linkable_mentions(extraction: Extraction) -> list[LinkableMention]:
    doc, pub = extraction.document, extraction.publication
    published = pub.date or pub.latest or doc.published_stated
    return [
        LinkableMention(doc.source, i, mention, published=published, document_id=doc.id)
        for i, mention in enumerate(extraction.mentions)
    ]


def _match(
    gold: Sequence[GoldMention], texts: Mapping[str, str], mentions: Sequence[LinkableMention]
) -> dict[int, str | None]:
    """Gold mention position -> key of the system mention whose evidence overlaps its quote most."""
    by_doc: dict[str, list[LinkableMention]] = {}
    for lm in mentions:
        by_doc.setdefault(lm.document, []).append(lm)
    matched: dict[int, str | None] = {}
    for pos, g in enumerate(gold):
        text = texts.get(g.document, "")
        start = text.find(g.evidence)
        matched[pos] = None
        if start < 0:
            continue
        end = start + len(g.evidence)
        best: tuple[bool, int] = (False, 0)
        for lm in by_doc.get(g.document, []):
            overlap = sum(max(0, min(end, s.end) - max(start, s.start)) for s in lm.mention.evidence)
            # any overlap matches (as in CONTRACT.md); a mention of the gold's kind is preferred
            rank = (lm.mention.kind == g.kind, overlap)
            if overlap > 0 and rank > best:
                best, matched[pos] = rank, lm.key
    return matched


def _prf(tp: float, system: float, gold: float) -> dict[str, float]:
    precision = tp / system if system else 1.0
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def cluster_scores(gold_labels: Sequence[str], system_labels: Sequence[str]) -> dict[str, dict[str, float]]:
    """Pairwise and B-cubed precision/recall/F1 of two clusterings of the same items (from cell counts)."""
    n = len(gold_labels)
    cells = Counter(zip(gold_labels, system_labels, strict=True))
    gold_sizes = Counter(gold_labels)
    system_sizes = Counter(system_labels)

    def pairs(k: int) -> int:
        return k * (k - 1) // 2

    pairwise = _prf(
        sum(pairs(k) for k in cells.values()),
        sum(pairs(k) for k in system_sizes.values()),
        sum(pairs(k) for k in gold_sizes.values()),
    )
    if not n:
        return {"pairwise": pairwise, "bcubed": _prf(0, 0, 0)}
    precision = sum(k * k / system_sizes[s] for (_, s), k in cells.items()) / n
    recall = sum(k * k / gold_sizes[g] for (g, _), k in cells.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    bcubed = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    return {"pairwise": pairwise, "bcubed": bcubed}


def score_links(
    gold: Sequence[GoldMention],
    texts: Mapping[str, str],
    mentions: Sequence[LinkableMention],
    incidents: Sequence[Incident],
) -> dict[str, Any]:
    """Compare linked incidents with the gold; see the module docstring."""
    matched = _match(gold, texts, mentions)
    cluster_of: dict[str, str] = {}
    recalled_by: dict[str, str] = {}
    for incident in incidents:
        for member in incident.members:
            cluster_of[member.key] = incident.id
        for member in incident.background:
            recalled_by[member.key] = incident.id
    core = [pos for pos, g in enumerate(gold) if g.kind == "incident"]
    gold_labels = [gold[pos].incident for pos in core]
    system_labels = [cluster_of.get(matched[pos] or "", f"unmatched:{pos}") for pos in core]
    scores = cluster_scores(gold_labels, system_labels)
    # The system incident holding most of each gold incident's mentions (for background attachment).
    votes: dict[str, Counter[str]] = {}
    for label, system in zip(gold_labels, system_labels, strict=True):
        votes.setdefault(label, Counter())[system] += 1
    main_of = {label: counter.most_common(1)[0][0] for label, counter in votes.items()}
    background = [pos for pos, g in enumerate(gold) if g.kind == "background"]
    # a recollection points to its incident when attached to it as background or (kind aside) linked into it
    attached = sum(
        1
        for pos in background
        if matched[pos]
        and main_of.get(gold[pos].incident)
        in (recalled_by.get(matched[pos] or ""), cluster_of.get(matched[pos] or ""))
    )
    errors = []
    for label, counter in votes.items():
        if len(counter) > 1:
            errors.append({"gold": label, "split_into": len(counter)})
    system_to_gold: dict[str, set[str]] = {}
    for label, system in zip(gold_labels, system_labels, strict=True):
        system_to_gold.setdefault(system, set()).add(label)
    errors.extend({"system": s, "merges": sorted(g)} for s, g in system_to_gold.items() if len(g) > 1)
    return {
        "gold_incidents": len(set(gold_labels)),
        "gold_mentions": len(core),
        "matched_mentions": sum(1 for pos in core if matched[pos]),
        "system_incidents": len(incidents),
        "system_mentions": len(mentions),
        **scores,
        "background": {"gold": len(background), "attached_correctly": attached},
        "errors": errors,
    }


MODES = ("extract", "gold-kinds", "oracle")


def evaluate_links(
    gold: Path,
    reports: Path | None = None,
    *,
    mode: str = "extract",
    engine: str = "duckdb",
    settings: LinkSettings | None = None,
    extractor: Extractor | None = None,
    oracle: bool = False,
    spark: Any = None,
) -> dict[str, Any]:
    """Extract the gold's reports, link them, and score the incidents against the gold.

    Modes: ``extract`` (end to end), ``gold-kinds`` (the extractor's mentions and fields, but every gold
    mention present with the gold's kind: linking measured apart from mention detection and kind errors) and
    ``oracle`` (the gold's own mentions built from its facts; ``oracle=True`` is the same)."""
    from incidentdb.ingest.api import iter_documents

    mode = "oracle" if oracle else mode
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    gold_file, reports_file = _resolve(Path(gold), reports)
    gold_mentions = load_gold(gold_file)
    documents = list(iter_documents([reports_file]))
    texts = {d.source: d.text for d in documents}
    if mode == "oracle":
        mentions = extract_mentions(documents, oracle_extractor(gold_file))
    else:
        mentions = extract_mentions(documents, extractor)
    if mode == "gold-kinds":
        mentions = _with_gold_kinds(gold_mentions, texts, mentions, documents, gold_file)
    incidents = link_mentions(mentions, engine=engine, settings=settings, spark=spark)
    result = score_links(gold_mentions, texts, mentions, incidents)
    result["documents"] = len(documents)
    result["engine"] = engine
    result["mode"] = mode
    return result


def _with_gold_kinds(
    gold: Sequence[GoldMention],
    texts: Mapping[str, str],
    mentions: Sequence[LinkableMention],
    documents: Sequence[Document],
    gold_file: Path,
) -> list[LinkableMention]:
    """Give each matched mention its gold kind and add the gold mentions the extractor missed."""
    matched = _match(gold, texts, mentions)
    kind_of = {key: gold[pos].kind for pos, key in matched.items() if key}
    out = [
        replace(lm, mention=replace(lm.mention, kind=kind_of[lm.key])) if lm.key in kind_of else lm
        for lm in mentions
    ]
    missing_docs = {gold[pos].document for pos, key in matched.items() if key is None}
    oracle = oracle_extractor(gold_file)
    for doc in documents:
        if doc.source not in missing_docs:
            continue
        for lm in linkable_mentions(oracle(doc)):
            covered = any(
                o.document == lm.document
                and any(a.overlaps(b) for a in o.mention.evidence for b in lm.mention.evidence)
                for o in out
            )
            if not covered:
                out.append(replace(lm, index=1000 + lm.index))
    return out


_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_NUMBER = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_WORDS) + r")\b", re.IGNORECASE)
_TOLL_WORDS = re.compile(r"kill|dead|died|death|toll|victims", re.IGNORECASE)


def _oracle_killed(text: str, start: int, end: int) -> Count | None:
    """The figure nearest a death word in the sentence holding the gold quote (oracle mode only)."""
    left = text.rfind(".", 0, start) + 1
    right = text.find(".", end)
    sentence = text[left : right if right >= 0 else len(text)]
    tolls = [m.start() for m in _TOLL_WORDS.finditer(sentence)]
    if not tolls:
        return None
    best: tuple[int, int, re.Match[str]] | None = None
    for match in _NUMBER.finditer(sentence):
        word = match.group(1).lower()
        value = _WORDS.index(word) + 1 if word in _WORDS else int(word.replace(",", ""))
        if 1900 <= value <= 2100 or value > 5000:
            continue
        distance = min(abs(match.start() - t) for t in tolls)
        if best is None or distance < best[0]:
            best = (distance, value, match)
    if best is None:
        return None
    _, value, match = best
    span = Span.of(text, left + match.start(), left + match.end())
    return Count(value, value, None, None, (CountClaim(value, None, None, None, span),))


def oracle_extractor(gold_file: Path) -> Extractor:
    """An extractor that returns the gold's own mentions with the gold's facts: linking measured alone."""
    data = json.loads(gold_file.read_text(encoding="utf-8"))
    by_doc: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for incident in data["incidents"]:
        for mention in incident["mentions"]:
            by_doc.setdefault(mention["document"], []).append((incident, mention))

    def extract(doc: Document) -> Extraction:
        mentions = []
        for incident, gm in by_doc.get(doc.source, []):
            start = doc.text.find(gm["evidence"])
            if start < 0:
                continue
            span = Span.of(doc.text, start, start + len(gm["evidence"]))
            loc = incident["location"]
            name = next((n for n in loc["names"] if n in doc.text), loc["names"][0])
            day = dt.date.fromisoformat(incident["date"])
            killed = _oracle_killed(doc.text, span.start, span.end)
            mentions.append(
                Mention(
                    kind=gm.get("kind", "incident"),
                    evidence=(span,),
                    event_type=incident["event_type"],
                    sub_event_type=incident["sub_event_type"],
                    date=DateInterval(day, day, 1),
                    location=Place(
                        name, admin1=loc["admin1"], lat=loc["lat"], lon=loc["lon"], geo_precision=1
                    ),
                    counts={"killed": killed} if killed else {},
                )
            )
        publication = Publication(doc.published_stated, None, None, doc.published_basis)
        return Extraction(document=doc, publication=publication, mentions=tuple(mentions), extractor="oracle")

    return extract
