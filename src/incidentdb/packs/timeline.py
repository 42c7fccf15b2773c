"""The reference timeline of a region pack: well-known facts with dates, what they imply, and text patterns.

A pack's ``timeline.yaml`` (checked against ``schema/timeline.schema.json``) lists facts such as "Assad's
government fell on 2024-12-08" or "the Nusra Front used that name until 2016-07-28". Publication-date
inference uses them to bound when an undated report was written; the report checks use them to flag
reports that date a fact differently. Adding a region means adding its own ``timeline.yaml``: this module
holds no facts.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import jsonschema
import yaml

from incidentdb.log import get_logger
from incidentdb.records import Span

log = get_logger(__name__)

FactKind = Literal["event", "office", "name", "period", "status"]
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "timeline.schema.json"
TIMELINE_FILE = "timeline.yaml"


class TimelineError(Exception):
    """A timeline file that cannot be used: names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Fact:
    """One reference fact. ``end`` is None for a fact still true (a name in use, an office still held)."""

    id: str
    kind: FactKind
    start: dt.date
    end: dt.date | None
    description: str
    source: str
    patterns: tuple[re.Pattern[str], ...] = ()
    check_patterns: tuple[re.Pattern[str], ...] = ()  # only for comparing dates, not for dating
    check_dates: bool = True
    name: str | None = None
    office: str | None = None
    holder: str | None = None
    period: str | None = None
    status: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    holds_from: dt.date | None = None  # implies.from
    holds_to: dt.date | None = None  # implies.to
    upper_bound: bool = True  # False: the name stays in common use after valid_until

    @property
    def implied_from(self) -> dt.date:
        """Earliest day a report can refer to this fact as it does."""
        return self.valid_from or self.holds_from or self.start

    @property
    def implied_until(self) -> dt.date | None:
        """Last day a report can use this name / call this person the office holder (None: still valid)."""
        if self.kind == "name":
            return self.valid_until
        if self.kind == "office":
            return self.holds_to or self.end
        return self.holds_to or self.end

    def label(self) -> str:
        """A short human-readable statement of the fact with its dates, for check messages."""
        when = self.start.isoformat()
        if self.end and self.end != self.start:
            when = f"{self.start.isoformat()} to {self.end.isoformat()}"
        return f"{self.description.rstrip('.')} ({when})"


@dataclass(frozen=True)
class FactMatch:
    """A place in a text that refers to a fact."""

    fact: Fact
    span: Span


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: loaded once per pack, cheap to cache on
class Timeline:
    facts: tuple[Fact, ...]
    path: Path | None = None

    def get(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def find(self, text: str, exclude: Sequence[Span] = (), *, for_checks: bool = False) -> list[FactMatch]:
        """Every reference to a fact in ``text``, outside the ``exclude`` spans, in text order.

        ``for_checks`` adds the loose ``check_patterns``. Overlapping matches of the same fact are reported
        once (the first pattern's hit). Cached per text: dating and checks look at the same document."""
        return list(_find(self, text, tuple(exclude), for_checks))

    def _scan(self, text: str, exclude: tuple[Span, ...], for_checks: bool) -> list[FactMatch]:
        found: list[FactMatch] = []
        lowered = text.lower()
        for fact in self.facts:
            taken: list[Span] = []
            patterns = fact.patterns + fact.check_patterns if for_checks else fact.patterns
            for pattern in patterns:
                literal = required_literal(pattern.pattern)
                if literal and literal not in lowered:
                    continue  # cheap test first: most facts are not in most reports
                for m in pattern.finditer(text):
                    if m.end() == m.start():
                        continue
                    span = Span.of(text, m.start(), m.end())
                    if any(span.overlaps(x) for x in exclude) or any(span.overlaps(t) for t in taken):
                        continue
                    taken.append(span)
                    found.append(FactMatch(fact, span))
        found.sort(key=lambda fm: (fm.span.start, -fm.span.end))
        return found


@lru_cache(maxsize=1024)
def required_literal(pattern: str) -> str | None:
    """The longest run of plain characters every match of ``pattern`` contains (lower-cased), if any of at
    least four characters; None when the pattern has none or cannot be analysed."""
    try:
        parser: Any = importlib.import_module("re._parser")
        parsed = parser.parse(pattern, re.IGNORECASE)
    except (ImportError, re.error):
        return None
    literal_code = parser.LITERAL
    best, run = "", ""
    for op, arg in parsed:
        if op is literal_code:
            run += chr(arg)
            continue
        best, run = max(best, run, key=len), ""
    best = max(best, run, key=len).lower()
    return best if len(best) >= 4 else None


@lru_cache(maxsize=128)
def _find(
    timeline: Timeline, text: str, exclude: tuple[Span, ...], for_checks: bool
) -> tuple[FactMatch, ...]:
    return tuple(timeline._scan(text, exclude, for_checks))


def _iso(value: Any) -> Any:
    """YAML reads 2024-12-08 as a date; the schema and our parser want ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _compile(texts: list[str], fact_id: str, path: Path) -> tuple[re.Pattern[str], ...]:
    out = []
    for text in texts:
        try:
            out.append(re.compile(text, re.IGNORECASE))
        except re.error as exc:
            raise TimelineError(path, f"fact {fact_id!r}: bad pattern {text!r}: {exc}") from exc
    return tuple(out)


def _fact(raw: dict[str, Any], path: Path) -> Fact:
    start = _date(raw.get("date") or raw.get("start"))
    end = _date(raw.get("date") or raw.get("end"))
    if start is None:  # the schema makes this impossible; keep mypy and readers sure
        raise TimelineError(path, f"fact {raw.get('id')!r} has no date")
    if end is not None and end < start:
        raise TimelineError(path, f"fact {raw['id']!r} ends ({end}) before it starts ({start})")
    implies: dict[str, Any] = raw.get("implies") or {}
    patterns = _compile(raw.get("patterns") or [], raw["id"], path)
    check_patterns = _compile(raw.get("check_patterns") or [], raw["id"], path)
    return Fact(
        id=raw["id"],
        kind=cast(FactKind, raw["kind"]),
        start=start,
        end=end,
        description=raw["description"],
        source=raw["source"],
        patterns=patterns,
        check_patterns=check_patterns,
        check_dates=bool(raw.get("check_dates", True)),
        name=implies.get("name"),
        office=implies.get("office"),
        holder=implies.get("holder"),
        period=implies.get("period"),
        status=implies.get("status"),
        valid_from=_date(implies.get("valid_from")),
        valid_until=_date(implies.get("valid_until")),
        holds_from=_date(implies.get("from")),
        holds_to=_date(implies.get("to")),
        upper_bound=bool(implies.get("upper_bound", True)),
    )


def parse_timeline(data: Any, path: Path) -> Timeline:
    """Validate already-loaded YAML data and build the timeline; errors name ``path``."""
    data = _iso(data)
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        schema = json.load(fh)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise TimelineError(path, f"{where}: {first.message}")
    facts = tuple(_fact(raw, path) for raw in data["facts"])
    ids = [f.id for f in facts]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TimelineError(path, f"duplicate fact ids: {', '.join(duplicates)}")
    return Timeline(facts=facts, path=path)


@lru_cache(maxsize=16)
def _load(path: Path) -> Timeline:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TimelineError(path, f"cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise TimelineError(path, f"not valid YAML: {exc}") from exc
    timeline = parse_timeline(data, path)
    log.debug("timeline_loaded", path=str(path), facts=len(timeline))
    return timeline


def load_timeline(pack_path: Path) -> Timeline:
    """The timeline of the pack folder ``pack_path`` (or of a timeline file given directly); cached.

    A pack without a ``timeline.yaml`` has an empty timeline: dating then relies on the text alone."""
    path = Path(pack_path)
    if path.is_dir():
        path = path / TIMELINE_FILE
        if not path.exists():
            return Timeline(facts=(), path=None)
    return _load(path.resolve())


def default_pack_path(region: str = "syria") -> Path:
    """The folder of a pack bundled with incidentdb."""
    return Path(__file__).resolve().parent / region
