"""Closed word lists the actor resolver uses (grammar words, not knowledge: knowledge is in data/)."""

from __future__ import annotations

from eventlens.types import Sector

LOCATIVE_PREPS = frozenset(
    "in into at across throughout near inside within around toward towards outside from to "
    "between over through via along onto".split()
)
PURE_LOCATIVE_PREPS = frozenset(
    "in at across throughout near inside within around outside over via along".split()
)
ALLY_WORDS = frozenset({"allied", "backed", "aligned", "affiliated", "loyal", "led", "supported"})
FORCE_FAMILY = frozenset(
    "force forces troop troops militia militias militiaman militiamen fighter fighters army "
    "armies soldier soldiers unit units brigade brigades faction factions".split()
)
GOV_FAMILY = frozenset("government governments authorities administration regime cabinet".split())
DOMESTIC_SECTORS = frozenset({
    Sector.GOV, Sector.MIL, Sector.COP, Sector.LEG, Sector.JUD, Sector.SPY, Sector.CVL, Sector.OPP,
    Sector.LAB, Sector.EDU, Sector.HLH, Sector.REF, Sector.ELI, Sector.PTY,
})
FOREIGN_WORDS = frozenset(
    "foreign western international european arab african asian regional global world allied "
    "gulf overseas".split()
)
LOADED_GOV = frozenset({"regime", "junta"})  # usually someone else's government: no default country
SPEECH_OR_ACT_VERBS = frozenset(
    "say tell announce state add accuse warn urge call demand reject deny condemn welcome "
    "threaten agree sign send deploy ask claim insist respond vow pledge back support".split()
)
MAX_TITLE_TOKENS = 6
RANK_ABBREVIATIONS = frozenset(
    "brig gen lt col maj capt sgt cpl pvt adm cmdr lt-gen maj-gen brig-gen lt-col col-gen".split()
)
EQUIPMENT_NOUNS = frozenset(
    "drone drones warplane warplanes jet jets aircraft helicopter helicopters tank tanks artillery "
    "warship warships gunboat gunboats navy bomber bombers missile missiles".split()
)
PLACE_NOUNS = frozenset(
    "town city village region province district area capital port airport base border "
    "neighbourhood neighborhood suburb camp state county governorate municipality".split()
)
