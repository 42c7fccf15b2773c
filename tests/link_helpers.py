"""Hand-made mentions for the linking tests (no extraction involved)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from incidentdb.link import LinkableMention
from incidentdb.records import Count, CountClaim, DateInterval, Mention, MentionKind, Place, Span

PLACES = {
    "Maarat al-Numan": ("Idlib", 35.643, 36.671),
    "Ma'arrat al-Nu'man": ("Idlib", 35.643, 36.671),
    "Kafr Nabl": ("Idlib", 35.614, 36.561),
    "Khan Shaykhun": ("Idlib", 35.442, 36.651),
    "Douma": ("Rif Dimashq", 33.571, 36.401),
}


def mention(
    document: str,
    day: dt.date | None,
    place: str,
    killed: int | None = None,
    text: str = "",
    *,
    index: int = 0,
    claimant: str | None = None,
    kind: MentionKind = "incident",
    sub_event_type: str = "Air/drone strike",
    published: dt.date | None = None,
    killed_high: int | None = None,
) -> LinkableMention:
    text = text or f"{document} says an air strike on {place} killed {killed} people"
    span = Span(0, len(text), text)
    counts = {}
    if killed is not None:
        claim = CountClaim(killed, killed_high, None, claimant, span)
        counts["killed"] = Count(killed, killed, killed_high, None, (claim,))
    admin1, lat, lon = PLACES[place]
    return LinkableMention(
        document=document,
        index=index,
        mention=Mention(
            kind=kind,
            evidence=(span,),
            event_type="Explosions/Remote violence",
            sub_event_type=sub_event_type,
            date=DateInterval(day, day, 1) if day else None,
            location=Place(place, admin1=admin1, lat=lat, lon=lon, geo_precision=1),
            counts=counts,
        ),
        published=published or day,
    )


def hashing_embedder(texts: Sequence[str]) -> list[list[float]]:
    """A stand-in sentence embedder: hashed bag of words, unit length (the real one needs torch)."""
    out = []
    for text in texts:
        vector = [0.0] * 32
        for word in text.lower().split():
            vector[sum(map(ord, word)) % 32] += 1.0
        norm = math.sqrt(sum(x * x for x in vector)) or 1.0
        out.append([x / norm for x in vector])
    return out
