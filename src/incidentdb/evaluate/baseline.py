"""The evaluation gate's baselines: ``python -m incidentdb.evaluate.baseline [--update]``.

Each suite is a gold directory and a baseline file under ``tests/baselines/``. Without ``--update`` the
current figures are compared with the baselines (exit 1 when any overall figure got worse, like trafilatura's
evaluation gate); with ``--update`` the baselines are rewritten from the current output. Suites whose gold is
absent are skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from incidentdb.evaluate import compare_with_baseline, evaluate
from incidentdb.evaluate.gold import gold_files
from incidentdb.evaluate.report import EvalReport, Regression


@dataclass(frozen=True)
class Suite:
    name: str
    gold_dir: Path
    baseline: Path


def project_root(start: Path | None = None) -> Path:
    """The checkout holding pyproject.toml: from ``start`` (default cwd) upwards, else this file's."""
    for base in ((start or Path.cwd()).resolve(), Path(__file__).resolve()):
        for folder in (base, *base.parents):
            if (folder / "pyproject.toml").is_file() and (folder / "src" / "incidentdb").is_dir():
                return folder
    return Path.cwd()


def suites(root: Path) -> list[Suite]:
    """The gated suites: the shared seeds (next to the checkout) and the project's dev corpus."""
    baselines = root / "tests" / "baselines"
    return [
        Suite("seeds", root.parent / "shared" / "gold" / "seeds", baselines / "eval_seeds.json"),
        Suite("dev", root / "corpus" / "gold" / "dev", baselines / "eval_dev.json"),
    ]


def write_baseline(report: EvalReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.baseline(), indent=2, sort_keys=False) + "\n", encoding="utf-8")


def check(report: EvalReport, path: Path) -> list[Regression]:
    """Regressions of the report's overall figures against a baseline file."""
    return compare_with_baseline(report, json.loads(path.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m incidentdb.evaluate.baseline", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the baselines from the current output")
    parser.add_argument("--root", type=Path, default=None, help="project checkout (default: found from cwd)")
    args = parser.parse_args(argv)
    root = args.root.resolve() if args.root else project_root()
    failed = False
    for suite in suites(root):
        if not suite.gold_dir.is_dir() or not gold_files(suite.gold_dir):
            print(f"{suite.name}: no gold at {suite.gold_dir}; skipped")
            continue
        report = evaluate(suite.gold_dir)
        if args.update:
            write_baseline(report, suite.baseline)
            print(f"{suite.name}: wrote {suite.baseline}")
            continue
        if not suite.baseline.is_file():
            print(f"{suite.name}: no baseline at {suite.baseline}; run with --update")
            failed = True
            continue
        regressions = check(report, suite.baseline)
        for regression in regressions:
            print(f"{suite.name}: regression: {regression}")
        failed = failed or bool(regressions)
        if not regressions:
            print(f"{suite.name}: no figure is worse than {suite.baseline}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
