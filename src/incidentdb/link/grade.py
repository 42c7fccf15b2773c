"""A confidence grade per incident, with the reason spelled out.

* **contested**: reports disagree materially: death tolls more than double apart (and more than 2 apart) where
  the lower figure is not simply an earlier count (a report published before the one with the higher figure:
  a rising toll is not a dispute), day-precise dates more than one day apart, or two different towns; or a
  party's death toll differs more than twofold from another claimant's (even inside a single report).
* **confirmed**: at least two independent outlets (different publishers), at least one of them not a party to
  the conflict, figures that agree (within 25 % or 2) and no date or place disagreement.
* **fair**: at least two independent outlets, but only parties report it, or figures or dates differ a little
  (tolls within a factor of two, dates one day apart).
* **weak**: a single outlet (however many of its reports).

Outlets carrying the same wording (syndicated wire copy, a republished article) count as one source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from incidentdb.link.features import count_range, fold
from incidentdb.link.reconcile import _actors, _report_is_party, source_claims
from incidentdb.link.types import Conflict, Figure, LinkableMention


def _figures_agree(figure: Figure | None) -> bool:
    if figure is None or figure.low is None or figure.high is None:
        return True
    return figure.high - figure.low <= max(2, 0.25 * figure.high)


def _far_apart(a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return high > 2 * low and high - low > 2


def toll_disagreement(mentions: Sequence[LinkableMention], category: str) -> tuple[bool, bool]:
    """(disputed, rising) for one casualty category across reports.

    Two reports more than twofold apart *dispute* the toll unless the lower figure was published strictly
    earlier: then the toll *rose* as reports came in (an early count and a final one), which is not a dispute.
    """
    rows: list[tuple[dt.date | None, int]] = []
    for lm in mentions:
        low, _ = count_range(lm.mention.counts.get(category))
        count = lm.mention.counts.get(category)
        best = count.best if count is not None and count.best is not None else low
        if best is not None:
            rows.append((lm.published, best))
    disputed = rising = False
    for i, (day_a, a) in enumerate(rows):
        for day_b, b in rows[i + 1 :]:
            if not _far_apart(a, b):
                continue
            (day_low, _), (day_high, _) = sorted(((day_a, a), (day_b, b)), key=lambda r: r[1])
            if day_low is not None and day_high is not None and day_low < day_high:
                rising = True
            else:
                disputed = True
    return disputed, rising


def independent_voices(mentions: Sequence[LinkableMention]) -> dict[str, str]:
    """Mention key -> the independent source it counts as: its outlet, except that outlets carrying the same
    wording (syndicated wire copy, a republished article) count as one."""
    first_with_text: dict[str, str] = {}
    voice: dict[str, str] = {}
    for lm in sorted(mentions, key=lambda m: (m.published or dt.date.max, m.source_name)):
        text = " ".join(fold(span.quote) for span in lm.mention.evidence).strip()
        outlet = lm.source_name
        if len(text) >= 40:  # short clauses ("killed two") coincide by chance
            outlet = first_with_text.setdefault(text, outlet)
        voice[lm.key] = outlet
    return voice


def _party_claims_contested(mentions: Sequence[LinkableMention]) -> bool:
    """A party's death toll and another claimant's differ more than twofold (even within one report)."""
    claims = [c for c in source_claims(mentions) if c.category == "killed" and c.low is not None]
    for party in (c for c in claims if c.party):
        for other in claims:
            if other.claimant == party.claimant or other.low is None or party.low is None:
                continue
            low, high = sorted((party.low, other.low))
            if high > 2 * low and high - low > 2:
                return True
    return False


def _date_spread(conflicts: Sequence[Conflict]) -> int:
    for conflict in conflicts:
        if conflict.field == "date":
            days = [dt.date.fromisoformat(v) for v in conflict.values]
            return (max(days) - min(days)).days
    return 0


def grade_incident(
    mentions: Sequence[LinkableMention], figures: dict[str, Figure], conflicts: Sequence[Conflict]
) -> tuple[str, str]:
    """(grade, reason) for one incident."""
    actors = _actors(mentions)
    voice = independent_voices(mentions)
    outlets = sorted(set(voice.values()))
    non_party = sorted({voice[lm.key] for lm in mentions if not _report_is_party(lm, "killed", actors)})
    killed, injured = figures.get("killed"), figures.get("injured")
    spread = _date_spread(conflicts)
    place_conflict = any(c.field == "place" for c in conflicts)

    parts = [
        f"{len(mentions)} report(s) from {len(outlets)} independent outlet(s)"
        f" ({len(non_party)} not a party to the conflict)"
    ]
    if killed is not None and killed.low is not None:
        parts.append(f"killed {killed.low}" + (f"-{killed.high}" if killed.high != killed.low else ""))
    if spread:
        parts.append(f"dates {spread} day(s) apart")
    if place_conflict:
        parts.append("reports name different places")

    killed_disputed, killed_rising = toll_disagreement(mentions, "killed")
    injured_disputed, _ = toll_disagreement(mentions, "injured")
    if killed_rising and not killed_disputed:
        parts.append("the death toll rose as later reports came in")
    contested = [
        why
        for why, flag in (
            ("death tolls differ more than twofold", killed_disputed),
            ("injury figures differ more than twofold", injured_disputed),
            ("dates differ by more than a day", spread > 1),
            ("places differ", place_conflict),
        )
        if flag
    ]
    party_dispute = _party_claims_contested(mentions)
    if party_dispute:
        contested.append("a party's death toll differs more than twofold from another claimant's")
    if (len(outlets) >= 2 or party_dispute) and contested:
        return "contested", "; ".join(parts) + "; contested: " + ", ".join(contested)
    if len(outlets) < 2:
        return "weak", "; ".join(parts) + "; a single outlet"
    agree = _figures_agree(killed) and _figures_agree(injured) and spread == 0 and not place_conflict
    if agree and non_party:
        return "confirmed", "; ".join(parts) + "; figures, date and place agree"
    if not non_party:
        return "fair", "; ".join(parts) + "; only parties to the conflict report it"
    return "fair", "; ".join(parts) + "; figures or dates differ slightly"
