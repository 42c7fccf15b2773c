"""Benchmarks: ``python bench/run.py [NAME ...]`` (``make bench`` runs them all).

Each benchmark writes ``bench/results/<name>.json`` with its throughput, peak memory (tracemalloc and the
process's ru_maxrss) and the environment (Python version, CPU count, platform). Speed is measured here, never
asserted in tests.

``extract`` (this file) runs the extraction pipeline over generated wire-style reports (bench/generate.py).
Other stages add a module next to this one, e.g. ``bench/link.py``, defining::

    NAME = "link"
    def run(docs: int, seed: int) -> dict[str, Any]: ...   # figures; run.py adds the environment and writes

and it is picked up by name (``python bench/run.py link``) and by ``python bench/run.py`` (all benchmarks).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
T = TypeVar("T")


def environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def max_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def measure(func: Callable[[T], Any], items: Sequence[T], trace_items: int | None = None) -> dict[str, Any]:
    """Time ``func`` over every item, then run it again under tracemalloc for the Python-level peak.

    Two passes because tracemalloc slows Python code several times over: the timed pass runs without it.
    ``trace_items`` limits the traced pass (nothing is kept between items, so the peak is per-item work).
    """
    gc.collect()
    started = time.perf_counter()
    for item in items:
        func(item)
    seconds = time.perf_counter() - started
    traced = list(items[:trace_items] if trace_items else items)
    gc.collect()
    tracemalloc.start()
    for item in traced:
        func(item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "items": len(items),
        "seconds": round(seconds, 4),
        "per_second": round(len(items) / seconds, 2) if seconds else None,
        "ms_per_item": round(1000 * seconds / len(items), 3) if items else None,
        "tracemalloc_peak_mb": round(peak / (1024 * 1024), 2),
        "tracemalloc_items": len(traced),
        "ru_maxrss_mb": round(max_rss_mb(), 1),
    }


def write_results(name: str, figures: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    data = {"benchmark": name, **figures, "environment": environment()}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- the extraction benchmark


def run_extract(docs: int, seed: int) -> dict[str, Any]:
    """Ingest (untimed) then extract ``docs`` generated reports; extraction's docs/second and memory."""
    from generate import ReportGenerator

    from incidentdb.extract.pipeline import extract_document
    from incidentdb.ingest.readers import text_document

    reports = ReportGenerator(seed).reports(docs)
    documents = [
        text_document(report.name, report.text.encode("utf-8"), report.text, "utf-8") for report in reports
    ]
    extract_document(documents[0])  # warm-up: pack loading and lexicon compilation are not per-document costs
    mentions = sum(len(extract_document(d).mentions) for d in documents[: min(50, len(documents))])
    figures = measure(extract_document, documents, trace_items=min(len(documents), 200))
    return {
        "docs": docs,
        "seed": seed,
        "chars": sum(len(r.text) for r in reports),
        "docs_per_second": figures["per_second"],
        "mentions_per_doc_sample": round(mentions / min(50, len(documents)), 2),
        "extract": figures,
        "peak_memory_mb": {
            "tracemalloc": figures["tracemalloc_peak_mb"],
            "ru_maxrss": figures["ru_maxrss_mb"],
        },
    }


def _benchmarks() -> dict[str, Callable[[int, int], dict[str, Any]]]:
    """``extract`` plus every bench/*.py module that defines NAME and run(docs, seed)."""
    found: dict[str, Callable[[int, int], dict[str, Any]]] = {"extract": run_extract}
    for path in sorted(BENCH_DIR.glob("*.py")):
        if path.stem in ("run", "generate") or path.stem.startswith("_"):
            continue
        module = importlib.import_module(path.stem)
        runner = getattr(module, "run", None)
        if callable(runner):
            found[str(getattr(module, "NAME", path.stem))] = runner
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--docs", type=int, default=1000, help="generated reports per benchmark")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH_DIR))
    benchmarks = _benchmarks()
    unknown = [n for n in args.names if n not in benchmarks]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; known: {sorted(benchmarks)}")
    for name in args.names or list(benchmarks):
        figures = benchmarks[name](args.docs, args.seed)
        path = write_results(name, figures)
        print(
            f"{name}: {json.dumps({k: v for k, v in figures.items() if not isinstance(v, dict)})} -> {path}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
