"""Find and geocode place names in a document's clean text with the region pack's gazetteer.

Every gazetteer name and alias is matched at once (token trie, see :mod:`incidentdb.packs.names`), then each
ambiguous name is resolved by what the rest of the document says: governorates and cities named elsewhere, the
city a neighbourhood belongs to, and lists of neighbourhoods inside a sentence about one city. Names of actors
and persons ("Ahrar al-Sham", "Hafez al-Assad") are not places. Fuzzy matching (rapidfuzz) is a last resort for
capitalised words right after "village of", "town of"..., limited to governorates the document names.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from incidentdb.packs.loader import Pack, PlaceEntry, haversine_km
from incidentdb.packs.names import (
    STRONG_ARTICLES,
    NameIndex,
    Token,
    fold_token,
    name_key,
    plain_token,
    tokenize,
)
from incidentdb.records import Place, Span


def _words(text: str) -> frozenset[str]:
    return frozenset(plain_token(w) for w in text.split())


#: One-word names too generic to be a place on their own ("Bab", "Tall"); accepted only as "al-Bab" etc.
GENERIC_WORDS = frozenset(
    fold_token(w)
    for w in _words(
        "bab tall tell tal deir dayr jabal jebel wadi ain ayn kafr ras khan souq suq qasr burj umm abu "
        "beit bayt bir mazraa sheikh shaykh sham hayy tariq shari harat madinat qaryat jisr nahr sahl "
        "marj tahrir "
    )
)
#: Capitalised English words and given names that GeoNames lists as Syrian villages; never a place alone.
STOP_WORDS = _words(
    "the this that these those there then than they their them when where which while with without "
    "within will would shall should could can may might must have has had been being into onto from "
    "about above after before between during under over again also only just even still some many "
    "most more much march may june july august april army city town village country state states "
    "government president minister ministry council front forces force police security people news "
    "reuters afp video report reports monday tuesday wednesday thursday friday saturday sunday mare "
    "mari salt hope shin sinjar humus bulbul salma rabia rabiah sabbah hisham maher bashar hafez "
    "hafiz ali omar hassan hussein mohammed muhammad mohammad ahmed ahmad khaled khalid mahmoud "
    "mustafa ibrahim youssef yusuf abdullah jesus christ god allah islam islamic muslim christian "
    "christians alawite alawites sunni sunnis shia shiite druze kurd kurds kurdish arab arabs "
    "turkish russian iranian israeli syrian syria lebanon iraq jordan turkey israel iran russia "
    "europe america sam san man war hal soda slug karma dana mara mala dali dalia maliki haram sasa susa "
    "kara cham shar nava neva rai bara gama dal mark hope amal salam nour noor rima dima hala lama "
    "maya sama rasha mona nada huda "
)
#: Capitalised words that may precede a place name without making it a person's name.
PLACE_MODIFIERS = _words(
    "northern southern eastern western central north south east west greater old new rural downtown "
    "upper lower inner outer besieged liberated occupied in at on of near from to into and or the "
    "syrian northwestern northeastern southwestern southeastern"
)
#: A word right before a name that makes it a person ("President Assad", "Abu Mohammad").
PERSON_CUES = _words(
    "mr mrs ms dr president general gen sheikh shaykh imam colonel col minister abu umm bin ibn abd "
    "abdul abdel commander leader spokesman brigadier major captain lieutenant emir prince king "
    "queen father mother son daughter brother sister "
)
#: Words naming the parts of a city in an enumeration: "the neighbourhoods of A, B and C", "A and B districts".
_LIST_TRIGGER = re.compile(r"\b(?:neighbou?rhoods|districts|quarters)\b", re.IGNORECASE)
_LIST_LEAD = re.compile(
    r"(?:\s|,|:|\b(?:like|such\s+as|including|of|in|the|namely|mainly|especially|notably)\b)*", re.IGNORECASE
)
_LIST_ITEM = re.compile(
    r"(?:(?:al|el|ad|as|ash|az|ar)[-\s])?[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|ad|as|ash|az|ar)[-\s])?[A-Z][\w'’\-]*){0,2}"
)
_LIST_SEP = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
_SENTENCE_END = re.compile(r"[.!?\n]")
_NEAR_BEFORE = re.compile(
    r"(?:\bnear(?:by)?|\boutskirts\s+of|\boutside(?:\s+of)?|\baround|\bvicinity\s+of|\bcountryside\s+of|"
    r"\bclose\s+to|\bedge\s+of|\bsurroundings\s+of|\bsuburbs?\s+of|\benvirons\s+of|\bperiphery\s+of|"
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern|-east|-west)?"
    r"(?:\s+(?:of|countryside\s+of|outskirts\s+of|part\s+of))|\bkm\s+(?:\w+\s+)?(?:of|from)|"
    r"\bkilomet(?:er|re)s?\s+(?:\w+\s+)?(?:of|from)|\bmiles?\s+(?:\w+\s+)?(?:of|from)|\brural|"
    r"\bbetween|\broad\s+(?:to|from|between)|\b(?:north|south|east|west)(?:-?(?:east|west))?ern|\bcentral)"
    r"\s+(?:the\s+)?(?:(?:besieged|rebel-held|city|town|village|area)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?:countryside|outskirts|suburbs|environs|vicinity|surroundings|periphery|"
    r"plain|region|area|desert|hinterland)\b",
    re.IGNORECASE,
)
_PROVINCE_AFTER = re.compile(r"^(?:['’]s?)?\s+(?:province|governorate|region)\b", re.IGNORECASE)
_FUZZY_CANDIDATE = re.compile(
    r"\b(?:(?:village|town|city|neighbou?rhood|district|suburb)\s+of|[Ii]n|at|near|into|from)\s+"
    r"((?:(?:al|el|ad|as|ash|az|ar)-)?[A-Z][\w'’\-]+(?:\s+(?:(?:al|el|ad|as|ash|az|ar)-)?[A-Z][\w'’\-]+){0,2})"
)
_NAME_GOES_ON = re.compile(r"[ \t]+(?:al|el|ad|as|ash|az|ar)-[A-Z]")
_KIND_PRIOR = {
    "city": 1.0,
    "town": 0.7,
    "landmark": 0.6,
    "neighbourhood": 0.5,
    "region": 0.45,
    "village": 0.4,
    "district": 0.3,
    "governorate": 0.2,
}


@dataclass(frozen=True)
class PlaceMention:
    span: Span
    place: Place
    kind: str
    parent_name: str | None
    candidates: int


@dataclass(frozen=True)
class _Gazetteer:
    index: NameIndex[str]
    by_id: dict[str, PlaceEntry]
    fuzzy_names: dict[str, tuple[list[str], list[str]]]  # admin1 -> (folded names, place ids)


@lru_cache(maxsize=4)
def _gazetteer(pack: Pack) -> _Gazetteer:
    index: NameIndex[str] = NameIndex(require_capital=True, generic_single=GENERIC_WORDS)
    fuzzy: dict[str, tuple[list[str], list[str]]] = {}
    for entry in pack.places:
        for name in entry.names:
            bare = re.sub(r"\s*\([^)]*\)\s*", " ", name).strip()  # "Jobar (Homs)" also as "Jobar"
            for variant in dict.fromkeys((name, bare)):
                words = [plain_token(t.raw) for t in tokenize(variant)]
                if len(words) == 1 and words[0] in STOP_WORDS:
                    continue
                index.add(variant, entry.id)
            gov_names, gov_ids = fuzzy.setdefault(entry.admin1, ([], []))
            gov_names.append(" ".join(t.word for t in tokenize(bare)))
            gov_ids.append(entry.id)
    return _Gazetteer(index, {p.id: p for p in pack.places}, fuzzy)


@lru_cache(maxsize=4)
def _actor_index(pack: Pack) -> NameIndex[str]:
    """Names of organisations, armed groups and persons: a place name inside one is not a place."""
    index: NameIndex[str] = NameIndex(require_capital=True)
    for actor in pack.actors:
        for name in (actor.canonical, *actor.aliases):
            if len(name.split()) >= 2 or actor.kind == "person":
                index.add(name, actor.canonical)
    return index


# --------------------------------------------------------------------------------------------------- precision


def precision_for(text: str, span: Span) -> int:
    """ACLED geo-precision implied by the words around a place name: 2 for "near X", "outskirts of X",
    "countryside of X", "X countryside"; 3 for "X province"; else 1."""
    before = text[max(0, span.start - 60) : span.start]
    after = text[span.end : span.end + 30]
    if _PROVINCE_AFTER.match(after):
        return 3
    if _NEAR_BEFORE.search(before) or _NEAR_AFTER.match(after):
        return 2
    return 1


def nearest_governorate(lat: float, lon: float, pack: Pack) -> str | None:
    """The admin1 of the nearest gazetteer town/city (a rough reverse geocoder, good inside the country)."""
    best: tuple[float, str] | None = None
    for p in pack.places:
        if p.kind in ("city", "town", "village"):
            d = haversine_km(lat, lon, p.lat, p.lon)
            if best is None or d < best[0]:
                best = (d, p.admin1)
    return best[1] if best else None


# --------------------------------------------------------------------------------------------------- helpers


def _is_person(text: str, tokens: Sequence[Token], first: int, n_tokens: int) -> bool:
    """A name preceded by a title or given name ("President Assad", "Ghazal Ghazal"), or a one-word name right
    after an unknown capitalised word in running text ("Nouri Maliki"), is a person, not a place."""
    if first == 0 or not tokens[first].joined or tokens[first].article:
        return False
    prev = tokens[first - 1]
    gap = text[prev.end : tokens[first].start]
    if gap != " " or not prev.raw[:1].isupper():
        return False
    prev_word = plain_token(prev.raw)
    if prev_word in PERSON_CUES:
        return True
    if n_tokens > 1 or prev_word in STOP_WORDS or prev_word in PLACE_MODIFIERS or prev.raw.isupper():
        return False
    return not _title_case_line(text, tokens[first].start)


def _title_case_line(text: str, pos: int) -> bool:
    """Headlines capitalise every word; there a capitalised neighbour says nothing about persons."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end != -1 else len(text)].strip()
    if line.endswith((".", '."', ".”")) or ". " in line:  # running prose, not a headline
        return False
    words = re.findall(r"[A-Za-z][\w'’]*", line)
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def neighbourhood_lists(text: str) -> list[list[Span]]:
    """Enumerations of city parts: "neighbourhoods like A, B, C and D" or "A, B and C districts"."""
    lists: list[list[Span]] = []
    for trig in _LIST_TRIGGER.finditer(text):
        end_m = _SENTENCE_END.search(text, trig.end())
        limit = end_m.start() if end_m else len(text)
        lead = _LIST_LEAD.match(text, trig.end(), limit)
        pos = lead.end() if lead else trig.end()
        items = _list_items_forward(text, pos, limit)
        if len(items) < 2:
            items = _list_items_backward(text, trig.start())
        if len(items) >= 2:
            lists.append(items)
    return lists


def _list_items_forward(text: str, pos: int, limit: int) -> list[Span]:
    items: list[Span] = []
    while pos < limit:
        m = _LIST_ITEM.match(text, pos, limit)
        if not m:
            break
        items.append(Span.of(text, m.start(), m.end()))
        sep = _LIST_SEP.match(text, m.end(), limit)
        if not sep:
            break
        pos = sep.end()
    return items


def _list_items_backward(text: str, trig_start: int) -> list[Span]:
    sent_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, trig_start)), default=0)
    segment = text[sent_start:trig_start]
    found = [
        Span.of(text, sent_start + m.start(), sent_start + m.end()) for m in _LIST_ITEM.finditer(segment)
    ]
    items: list[Span] = []
    for span in reversed(found):
        gap = text[span.end : items[0].start] if items else text[span.end : trig_start]
        ok = gap.strip() == "" if not items else bool(_LIST_SEP.fullmatch(gap))
        if not ok:
            break
        items.insert(0, span)
    return items


def _context(candidate_lists: Sequence[Sequence[PlaceEntry]]) -> tuple[Counter[str], Counter[str]]:
    """Governorates and place ids the document names unambiguously (weights for disambiguation)."""
    admin1: Counter[str] = Counter()
    ids: Counter[str] = Counter()
    for cands in candidate_lists:
        governorates = {c.admin1 for c in cands}
        if len(governorates) == 1:
            admin1[next(iter(governorates))] += 1
        if len(cands) == 1:
            ids[cands[0].id] += 1
            if cands[0].parent:
                ids[cands[0].parent] += 1
    return admin1, ids


def _score(
    c: PlaceEntry, admin1: Counter[str], ids: Counter[str], in_list: bool, key: tuple[str, ...]
) -> float:
    total = sum(admin1.values()) or 1
    score = 3.0 * admin1.get(c.admin1, 0) / total
    if name_key(c.name)[0] == key:  # the place's own name beats another place's alternate name
        score += 0.5
    if c.parent:  # a neighbourhood of a city the document never names is an unlikely reading
        score += 3.0 if ids.get(c.parent) else -1.0
    if in_list and c.kind == "neighbourhood":
        score += 4.0
    score += _KIND_PRIOR.get(c.kind, 0.3)
    score += 0.3 if c.origin == "pack" else 0.0
    return score + 0.05 * math.log10(c.population + 1)


def _proximity(c: PlaceEntry, points: Sequence[tuple[float, float]], n_candidates: int) -> float:
    """Homonymous villages: prefer the one near the places the document names unambiguously."""
    if n_candidates < 2 or not points:
        return 0.0
    nearest = min(haversine_km(c.lat, c.lon, lat, lon) for lat, lon in points)
    return 1.5 * math.exp(-nearest / 40.0)


def _place(entry: PlaceEntry, country: str, span: Span, precision: int, name: str | None = None) -> Place:
    return Place(
        name=name or entry.name,
        country=entry.country or country,
        admin1=entry.admin1,
        admin2=entry.admin2,
        lat=entry.lat,
        lon=entry.lon,
        geo_precision=precision,
        gazetteer_id=entry.id,
        evidence=span,
    )


def _precision(entry: PlaceEntry, text: str, span: Span) -> int:
    if entry.kind == "governorate":
        return 3
    near = precision_for(text, span)
    return max(near, 2) if entry.kind == "region" else near


# --------------------------------------------------------------------------------------------------- main


def find_places(text: str, pack: Pack, *, exclude: Sequence[Span] = ()) -> list[PlaceMention]:
    """Every place the text names, in text order, geocoded and disambiguated by document context."""
    gaz = _gazetteer(pack)
    tokens = tokenize(text)
    actor_spans = [h.span for h in _actor_index(pack).find(text, tokens)]
    hits = [
        h
        for h in gaz.index.find(text, tokens, exclude)
        if not any(h.span.overlaps(a) and not (h.span.contains(a) and h.span != a) for a in actor_spans)
        and not _is_person(text, tokens, h.first_token, h.n_tokens)
        and not (h.n_tokens == 1 and plain_token(tokens[h.first_token].raw) in STOP_WORDS)
    ]
    cand_lists = [[gaz.by_id[t] for t in h.targets] for h in hits]
    admin1, ids = _context(cand_lists)
    points = [(c[0].lat, c[0].lon) for c in cand_lists if len(c) == 1 and c[0].kind != "governorate"]
    lists = [lst for lst in neighbourhood_lists(text) if not any(i.overlaps(x) for i in lst for x in exclude)]
    item_list = {}  # hit index -> list index
    for li, items in enumerate(lists):
        for hi, hit in enumerate(hits):
            if any(hit.span.overlaps(item) for item in items):
                item_list[hi] = li
    anchors = [_list_anchor(li, item_list, cand_lists, gaz) for li in range(len(lists))]

    out: list[PlaceMention] = []
    for hi, (hit, cands) in enumerate(zip(hits, cand_lists, strict=True)):
        in_list = item_list.get(hi)
        key = tuple(t.word for t in tokens[hit.first_token : hit.first_token + hit.n_tokens])
        best = max(
            cands,
            key=lambda c: (
                _score(c, admin1, ids, in_list is not None, key) + _proximity(c, points, len(cands))
            ),
        )
        anchor = anchors[in_list] if in_list is not None else None
        if anchor is not None and best.kind != "neighbourhood" and anchor.id != best.id:
            # "neighbourhoods like A, Hamah and C" in a Homs sentence: Hamah is a part of Homs, not the city
            place = _place(anchor, pack.country, hit.span, 1, name=hit.span.quote)
            out.append(PlaceMention(hit.span, place, "neighbourhood", anchor.name, len(cands)))
            continue
        parent = gaz.by_id.get(best.parent) if best.parent else None
        place = _place(best, pack.country, hit.span, _precision(best, text, hit.span))
        out.append(PlaceMention(hit.span, place, best.kind, parent.name if parent else None, len(cands)))
    covered = [m.span for m in out] + list(exclude) + actor_spans
    out.extend(_unknown_list_items(text, pack, lists, anchors, covered))
    # "Busra al-Harir" read as the known "Busra" (Busra al-Sham): a name that goes on is only a fragment of an
    # unknown longer one; a close spelling of the whole name replaces it, else the fragment stands ("Daraa al-Balad")
    fragments = {i for i, m in enumerate(out) if _NAME_GOES_ON.match(text, m.span.end)}
    covered = [m.span for i, m in enumerate(out) if i not in fragments] + list(exclude) + actor_spans
    fuzzy = _fuzzy_places(text, pack, gaz, admin1, covered)
    out = [
        m for i, m in enumerate(out) if i not in fragments or not any(f.span.overlaps(m.span) for f in fuzzy)
    ]
    out.extend(f for f in fuzzy if not any(f.span.overlaps(m.span) for m in out))
    out.sort(key=lambda m: m.span.start)
    return out


def _list_anchor(
    li: int, item_list: dict[int, int], cand_lists: Sequence[Sequence[PlaceEntry]], gaz: _Gazetteer
) -> PlaceEntry | None:
    """The city a neighbourhood list is about: the parent city its items' neighbourhood readings share."""
    parents: Counter[str] = Counter()
    for hi, lj in item_list.items():
        if lj == li:
            for pid in {c.parent for c in cand_lists[hi] if c.kind == "neighbourhood" and c.parent}:
                parents[pid] += 1
    if not parents:
        return None
    return gaz.by_id.get(parents.most_common(1)[0][0])


def _unknown_list_items(
    text: str,
    pack: Pack,
    lists: Sequence[Sequence[Span]],
    anchors: Sequence[PlaceEntry | None],
    covered: Sequence[Span],
) -> list[PlaceMention]:
    """Items of a neighbourhood list the gazetteer does not know are neighbourhoods of the list's city."""
    out = []
    for items, anchor in zip(lists, anchors, strict=True):
        if anchor is None:
            continue
        for item in items:
            if any(item.overlaps(c) for c in covered):
                continue
            words = [plain_token(t.raw) for t in tokenize(item.quote)]
            if not words or all(w in STOP_WORDS for w in words):
                continue
            place = _place(anchor, pack.country, item, 1, name=item.quote)
            place = Place(**{**place.__dict__, "gazetteer_id": None})
            out.append(PlaceMention(item, place, "neighbourhood", anchor.name, 0))
    return out


def _fuzzy_places(
    text: str, pack: Pack, gaz: _Gazetteer, admin1: Counter[str], covered: Sequence[Span]
) -> list[PlaceMention]:
    """Capitalised words after "village of", "in", "near"... that are close spellings of a gazetteer name in a
    governorate the document names. Only a fallback: exact aliases are preferred and much safer."""
    names: list[str] = []
    ids: list[str] = []
    for gov, _ in admin1.most_common(2):
        gov_names, gov_ids = gaz.fuzzy_names.get(gov, ([], []))
        names += gov_names
        ids += gov_ids
    if not names:
        return []
    from rapidfuzz import fuzz, process

    out: list[PlaceMention] = []
    for m in _FUZZY_CANDIDATE.finditer(text):
        span = Span.of(text, m.start(1), m.end(1))
        if any(span.overlaps(c) for c in covered):
            continue
        # "al-Zara'a": an apostrophe (an ayn or hamza) is part of the word, not a break in it
        words = [
            fold_token(re.sub(r"['’]", "", w)) for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", m.group(1))
        ]
        words = [w for w in words if w not in STRONG_ARTICLES]
        if not words or all(plain_token(w) in STOP_WORDS or len(w) < 4 for w in words):
            continue
        found = process.extractOne(" ".join(words), names, scorer=fuzz.ratio, score_cutoff=86)
        if found is None:
            continue
        entry = gaz.by_id[ids[found[2]]]
        place = _place(entry, pack.country, span, _precision(entry, text, span))
        parent = gaz.by_id.get(entry.parent) if entry.parent else None
        out.append(PlaceMention(span, place, entry.kind, parent.name if parent else None, 1))
    return out
