"""Speaker resolution: the source span of an attribution → an actor id (or None).

In order: an actor mention at the source's head word; at its apposition ("the command,
Africom"); the issuer of a document ("UNSMIL's statement", "a statement from the ministry",
"the statement" → the speaker of the latest statement); a definite description matched
against earlier actors' names and roles ("the mission", "the command"); pronouns and
relative pronouns → the nearest compatible preceding speaker or actor. Platforms ("on
Twitter") are never speakers. Anonymous sources resolve only to an ANONYMOUS actor the actor
stage made at that span; otherwise the speaker stays None.
"""

from __future__ import annotations

import bisect
import logging
from typing import TYPE_CHECKING

from eventlens.context import DocContext
from eventlens.quotes.lexicon import CueLexicon
from eventlens.types import Actor, ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from eventlens.quotes.reported import Attribution

log = logging.getLogger(__name__)

_PERSONAL = {"he", "she", "him", "her", "his", "hers"}
_IMPERSONAL = {"it", "its"}
_PLURAL = {"they", "them", "their"}
_FIRST = {"i", "we", "me", "us"}
_RELATIVE = {"who", "that", "which", "whom"}
_ORGISH = {ActorKind.ORGANIZATION, ActorKind.IGO, ActorKind.GROUP, ActorKind.COUNTRY}
_LOOKBACK_CHARS = 1500


class SpeakerResolver:
    """Resolves speakers of one article's attributions, in text order."""

    def __init__(self, ctx: DocContext, lex: CueLexicon) -> None:
        self.ctx = ctx
        self.lex = lex
        self.by_id: dict[str, Actor] = {a.id: a for a in ctx.actors}
        mentions = sorted(
            (m.start, m.end, a.id) for a in ctx.actors for m in a.mentions if not self._platform(a)
        )
        self.mentions = mentions
        self._mention_starts = [m[0] for m in mentions]
        self.history: list[tuple[int, str, bool]] = []  # (pos, actor id, from a document)

    def _platform(self, actor: Actor) -> bool:
        return self.lex.is_platform(actor.name)

    def _actor_on_token(self, tok: "Token") -> str | None:
        hits = self.ctx.actor_index.overlapping(tok.idx, tok.idx + len(tok))
        hits = [h for h in hits if h[2] in self.by_id and not self._platform(self.by_id[h[2]])]
        if not hits:
            return None
        return max(hits, key=lambda h: (h[1] - h[0], -h[0]))[2]

    def _compatible(self, actor_id: str, pron: str) -> bool:
        kind = self.by_id[actor_id].kind if actor_id in self.by_id else None
        if kind is None:
            return True
        if pron in _PERSONAL:
            return kind in (ActorKind.PERSON, ActorKind.ANONYMOUS)
        if pron in _IMPERSONAL:
            return kind in _ORGISH
        if pron in _PLURAL:
            return kind is not ActorKind.PERSON
        return True

    def _previous_speaker(self, pos: int, pron: str, *, document: bool = False) -> str | None:
        for hpos, aid, from_doc in reversed(self.history):
            if hpos >= pos:
                continue
            if document:
                if from_doc or self.by_id.get(aid) is None or self.by_id[aid].kind in _ORGISH:
                    return aid
                continue
            if self._compatible(aid, pron):
                return aid
        return None

    def _previous_mention(self, pos: int, pron: str) -> str | None:
        i = bisect.bisect_left(self._mention_starts, pos)
        for j in range(i - 1, -1, -1):
            s, e, aid = self.mentions[j]
            if pos - s > _LOOKBACK_CHARS:
                break
            if e <= pos and self._compatible(aid, pron):
                return aid
        return None

    def _by_description(self, head: "Token", pos: int) -> str | None:
        word = head.lemma_.lower()
        if len(word) < 3:
            return None
        i = bisect.bisect_left(self._mention_starts, pos)
        seen: set[str] = set()
        for j in range(i - 1, -1, -1):
            _, _, aid = self.mentions[j]
            if aid in seen:
                continue
            seen.add(aid)
            actor = self.by_id[aid]
            words = {w.strip(".,").lower() for w in f"{actor.name} {actor.role or ''}".split()}
            words |= {w[:-1] for w in words if w.endswith("s")}
            if word in words:
                return aid
        return None

    def _by_name(self, text: str) -> str | None:
        """A name written differently from the actor's mentions ("BROWN:", "JOHN BROWN")."""
        words = [w.strip(".,’'").casefold() for w in text.split()]
        if not words or not words[-1]:
            return None
        for actor in self.ctx.actors:
            if actor.kind is not ActorKind.PERSON or self._platform(actor):
                continue
            forms = {m.text.casefold() for m in actor.mentions} | {actor.name.casefold()}
            if " ".join(words) in forms:
                return actor.id
            if any(f.split()[-1] == words[-1] for f in forms if f.split()):
                return actor.id
        return None

    def resolve(self, attr: "Attribution", doc_nouns: bool = False) -> str | None:
        """Actor id of the attribution's speaker (also remembered for later pronouns)."""
        aid = self._resolve(attr)
        if aid is not None and attr.cue is not None:
            self.history.append((attr.cue[0], aid, doc_nouns))
        return aid

    def _resolve(self, attr: "Attribution") -> str | None:
        if attr.source_head is None or attr.source is None:
            return None
        doc = self.ctx.doc
        head = doc[attr.source_head]
        pos = attr.source[0]
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl":
            head = head.head.head
        aid = self._actor_on_token(head)
        if aid is not None:
            return aid
        for c in head.children:
            if c.dep_ == "appos":
                aid = self._actor_on_token(c)
                if aid is not None:
                    return aid
        for c in head.children:
            if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN":
                aid = self._actor_on_token(c)
                if aid is not None and self.by_id[aid].kind is ActorKind.PERSON:
                    return aid  # "spokesman Mohamed Gununu" parsed with the title as head
        if head.pos_ == "PROPN" or head.text.isupper():
            aid = self._by_name(self.ctx.article.text[attr.source[0] : attr.source[1]])
            if aid is not None:
                return aid
        word = head.lower_
        if word in _PERSONAL or word in _IMPERSONAL or word in _PLURAL:
            return self._previous_speaker(pos, word) or self._previous_mention(pos, word)
        if word in _FIRST:
            return self._previous_speaker(pos, word)
        if self.lex.is_document(head.lemma_):
            for c in head.children:
                if c.dep_ == "poss":
                    aid = self._actor_on_token(c)
                    if aid is not None:
                        return aid
                if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            aid = self._actor_on_token(p)
                            if aid is not None:
                                return aid
            return self._previous_speaker(pos, "it", document=True)
        if head.pos_ in ("NOUN", "PROPN") and any(
            c.lower_ in ("the", "this", "that") for c in head.children
        ):
            aid = self._by_description(head, pos)
            if aid is not None:
                return aid
        if head.pos_ == "NOUN":
            log.debug("no actor for source %r", self.ctx.article.text[attr.source[0] : attr.source[1]])
        return None
