"""date_conflict: reports linked to the same incident disagree on its date."""

from __future__ import annotations

from collections.abc import Sequence

from incidentdb.records import Check, DateInterval, Mention


def _known(date: DateInterval | None) -> bool:
    return date is not None and date.start is not None and date.end is not None


def _label(date: DateInterval) -> str:
    assert date.start is not None and date.end is not None
    return date.start.isoformat() if date.start == date.end else f"{date.start}..{date.end}"


def date_conflicts_indexed(mentions_with_sources: Sequence[tuple[str, Mention]]) -> list[tuple[int, Check]]:
    """For mentions linked to one incident, one check per mention whose date interval shares no day with
    another mention's; each paired with the index of its mention in the input (to attach it to its
    document, whose text the check's span points into)."""
    dated = [(i, src, m) for i, (src, m) in enumerate(mentions_with_sources) if _known(m.date)]
    out: list[tuple[int, Check]] = []
    for i, src, mention in dated:
        assert mention.date is not None
        mine = mention.date
        others = []
        for j, other_src, other in dated:
            assert other.date is not None and mine.start and mine.end and other.date.start and other.date.end
            if j != i and (other.date.end < mine.start or other.date.start > mine.end):
                others.append(f"{other_src} says {_label(other.date)}")
        if not others:
            continue
        span = mine.evidence or (mention.evidence[0] if mention.evidence else None)
        message = (
            f"Reports of the same incident disagree on its date: {src} says {_label(mine)}, while "
            + "; ".join(others[:3])
            + "."
        )
        out.append((i, Check("date_conflict", message, span)))
    return out


def date_conflict_checks(mentions_with_sources: Sequence[tuple[str, Mention]]) -> list[Check]:
    """The date_conflict checks for mentions linked to one incident (see :func:`date_conflicts_indexed`)."""
    return [check for _, check in date_conflicts_indexed(mentions_with_sources)]
