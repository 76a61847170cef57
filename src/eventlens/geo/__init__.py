"""Geocoding stage: place mentions → GeoNames places (offline)."""

from __future__ import annotations

from typing import Any

from eventlens.config import Config
from eventlens.context import DocContext
from eventlens.types import Place


def load_gazetteer(config: Config) -> Any:
    """Open (building on first use) the on-disk gazetteer index. STUB."""
    return None


def resolve_places(ctx: DocContext, gazetteer: Any) -> tuple[Place, ...]:
    """All places mentioned in the article, geocoded. STUB."""
    return ()
