"""Reports linked to one incident that disagree on its date raise a date_conflict check (issue: report checks)."""

from __future__ import annotations

import datetime as dt

from incidentdb.link import link_mentions
from incidentdb.link.api import incident_json
from link_helpers import PLACES, mention

PLACE = next(iter(PLACES))


def test_a_day_apart_is_a_date_conflict_on_the_incident() -> None:
    first = mention(
        "https://a.example/1", dt.date(2025, 11, 23), PLACE, killed=2, text="bodies found on Sunday"
    )
    second = mention(
        "https://b.example/2", dt.date(2025, 11, 24), PLACE, killed=2, text="bodies found on Monday"
    )
    incidents = [i for i in link_mentions([first, second]) if len(i.members) == 2]
    assert incidents, "the two reports should be linked into one incident"
    checks = incident_json(incidents[0])["checks"]
    assert {c["kind"] for c in checks} == {"date_conflict"}
    assert {c["document"] for c in checks} == {"https://a.example/1", "https://b.example/2"}
    assert all(c["quote"] for c in checks)
    assert any("2025-11-24" in c["message"] or "24" in c["message"] for c in checks)


def test_agreeing_reports_raise_no_date_conflict() -> None:
    first = mention("https://a.example/1", dt.date(2025, 11, 23), PLACE, killed=2)
    second = mention("https://b.example/2", dt.date(2025, 11, 23), PLACE, killed=2)
    incidents = [i for i in link_mentions([first, second]) if len(i.members) == 2]
    assert incidents
    assert incident_json(incidents[0])["checks"] == []
