"""Normalisation used by the scorer: place names, governorates, actor names, vague words, distances."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_ARTICLE = re.compile(r"(?<![\w'])al-", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['\"]")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")

#: Words that name the unit rather than the governorate ("Homs Governorate", "Idlib province").
_ADMIN_WORDS = re.compile(r"\b(governorate|province|muhafazat|muhafazah|gov)\b")
#: Arabic articles before governorate names in transliterations (Ar-Raqqah, As-Suwayda, Al-Hasakah).
_ADMIN_ARTICLE = re.compile(r"^(al|ar|as|ad|an|az|ash|at|el)[-\s]+")
#: Transliteration variants of Syrian governorates after the generic folding (folded -> canonical).
_ADMIN_VARIANTS = {
    "ruraldamascus": "rifdimashq",
    "damascuscuntryside": "rifdimashq",
    "refdamascus": "rifdimashq",
    "damascusrural": "rifdimashq",
    "rifdimashk": "rifdimashq",
    "refdimashq": "rifdimashq",
    "rifdamascus": "rifdimashq",
    "dimashq": "damascus",
    "dayrazawr": "deirezor",
    "deirazor": "deirezor",
    "deirezor": "deirezor",
    "dairezor": "deirezor",
    "deirzor": "deirezor",
    "sweida": "suwayda",
    "suwaida": "suwayda",
    "sweyda": "suwayda",
    "suweida": "suwayda",
    "sueida": "suwayda",
    "hasake": "hasaka",
    "hasaka": "hasaka",
    "haseke": "hasaka",
    "dera": "dara",
    "idleb": "idlib",
    "edleb": "idlib",
    "alep": "alepo",
    "damas": "damascus",
    "hums": "homs",
    "hamat": "hama",
    "swaida": "suwayda",
    "deiralzor": "deirezor",
    "deirelzur": "deirezor",
    "tartous": "tartus",
    "tartos": "tartus",
    "ladhiqiya": "latakia",
    "latakiya": "latakia",
    "latakiye": "latakia",
    "lataquie": "latakia",
    "qunaitra": "quneitra",
    "kuneitra": "quneitra",
    "qunaytira": "quneitra",
    "raka": "raqa",
    "hims": "homs",
    "halab": "alepo",
    "deiralzur": "deirezor",
    "deirezur": "deirezor",
    "deirazur": "deirezor",
}


def fold(text: str) -> str:
    """Lower case, typographic quotes folded, diacritics stripped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TYPOGRAPHIC))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """CONTRACT.md name folding: lower case, drop the article "al-", drop punctuation; returns the words.

    Apostrophes are deleted ("Hay'at" = "Hayat"); other punctuation separates words ("Hama-Homs").
    """
    folded = _ARTICLE.sub("", fold(text))
    folded = _APOSTROPHES.sub("", folded)
    return _SPACES.sub(" ", _PUNCT.sub(" ", folded)).split()


def name_key(text: str | None) -> str:
    return " ".join(words(text or ""))


@lru_cache(maxsize=1)
def _pack_admin1() -> dict[str, str]:
    """The Syria pack's governorate spellings (folded -> pack name), when the pack loads; else nothing."""
    try:
        from incidentdb.packs.loader import load_pack

        pack = load_pack("syria")
    except Exception:  # scoring must not depend on the pack being importable
        return {}
    return {_fold_admin1(n): name for name, alts in pack.admin1_variants.items() for n in (name, *alts)}


def admin1_key(text: str | None) -> str:
    """A governorate spelling folded so that Hamah = Hama, Lattakia = Latakia, Ar-Raqqah = Raqqa.

    Generic folding first, then the region pack's own list of spellings (Tortosa = Tartous) when it loads.
    """
    key = _fold_admin1(text)
    canonical = _pack_admin1().get(key)
    return _fold_admin1(canonical) if canonical else key


def _fold_admin1(text: str | None) -> str:
    folded = _ADMIN_WORDS.sub(" ", fold(text or "")).strip()
    folded = _ADMIN_ARTICLE.sub("", folded)
    letters = re.sub(r"[^a-z0-9]", "", folded)
    letters = re.sub(r"(.)\1+", r"\1", letters)  # doubled letters: Lattakia, Raqqa, Daraa
    letters = letters.replace("ou", "u")  # French-style transliteration: Tartous
    if len(letters) > 3 and letters.endswith("h"):
        letters = letters[:-1]  # Hamah, Raqqah
    return _ADMIN_VARIANTS.get(letters, letters)


def contains_run(longer: list[str], shorter: list[str]) -> bool:
    """True when ``shorter`` appears as consecutive whole words inside ``longer``."""
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def actor_matches(system: str | None, gold_names: tuple[str, ...]) -> bool:
    """CONTRACT.md actor1 rule: equal after folding, or one is a run of >= 2 whole words inside the other."""
    if not system:
        return False
    mine = words(system)
    if not mine:
        return False
    for name in gold_names:
        theirs = words(name)
        if not theirs:
            continue
        if mine == theirs:
            return True
        shorter, longer = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        if len(shorter) >= 2 and contains_run(longer, shorter):
            return True
    return False


def vague_kept(system_words: list[str | None], gold_word: str) -> bool:
    """The system keeps a vague word: one of its vague strings holds the gold word as whole words."""
    target = words(gold_word)
    if not target:
        return False
    return any(value and contains_run(words(value), target) for value in system_words)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0088
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * radius * math.asin(min(1.0, math.sqrt(a)))
