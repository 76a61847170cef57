"""Label stage: loaded and partisan wording attached to actors.

Two detectors feed it:

- the curated lexicon (``data/slant/lexicon.tsv``): terms with a kind and a neutral
  equivalent ("warlord" → "commander", "militias" → "forces");
- a learned span detector (:mod:`eventlens.slant.spans`) trained on the PTC training
  articles, used when its weights file is present (see :func:`model_path`);
- when also built, a fine-tuned MiniLM token tagger (:mod:`eventlens.slant.tagger`, see
  :func:`tagger_path`; two layers with pruned feed-forwards), whose scores are mixed with the
  span detector's on the tokens the detector flags, one token of context either side (the
  tagger is more accurate but costs a transformer pass, so it only looks there; elsewhere the
  detector's scores stand).

Each found span is attached to an actor (:mod:`eventlens.slant.attach`). What becomes a
:class:`~eventlens.types.Label`:

- every lexicon hit, with its actor, or with ``actor=None`` when no actor can be resolved
  (the lexicon is curated loaded wording, so the outlet's word choice is worth keeping);
- learned spans only when they are confident (mean token score >= ``LABEL_MIN_SCORE``),
  overlap no lexicon hit and attach to an actor by the structural rules (no coreference).
  The detector also finds loaded wording about things ("horrific", "sham"); all its spans
  count in :func:`detect_spans` and the evaluation, but only those are labels *of an actor*.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventlens.config import Config, cache_dir, switched_off
from eventlens.context import DocContext
from eventlens.errors import ResourceError
from eventlens.slant.attach import Attacher
from eventlens.slant.lexicon import Lexicon, default_lexicon
from eventlens.slant.spans import SpanHit, SpanModel, lexicon_flags, spans_from_proba
from eventlens.slant.tagger import TaggerModel, combine
from eventlens.types import Label, LabelKind, stable_id

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_FILE = "label_spans.npz"
MODEL_FILE_MINILM = "label_spans_minilm.npz"  # opt-in variant with MiniLM token features
TAGGER_FILE = "label_tagger.npz"  # fine-tuned MiniLM token tagger
LABEL_MIN_SCORE = 0.6  # a learned span becomes a Label only above this mean token score
_NAME_ENTS = frozenset({"ORG", "EVENT", "WORK_OF_ART", "FAC", "LAW", "PRODUCT", "GPE", "LOC"})

__all__ = [
    "LabelResources",
    "Hit",
    "load_lexicon",
    "model_path",
    "tagger_path",
    "detect_spans",
    "extract_labels",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelResources:
    """What the label stage needs: the lexicon and, when built, the span model."""

    lexicon: Lexicon
    model: SpanModel | None = None
    tagger: TaggerModel | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Hit:
    """A candidate label span (characters), before actor attachment."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    kind: LabelKind
    neutral: str | None
    target: str
    source: str  # "lexicon" | "model"
    score: float = 1.0


def model_path(config: Config | None = None) -> Path | None:
    """Where the span model is read from, or None when it is not built.

    Order: ``$EVENTLENS_LABEL_MODEL`` (a file path, or ``none``); the package's
    ``data/slant/label_spans.npz`` (if a build ships it); ``<cache_dir>/slant/label_spans.npz``
    (``make label-model`` writes there). The opt-in MiniLM variant
    (``scripts/train_label_model.py --minilm`` writes ``<cache_dir>/slant/label_spans_minilm.npz``)
    is used only through ``$EVENTLENS_LABEL_MODEL``: it costs about twice the spaCy parse and
    did not beat the default model on PTC dev.
    """
    env = os.environ.get("EVENTLENS_LABEL_MODEL")
    if env:
        return Path(env) if not switched_off(env) and Path(env).is_file() else None
    from importlib import resources

    packaged = resources.files("eventlens").joinpath("data", "slant", MODEL_FILE)
    if packaged.is_file():
        return Path(str(packaged))
    cached = cache_dir() / "slant" / MODEL_FILE
    return cached if cached.is_file() else None


def tagger_path(config: Config | None = None) -> Path | None:
    """Where the fine-tuned tagger is read from, or None when it is not built or switched off.

    ``$EVENTLENS_LABEL_TAGGER`` (a file path, or ``off``) wins; ``EVENTLENS_LABEL_MODEL=off``
    switches the tagger off too (rules-only path); else ``<cache_dir>/slant/label_tagger.npz``
    (``make label-model`` writes it when torch is installed).
    """
    env = os.environ.get("EVENTLENS_LABEL_TAGGER")
    if env:
        return Path(env) if not switched_off(env) and Path(env).is_file() else None
    model_env = os.environ.get("EVENTLENS_LABEL_MODEL")
    if model_env and switched_off(model_env):
        return None
    cached = cache_dir() / "slant" / TAGGER_FILE
    return cached if cached.is_file() else None


def load_lexicon(config: Config) -> LabelResources:
    """Load the label lexicon (validated, cached), the span model and the tagger when present."""
    path = model_path(config)
    model: SpanModel | None = None
    if path is not None:
        try:
            model = SpanModel.load(path)
        except ResourceError as exc:  # stale or broken file: keep going with the lexicon
            log.warning("label span model not used: %s", exc)
    if model is None:
        log.info("label span model not built; labels come from the lexicon only")
    tagger: TaggerModel | None = None
    tpath = tagger_path(config)
    if tpath is not None:
        try:
            tagger = TaggerModel.load(tpath)
        except ResourceError as exc:
            log.warning("label tagger not used: %s", exc)
    return LabelResources(lexicon=default_lexicon(), model=model, tagger=tagger)


def _as_resources(lexicon: object) -> LabelResources:
    if isinstance(lexicon, LabelResources):
        return lexicon
    if isinstance(lexicon, Lexicon):
        return LabelResources(lexicon=lexicon)
    return LabelResources(lexicon=default_lexicon())


def detect_spans(ctx: DocContext, lexicon: LabelResources | Lexicon | None) -> list[Hit]:
    """Every candidate span: lexicon hits, then model spans that overlap no lexicon hit."""
    res = _as_resources(lexicon)
    doc = ctx.doc
    hits: list[Hit] = []
    for h in res.lexicon.match(doc):
        start = doc[h.start].idx
        end = doc[h.end - 1].idx + len(doc[h.end - 1].text)
        hits.append(
            Hit(
                start=start, end=end, tok_start=h.start, tok_end=h.end, kind=h.entry.kind,
                neutral=h.entry.neutral, target=h.entry.target, source="lexicon",
            )
        )
    if (res.model is not None or res.tagger is not None) and len(doc):
        flags = lexicon_flags(len(doc), [(h.tok_start, h.tok_end, h.kind) for h in hits])
        taken = [(h.start, h.end) for h in hits]
        for s in _model_spans(doc, res, flags):
            if any(s.start < e and b < s.end for b, e in taken):
                continue
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            hits.append(
                Hit(
                    start=s.start, end=s.end, tok_start=span.start, tok_end=span.end,
                    kind=s.kind, neutral=None, target="any", source="model", score=s.score,
                )
            )
    hits.sort(key=lambda h: (h.start, h.end))
    return hits


def _model_spans(doc: "Doc", res: LabelResources, flags: "np.ndarray") -> list[SpanHit]:
    """Spans of the learned detectors: the span model's token probabilities, mixed with the
    tagger's on the token ranges the span model flags (:func:`eventlens.slant.tagger.combine`)."""
    if res.tagger is None:
        return res.model.predict(doc, flags) if res.model is not None else []
    tagger = res.tagger
    if res.model is None:
        return spans_from_proba(doc, tagger.proba(doc), tagger.threshold)
    return spans_from_proba(doc, combine(doc, tagger, res.model.proba(doc, flags)), tagger.threshold)


def extract_labels(ctx: DocContext, lexicon: LabelResources | Lexicon | None) -> tuple[Label, ...]:
    """Labels of one article: loaded wording with the actor it describes (see module doc)."""
    text = ctx.article.text
    attacher = Attacher(ctx)
    out: list[Label] = []
    for hit in detect_spans(ctx, lexicon):
        span = ctx.doc[hit.tok_start : hit.tok_end]
        if hit.source == "model":
            if hit.score < LABEL_MIN_SCORE or not any(t.is_alpha and len(t) > 2 for t in span):
                continue
            if any(t.ent_type_ in _NAME_ENTS and t.is_title for t in span):
                continue  # a word of a name ("Volcano of Rage" operation) is no outlet's label
            actor = attacher.attach(span, hit.target, coreference=False)
            if actor is None:
                continue
        else:
            actor = attacher.attach(span, hit.target)
        out.append(
            Label(
                id=stable_id("lbl", ctx.article.id, hit.start, hit.end, hit.kind.value),
                actor=actor,
                text=text[hit.start : hit.end],
                start=hit.start,
                end=hit.end,
                kind=hit.kind,
                neutral=hit.neutral,
            )
        )
    return tuple(out)
