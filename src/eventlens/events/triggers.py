"""Trigger matching: tokens of a unit → codebook trigger rules.

One dictionary look-up per token (lemma → rules precompiled in the codebook), then the rule's few
syntactic constraints are checked on the token's children. No regular expressions per sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventlens.events.codebook import Codebook, TriggerRule
from eventlens.events.sentences import Unit
from eventlens.nlp.tokens import TokenTable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# a weak (dictionary-only, dyadic) verb modifying a noun describes it; it reports no act
_DESCRIPTIVE_DEPS = frozenset({"amod", "acl", "relcl", "compound"})
# a trigger word inside a name ("Group to Support Islam", "Rapid Support Forces") is no trigger
_NAME_ENTS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "EVENT",
                        "LAW", "PRODUCT"})
MAX_TRIGGERS_CHEAP = 20


@dataclass(frozen=True, slots=True)
class Match:
    rule: TriggerRule
    token: "Token"  # the verb or noun the rule matched
    first: int  # token span of the trigger text (inclusive first, exclusive last)
    last: int
    obj: "Token | None" = None  # matched direct object (light verb + noun rules)

    @property
    def nominal(self) -> bool:
        return self.rule.pos == "n"


def lemma(tok: "Token") -> str:
    return tok.lemma_.lower()


def alt_lemma(tok: "Token") -> str | None:
    """A second guess when the lemmatiser cut an "-e" verb ("staged" -> "stag"): "stage"."""
    return _alt_lemma(tok.lower_, tok.lemma_.lower(), tok.tag_)


def _alt_lemma(low: str, lem: str, tag: str) -> str | None:
    """:func:`alt_lemma` from the word's lower form, lower lemma and tag."""
    if low.endswith("ed") and lem == low[:-2]:
        return low[:-1]
    if low.endswith("ing") and lem == low[:-3]:
        return lem + "e"
    if low.endswith("es") and lem == low[:-2] and tag == "VBZ":  # "hopes" -> "hop"
        return low[:-1]
    return None


def _children(tok: "Token", unit: Unit) -> list["Token"]:
    start, end = unit.start, unit.end
    return [c for c in tok.children if start <= c.i < end]


# an object noun that only measures or frames another ("a state of emergency", "its alert level",
# "a new round of talks", "thousands of reservists", "a shipment of arms"): an object rule also
# reads its "of" object and its compound modifiers
_FRAME_NOUNS = frozenset({"state", "level", "round", "status", "thousand", "hundred", "dozen",
                          "million", "number", "shipment", "consignment", "batch", "ton", "load",
                          "salvo", "barrage", "volley"})


def _framed(o: "Token") -> list["Token"]:
    """The nouns a frame noun frames: its "of" objects ("a salvo of missiles")."""
    return [p for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"]


def _object_words(o: "Token") -> list[str]:
    words = [lemma(o), o.lower_]
    if words[0] in _FRAME_NOUNS:
        words += [lemma(c) for c in o.children if c.dep_ in ("compound", "amod") and c.i < o.i]
        words += [lemma(p) for p in _framed(o)]
    return words


def _dobj(kids: list["Token"]) -> "Token | None":
    for c in kids:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def _check(rule: TriggerRule, tok: "Token", unit: Unit, kids: list["Token"]
           ) -> tuple[bool, int, int, "Token | None"]:
    """Does ``rule`` hold at ``tok``? ``kids``: tok's children inside the unit (computed once per
    token by the caller, since a token is checked against many rules)."""
    first, last, obj = tok.i, tok.i + 1, None
    if rule.dyadic and tok.dep_ in _DESCRIPTIVE_DEPS and tok.head.tag_.startswith("NN"):
        return False, first, last, None  # "allied militias", "the RSF, led by X": a description
    if rule.compound:
        mods = [c for c in kids if c.dep_ in _MODIFIER_DEPS and c.i < tok.i
                and (lemma(c) in rule.compound or c.lower_ in rule.compound)]
        if not mods:
            return False, first, last, None
        first = min(m.i for m in mods)
    if rule.obj:
        o = _dobj(kids)
        if o is None or not any(w in rule.obj for w in _object_words(o)):
            return False, first, last, None
        obj = o
        if 0 < o.i - tok.i <= 4:
            last = o.i + 1
            # read through a frame noun: the span ends on the noun the rule matched ("fired a
            # number of naval missiles", not "fired a number")
            framed = [p.i for p in _framed(o) if lemma(p) in rule.obj]
            if lemma(o) in _FRAME_NOUNS and framed and framed[0] - tok.i <= 8:
                last = framed[0] + 1
    if rule.not_obj:
        o = _dobj(kids)
        if o is not None and (lemma(o) in rule.not_obj or o.lower_ in rule.not_obj):
            return False, first, last, None
    if rule.with_:
        holders = [tok] + ([obj] if obj is not None else [])
        d = _dobj(kids)
        if d is not None:
            holders.append(d)
        found = False
        for h in holders:
            for c in _children(h, unit):
                if c.dep_ == "prep" and c.lower_ == rule.prep:
                    for p in _children(c, unit):
                        if p.dep_ == "pobj" and (lemma(p) in rule.with_ or any(
                                lemma(x) in rule.with_ for x in p.conjuncts)):
                            found = True
        if not found:
            return False, first, last, None
    if rule.needs:
        if not _needs(rule.needs, kids):
            return False, first, last, None
    return True, first, last, obj


def _needs(needs: str, kids: list["Token"]) -> bool:
    if needs == "xcomp":
        return any(c.dep_ == "xcomp" for c in kids)
    if needs == "that":  # "charged that the vote was rigged"
        return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                   for c in kids)
    if needs == "dobj":
        return any(c.dep_ in ("dobj", "obj") for c in kids)
    kind, _, word = needs.partition(":")
    if kind == "prep":
        return any(c.dep_ in ("prep", "agent", "dative") and c.lower_ == word for c in kids)
    if kind == "prt":
        return any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == word for c in kids)
    return False


def _in_name_run(doc: "Doc", tok: "Token", unit: Unit) -> bool:
    """A capitalised word between capitalised words ("Group to Support Islam")."""
    prev = doc[tok.i - 1] if tok.i - 1 >= unit.start else None
    nxt = doc[tok.i + 1] if tok.i + 1 < unit.end else None
    def cap(t: "Token | None") -> bool:
        return t is not None and t.is_title and t.tag_.startswith("NNP")
    return cap(nxt) or (cap(prev) and prev is not None and prev.i > unit.start)


def names_act(tok: "Token", cb: Codebook) -> bool:
    """Is the word a trigger noun of the codebook ("talks", "ceasefire"), by lemma or form?"""
    return bool(cb.noun_rules.get(lemma(tok)) or cb.noun_rules.get(tok.lower_))


def _modifies_trigger_noun(tok: "Token", cb: Codebook) -> bool:
    """A noun (or a hyphenated noun's last part) that premodifies another trigger noun."""
    head = tok.head
    while tok.dep_ in ("compound", "amod", "nmod") and head.i > tok.i and head.tag_.startswith("NN"):
        if names_act(head, cb):
            return True
        tok, head = head, head.head
    return False


def match_unit(doc: "Doc", unit: Unit, cb: Codebook,
               in_names: "Callable[[int, int], object] | None" = None) -> list[Match]:
    """Trigger matches of one unit, in text order; at most one rule per token.

    ``in_names(start, end)`` is truthy when the characters are inside a known name (an actor
    mention); such tokens are never triggers.
    """
    tb = TokenTable.of(doc)  # read once per doc, kept on it
    lemmas, lowers, tags, titles, texts = tb.lemma, tb.lower, tb.tag, tb.is_title, tb.text
    out: list[Match] = []
    words = [i for i in range(unit.start, unit.end) if tb.is_alpha[i] and len(texts[i]) > 3]
    headline = bool(words) and sum(titles[i] for i in words) / len(words) > 0.6
    verb_rules, noun_rules = cb.verb_rules, cb.noun_rules
    effort = cb.word("effort_verbs")
    for i in range(unit.start, unit.end):
        tag = tags[i]
        if tag.startswith("VB"):
            rules = verb_rules.get(lemmas[i])
            if rules is None and (alt := _alt_lemma(lowers[i], lemmas[i], tag)) is not None:
                rules = verb_rules.get(alt)
        elif tag.startswith("NN") and not unit.cheap:
            rules = noun_rules.get(lemmas[i])
            if rules is None and lowers[i].endswith("s"):
                rules = noun_rules.get(lowers[i])
            if rules and _modifies_trigger_noun(doc[i], cb):
                continue  # "cease-fire talks": the talks are the event, cease-fire their topic
        else:
            continue
        if not rules:
            continue
        tok = doc[i]
        if titles[i] and i > unit.start and not headline and (
                tok.ent_type_ in _NAME_ENTS or _in_name_run(doc, tok, unit)):
            continue
        if in_names is not None and titles[i] and in_names(tok.idx, tok.idx + len(texts[i])):
            continue
        kids = _children(tok, unit)
        if tag.startswith("VB") and lemmas[i] in effort and any(c.dep_ == "xcomp" for c in kids):
            continue  # "struggled to fend off": the effort is no act, what it governs may be
        for rule in rules:
            ok, first, last, obj = _check(rule, tok, unit, kids)
            if ok:
                out.append(Match(rule=rule, token=tok, first=first, last=last, obj=obj))
                break
        if unit.cheap and len(out) >= MAX_TRIGGERS_CHEAP:
            break
    return out
