"""Event coding stage: who did what to whom, where and when (PLOVER + CAMEO + ACLED).

- ``load_codebook(config) -> Codebook``: the packaged, validated, cached codebook (see
  :mod:`eventlens.events.codebook` for its API: ``types``, ``mode(type, mode)``, ``default_cameo``,
  ``plover_for_cameo(code)``, ``cameo_roots``, ``acled_code_for``, ``examples()``).
- ``extract_events(ctx, codebook) -> tuple[Event, ...]``: rule/parse-based events of one article
  (see :mod:`eventlens.events.extract`), re-scored by the codebook's learned classifier when one is
  attached (:mod:`eventlens.events.rescore`). Never raises on odd text: a failure inside one
  article is logged and gives no events for it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import lru_cache

from eventlens.config import Config
from eventlens.context import DocContext
from eventlens.events.codebook import Codebook, load
from eventlens.types import Event

log = logging.getLogger(__name__)


def load_codebook(config: Config | None = None) -> Codebook:
    """The packaged codebook (validated, cached) with the learned sentence classifier attached
    (light model; the embedding one when ``config.use_embeddings`` and it is installed), with
    the user's CAMEO verb dictionaries ``config.verb_dictionaries`` read first."""
    config = config or Config()
    return _with_classifier(bool(config.use_embeddings), tuple(config.verb_dictionaries))


@lru_cache(maxsize=4)
def _with_classifier(use_embeddings: bool, verbs: tuple = ()) -> Codebook:
    from eventlens.events.classify import load_classifier

    return replace(load(verbs=verbs), classifier=load_classifier(Config(use_embeddings=use_embeddings)))


def extract_events(ctx: DocContext, codebook: Codebook | None) -> tuple[Event, ...]:
    """Events of one article."""
    from eventlens.events.extract import extract

    cb = codebook if codebook is not None else load()
    try:
        return extract(ctx, cb)
    except (ValueError, IndexError, KeyError, AttributeError, RecursionError) as exc:
        log.warning("event extraction failed for article %s: %s", ctx.article.id, exc)
        return ()


__all__ = ["Codebook", "load_codebook", "extract_events"]
