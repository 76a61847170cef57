"""Which actor a label is about, from the dependency parse and the actor mentions.

Rules, tried in order for the label's root token (the token of the label whose head lies
outside it):

1. the label lies inside an actor mention ("warlord Haftar" resolved as one mention);
2. premodifier or title: the label modifies (compound / amod / nmod / appos) a token that is
   an actor mention ("putschist general Khalifa Haftar"), or a name follows right after it;
3. group noun with a possessor or a name modifier: "Haftar's militias", "the Assad regime";
4. apposition: "Haftar, a warlord, ..." and "the warlord, Khalifa Haftar, ...";
5. predicate nominal: "Haftar is a warlord", "critics call Haftar a warlord";
6. adjective on a noun that is itself attached by the rules above ("the genocidal regime");
7. descriptive coreference for definite descriptions ("the warlord's forces"): the actor an
   earlier label with the same word was attached to, else the nearest earlier actor mention
   of a compatible kind within a few sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventlens.types import ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from eventlens.context import DocContext

_MOD_DEPS = frozenset({"compound", "amod", "nmod", "appos", "npadvmod"})
_NAME_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
_COPULAS = frozenset({"be", "become", "remain", "seem", "stay"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_COREF_WINDOW = 800  # characters back to look for an antecedent
_KINDS: dict[str, frozenset[ActorKind]] = {
    "person": frozenset({ActorKind.PERSON}),
    "group": frozenset({ActorKind.GROUP, ActorKind.ORGANIZATION, ActorKind.PERSON}),
    "state": frozenset({ActorKind.COUNTRY, ActorKind.ORGANIZATION, ActorKind.GROUP}),
    "any": frozenset(ActorKind),
    "action": frozenset(ActorKind),
}


def _tok_actor(ctx: "DocContext", tok: "Token") -> str | None:
    """The most specific actor at a token: the shortest mention covering it."""
    hits = ctx.actor_index.overlapping(tok.idx, tok.idx + len(tok.text))
    if not hits:
        return None
    return min(hits, key=lambda h: (h[1] - h[0], h[0]))[2]


def _subtree_actor(ctx: "DocContext", tok: "Token") -> str | None:
    """Actor of a token, or of its name compound / flat subtree ("Khalifa Haftar's")."""
    aid = _tok_actor(ctx, tok)
    if aid is not None:
        return aid
    left, right = tok.left_edge, tok.right_edge
    if right.i - left.i > 8:
        return None
    hits = ctx.actor_index.overlapping(left.idx, right.idx + len(right.text))
    if not hits:
        return None
    return min(hits, key=lambda h: (h[1] - h[0], h[0]))[2]


class Attacher:
    """Attach labels of one article in text order (keeps the coreference memory)."""

    def __init__(self, ctx: "DocContext") -> None:
        self.ctx = ctx
        self.memory: dict[str, str] = {}  # root lemma -> last actor attached with it
        self._mentions: list[tuple[int, int, str]] | None = None

    def attach(self, span: "Span", target: str = "any", *, coreference: bool = True) -> str | None:
        """The actor ``span`` describes, or None.

        ``coreference=False`` keeps to the structural rules 1-6 (used for learned spans, whose
        word is not known to be a description of an actor).
        """
        ctx = self.ctx
        if not ctx.actors:
            return None
        root = span.root
        inside = self._inside(span)
        if inside is not None and self._fits(inside, target):
            aid: str | None = inside
        else:  # "warlord" inside the group mention "warlord Haftar's militias" is about Haftar
            aid = (
                self._premodifier(span, root, target)
                or self._named(span, root)
                or self._apposition(span, root)
                or self._predicate(root)
                or self._adjective(span, root, target, coreference)
                or (self._coreference(span, root, target) if coreference else None)
                or inside
            )
        if aid is not None:
            self.memory[root.lemma_.lower()] = aid
        return aid

    def _fits(self, aid: str, target: str) -> bool:
        actor = self.ctx.actor(aid)
        return actor is None or actor.kind in _KINDS.get(target, _KINDS["any"])

    # rule 1
    def _inside(self, span: "Span") -> str | None:
        return self.ctx.actor_at(span.start_char, span.end_char)

    # rule 2
    def _premodifier(self, span: "Span", root: "Token", target: str) -> str | None:
        tok = root
        for _ in range(4):
            if tok.dep_ not in _MOD_DEPS or tok.head is tok or tok.head.i < span.start:
                break
            tok = tok.head
            if tok.i >= span.end:
                aid = self._name_actor(tok, target)
                if aid is not None:
                    return aid
        # "Libyan warlord Khalifa ..." with a broken parse: a name right after the label
        doc = span.doc
        for j in range(span.end, min(span.end + 3, len(doc))):
            t = doc[j]
            if not (t.is_title or t.pos_ == "PROPN"):
                break
            aid = self._name_actor(t, target)
            if aid is not None:
                return aid
        return None

    def _name_actor(self, tok: "Token", target: str) -> str | None:
        """Actor of a name token, of a kind that fits the label's target.

        When the token only lies inside a wider mention of another kind (the person's name
        in the group mention "Haftar's militias"), look the name up among the actors'
        mentions elsewhere in the article.
        """
        aid = _tok_actor(self.ctx, tok)
        if aid is not None and self._fits(aid, target):
            return aid
        if tok.pos_ != "PROPN" and not tok.is_title:
            return None
        key = tok.text.casefold()
        best: tuple[int, str] | None = None
        for actor in self.ctx.actors:
            if not self._fits(actor.id, target):
                continue
            n = sum(1 for m in actor.mentions if key in m.text.casefold().split())
            if n and (best is None or n > best[0]):
                best = (n, actor.id)
        return best[1] if best else None

    # rule 3
    def _named(self, span: "Span", root: "Token") -> str | None:
        for child in root.children:
            if child.dep_ in _NAME_DEPS and not (span.start <= child.i < span.end):
                aid = _subtree_actor(self.ctx, child)
                if aid is not None:
                    return aid
        return None

    # rule 4
    def _apposition(self, span: "Span", root: "Token") -> str | None:
        if root.dep_ == "appos" and not (span.start <= root.head.i < span.end):
            aid = _subtree_actor(self.ctx, root.head)
            if aid is not None:
                return aid
        for child in root.children:
            if child.dep_ == "appos":
                aid = _subtree_actor(self.ctx, child)
                if aid is not None:
                    return aid
        return None

    # rule 5
    def _predicate(self, root: "Token") -> str | None:
        head = root.head
        if root.dep_ in ("attr", "acomp") and head.lemma_ in _COPULAS:
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return _subtree_actor(self.ctx, child)
        if root.dep_ == "oprd":
            for child in head.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    return _subtree_actor(self.ctx, child)
        return None

    # rule 6
    def _adjective(self, span: "Span", root: "Token", target: str, coreference: bool = True) -> str | None:
        if root.dep_ not in ("amod", "compound") or root.head.i < span.end and root.head.i >= span.start:
            return None
        noun = root.head
        doc = span.doc
        nspan = doc[noun.i : noun.i + 1]
        return (
            _tok_actor(self.ctx, noun)
            or self._named(nspan, noun)
            or self._apposition(nspan, noun)
            or self._predicate(noun)
            or (self._coreference(nspan, noun, target) if coreference else None)
        )

    # rule 7
    def _coreference(self, span: "Span", root: "Token", target: str) -> str | None:
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in root.children)
        if not definite:
            return None
        remembered = self.memory.get(root.lemma_.lower())
        if remembered is not None:
            return remembered
        kinds = _KINDS.get(target, _KINDS["any"])
        best: tuple[int, str] | None = None
        lo = span.start_char - _COREF_WINDOW
        for s, e, aid in self._all_mentions():
            if e > span.start_char:
                break
            if s < lo:
                continue
            actor = self.ctx.actor(aid)
            if actor is not None and actor.kind in kinds:
                best = (s, aid)
        return best[1] if best else None

    def _all_mentions(self) -> list[tuple[int, int, str]]:
        if self._mentions is None:
            self._mentions = sorted(self.ctx.actor_index.spans)
        return self._mentions
