"""Helpers for label tests: hand-made actors over real spaCy docs of our own sentences."""

from __future__ import annotations

import re

import pytest

from eventlens.context import DocContext, SpanIndex
from eventlens.types import Actor, ActorKind, Article, Mention, stable_id


def make_ctx(nlp, text: str, actors: dict[str, tuple[ActorKind, list[str]]]) -> DocContext:
    """A DocContext whose actors are given as {name: (kind, [surface strings])}.

    Every occurrence of each surface string (whole words) becomes a mention.
    """
    records = []
    spans = []
    for name, (kind, surfaces) in actors.items():
        aid = stable_id("act", name)
        mentions = []
        for surface in surfaces:
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                mentions.append(Mention(start=m.start(), end=m.end(), text=m.group()))
                spans.append((m.start(), m.end(), aid))
        records.append(Actor(id=aid, name=name, kind=kind, mentions=tuple(mentions)))
    article = Article(id="test", text=text)
    return DocContext(article=article, doc=nlp(text), actors=tuple(records), actor_index=SpanIndex(spans))


@pytest.fixture()
def ctx_of(nlp):
    def build(text: str, actors: dict[str, tuple[ActorKind, list[str]]] | None = None) -> DocContext:
        return make_ctx(nlp, text, actors or {})

    return build
