"""Actor stage: mentions → canonical actors (country, sector, CAMEO-style code)."""

from __future__ import annotations

from typing import Any

from eventlens.config import Config
from eventlens.context import SpanIndex
from eventlens.types import Actor, Article


def load_kb(config: Config) -> Any:
    """Load the curated actor dictionary. STUB (being written)."""
    return None


def resolve_actors(article: Article, doc: Any, kb: Any) -> tuple[tuple[Actor, ...], SpanIndex]:
    """Actors of one article and the index of their mention spans. STUB (being written)."""
    return (), SpanIndex()
