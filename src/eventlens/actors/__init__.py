"""Actor stage: mentions → canonical actors (country, sector, CAMEO-style code)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventlens.actors.kb import ActorKB, Entry, load_default_kb, norm
from eventlens.actors.cleanup import drop_place_actors
from eventlens.actors.resolve import resolve
from eventlens.config import Config
from eventlens.context import SpanIndex
from eventlens.types import Actor, Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["ActorKB", "Entry", "load_kb", "resolve_actors", "drop_place_actors", "norm"]


def load_kb(config: Config | None = None) -> ActorKB:
    """The packaged actor dictionary (cached per process)."""
    return load_default_kb()


def resolve_actors(article: Article, doc: "Doc", kb: ActorKB) -> tuple[tuple[Actor, ...], SpanIndex]:
    """Actors of one article and the index of their mention spans."""
    return resolve(article, doc, kb)
