"""The one error type of ingest: names the input (and line) and says why, in one line."""

from __future__ import annotations


class IngestError(Exception):
    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"
