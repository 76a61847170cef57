"""Learned source chooser: a second opinion on the source span of each attribution.

For every attribution with a cue token (a reporting verb, "according to", a noun cue, a verb
the learned cue detector found), the candidates for its source are the rules' source head and
the noun phrases of the cue's sentence nearest the cue (at most three; for an attribution the
rules left sourceless, the three nearest), each in up to four extents: the whole phrase as the
rules cut it (appositions and relative clauses included), the phrase without its relative
clause or participle, without its apposition, and the bare noun chunk up to its head — plus
"no source". Each candidate is described by cheap features (its head's relation, part of
speech, entity type and word; its dependency path to the cue, side, distance and rank; its
extent, length, and whether it lies inside a content, where a word cannot also be a source;
the cue's lemma, kind and voice, the attribution's contents, and the cue detector's score for
a cue the rules did not give) and scored by a softmax over the attribution's candidates, a
hashed-feature linear model trained to pick the candidate closest to the gold source, or "no
source" when none comes close (a spurious attribution has no right source).

The rules' source is kept unless another candidate beats it by ``margin`` (it replaces it) or
"no source" beats it by ``drop`` (it is dropped); an attribution the rules left sourceless
gets the best candidate when it scores at least ``fill`` and above "no source". The three
thresholds are chosen on a held-out tenth of the training articles by the source overlap F1
of the stage. Source spans stay exact character spans of the text, with their head token, so
speaker resolution works on the chosen source.

The weights are trained by ``scripts/train_quote_sources.py`` on the PolNeAR *train* split
only. PolNeAR carries no licence, so the weights are never shipped: the script writes them to
``cache_dir() / "quotes" / "source_model.npz"`` (numbers only: hashed feature weights, no
words). When that file is missing (or ``$EVENTLENS_QUOTE_SOURCE_MODEL`` is ``off``) the rules'
sources stay. About a millisecond per article (numpy and a per-doc token table).
"""

from __future__ import annotations

import bisect
import itertools
import logging
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from eventlens.config import (
    local_model_path,
    read_local_model,
    read_versioned_npz,
    save_versioned_npz,
)
from eventlens.errors import ResourceError
from eventlens.nlp import token_starts
from eventlens.nlp.tokens import TokenTable
from eventlens.quotes.reported import _subtree_span, doc_text, trim

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from spacy.tokens import Doc

    from eventlens.quotes.reported import Attribution

log = logging.getLogger(__name__)

MODEL_FORMAT = 1
FEATURES = "s1"  # bump whenever candidate features change: old weights are then ignored
MODEL_NAME = "source_model.npz"
_HEAD_DEPS = {"nsubj", "nsubjpass", "pobj", "dobj", "attr", "ROOT", "conj", "appos", "poss",
              "dative", "npadvmod", "oprd", "csubj"}
_MAX_CANDS = 3  # heads of an attribution the rules left sourceless, nearest the cue first
_MAX_OTHERS = 3  # other heads besides the rules' one
_DIST = (1, 2, 3, 5, 8, 13, 21)
_LEN = (1, 2, 3, 5, 8, 13)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_RELCL = {"relcl", "acl"}
_PRON = 95  # spacy.symbols.PRON
_KIND = {"verb": 1, "prep": 2, "impersonal": 3, "noun": 4, "label": 5, "none": 6}


def model_path() -> Path:
    """Where the trained source model lives: ``$EVENTLENS_QUOTE_SOURCE_MODEL`` (a path, or
    ``off``), else the user cache (built by the training script)."""
    return local_model_path("EVENTLENS_QUOTE_SOURCE_MODEL", "quotes", MODEL_NAME)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceModel:
    """Hashed-feature logistic regression weights and the decision thresholds."""

    weights: np.ndarray  # (dim,) float32
    margin: float  # a candidate replaces the rules' source when it scores this much higher
    fill: float  # min score for a candidate to fill an attribution the rules left sourceless
    drop: float  # a rules' source scoring below this (with nothing better) is dropped

    @property
    def dim(self) -> int:
        return int(self.weights.shape[0])

    @classmethod
    def load(cls, path: Path) -> "SourceModel":
        z = read_versioned_npz(path, what="quote source model", fmt=MODEL_FORMAT,
                               features=FEATURES, rebuild="scripts/train_quote_sources.py",
                               keys=("weights", "thresholds"))
        weights = z["weights"].astype(np.float32)
        ths = z["thresholds"].ravel()
        if weights.ndim != 1 or len(ths) != 3:
            raise ResourceError(f"quote source model {path} has the wrong shape; rebuild it with "
                                "scripts/train_quote_sources.py")
        margin, fill, drop = (float(x) for x in ths)
        return cls(weights=weights, margin=margin, fill=fill, drop=drop)

    def save(self, path: Path) -> None:
        save_versioned_npz(path, fmt=MODEL_FORMAT, features=FEATURES,
                           weights=self.weights.astype(np.float32),
                           thresholds=np.array([self.margin, self.fill, self.drop],
                                               dtype=np.float64))

    def scores(self, ids: np.ndarray) -> np.ndarray:
        """Linear score per row of hashed feature ids (n, k)."""
        if ids.size == 0:
            return np.zeros(ids.shape[0], dtype=np.float32)
        z = self.weights[(ids % np.uint64(self.dim)).astype(np.int64)].sum(axis=1)
        return np.clip(z, -30, 30)


@lru_cache(maxsize=1)
def load_model() -> SourceModel | None:
    """The trained source model from the user cache, or None (the rules' sources then)."""
    return read_local_model(model_path(), SourceModel.load, "quote source model")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible source of one attribution: char span, head token, raw feature values."""

    start: int
    end: int
    head: int
    rule: bool  # the rules' own source span
    values: tuple[int, ...]  # one raw value per feature template (hashed with its template)


def _bucket(n: int, edges: tuple[int, ...]) -> int:
    return bisect.bisect_right(edges, n)


@lru_cache(maxsize=65536)
def _crc(s: str) -> int:
    """A stable hash of a feature string (dependency paths and kinds repeat a lot)."""
    return zlib.crc32(s.encode("utf-8"))


@dataclass(slots=True)
class _Table:
    """Per-doc token columns the candidates need (read once per doc and kept on it), and the
    extents of each head already computed; other attributes are read from the few tokens
    that need them."""

    head: list[int]  # absolute index of each token's head
    dep: list[str]
    dep_h: list[int]  # the same, as string-store hashes
    pos: list[int]
    sent: list[tuple[int, int]]  # (start, end) token range of each token's sentence
    commas: list[int]  # prefix count of ",;:" tokens
    heads: list[bool]  # a possible source head (part of speech and relation)
    idx: list[int]  # character offset of each token
    length: list[int]  # its length in characters
    extents: dict[int, tuple[int, int, list[tuple[int, tuple[int, int], int, int]]]]
    _words: dict[int, tuple[int, int, int, int, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.head)

    def word(self, doc: "Doc", i: int) -> tuple[int, int, int, int, int]:
        """(lower, lemma, tag, entity type, is punctuation) of token ``i``, as hashes."""
        got = self._words.get(i)
        if got is None:
            t = doc[i]
            got = self._words[i] = (t.lower, t.lemma, t.tag, t.ent_type, int(t.is_punct))
        return got


_HEAD_POS_IDS = frozenset((92, 95, 96))  # NOUN, PRON, PROPN (spacy.symbols)
_ARRAY_ATTRS = ["HEAD", "DEP", "POS", "SENT_START"]


def _table(doc: "Doc") -> _Table:
    n = len(doc)
    if not n:
        return _Table(head=[], dep=[], dep_h=[], pos=[], sent=[], commas=[0], heads=[],
                      idx=[], length=[], extents={})
    arr = doc.to_array(_ARRAY_ATTRS)
    head = (np.arange(n, dtype=np.int64) + arr[:, 0].astype(np.int64)).tolist()
    _, dep_h, pos, ss = arr.T.tolist()
    words = TokenTable.of(doc).text
    strings = doc.vocab.strings
    names = {h: (strings[h] if h else "") for h in set(dep_h)}
    dep = [names[h] for h in dep_h]
    if doc.has_annotation("SENT_START"):
        starts = [i for i, v in enumerate(ss) if v == 1]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        sent: list[tuple[int, int]] = []
        for k, s in enumerate(starts):
            e = starts[k + 1] if k + 1 < len(starts) else n
            sent += [(s, e)] * (e - s)
    else:
        sent = [(max(0, i - 40), min(n, i + 40)) for i in range(n)]
    commas = [0, *itertools.accumulate(w in (",", ";", ":") for w in words)]
    good = {h for h, name in names.items() if name in _HEAD_DEPS}
    heads = [p in _HEAD_POS_IDS and d in good for p, d in zip(pos, dep_h)]
    return _Table(head=head, dep=dep, dep_h=dep_h, pos=pos, sent=sent, commas=commas,
                  heads=heads, idx=token_starts(doc), length=list(map(len, words)), extents={})


def _path(tab: _Table, word: int, cue: int) -> str:
    """Dependency path from the candidate's head up to the common ancestor with the cue, then
    down to the cue ("nsubj", "pobj^agent", "nsubj|vxcomp"; "far" when none within reach)."""
    down = [cue]
    for _ in range(4):
        h = tab.head[down[-1]]
        if h == down[-1]:
            break
        down.append(h)
    pos = {t: k for k, t in enumerate(down)}
    up = [word]
    for _ in range(5):
        if up[-1] in pos:
            break
        h = tab.head[up[-1]]
        if h == up[-1]:
            break
        up.append(h)
    k = pos.get(up[-1])
    if k is None:
        return "far"
    a = "^".join(tab.dep[t] for t in up[:-1][:3]) or "self"
    b = "v".join(tab.dep[t] for t in down[:k][:2])
    return f"{a}|{b}" if b else a


def _extents(doc: "Doc", tab: _Table, h: int, cue: int, full: tuple[int, int] | None = None
             ) -> list[tuple[int, tuple[int, int], int, int]]:
    """(variant, char span, words, has a comma) of a head's extents: 0 the whole phrase (the
    rules' cut), 1 without its relative clause or participle, 2 without its apposition (and
    what follows it), 3 the bare noun chunk up to the head. ``full``: the whole phrase when
    already known (the rules' source)."""
    text = doc_text(doc)
    tok = doc[h]
    left, right = tok.left_edge.i, tok.right_edge.i
    if full is None:
        full = _subtree_span(tok, exclude=doc[cue])
    start, end = full
    out = [(0, full)]
    cut_rel = cut_app = None
    for j in range(h + 1, right + 1):
        if tab.head[j] == h:
            d = tab.dep[j]
            if d in _RELCL:
                cut_rel = j
                cut_app = j if cut_app is None else cut_app
                break
            if d == "appos" and cut_app is None:
                cut_app = j
    for variant, child in ((1, cut_rel), (2, cut_app)):
        if child is None:
            continue
        j = doc[child].left_edge.i - 1
        while j > h and tab.word(doc, j)[4]:
            j -= 1
        s, e = trim(text, start, min(end, tab.idx[j] + tab.length[j]))
        if s < e:
            out.append((variant, (s, e)))
    if h > left or right > h:
        s, e = trim(text, max(start, tab.idx[left]), min(end, tab.idx[h] + tab.length[h]))
        if s < e:
            out.append((3, (s, e)))
    seen: set[tuple[int, int]] = set()
    uniq = []
    for v, (s, e) in out:
        if (s, e) not in seen and s < e:
            seen.add((s, e))
            n_words = _bucket(text.count(" ", s, e) + 1, _LEN)
            uniq.append((v, (s, e), n_words, int("," in text[s:e])))
    return uniq


def _head_extents(doc: "Doc", tab: _Table, h: int, cue: int, full: tuple[int, int] | None
                  ) -> list[tuple[int, tuple[int, int], int, int]]:
    """The extents of head ``h`` (cached per doc unless the cue lies inside its phrase or the
    whole phrase is given)."""
    if full is not None:
        return _extents(doc, tab, h, cue, full)
    hit = tab.extents.get(h)
    if hit is not None and not hit[0] <= cue <= hit[1]:
        return hit[2]
    tok = doc[h]
    lo, hi = tok.left_edge.i, tok.right_edge.i
    got = _extents(doc, tab, h, cue)
    if not lo <= cue <= hi:
        tab.extents[h] = (lo, hi, got)
    return got


def considered(a: "Attribution") -> bool:
    """Whether the chooser looks at an attribution: not a speaker label ("SMITH: ..."), a
    quote with no cue, or an impersonal belief ("is expected to"), which has no source."""
    return a.kind not in ("label", "none", "impersonal")


def taken_spans(attrs: "list[Attribution]") -> list[tuple[int, int]]:
    """The content spans of all attributions, sorted (each word has one role: a phrase inside
    a content is hardly a source)."""
    return sorted((s, e) for a in attrs for s, e, _ in a.contents)


def _overlap(spans: list[tuple[int, int]], s: int, e: int) -> int:
    """1 when [s, e) overlaps one of the sorted ``spans`` (2 when one holds it whole)."""
    k = bisect.bisect_left(spans, (e, -1))
    for j in range(k - 1, max(-1, k - 12), -1):
        a, b = spans[j]
        if b > s:
            return 2 if a <= s and e <= b else 1
    return 0


def candidates(doc: "Doc", a: "Attribution", taken: list[tuple[int, int]] | None = None
               ) -> list[Candidate]:
    """The candidate sources of one attribution (none without a cue token), the "no source"
    candidate last; ``taken``: :func:`taken_spans` of the article's attributions."""
    if a.cue_token is None or not 0 <= a.cue_token < len(doc):
        return []
    from eventlens.nlp import doc_cached

    tab: _Table = doc_cached(doc, "_eventlens_source_table", _table)
    c = a.cue_token
    lo, hi = tab.sent[c]
    heads = [i for i in range(lo, hi) if tab.heads[i] and i != c]
    rule_head = a.source_head
    if rule_head is not None and not 0 <= rule_head < len(doc):
        rule_head = None
    heads.sort(key=lambda i: (abs(i - c), i))
    heads = heads[: _MAX_CANDS if rule_head is None else _MAX_OTHERS]
    if rule_head is not None and rule_head not in heads:
        heads.append(rule_head)
    before = sorted((i for i in heads if i < c), reverse=True)
    after = sorted(i for i in heads if i > c)
    rank = {i: k for k, i in enumerate(before)} | {i: k for k, i in enumerate(after)}
    passive = any(tab.head[i] == c and tab.dep[i] in ("nsubjpass", "auxpass")
                  for i in range(max(0, c - 8), c))
    has_rule = a.source is not None
    n_contents = min(len(a.contents), 3)
    content_len = _bucket(sum(e - s for s, e, _ in a.contents) // 20, _LEN)
    cue_w = tab.word(doc, c)
    common = (cue_w[1], _KIND.get(a.kind, 0), _crc(a.cue_kind), int(passive), int(a.direct),
              int(has_rule), tab.dep_h[c], cue_w[0], n_contents * 16 + content_len,
              tab.pos[c], 99 if a.cue_score is None else int(a.cue_score * 10))
    out: list[Candidate] = []
    for h in heads:
        is_rule_head = rule_head == h
        path = _path(tab, h, c)
        if path == "far" and not is_rule_head:
            continue  # no common ancestor near the cue: hardly ever the source
        dist = _bucket(abs(h - c), _DIST)
        lower, _, tag, ent, _ = tab.word(doc, h)
        word = lower if tab.pos[h] == _PRON else 0
        commas = tab.commas[max(h, c)] - tab.commas[min(h, c)]
        head_lem = tab.word(doc, tab.head[h])[0] if tab.dep[h] == "pobj" else 0
        base = (tab.dep_h[h], tab.pos[h], ent, word, _crc(path),
                int(h > c), dist, min(rank.get(h, 3), 3), int(is_rule_head),
                _bucket(commas, (1, 2, 3)), head_lem, lower, tag)
        for variant, (s, e), n_words, has_comma in _head_extents(
                doc, tab, h, c, a.source if is_rule_head else None):
            is_rule = has_rule and a.source == (s, e)
            out.append(Candidate(s, e, h, is_rule, common + base + (
                variant, int(is_rule), n_words, has_comma, _overlap(taken or [], s, e))))
    if has_rule and not any(x.rule for x in out) and rule_head is not None:
        s, e = a.source  # type: ignore[misc]
        h = rule_head
        text = doc_text(doc)
        lower, _, tag, ent, _ = tab.word(doc, h)
        out.append(Candidate(s, e, h, True, common + (
            tab.dep_h[h], tab.pos[h], ent, 0, _crc("rule"), 0, 0, 0, 1, 0, 0,
            lower, tag, 9, 1, _bucket(text.count(" ", s, e) + 1, _LEN),
            int("," in text[s:e]), _overlap(taken or [], s, e))))
    if out:  # no source at all: its own features are the attribution's
        out.append(Candidate(-1, -1, -1, False, common + (_NONE,) * (_N_VALUES - len(common))))
    return out


_NONE = 0x7A7A7A7A  # the value of every candidate feature of the "no source" candidate


# feature templates: indices into Candidate.values, crossed in pairs where listed
_N_VALUES = 29
(_C_LEMMA, _C_KIND, _C_CKIND, _C_PASS, _C_DIRECT, _C_HASRULE, _C_DEP, _C_WORD, _C_SIZE, _C_POS,
 _C_SCORE) = range(11)
(_DEP, _POS, _ENT, _WORD, _PATH, _SIDE, _DISTB, _RANK, _RULEHEAD, _COMMAS, _HEADLEM,
 _LOWER, _TAG, _VARIANT, _ISRULE, _LENB, _HASCOMMA, _TAKEN) = range(11, 29)
TEMPLATES: tuple[tuple[int, ...], ...] = (
    (), (_DEP,), (_POS,), (_ENT,), (_WORD,), (_PATH,), (_PATH, _C_PASS),
    (_PATH, _C_KIND), (_PATH, _C_LEMMA), (_SIDE, _DISTB), (_SIDE, _RANK), (_RANK, _DEP),
    (_RULEHEAD,), (_RULEHEAD, _VARIANT), (_ISRULE,), (_ISRULE, _C_KIND), (_VARIANT,),
    (_VARIANT, _LENB), (_VARIANT, _HASCOMMA), (_VARIANT, _DEP), (_VARIANT, _ENT),
    (_VARIANT, _C_KIND), (_LENB,), (_COMMAS, _SIDE), (_HEADLEM,), (_HEADLEM, _C_KIND),
    (_C_HASRULE, _RULEHEAD), (_C_DIRECT, _SIDE, _RANK), (_DEP, _C_KIND), (_ENT, _PATH),
    (_WORD, _PATH), (_C_DEP, _PATH), (_POS, _SIDE, _DISTB), (_VARIANT, _RULEHEAD, _LENB),
    (_C_LEMMA, _DEP), (_ISRULE, _PATH), (_C_LEMMA, _VARIANT), (_C_HASRULE, _ISRULE),
    (_C_DIRECT, _VARIANT), (_C_CKIND, _VARIANT), (_C_DEP, _VARIANT), (_LOWER,),
    (_LOWER, _VARIANT), (_C_WORD, _PATH), (_TAG, _PATH), (_C_WORD, _VARIANT), (_LOWER, _DEP),
    (_TAKEN,), (_TAKEN, _VARIANT), (_TAKEN, _ISRULE), (_C_SIZE, _VARIANT), (_C_POS, _VARIANT),
    (_C_SIZE, _C_KIND, _VARIANT), (_C_POS, _PATH), (_C_SCORE, _VARIANT),
    (_C_SCORE, _C_CKIND, _VARIANT), (_C_SCORE, _ISRULE),
)


def _template_index() -> tuple[np.ndarray, np.ndarray]:
    """Per template: the value columns it crosses (padded with a constant column) and its seed."""
    width = max(len(t) for t in TEMPLATES)
    cols = np.full((len(TEMPLATES), width), _N_VALUES, dtype=np.int64)  # _N_VALUES: all zeros
    for k, tpl in enumerate(TEMPLATES):
        cols[k, : len(tpl)] = tpl
    seeds = np.array([(k + 1) * 0x100000001B3 % 2**64 for k in range(len(TEMPLATES))],
                     dtype=np.uint64)
    return cols, seeds


_TEMPLATE_INDEX = _template_index()


def features(cands: list[Candidate]) -> np.ndarray:
    """Hashed feature ids (n, templates) of candidates."""
    if not cands:
        return np.zeros((0, len(TEMPLATES)), dtype=np.uint64)
    cols, seeds = _TEMPLATE_INDEX
    vals = np.zeros((len(cands), _N_VALUES + 1), dtype=np.uint64)
    vals[:, :_N_VALUES] = np.array([c.values for c in cands], dtype=np.uint64)
    h = np.broadcast_to(seeds, (len(cands), len(seeds))).copy()
    with np.errstate(over="ignore"):
        for j in range(cols.shape[1]):
            h = (h ^ vals[:, cols[:, j]]) * _MIX
            h ^= h >> np.uint64(29)
    return h


def choose(model: SourceModel, cands: list[Candidate], p: "Sequence[float]",
           rule: tuple[int, int] | None) -> Candidate | None | bool:
    """The chosen candidate, None (no source), or True (keep the rules' source), from the
    candidates' probabilities ``p`` (a softmax over the attribution's candidates, the "no
    source" one last)."""
    if not cands:
        return True
    real = [k for k, c in enumerate(cands) if c.start >= 0]
    if not real:
        return True
    best = max(real, key=lambda k: float(p[k]))
    top = float(p[best])
    p_none = float(p[-1]) if cands[-1].start < 0 else 0.0
    if rule is None:
        return cands[best] if top >= model.fill and top > p_none else True
    rule_p = max((float(p[k]) for k in real if cands[k].rule), default=0.0)
    if not cands[best].rule and top - rule_p >= model.margin and top > p_none:
        return cands[best]
    if p_none - rule_p >= model.drop:
        return None
    return True


def softmax_groups(z: np.ndarray, sizes: list[int]) -> np.ndarray:
    """Softmax of scores ``z`` within consecutive groups of ``sizes`` (all above zero)."""
    z = np.asarray(z, dtype=np.float64)
    if not len(z):
        return z
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    seg = np.repeat(np.arange(len(sizes)), sizes)
    e = np.exp(z - np.maximum.reduceat(z, starts)[seg])
    return e / np.add.reduceat(e, starts)[seg]


def refine_sources(doc: "Doc", attrs: "list[Attribution]", model: SourceModel) -> None:
    """Replace, fill or drop the sources of ``attrs`` (in place) by the model's choice."""
    per: list[tuple[Attribution, list[Candidate]]] = []
    taken = taken_spans(attrs)
    for a in attrs:
        if not considered(a):
            continue
        cands = candidates(doc, a, taken)
        if cands:
            per.append((a, cands))
    if not per:
        return
    ids = features([c for _, cs in per for c in cs])
    p = softmax_groups(model.scores(ids), [len(cs) for _, cs in per])
    p = p.tolist()
    k = 0
    for a, cs in per:
        got = choose(model, cs, p[k : k + len(cs)], a.source)
        k += len(cs)
        if got is True:
            continue
        if got is None:
            a.source, a.source_head = None, None
        else:
            a.source, a.source_head = (got.start, got.end), got.head
