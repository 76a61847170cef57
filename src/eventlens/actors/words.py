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
# sectors a bare noun takes the story's country for: domestic sectors and armed non-state groups
FOCUS_SECTORS = DOMESTIC_SECTORS | frozenset({Sector.REB, Sector.INS, Sector.UAF})
FOREIGN_WORDS = frozenset(
    "foreign western international european arab african asian regional global world allied "
    "gulf overseas".split()
)
LOADED_GOV = frozenset({"regime", "junta"})  # usually someone else's government: no default country
SPEECH_OR_ACT_VERBS = frozenset(
    "say tell announce state add accuse warn urge call demand reject deny condemn welcome "
    "threaten agree sign send deploy ask claim insist respond vow pledge back support".split()
)
# verbs whose direct object is an addressee or a party, not a place ("accused Moscow of ...")
ADDRESSEE_VERBS = SPEECH_OR_ACT_VERBS | frozenset(
    "criticize criticise blame praise thank pressure pressed press sanction punish reassure "
    "persuade convince invite recognize recognise condemn rebuke defy oppose".split()
)
AGENT_PREPS = frozenset({"by", "with", "against"})  # "demands by Tehran", "talks with Ankara"
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


# Descriptions of things and quantities that name no actor (see ``descriptive_nominal``).
FACILITY_NOUNS = frozenset(
    "hospital hospitals clinic clinics school schools church churches mosque mosques temple "
    "temples synagogue synagogues university universities".split()
)
MASS_NUMBERS = frozenset("million millions billion billions".split())
RANKING_OWNERS = frozenset("world country nation region continent planet industry".split())
ACTING_SECTORS = frozenset({
    Sector.GOV, Sector.MIL, Sector.COP, Sector.REB, Sector.INS, Sector.UAF, Sector.OPP,
    Sector.PTY, Sector.LEG, Sector.JUD, Sector.SPY,
})
ARMED_SECTORS = frozenset({Sector.MIL, Sector.COP, Sector.REB, Sector.INS, Sector.UAF})


def _mass_number(tok: "Token") -> bool:
    """A population-sized number: "two million", "1,500,000"."""
    if tok.lower_ in MASS_NUMBERS:
        return True
    digits = tok.text.replace(",", "")
    return digits.isdigit() and int(digits) >= 100_000


def descriptive_nominal(head: "Token", mods: list["Token"], sector: Sector | None) -> bool:
    """A sector noun phrase that describes a thing or a quantity rather than naming an actor.

    - a facility described by its state or rank, not acting: "the last functioning hospital",
      "two damaged schools" (a facility that speaks, "the hospital said", stays an actor);
    - a population-sized quantity of non-combatants: "more than two million people";
    - a ranking of a class: "the world's biggest shipping companies", "the largest banks"
      (not for acting sectors: "the largest opposition party" is an actor).
    """
    words = [head, *mods, *(c for c in head.lefts if c not in mods)]
    if (head.lower_ in FACILITY_NOUNS or head.lemma_.lower() in FACILITY_NOUNS) and (
        head.dep_ not in ("nsubj", "appos")
        and any(m.dep_ in ("amod", "nummod") or m.like_num for m in mods)
    ):
        return True
    if sector not in ARMED_SECTORS and any(
        _mass_number(w) for t in words for w in (t, *t.children) if w.i < head.i
    ):
        return True
    if sector in ACTING_SECTORS:
        return False
    superlative = any((m.tag_ == "JJS" and m.lower_ not in ("least", "most", "fewest"))
                      or m.lower_ in ("last", "only") for m in mods)  # not "at least 43"
    ranked = head.tag_ in ("NNS", "NNPS") or any(
        c.dep_ == "poss" and c.lemma_.lower() in RANKING_OWNERS for c in head.lefts)
    return superlative and ranked


def active_subject(root: "Token", verb_pos: frozenset[str] = frozenset({"VERB"})) -> bool:
    """The subject of an active verb that is an act: not of a passive, and not of a stative
    verb that only describes its subject (data/geo/cues.tsv "stative": "lies", "has seen"); the
    actors and geo stages read metonymy the same way."""
    from eventlens.geo.resolve import cues  # the cue list is geo's versioned data file

    return (root.dep_ == "nsubj" and root.head.pos_ in verb_pos
            and root.head.lemma_.lower() not in cues()["stative"])


def party_slot(root: "Token") -> bool:
    """A capital in this slot stands for its government: the subject of a speech or act verb or
    a possessor ("Moscow said", "Ankara's support"), the object of an addressing verb ("accused
    Moscow of") or the object of an agent preposition ("demands by Tehran", "talks with Ankara")."""
    if root.dep_ in ("nsubj", "nsubjpass", "poss"):
        if root.dep_ == "poss" or root.head.lemma_ in SPEECH_OR_ACT_VERBS:
            return True
        # the active subject of any other verb acts too ("Washington imposed sanctions",
        # "Beijing eased curbs"), unless the verb only describes the place ("Kyiv lies on the
        # Dnieper")
        return active_subject(root)
    if root.dep_ in ("dobj", "obj", "dative"):
        return root.head.lemma_ in ADDRESSEE_VERBS
    return root.dep_ == "pobj" and root.head.lower_ in AGENT_PREPS
