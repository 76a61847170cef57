"""Event coding stage: who did what to whom, where and when (PLOVER + CAMEO + ACLED)."""

from __future__ import annotations

from typing import Any

from eventlens.config import Config
from eventlens.context import DocContext
from eventlens.types import Event


def load_codebook(config: Config) -> Any:
    """Load and validate the packaged codebook. STUB."""
    return None


def extract_events(ctx: DocContext, codebook: Any) -> tuple[Event, ...]:
    """Events of one article. STUB."""
    return ()
