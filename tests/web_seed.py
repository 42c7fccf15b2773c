"""A small incident database for the web tests, built through the library API.

Reports are written for these tests (no real article text). They go through the real ingest (a JSON Lines
feed, so titles can hold markup), then each gets a hand-annotated extraction (so the web tests do not depend on
how well the rule extractor does today) stored with ``Store.save_extraction``, and the incidents are built by the
linker's own ``build_incident``/``incident_json`` from a fixed grouping (two reports of one shelling, an air
strike reported twice but left unlinked, a clash whose report carries XSS payloads).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from incidentdb.ingest import ingest_paths
from incidentdb.link import LinkableMention, build_incident, incident_json
from incidentdb.records import (
    Count,
    CountClaim,
    DateInterval,
    Document,
    Extraction,
    Mention,
    Place,
    Publication,
    Span,
)
from incidentdb.store import Store
from incidentdb.web.auth import hash_password

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PASSWORDS = {"ana": "viewer-pass-1", "eddie": "editor-pass-1", "root": "admin-pass-1"}
ROLES = {"ana": "viewer", "eddie": "editor", "root": "admin"}

REPORTS: list[dict[str, Any]] = [
    {
        "url": "https://north-wire.example/2024/03/12/shelling",
        "title": "Shelling kills five in Maarat al-Numan",
        "published": "2024-03-12",
        "text": (
            "Maarat al-Numan, March 12 (North Wire) - Artillery shelling on a market in Maarat al-Numan on Tuesday "
            "killed five civilians, including two children, a local monitoring group said. At least 12 people "
            "were wounded, according to the civil defence. Residents said the shells came from government "
            "positions to the south of the town."
        ),
        "mention": {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "date": "2024-03-12",
            "place": ("Maarat al-Numan", "Idlib", 35.648, 36.672, "Maarat al-Numan on Tuesday"),
            "actor1": "Military Forces of Syria",
            "evidence": [
                "Artillery shelling on a market in Maarat al-Numan on Tuesday killed five civilians"
            ],
            "killed": [("killed five civilians", 5, None, None, "a local monitoring group")],
            "injured": [("At least 12 people were wounded", 12, None, "at least", "the civil defence")],
        },
    },
    {
        "url": "https://levant-daily.example/news/maarat-market",
        "title": "Market shelling in Idlib province",
        "published": "2024-03-13",
        "text": (
            "Seven people were killed when shells hit a crowded market in Maarat al-Numan on Tuesday, the White "
            "Helmets rescue service said on Wednesday. Fifteen others were injured. The town has been shelled "
            "repeatedly this year."
        ),
        "mention": {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "date": "2024-03-12",
            "place": ("Maarat al-Numan", "Idlib", 35.648, 36.672, "Maarat al-Numan"),
            "actor1": "Military Forces of Syria",
            "evidence": [
                "Seven people were killed when shells hit a crowded market in Maarat al-Numan on Tuesday"
            ],
            "killed": [("Seven people were killed", 7, None, None, "the White Helmets rescue service")],
            "injured": [("Fifteen others were injured", 15, None, None, "the White Helmets rescue service")],
        },
    },
    {
        "url": "https://north-wire.example/2024/03/15/airstrike",
        "title": "Air strike near Jisr al-Shughur",
        "published": "2024-03-15",
        "text": (
            "An air strike hit a farm on the edge of Jisr al-Shughur on Friday morning, killing three men, "
            "a monitoring group said. Russian jets were seen over the area shortly before the strike."
        ),
        "mention": {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "date": "2024-03-15",
            "place": ("Jisr al-Shughur", "Idlib", 35.812, 36.318, "Jisr al-Shughur"),
            "actor1": "Military Forces of Russia",
            "evidence": [
                "An air strike hit a farm on the edge of Jisr al-Shughur on Friday morning, killing three men"
            ],
            "killed": [("killing three men", 3, None, None, "a monitoring group")],
        },
    },
    {
        "url": "https://coast-post.example/jisr-strike",
        "title": "Farm struck from the air in Idlib",
        "published": "2024-03-16",
        "text": (
            "Three farm workers died in an air raid near Jisr al-Shughur on Friday, relatives said. The raid "
            "destroyed a barn and two vehicles."
        ),
        "mention": {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "date": "2024-03-15",
            "place": ("Jisr al-Shughur", "Idlib", 35.812, 36.318, "Jisr al-Shughur"),
            "actor1": "Military Forces of Russia",
            "evidence": ["Three farm workers died in an air raid near Jisr al-Shughur on Friday"],
            "killed": [("Three farm workers died", 3, None, None, "relatives")],
        },
    },
    {
        "url": "https://east-monitor.example/clash",
        "title": f"{SCRIPT} Clash near Deir ez-Zor {IMG}",
        "published": "2024-03-20",
        "text": (
            f"Fighters clashed with a tribal force near Deir ez-Zor on Wednesday, killing four fighters, a "
            f"monitor said. A post shared online read {SCRIPT} and another {IMG} before it was removed."
        ),
        "mention": {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "date": "2024-03-20",
            "place": ("Deir ez-Zor", "Deir ez-Zor", 35.336, 40.145, "Deir ez-Zor"),
            "actor1": f"Tribal force {IMG}",
            "evidence": [
                "Fighters clashed with a tribal force near Deir ez-Zor on Wednesday, killing four fighters",
                f"read {SCRIPT} and another {IMG}",
            ],
            "killed": [("killing four fighters", 4, None, None, "a monitor")],
        },
    },
]
GROUPS = {"maarat": [0, 1], "jisr": [2], "jisr_again": [3], "xss": [4]}


@dataclass(frozen=True)
class Seeded:
    incidents: dict[str, str]  # group name -> incident id
    documents: list[str]  # document ids in REPORTS order


def _span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), quote)


def _count(text: str, claims: list[tuple[str, int, int | None, str | None, str]]) -> Count:
    made = tuple(CountClaim(low, high, vague, who, _span(text, q)) for q, low, high, vague, who in claims)
    lows = [c.low for c in made if c.low is not None]
    return Count(low=min(lows), best=max(lows), high=max(lows), vague=None, claims=made)


def annotated_extraction(doc: Document, spec: dict[str, Any]) -> Extraction:
    text = doc.text
    name, admin1, lat, lon, place_quote = spec["place"]
    day = dt.date.fromisoformat(spec["date"])
    counts: dict[str, Count] = {c: _count(text, spec[c]) for c in ("killed", "injured") if c in spec}
    mention = Mention(
        kind="incident",
        evidence=tuple(_span(text, q) for q in spec["evidence"]),
        event_type=spec["event_type"],
        sub_event_type=spec["sub_event_type"],
        date=DateInterval(day, day, 1),
        location=Place(name, "Syria", admin1, None, lat, lon, 1, None, _span(text, place_quote)),
        actor1=spec["actor1"],
        counts=counts,
    )
    publication = Publication(doc.published_stated, doc.published_stated, doc.published_stated, "metadata")
    return Extraction(document=doc, publication=publication, mentions=(mention,), extractor="annotated")


@functools.cache
def _hash(password: str) -> str:
    """argon2 is slow on purpose: hash each test password once per test run."""
    return hash_password(password)


def seed(store: Store, folder: Path) -> Seeded:
    """Ingest the reports, store their extractions and incidents, and add one user per role."""
    feed = folder / "reports.jsonl"
    feed.write_text(
        "\n".join(json.dumps({k: r[k] for k in ("url", "title", "published", "text")}) for r in REPORTS)
        + "\n",
        encoding="utf-8",
    )
    report = ingest_paths([feed], store=store)
    assert not report.errors, report.errors
    by_url = {item.source: item.id for item in report.items}
    linkable = []
    for spec in REPORTS:
        doc = store.get_document(by_url[spec["url"]])
        assert doc is not None
        extraction = annotated_extraction(doc, spec["mention"])
        store.save_extraction(extraction)
        linkable.append(
            LinkableMention(doc.source, 0, extraction.mentions[0], doc.published_stated, document_id=doc.id)
        )
    incidents = {name: build_incident([linkable[i] for i in members]) for name, members in GROUPS.items()}
    store.save_incidents([incident_json(i) for i in incidents.values()])
    for user, role in ROLES.items():
        store.add_user(user, role, _hash(PASSWORDS[user]))
    return Seeded({name: i.id for name, i in incidents.items()}, [by_url[r["url"]] for r in REPORTS])


class LiveServer:
    """uvicorn serving an app on a free 127.0.0.1 port in a background thread (for the browser tests)."""

    def __init__(self, app: Any) -> None:
        import socket
        import threading

        import uvicorn

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        import time

        self.thread.start()
        for _ in range(600):  # wait for the socket to listen (not a timing assertion: it just gates start-up)
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("uvicorn did not start")

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
