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
from typing import TYPE_CHECKING, Iterator

from eventlens.actors.kb import ActorKB

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# prepositions of a place where an act happens (not of direction: "to X", "from X")
SCENE_PREPS = frozenset({"in", "inside", "across", "throughout"})


def _named(doc: "Doc", kb: ActorKB) -> Iterator[tuple["Span", str]]:
    """(entity, ISO3) for every GPE/NORP/LOC entity naming a country, demonym or capital."""
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            iso = kb.country_of(ent.text) or kb.capital_of(ent.text)
            if iso:
                yield ent, iso


def story_country(doc: "Doc", kb: ActorKB) -> str | None:
    """The article's country: the one named most (twice or more, no tie), or the only one named
    by a one- or two-sentence report; None when there is no clear story country."""
    counts = Counter(iso for _, iso in _named(doc, kb))
    ranked = counts.most_common(2)
    if len(ranked) == 1 and sum(1 for _ in doc.sents) <= 2:
        return ranked[0][0]  # a one- or two-sentence report naming one country
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None  # no clear story country: leave unknown countries unknown
    return ranked[0][0]


def sentence_countries(doc: "Doc", kb: ActorKB, *, sole: bool = False) -> dict[int, str | None]:
    """Sentence start token -> the country that sentence is about: the only one it names, else
    (unless ``sole``) the only one it names as the scene; None when it names several."""
    by_sent: dict[int, tuple[set[str], set[str]]] = {}
    for ent, iso in _named(doc, kb):
        named, scene = by_sent.setdefault(ent.sent.start, (set(), set()))
        named.add(iso)
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in SCENE_PREPS:
            scene.add(iso)
    out: dict[int, str | None] = {}
    for start, (named, scene) in by_sent.items():
        if len(named) == 1:
            out[start] = next(iter(named))
        elif len(scene) == 1 and not sole:
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


def short_report_countries(doc: "Doc", kb: ActorKB) -> dict[int, str | None]:
    """The table :func:`own_country` reads: the only country of each sentence, for a one- or
    two-sentence report; empty for longer articles, where unknown names are many and such
    guesses add noise (they moved the geo stage's country focus on LGL local news)."""
    return sentence_countries(doc, kb, sole=True) if len(list(islice(doc.sents, 3))) <= 2 else {}


def own_country(doc: "Doc", kb: ActorKB, mention: tuple[int, int],
                table: dict[int, str | None]) -> str | None:
    """The country of an unknown name (no dictionary entry, title or side) in a short report
    (``table`` from :func:`short_report_countries`): the only country its sentence names,
    unless that country is the other side of the act the name is the subject of ("X visited
    Kenya", "X attacked a base in Kenya")."""
    if not table:
        return None
    span = doc.char_span(*mention, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    iso = table.get(root.sent.start)
    if iso is None or root.dep_ not in ("nsubj", "nsubjpass"):
        return iso
    inside = range(root.left_edge.i, root.right_edge.i + 1)
    if any(t.i not in inside and (kb.country_of(t.text) or kb.capital_of(t.text)) == iso
           for t in root.head.subtree):
        return None
    return iso
