"""Test databases for the export and dump/restore tests, built through the library API.

ingest -> extract -> save -> link on the seeds (beside the repository), the bundled samples and three reports
written here (two outlets telling one shelling with different tolls, one clash with a vague toll). Built once
per test session into a SQLite file; tests copy it before changing anything.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from incidentdb.cli.link_cmd import link_store
from incidentdb.cli.main import samples_dir
from incidentdb.extract.pipeline import extract_document
from incidentdb.ingest.api import iter_documents
from incidentdb.store import Store, open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

SHELLING_A = "https://north-desk.invalid/2019/06/03/maarat-shelling"
SHELLING_B = "https://levant-monitor.invalid/news/2019-06-03-maarat"
CLASH = "https://east-wire.invalid/2019/09/10/hajin-clashes"

OWN_REPORTS = [
    {
        "text": "Shelling kills eight in Maarat al-Numan\n\nMAARAT AL-NUMAN, June 3, 2019 (North Desk) — Artillery "
        "shells fired by government forces hit a crowded street in Maarat al-Numan on Monday, killing at least "
        "eight civilians and wounding 20 others, the Syrian Observatory for Human Rights said. Rescue workers "
        "said the toll could rise.",
        "url": SHELLING_A,
        "title": "Shelling kills eight in Maarat al-Numan",
        "published": "2019-06-03",
        "source": "North Desk",
    },
    {
        "text": "Eleven dead after artillery strike on Maarat al-Numan\n\nMAARAT AL-NUMAN, June 3, 2019 (Levant "
        "Monitor) — Government artillery struck a street in the town of Maarat al-Numan in Idlib province on "
        "Monday, killing 11 people, the Syria Civil Defence said. More than 20 were wounded.",
        "url": SHELLING_B,
        "title": "Eleven dead after artillery strike on Maarat al-Numan",
        "published": "2019-06-03",
        "source": "Levant Monitor",
    },
    {
        "text": "Dozens killed in clashes near Deir ez-Zor\n\nDEIR EZ-ZOR, September 10, 2019 (East Wire) — Dozens "
        "of fighters were killed on Tuesday in clashes between the Syrian Democratic Forces and Islamic State "
        "militants near the town of Hajin, in the eastern countryside of Deir ez-Zor, a local activist "
        "network said.",
        "url": CLASH,
        "title": "Dozens killed in clashes near Deir ez-Zor",
        "published": "2019-09-10",
        "source": "East Wire",
    },
]


def seeds_dir() -> Path | None:
    """The seed reports, or None (a skip) when the shared folder is absent outside CI."""
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        return seeds
    if os.environ.get("CI") == "true":
        pytest.fail(f"the seed reports must be present under CI=true (expected {seeds})")
    return None


def write_own_reports(folder: Path) -> Path:
    path = folder / "own_reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in OWN_REPORTS), encoding="utf-8")
    return path


def fill(store: Store, paths: list[Path], link: bool = True) -> None:
    """ingest -> extract -> save (-> link), as `incidentdb ingest`, `extract --save` and `link` do."""
    for document in iter_documents(paths):
        store.save_document(document)
        store.save_extraction(extract_document(document))
    if link:
        link_store(store)


_BUILT: dict[str, Path] = {}


def built_database(factory: pytest.TempPathFactory, with_seeds: bool = True) -> Path:
    """A SQLite file holding seeds (when present), samples and the own reports, linked. Built once."""
    key = f"seeds={with_seeds}"
    if key not in _BUILT:
        folder = factory.mktemp("export-db")
        paths = [samples_dir(), write_own_reports(folder)]
        seeds = seeds_dir() if with_seeds else None
        if seeds is not None:
            paths.insert(0, seeds)
        target = folder / "built.sqlite"
        with open_store(f"sqlite:///{target}") as store:
            fill(store, paths)
        _BUILT[key] = target
    return _BUILT[key]


def copy_database(source: Path, folder: Path) -> str:
    """A private copy of a built database; returns its URL."""
    target = folder / "copy.sqlite"
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def holding(rows: list[dict], source: str) -> dict:
    """The incident whose mentions include the document ``source``."""
    return next(r for r in rows if any(m["document"] == source for m in r["mentions"]))
