"""Word lists and precompiled patterns for casualty counts (used by :mod:`incidentdb.extract.counts`).

Kept apart from the binding logic so the vocabulary can grow without touching the rules. All patterns are
compiled once at import; matching is case-insensitive.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _list(text: str) -> list[str]:
    return text.split()


# Who can be counted. Plural and singular, lower-case. Capitalised demonyms ("Syrians", "Alawites") are
# recognised by shape in :func:`is_person`.
PERSON_NOUNS = _words(
    """
    people persons person civilians civilian children child kids kid women woman men man boys boy girls girl
    babies baby infants infant toddlers toddler teenagers teenager teens youths youth minors elderly
    fighters fighter soldiers soldier troops servicemen serviceman officers officer policemen policeman
    policewomen police personnel guards guard members member militants militant rebels rebel insurgents
    insurgent jihadists jihadist combatants combatant gunmen gunman militiamen militiaman recruits conscripts
    residents resident inhabitants villagers villager citizens citizen nationals worshippers worshipper
    worshipers pilgrims protesters protestors protester demonstrators demonstrator students student pupils
    teachers teacher doctors doctor medics medic nurses nurse paramedics rescuers volunteers workers worker
    journalists journalist reporters reporter farmers farmer shepherds shepherd patients passengers
    pedestrians bystanders shoppers families family relatives relative brothers brother sisters sister sons
    son daughters daughter mothers mother fathers father husbands husband wives wife siblings cousins
    victims victim suspects suspect detainees detainee prisoners prisoner hostages hostage captives captive
    refugees refugee migrants individuals loyalists supporters leaders leader commanders commander
    officials official employees staff forces mercenaries operatives agents couple couples crew crewmen
    pilots pilot sailors engineers contractors peacekeepers bodyguards snipers defectors deserters
    dissidents activists activist clerics cleric imams imam elders tribesmen herders fishermen labourers
    laborers drivers driver occupants settlers guerrillas jihadis soldiers' members' others dead terrorists
    inmates passers-by passersby bystander pedestrian mothers' men's
    pharmacists pharmacist lawyers lawyer judges judge merchants merchant traders trader shopkeepers shopkeeper
    businessmen businessman dentists dentist professors professor photographers photographer engineer
    employee contractor elder preachers preacher defector smugglers smuggler herder fisherman
    """
)

# Lower-case words that may stand between a figure and the person noun it counts.
MODIFIERS = _words(
    """
    civilian unarmed innocent young old elderly local foreign regime government pro-government
    anti-government pro-regime army security police military armed rebel opposition militia jihadist
    islamist revolution revolutionary enemy allied loyalist government-backed state tribal bedouin alawite
    sunni shia shiite christian druze kurdish turkish russian iranian palestinian lebanese iraqi syrian
    senior junior top high-ranking prominent masked unidentified suspected alleged married pregnant disabled
    fellow female male more other additional further innocent displaced injured wounded dead detained
    captured missing newly its their his her own teenage
    """
)

# Words of a verb group between a subject and its category ("were seriously wounded", "was found murdered").
FILLER = _words(
    """
    was were is are am be been being have has had got get gets getting also reportedly reported allegedly
    believed feared presumed thought said confirmed found later then subsequently eventually already now
    all both seriously critically badly severely lightly slightly moderately fatally mortally gravely
    initially apparently likely probably either to who which that still sustained suffered received
    serious minor severe various varying critical moderate
    """
)

# Words that may directly follow "killed N" when no counted noun is given ("killed 5 in an airstrike").
FUNCTION_WORDS = _words(
    """
    in on at and as when while during after before near including inside across since with by from or but
    among over last this overnight yesterday today earlier later so for to were was more others
    """
)

# Head nouns closing a place phrase after a subject ("from the Bani Khalid tribe", "of the Ali family").
PLACE_HEADS = _words(
    """
    family tribe clan village town city area district neighbourhood neighborhood countryside community camp
    region province governorate quarter suburb suburbs
    """
)

_DEMONYM_RE = re.compile(r"[A-Z][a-z'’]+(?:ans|ites|is|ds|ks|ese|ze|ns|ers)")


def is_person(low: str, word: str | None = None) -> bool:
    """Whether a token names people: a person noun, or a capitalised demonym ("Syrians", "Alawites")."""
    if low in PERSON_NOUNS:
        return True
    return word is not None and _DEMONYM_RE.fullmatch(word) is not None


# Category words after a figure and its subject. Exactly one named group per category.
_CAT = {
    "killed": r"killed|dead|died|dies|die|dying|deaths?|murdered|executed|massacred|slaughtered|slain|perished|"
    r"neutrali[sz]ed(?=\s*[.,;]|\s+(?:in|during|by|when)\b)|"
    r"martyred|martyrs|bodies|corpses|fatalities|lost\s+their\s+lives|lost\s+(?:his|her)\s+life|shot\s+dead|"
    r"gunned\s+down|beheaded|burn(?:ed|t)\s+to\s+death|found\s+dead|"
    r"lost(?=\s*[.,;:!?\"”)]|\s+(?:in|on|at|during|when|while|after|since|and)\b)",
    "injured": r"wounded|injured|injuries|hurt|treated\s+for|hospitali[sz]ed",
    "missing": r"missing|(?:forcibly\s+)?disappeared|unaccounted\s+for",
    "captured": r"captured|prisoners?|detained|detainees?|arrested|abducted|abductees|kidnapped|hostages?|"
    r"captives?|taken\s+(?:hostage|prisoner|captive)s?|held\s+(?:hostage|captive|prisoner)s?|imprisoned|"
    r"jailed|rounded\s+up|surrendered|held(?=\s*[.,;]|\s+(?:by|in|at|without|incommunicado)\b)",
    "displaced": r"displaced|fled|fleeing|flee|refugees|evacuees|IDPs|uprooted|"
    r"forced\s+(?:from|out\s+of)\s+their\s+homes|forced\s+to\s+flee|(?:made|left)\s+homeless|homeless|"
    r"evacuated|crossed\s+(?:into|the\s+border)|left\s+(?:their\s+homes?|the\s+(?:[A-Z][\w'’-]*\s+){0,2}(?:city|town|enclave|area|pocket|camp|"
    r"village|country|district|neighbou?rhood|region|province|besieged))",
}
CAT_RE = re.compile(
    r"[\s\"“”‘’]*(?:" + "|".join(f"(?P<{cat}>(?:{pattern}))" for cat, pattern in _CAT.items()) + r")\b",
    re.IGNORECASE,
)

# A cheap test that a stretch of text mentions some category at all (word stems, no word boundary).
CAT_HINT_RE = re.compile(
    r"(?=[kdmwifcpbaedhsu])(?:kill|dead|death|died|murder|execut|massacr|slain|bodies|fatalit|wound|injur|hurt|"
    r"captur|prisoner|detain|arrest|abduct|kidnap|hostage|missing|disappear|displac|fled|flee|refugee|homeless)",
    re.IGNORECASE,
)

# Category triggers right before a figure ("killing", "the deaths of", "the number of prisoners was in the").
_STATE = (
    r"(?:\s+(?:[\w'’-]+\s+){0,14}?(?:is|was|are|were|has\s+(?:risen|reached|climbed)\s+to|had\s+(?:risen|reached)\s+to|"
    r"rose\s+to|reached|hit|stood\s+at|stands\s+at|includes|included|include|climbed\s+to|exceeded|exceeds|"
    r"passed|surpassed|topped|(?:could|may|might|would)\s+be|(?:is|was)\s+estimated\s+at|estimated\s+at|"
    r"to|at|of)(?:\s+in\s+the)?)"
)
_LEFT = {
    "killed": r"kill(?:ed|ing|s)?|murder(?:ed|ing|s)?|assassinat(?:ed|ing|es)|eliminat(?:ed|ing)[\"”’]?|lost|los(?:ing|es)|neutrali[sz](?:ed|ing)[\"”’]?|"
    r"(?:the\s+)?(?:dead|victims|fatalities)\s+includ(?:ed|es|e)|(?:own\s+)?losses" + _STATE + "|"
    r"execut(?:ed|ing|es)|massacr(?:ed|ing|es)|"
    r"slaughter(?:ed|ing|s)?|shot\s+dead|gunn(?:ed|ing)\s+down|claim(?:ed|ing)\s+the\s+lives\s+of|"
    r"(?:the\s+)?(?:deaths?|killings?|murders?|executions?|bod(?:y|ies)|corpses?|remains|massacre|martyrdom)\s+of|"
    r"(?:death\s+)?toll"
    + _STATE
    + r"|(?:the\s+)?(?:number\s+of\s+)?fatalities"
    + _STATE
    + r"|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|martyrs|victims|"
    r"people\s+killed|those\s+killed)" + _STATE,
    "injured": r"wound(?:ed|ing|s)?|injur(?:ed|ing|es|e)|hurt(?:ing)?|"
    r"(?:the\s+)?(?:wounded|injured)\s+includ(?:ed|es|e)|(?:the\s+)?(?:injury|injuries|wounding)\s+of|"
    r"number\s+of\s+(?:the\s+)?(?:wounded|injured|injuries)" + _STATE,
    "missing": r"number\s+of\s+(?:the\s+)?(?:missing|disappeared)" + _STATE,
    "captured": r"(?:re)?captur(?:ed|ing|es|e)|arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|abduct(?:ed|ing|s)?|"
    r"kidnap(?:ped|ping|s)?|round(?:ed|ing)\s+up|"
    r"(?:the\s+)?(?:arrests?|detention|abductions?|kidnappings?|capture)\s+of|"
    r"number\s+of\s+(?:the\s+)?(?:prisoners|detainees|hostages|captives|abductees|people\s+(?:arrested|"
    r"detained|abducted|kidnapped))" + _STATE,
    "displaced": r"displac(?:ed|ing|es|e)|uproot(?:ed|ing)|(?:the\s+)?displacement\s+of|"
    r"number\s+of\s+(?:the\s+)?(?:displaced(?:\s+people)?|refugees|IDPs)" + _STATE,
}
LEFT_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{cat}>{pattern})" for cat, pattern in _LEFT.items()) + r")"
    r"(?:\s+a\s+total\s+of|\s+(?:its|his|her|their|the))?[\s\"“‘]+$",  # "killing its two pilots"
    re.IGNORECASE,
)

# Every LEFT_RE trigger contains one of these stems: a substring test skips the regex search for most figures.
LEFT_STEMS = _list(
    "kill murder execut massacr slaughter shot gunn claim death bod corpse remains martyr toll number "
    "eliminat assassinat wound injur hurt captur arrest detain abduct kidnap round displac uproot los neutrali dead victims "
    "fatalit"
)

_SINGULAR = _list(
    "man woman mother father son daughter husband wife brother sister passer-by passerby bystander grandson "
    "granddaughter grandfather grandmother nephew niece uncle aunt  child boy girl baby infant toddler teenager teen youth civilian soldier fighter officer "
    "policeman policewoman guard member militant rebel gunman resident villager worshipper protester "
    "demonstrator student doctor medic nurse paramedic journalist reporter farmer shepherd driver person "
    "pilot commander official cleric imam sheikh mukhtar teacher worker volunteer refugee detainee prisoner "
    "pharmacist lawyer judge merchant trader shopkeeper businessman dentist professor activist photographer "
    "engineer employee contractor elder preacher defector smuggler herder fisherman"
)
SINGULAR_RE = re.compile(
    r"(?=[aAhHtT])\b(?:an?|another|his|her|their)\s+(?:(?!an?\b|the\b)[\w'’-]+\s+){0,2}?(?:"
    + "|".join(_SINGULAR)
    + r")\b",
    re.IGNORECASE,
)
