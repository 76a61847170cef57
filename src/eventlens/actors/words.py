"""Closed word lists the actor resolver uses (grammar words, not knowledge: knowledge is in data/),
and one syntactic test built on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventlens.types import Sector

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

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


def demonym_slot(head: "Token") -> bool:
    """A demonym on this plain noun stands for its country ("shelled Avarian positions"): the noun
    is in an argument slot; not a title before a name ("Avarian counterpart Ann Ode"), a copula
    subject ("Avarian strikes were ..."), equipment (handled as the military) or a place."""
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else head
    if head.pos_ != "NOUN" or head.lemma_.lower() in EQUIPMENT_NOUNS or (
        nxt.pos_ == "PROPN" or any(c.dep_ == "appos" for c in head.children)
    ):
        return False
    if head.dep_ in ("nsubj", "nsubjpass"):
        return head.head.lemma_ != "be"
    return head.dep_ in ("dobj", "obj", "dative") or (
        head.dep_ == "pobj" and head.head.lower_ not in PURE_LOCATIVE_PREPS)
