"""Learned detector of loaded-language and name-calling spans.

A token classifier (multinomial logistic regression, three classes: outside, loaded,
name-calling) over hashed sparse features of the already-parsed spaCy doc (word, lemma,
affixes, shape, tag, dependency, head, neighbours, VADER word valence) plus the doc's own
``tok2vec`` tensor (optionally through one small ReLU layer).
Runs of positive tokens become spans. Everything is numpy over ``doc.to_array``: the cost
per article is a small fraction of the spaCy parse.

Opt-in variant (a model file saved with ``minilm=True``): the dense part also gets the
per-token last-layer states of the numpy MiniLM (:mod:`eventlens.slant.minilm_tokens`).
More accurate, but it costs several times the spaCy parse.

The weights are trained by ``scripts/train_label_model.py`` on the PTC training articles
only, and saved as one ``.npz`` file (numbers only: hashed feature weights, no words).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from eventlens.errors import ResourceError
from eventlens.types import LabelKind

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_FORMAT = 1
FEATURES = "f1"  # bump whenever sparse_features/dense_features change: old weights are invalid
CLASSES = ("O", "loaded", "name-calling")
CLASS_KIND = {1: LabelKind.LOADED, 2: LabelKind.NAME_CALLING}
_TRIM = " \t\n.,:;\"'“”‘’«»()[]-–—"

_ATTRS = ["LOWER", "LEMMA", "PREFIX", "SUFFIX", "SHAPE", "TAG", "DEP", "ENT_TYPE", "HEAD", "IS_TITLE"]
_LOWER, _LEMMA, _PREFIX, _SUFFIX, _SHAPE, _TAG, _DEP, _ENT, _HEAD, _TITLE = range(len(_ATTRS))
_MIX = np.uint64(0x9E3779B97F4A7C15)
_PAD = np.uint64(0x5DEECE66D)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpanHit:
    """A detected span: characters [start, end), its kind and the mean token score."""

    start: int
    end: int
    kind: LabelKind
    score: float


def _hash(template: int, *cols: np.ndarray) -> np.ndarray:
    h = np.full(cols[0].shape, np.uint64((template + 1) * 0x100000001B3 % 2**64), dtype=np.uint64)
    for c in cols:
        h = (h ^ c) * _MIX
        h ^= h >> np.uint64(29)
    return h


def _shift(col: np.ndarray, k: int) -> np.ndarray:
    """col[i + k], padded at the edges."""
    out = np.full_like(col, _PAD)
    n = len(col)
    if k > 0 and k < n:
        out[: n - k] = col[k:]
    elif k < 0 and -k < n:
        out[-k:] = col[: n + k]
    elif k == 0:
        out[:] = col
    return out


@lru_cache(maxsize=1)
def valence_table() -> dict[str, float]:
    """Word → valence (-4..4) from the VADER lexicon (MIT licence), or {} when not installed."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # pragma: no cover - optional at runtime, the model degrades
        log.warning("vaderSentiment not installed: label span model runs without valence features")
        return {}
    return dict(SentimentIntensityAnalyzer().lexicon)


def valence_buckets(doc: "Doc") -> np.ndarray:
    """Per token: 0 when the word has no valence, else round(valence) + 5 (1..9).

    The lower-case form is looked up first, then the lemma; worked out once per distinct
    (form, lemma) pair of the article from the vocabulary ids (no Token objects)."""
    table = valence_table()
    out = np.zeros(len(doc), dtype=np.uint64)
    if not table or len(doc) == 0:
        return out
    strings = doc.vocab.strings
    ids = doc.to_array(["LOWER", "LEMMA"])
    seen: dict[tuple[int, int], int] = {}
    for i, pair in enumerate(zip(ids[:, 0].tolist(), ids[:, 1].tolist())):
        got = seen.get(pair)
        if got is None:
            v = table.get(strings[pair[0]])
            if v is None:
                v = table.get(strings[pair[1]].lower())
            got = seen[pair] = 0 if v is None else int(round(v)) + 5
        if got:
            out[i] = got
    return out


def sparse_features(doc: "Doc", lex_flags: np.ndarray | None = None) -> np.ndarray:
    """Hashed feature ids, shape (n_tokens, n_templates), uint64 (reduce mod dim before use)."""
    n = len(doc)
    if n == 0:
        return np.zeros((0, 0), dtype=np.uint64)
    a = doc.to_array(_ATTRS).astype(np.uint64)
    rel = a[:, _HEAD].astype(np.int64)  # relative offset of the head (wraps for negatives)
    head = np.clip(np.arange(n) + rel, 0, n - 1)
    low, lem, tag, dep = a[:, _LOWER], a[:, _LEMMA], a[:, _TAG], a[:, _DEP]
    if lex_flags is None:
        lex_flags = np.zeros(n, dtype=np.uint64)
    val = valence_buckets(doc)
    feats = [
        _hash(0, np.zeros(n, dtype=np.uint64)),  # bias
        _hash(1, low),
        _hash(2, lem),
        _hash(3, a[:, _PREFIX]),
        _hash(4, a[:, _SUFFIX]),
        _hash(5, a[:, _SHAPE]),
        _hash(6, tag),
        _hash(7, dep),
        _hash(8, a[:, _ENT]),
        _hash(9, _shift(low, -1)),
        _hash(10, _shift(low, 1)),
        _hash(11, _shift(low, -2)),
        _hash(12, _shift(low, 2)),
        _hash(13, _shift(low, -1), low),
        _hash(14, low, _shift(low, 1)),
        _hash(15, _shift(tag, -1), tag),
        _hash(16, tag, _shift(tag, 1)),
        _hash(17, lem[head]),
        _hash(18, dep, lem[head]),
        _hash(19, lem, tag),
        _hash(20, lex_flags),
        _hash(21, _shift(lem, -1)),
        _hash(22, _shift(lem, 1)),
        _hash(23, a[:, _TITLE], _shift(a[:, _TITLE], -1)),
        _hash(24, dep, tag[head]),
        _hash(25, val),
        _hash(26, _shift(val, -1)),
        _hash(27, _shift(val, 1)),
        _hash(28, val, tag),
        _hash(29, val[head]),
    ]
    return np.stack(feats, axis=1)


def dense_features(doc: "Doc", *, minilm: bool = False) -> np.ndarray:
    """The doc's tok2vec tensor (n_tokens, width), then MiniLM token states when ``minilm``.

    The tensor part is empty (width 0) when the pipeline set no tensor.
    """
    t = getattr(doc, "tensor", None)
    if t is None or getattr(t, "ndim", 0) != 2 or t.shape[0] != len(doc):
        out = np.zeros((len(doc), 0), dtype=np.float32)
    else:
        out = np.asarray(t, dtype=np.float32)
    if minilm:
        from eventlens.slant.minilm_tokens import token_states

        out = np.concatenate([out, token_states(doc)], axis=1)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class SpanModel:
    """Weights of the token classifier, loaded from an ``.npz`` file."""

    sparse: np.ndarray  # (dim, n_classes) float32
    dense: np.ndarray  # (width, n_classes) float32
    threshold: float  # a token is inside a span when P(outside) < threshold
    version: str = "0"
    hidden_in: np.ndarray | None = None  # (width, hidden): ReLU layer over the dense tensor
    hidden_bias: np.ndarray | None = None  # (hidden,)
    hidden_out: np.ndarray | None = None  # (hidden, n_classes)
    minilm: bool = False  # dense part = tok2vec tensor + MiniLM token states

    @property
    def dim(self) -> int:
        return int(self.sparse.shape[0])

    @classmethod
    def load(cls, path: Path) -> "SpanModel":
        try:
            with np.load(path, allow_pickle=False) as z:
                fmt = int(z["format"])
                if fmt != MODEL_FORMAT:
                    raise ResourceError(f"{path}: span model format {fmt}, expected {MODEL_FORMAT}")
                feats = str(z["features"]) if "features" in z.files else "?"
                if feats != FEATURES:
                    raise ResourceError(
                        f"{path}: span model built for features {feats!r}, this code computes "
                        f"{FEATURES!r}; rebuild it (make label-model / scripts/train_label_model.py)"
                    )
                hidden = "hidden_in" in z.files
                return cls(
                    sparse=z["sparse"].astype(np.float32),
                    dense=z["dense"].astype(np.float32),
                    threshold=float(z["threshold"]),
                    version=str(z["version"]),
                    hidden_in=z["hidden_in"].astype(np.float32) if hidden else None,
                    hidden_bias=z["hidden_bias"].astype(np.float32) if hidden else None,
                    hidden_out=z["hidden_out"].astype(np.float32) if hidden else None,
                    minilm=bool(int(z["minilm"])) if "minilm" in z.files else False,
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ResourceError(f"cannot read label span model {path}: {exc}") from exc

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = {}
        if self.hidden_in is not None and self.hidden_bias is not None and self.hidden_out is not None:
            extra = {
                "hidden_in": self.hidden_in.astype(np.float32),
                "hidden_bias": self.hidden_bias.astype(np.float32),
                "hidden_out": self.hidden_out.astype(np.float32),
            }
        np.savez_compressed(
            path,
            format=np.int64(MODEL_FORMAT),
            features=np.str_(FEATURES),
            sparse=self.sparse.astype(np.float16),
            dense=self.dense.astype(np.float16),
            threshold=np.float64(self.threshold),
            version=np.str_(self.version),
            minilm=np.int64(self.minilm),
            **extra,
        )

    def logits(self, ids: np.ndarray, dense: np.ndarray) -> np.ndarray:
        out = self.sparse[(ids % np.uint64(self.dim)).astype(np.intp)].sum(axis=1)
        if dense.shape[1] == self.dense.shape[0]:
            out += dense @ self.dense
            if self.hidden_in is not None and self.hidden_out is not None:
                h = np.maximum(dense @ self.hidden_in + self.hidden_bias, 0.0)
                out += h @ self.hidden_out
        return out

    def proba(self, doc: "Doc", lex_flags: np.ndarray | None = None) -> np.ndarray:
        if len(doc) == 0:
            return np.zeros((0, len(CLASSES)), dtype=np.float32)
        z = self.logits(sparse_features(doc, lex_flags), dense_features(doc, minilm=self.minilm))
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, doc: "Doc", lex_flags: np.ndarray | None = None) -> list[SpanHit]:
        return spans_from_proba(doc, self.proba(doc, lex_flags), self.threshold)


def spans_from_proba(doc: "Doc", p: np.ndarray, threshold: float) -> list[SpanHit]:
    """Runs of tokens with P(outside) < threshold inside one sentence, trimmed.

    Decoding (chosen on held-out *training* articles): a single non-punctuation token
    between two positive tokens of one sentence is bridged, and a run ending in an
    adjective whose noun head follows within two tokens is extended to that noun
    ("brutal" → "brutal regime").
    """
    if len(p) == 0:
        return []
    inside = p[:, 0] < threshold
    n = len(doc)
    for i in range(1, n - 1):
        if inside[i - 1] and not inside[i] and inside[i + 1]:
            if not (doc[i].is_punct or doc[i].is_space or doc[i].is_sent_start or doc[i + 1].is_sent_start):
                inside[i] = True
    out: list[SpanHit] = []
    i = 0
    while i < n:
        if not inside[i] or doc[i].is_punct or doc[i].is_space:
            i += 1
            continue
        j = i + 1
        while j < n and inside[j] and not doc[j].is_sent_start and not doc[j].is_space:
            j += 1
        last = j
        for t in doc[i:j]:
            h = t.head.i
            if t.pos_ == "ADJ" and doc[h].pos_ in ("NOUN", "PROPN") and last <= h <= j + 1 and h < n:
                if not any(doc[k].is_sent_start or doc[k].is_punct for k in range(j, h + 1)):
                    last = h + 1
        base = doc[i].idx
        text = doc[i:last].text  # doc.text would rebuild the whole article's text
        start, end = base, base + len(text)
        while start < end and text[start - base] in _TRIM:
            start += 1
        while end > start and text[end - 1 - base] in _TRIM:
            end -= 1
        if end > start:
            cls = p[i:j, 1:].sum(axis=0)
            kind = CLASS_KIND[int(np.argmax(cls)) + 1]
            out.append(SpanHit(start=start, end=end, kind=kind, score=float(1 - p[i:j, 0].mean())))
        i = j
    return out


_KIND_CODE = {k: np.uint64(1 + i) for i, k in enumerate(LabelKind)}


def lexicon_flags(n: int, hits: list[tuple[int, int, str]]) -> np.ndarray:
    """Per-token feature value from lexicon hits (token start, end, kind)."""
    flags = np.zeros(n, dtype=np.uint64)
    for s, e, kind in hits:
        flags[s:e] = _KIND_CODE[LabelKind(kind)]
    return flags
