"""Write an output file all at once or not at all: a temporary file beside it, renamed into place on success.

A failed export (bad filter, crash half-way, full disk) never leaves a partial or truncated file behind, and
an existing file at the target path is only replaced by a complete new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, overload


class ExportError(Exception):
    """A user-facing failure of an export, dump or restore (one line, names the file and the reason)."""


def check_writable(path: Path) -> None:
    """Fail early, before any work, when ``path`` cannot be written."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a directory")
    if parent.exists() and not parent.is_dir():
        raise ExportError(f"cannot write {path}: {parent} is not a directory")
    if not parent.is_dir():
        raise ExportError(f"cannot write {path}: the directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {path}: the directory {parent} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(f"cannot write {path}: the file is not writable")


@overload
def atomic_output(
    path: Path, binary: Literal[False] = False
) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def atomic_output(path: Path, binary: Literal[True]) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def atomic_output(path: Path, binary: bool = False) -> contextlib.AbstractContextManager[IO[str] | IO[bytes]]:
    """A file object for ``path``; the file appears (complete) only when the ``with`` block succeeds."""
    return _atomic_output(path, binary)


@contextlib.contextmanager
def _atomic_output(path: Path, binary: bool) -> Iterator[IO[str] | IO[bytes]]:
    check_writable(path)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        if binary:
            handle: IO[str] | IO[bytes] = os.fdopen(fd, "wb")
        else:
            # newline="" lets the csv module write its own line endings (RFC 4180 \r\n)
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
