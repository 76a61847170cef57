"""The country a sentence is about, for actors that name no country of their own.

CAMEO codes a domestic actor with its country ("police arrested protesters in Nairobi" is KENCOP
acting on KEN protesters). When the article as a whole has no clear story country (see
:func:`story_country`), the sentence an actor stands in can still name one:

- the only country the sentence names (by name, demonym or capital), or else
- the only country it names as the place where things happen ("in X", "across X"): in
  "Police in Nairobi detained a Ugandan trader" the police are Kenyan, the trader is not.

The story country itself (:func:`story_country`) and the country of an unknown name
(:func:`own_country`) are read the same way.

Names in a sentence are read from the spaCy entities (GPE, NORP, LOC), as the article focus is.
"""

from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import TYPE_CHECKING

from eventlens.actors.kb import ActorKB

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# prepositions of a place where an act happens (not of direction: "to X", "from X")
SCENE_PREPS = frozenset({"in", "inside", "across", "throughout"})


def story_country(doc: "Doc", kb: ActorKB) -> str | None:
    """The article's country: the one named most (twice or more, no tie), or the only one named
    by a one- or two-sentence report; None when there is no clear story country."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            iso = kb.country_of(ent.text) or kb.capital_of(ent.text)
            if iso:
                counts[iso] += 1
    ranked = counts.most_common(2)
    if len(ranked) == 1 and sum(1 for _ in doc.sents) <= 2:
        return ranked[0][0]  # a one- or two-sentence report naming one country
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None  # no clear story country: leave unknown countries unknown
    return ranked[0][0]


def sentence_countries(doc: "Doc", kb: ActorKB) -> dict[int, str | None]:
    """Sentence start token -> the country that sentence is about (None when it names none or
    several without one scene)."""
    out: dict[int, str | None] = {}
    by_sent: dict[int, tuple[set[str], set[str]]] = {}
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "LOC"):
            continue
        iso = kb.country_of(ent.text) or kb.capital_of(ent.text)
        if iso is None:
            continue
        named, scene = by_sent.setdefault(ent.sent.start, (set(), set()))
        named.add(iso)
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in SCENE_PREPS:
            scene.add(iso)
    for start, (named, scene) in by_sent.items():
        if len(named) == 1:
            out[start] = next(iter(named))
        elif len(scene) == 1:
            out[start] = next(iter(scene))
        else:
            out[start] = None
    return out




def is_scene(root: "Token") -> bool:
    """Is this place name (the object of a preposition) the scene of an act: "protested in X",
    "shelled a village in X", "a base in X was hit"? A country or capital there is a mention of
    the country, CAMEO's target when the act names none (the event stage decides); other places
    ("the embassy in X", "near X", "to X") are not actors."""
    if root.dep_ != "pobj" or root.head.lower_ not in SCENE_PREPS:
        return False
    host = root.head.head
    return host.pos_ == "VERB" or (host.pos_ == "NOUN" and host.dep_ in ("dobj", "obj", "nsubjpass"))


def own_country(doc: "Doc", kb: ActorKB, mention: tuple[int, int],
                cache: dict[int, str | None]) -> str | None:
    """The country of an unknown name (no dictionary entry, title or side) in a one- or
    two-sentence report: the only country its sentence names, unless that country is the other
    side of the act the name is the subject of ("X visited Kenya", "X attacked a base in Kenya").
    Not in longer articles, where unknown names are many and such guesses add noise (they moved
    the geo stage's country focus on LGL local news). ``cache`` holds the per-sentence table."""
    if not cache:
        if len(list(islice(doc.sents, 3))) <= 2:
            cache.update(_sole_countries(doc, kb))
        cache[-1] = None  # marks the table as built
    span = doc.char_span(*mention, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    iso = cache.get(root.sent.start)
    if iso is None or root.dep_ not in ("nsubj", "nsubjpass"):
        return iso
    inside = range(root.left_edge.i, root.right_edge.i + 1)
    if any(t.i not in inside and (kb.country_of(t.text) or kb.capital_of(t.text)) == iso
           for t in root.head.subtree):
        return None
    return iso


def _sole_countries(doc: "Doc", kb: ActorKB) -> dict[int, str | None]:
    """Sentence start token -> the only country the sentence names (None for several)."""
    named: dict[int, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            iso = kb.country_of(ent.text) or kb.capital_of(ent.text)
            if iso is not None:
                named.setdefault(ent.sent.start, set()).add(iso)
    return {k: next(iter(v)) if len(v) == 1 else None for k, v in named.items()}
