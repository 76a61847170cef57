"""Quote stage: direct and reported speech with speakers."""

from __future__ import annotations

from eventlens.context import DocContext
from eventlens.types import Quote


def extract_quotes(ctx: DocContext) -> tuple[Quote, ...]:
    """Quotes of one article. STUB."""
    return ()
