"""Label stage: loaded and partisan wording attached to actors."""

from __future__ import annotations

from typing import Any

from eventlens.config import Config
from eventlens.context import DocContext
from eventlens.types import Label


def load_lexicon(config: Config) -> Any:
    """Load the label lexicon (and span model when present). STUB."""
    return None


def extract_labels(ctx: DocContext, lexicon: Any) -> tuple[Label, ...]:
    """Labels of one article. STUB."""
    return ()
