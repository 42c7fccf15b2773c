"""Background ingest jobs for the web UI: uploaded files -> ingest -> extract -> link, with progress.

One worker thread runs jobs in order (the machine is small and SQLite has one writer). A job's progress lives
in memory: it is for the person watching the upload, the results themselves are in the store.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentdb.log import get_logger
from incidentdb.settings import Settings
from incidentdb.store import Store

log = get_logger(__name__)


@dataclass
class Job:
    id: str
    who: str
    files: list[str]
    state: str = "queued"  # queued | running | done | failed
    stage: str = "queued"  # ingest | extract | link | finished
    done: int = 0
    total: int = 0
    errors: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    mentions: int = 0
    incidents: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "who": self.who,
            "files": self.files,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "errors": self.errors,
            "documents": self.documents,
            "mentions": self.mentions,
            "incidents": self.incidents,
        }


def safe_name(name: str) -> str:
    """A file name from an upload, stripped of any directory part."""
    base = Path(name.replace("\\", "/")).name.strip()
    return base if base not in ("", ".", "..") else "upload.txt"


class JobRunner:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="incidentdb-ingest")

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def submit(self, files: Sequence[tuple[str, bytes]], who: str) -> Job:
        """Queue an ingest of uploaded (name, bytes) pairs; returns at once."""
        folder = Path(tempfile.mkdtemp(prefix="incidentdb-upload-"))
        paths = []
        for index, (name, data) in enumerate(files):
            if len(data) > self.settings.max_file_bytes:
                raise ValueError(f"{name}: larger than the limit of {self.settings.max_file_bytes} bytes")
            target = folder / f"{index:04d}-{safe_name(name)}"
            target.write_bytes(data)
            paths.append(target)
        job = Job(id=uuid.uuid4().hex[:16], who=who, files=[safe_name(n) for n, _ in files], total=len(paths))
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, paths, folder)
        return job

    def wait(self, job_id: str, timeout: float | None = None) -> Job | None:
        """Block until the job has finished (for the CLI and tests)."""
        done = threading.Event()

        def check() -> None:
            done.set()

        self._pool.submit(check)
        done.wait(timeout)
        return self.get(job_id)

    def _run(self, job: Job, paths: list[Path], folder: Path) -> None:
        job.state = "running"
        try:
            run_pipeline(self.store, self.settings, job, paths)
            job.state = "done"
        except Exception as exc:  # a failed job must say why, not kill the worker
            log.exception("ingest job failed", job=job.id)
            job.errors.append(f"{type(exc).__name__}: {exc}")
            job.state = "failed"
        finally:
            job.stage = "finished"
            shutil.rmtree(folder, ignore_errors=True)


def run_pipeline(store: Store, settings: Settings, job: Job, paths: list[Path]) -> None:
    """Ingest, extract and store each file, then re-link the whole store (same library calls as the CLI)."""
    from incidentdb.web import pipeline_bridge

    job.stage = "ingest"
    for path in paths:
        label = path.name.split("-", 1)[-1]
        try:
            ids, failures = pipeline_bridge.ingest(store, settings, path, name=label)
            job.errors.extend(failures)
            job.documents.extend(ids)
            job.stage = "extract"
            for document_id in ids:
                job.mentions += pipeline_bridge.extract(store, settings, document_id)
        except Exception as exc:  # one bad file must not stop the batch
            job.errors.append(f"{label}: {type(exc).__name__}: {exc}")
        job.done += 1
    job.stage = "link"
    job.incidents = pipeline_bridge.relink(store, settings)
