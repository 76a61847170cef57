"""Helpers for event tests: a real parsed doc of our own sentence plus hand-made actors/places."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from eventlens.config import Config
from eventlens.context import DocContext, SpanIndex
from eventlens.events import extract_events, load_codebook
from eventlens.events.extract import extract
from eventlens.nlp import load_nlp
from eventlens.types import Actor, ActorKind, Article, Event, Mention, Place, Quote, Sector


def _mentions(text: str, surfaces: Iterable[str]) -> tuple[Mention, ...]:
    out: list[Mention] = []
    for s in surfaces:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
            if not any(x.start < m.end() and m.start() < x.end for x in out):
                out.append(Mention(start=m.start(), end=m.end(), text=m.group(0)))
    return tuple(sorted(out, key=lambda m: m.start))


ActorSpec = tuple[str, ActorKind, Sector | None, tuple[str, ...]]


def make_ctx(
    text: str,
    actors: Mapping[str, ActorSpec] | None = None,
    places: Mapping[str, tuple[str, ...]] | None = None,
    *,
    published: str | None = "2020-06-02",
    quotes: Iterable[tuple[str, str]] = (),
) -> DocContext:
    """actors: id → (name, kind, sector, surface strings); places: id → surface strings;
    quotes: (quoted text, speaker id)."""
    nlp = load_nlp(Config().model)
    doc = nlp(text)
    article = Article(id="art-test", text=text, published=published)
    acts = tuple(
        Actor(id=aid, name=name, kind=kind, sector=sector, mentions=_mentions(text, surf))
        for aid, (name, kind, sector, surf) in (actors or {}).items()
    )
    plcs = tuple(
        Place(id=pid, name=surf[0], mentions=_mentions(text, surf))
        for pid, surf in (places or {}).items()
    )
    qs = []
    for n, (qtext, speaker) in enumerate(quotes):
        i = text.index(qtext)
        qs.append(Quote(id=f"q{n}", speaker=speaker, text=qtext, start=i, end=i + len(qtext),
                        direct=True))
    return DocContext(
        article=article,
        doc=doc,
        actors=acts,
        actor_index=SpanIndex([(m.start, m.end, a.id) for a in acts for m in a.mentions]),
        places=plcs,
        place_index=SpanIndex([(m.start, m.end, p.id) for p in plcs for m in p.mentions]),
        quotes=tuple(qs),
    )


def events_of(ctx: DocContext) -> tuple[Event, ...]:
    """Run extraction without the stage's safety net, so bugs fail tests."""
    return extract(ctx, load_codebook(Config()))


def run(text: str, actors: Mapping[str, ActorSpec] | None = None,
        places: Mapping[str, tuple[str, ...]] | None = None, **kw: object) -> tuple[Event, ...]:
    return events_of(make_ctx(text, actors, places, **kw))  # type: ignore[arg-type]


C, P, O, G = ActorKind.COUNTRY, ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.GROUP

__all__ = ["make_ctx", "events_of", "run", "extract_events", "C", "P", "O", "G"]

# fictional actors shared by the codebook trigger tables (each table adds its own)
RURITANIA: dict[str, ActorSpec] = {
    "ruri": ("Ruritania", C, None, ("Ruritania", "Ruritanian")),
    "vel": ("Velmar", C, None, ("Velmar",)),
    "mil": ("Blue Brigade", G, None, ("The Blue Brigade", "the Blue Brigade")),
}


def assert_coded(text: str, actors: Mapping[str, ActorSpec],
                 want: tuple[str, str, str | None]) -> None:
    """Some event of ``text`` has PLOVER type, source and (when given) CAMEO code ``want``."""
    got = {(e.type, e.source, e.cameo) for e in run(text, actors)}
    typ, src, code = want
    assert any(t == typ and s == src and (code is None or c == code) for t, s, c in got), got

