"""Learned cue detector: which verbs open an attribution, beyond the lexicon's rules.

A binary logistic regression over hashed sparse features of each verb of the parsed doc
(word, lemma, tag, dependency, head, neighbours, the cue lexicon's kind, the verb's
dependents — a clause, a subject, an object —, the subject's entity type or pronoun, the
object's and infinitive's lemmas, quotation marks nearby, position in the sentence, and
whether the rules already took the verb as a cue). Verbs it scores above the model's
threshold that the rules missed become attributions through the rule machinery of
:mod:`eventlens.quotes.reported` (source from the subject, content from the complements).
As in attribution corpora, a negated cue ("did not say whether ...") is an attribution (kept
as an attitude: nothing was said, so no quote), and so is a cue whose content the parse
does not give ("the minister replied quickly") when it has a source: it has a speaker and
no quote.

The weights are trained by ``scripts/train_quote_model.py`` on the PolNeAR *train* split
only. PolNeAR carries no licence (copyrighted news, research use), so the weights are never
shipped: the script writes them to ``cache_dir() / "quotes" / "cue_model.npz"`` (numbers only:
hashed feature weights, no words). When that file is missing, the stage runs on the rules
alone. Everything is numpy over ``doc.to_array``: a few milliseconds per article.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
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
from eventlens.nlp import pos_tags
from eventlens.quotes.edges import QUOTE_CHARS
from eventlens.quotes.lexicon import CueLexicon
from eventlens.quotes.reported import doc_text
from eventlens.slant.spans import _hash, _shift

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from eventlens.quotes.reported import Attribution

log = logging.getLogger(__name__)

MODEL_FORMAT = 1
FEATURES = "q2"  # bump whenever token_features changes: old weights are then ignored
MODEL_NAME = "cue_model.npz"

_ATTRS = ["LOWER", "LEMMA", "TAG", "DEP", "HEAD", "POS", "SENT_START", "ENT_TYPE"]
_LOWER, _LEMMA, _TAG, _DEP, _HEAD, _POS, _SENT, _ENT = range(len(_ATTRS))
_QUOTE_RE = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")
# dependents whose presence (as a flag each) tells a verb's frame
_CHILD_DEPS = ("ccomp", "nsubj", "nsubjpass", "dobj", "xcomp", "agent", "prep", "dative", "neg",
               "auxpass", "advcl", "parataxis")
# lexicon kind codes
_KIND_CODE = {"speech": 1, "belief": 2, "attitude": 3, "noun": 4, "phrasal": 5}


def model_path() -> Path:
    """Where the trained cue model lives: ``$EVENTLENS_QUOTE_MODEL`` (a path, or ``off``), else
    the user cache (built by the training script)."""
    return local_model_path("EVENTLENS_QUOTE_MODEL", "quotes", MODEL_NAME)


@dataclass(frozen=True, slots=True, kw_only=True)
class CueModel:
    """Hashed-feature logistic regression weights and the decision threshold."""

    weights: np.ndarray  # (dim,) float32
    threshold: float

    @property
    def dim(self) -> int:
        return int(self.weights.shape[0])

    @classmethod
    def load(cls, path: Path) -> "CueModel":
        z = read_versioned_npz(path, what="quote cue model", fmt=MODEL_FORMAT, features=FEATURES,
                               rebuild="scripts/train_quote_model.py", keys=("weights", "threshold"))
        return cls(weights=z["weights"].astype(np.float32), threshold=float(z["threshold"]))

    def save(self, path: Path) -> None:
        save_versioned_npz(path, fmt=MODEL_FORMAT, features=FEATURES,
                           weights=self.weights.astype(np.float32),
                           threshold=np.float64(self.threshold))

    def proba(self, ids: np.ndarray) -> np.ndarray:
        """P(cue) per row of hashed feature ids (n, k)."""
        if ids.size == 0:
            return np.zeros(ids.shape[0], dtype=np.float32)
        z = self.weights[(ids % np.uint64(self.dim)).astype(np.int64)].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@lru_cache(maxsize=1)
def load_model() -> CueModel | None:
    """The trained cue model from the user cache, or None (the stage then uses rules only)."""
    return read_local_model(model_path(), CueModel.load, "quote cue model")


_TABLES: dict[int, tuple[CueLexicon, dict[str, int], dict[int, int]]] = {}
# id(lexicon) -> (lexicon, lemma -> kind code, lemma hash -> kind code as met in docs)


def _kind_table(lex: CueLexicon) -> tuple[dict[str, int], dict[int, int]]:
    """Lemma → lexicon kind code, and the same by lemma string hash, filled as docs are read
    (a cache per lexicon object; the lexicon is held so that its id is not reused)."""
    hit = _TABLES.get(id(lex))
    if hit is not None and hit[0] is lex:
        return hit[1], hit[2]
    table: dict[str, int] = {}
    for verb in lex.verbs:
        kind = lex.verb_kind(verb) or "speech"
        head = verb.split()[0]
        code = _KIND_CODE["phrasal"] if " " in verb else _KIND_CODE[kind]
        table.setdefault(head, code)
    for noun in lex.nouns:
        table.setdefault(noun, _KIND_CODE["noun"])
    if len(_TABLES) > 8:
        _TABLES.clear()
    _TABLES[id(lex)] = (lex, table, {})
    return table, _TABLES[id(lex)][2]


def _lex_kinds(doc: "Doc", lemmas: np.ndarray, lex: CueLexicon) -> np.ndarray:
    """Per token: the cue lexicon's kind code of its lemma (0 when not a cue word)."""
    table, by_hash = _kind_table(lex)
    strings = doc.vocab.strings
    uniq, inverse = np.unique(lemmas, return_inverse=True)
    codes = np.zeros(len(uniq), dtype=np.uint64)
    for k, h in enumerate(uniq.tolist()):
        code = by_hash.get(h)
        if code is None:  # a string hash names the same string in every vocab
            try:
                code = table.get(strings[h].lower(), 0)
            except KeyError:
                code = 0
            if len(by_hash) < 200_000:
                by_hash[h] = code
        codes[k] = code
    return codes[inverse.reshape(-1)]


def token_features(
    doc: "Doc", lex: CueLexicon, inside_quote: np.ndarray, rule_cue: np.ndarray,
    rows: np.ndarray | None = None,
) -> np.ndarray:
    """Hashed feature ids (n_tokens, n_templates) for every token of the doc, or only for the
    token indices ``rows`` (len(rows), n_templates): the same ids, hashed for those rows alone.

    ``inside_quote``: 1 where a token lies inside quotation marks; ``rule_cue``: a code per
    token, 0 unless the rules took it as a cue (then 1 + the index of its attribution kind).
    """
    n = len(doc)
    if n == 0:
        return np.zeros((0, 0), dtype=np.uint64)
    a = doc.to_array(_ATTRS).astype(np.int64)
    idx = np.arange(n)
    head = np.clip(idx + a[:, _HEAD], 0, n - 1)
    ua = a.astype(np.uint64)
    low, lem, tag, dep, pos = ua[:, _LOWER], ua[:, _LEMMA], ua[:, _TAG], ua[:, _DEP], ua[:, _POS]
    strings = doc.vocab.strings
    dep_ids = {d: strings[d] for d in _CHILD_DEPS}
    sig = np.zeros(n, dtype=np.uint64)  # bit set of the dependents' relations
    not_root = head != idx
    for bit, d in enumerate(_CHILD_DEPS):
        sel = (dep == np.uint64(dep_ids[d])) & not_root
        if sel.any():
            flags = np.zeros(n, dtype=np.uint64)
            flags[head[sel]] = 1
            sig |= flags << np.uint64(bit)
    # ccomp / nsubj to the right or left of the verb
    ccomp_id, nsubj_id = np.uint64(dep_ids["ccomp"]), np.uint64(dep_ids["nsubj"])
    side = np.zeros(n, dtype=np.uint64)
    for k, (dep_id, right) in enumerate(((ccomp_id, True), (ccomp_id, False), (nsubj_id, True))):
        sel = (dep == dep_id) & not_root & ((idx > head) if right else (idx < head))
        flags = np.zeros(n, dtype=np.uint64)
        flags[head[sel]] = 1
        side |= flags << np.uint64(k)
    # quotation marks within three tokens either side
    text = doc_text(doc)  # first characters by offset: no Token objects (they are slow to make)
    marks = [m.start() for m in _QUOTE_RE.finditer(text)]
    qpos = np.flatnonzero(np.isin(doc.to_array("IDX"), marks)).tolist() if marks else []
    q_left = np.zeros(n, dtype=np.uint64)
    q_right = np.zeros(n, dtype=np.uint64)
    for k in (1, 2, 3):
        for p in qpos:
            if p + k < n:
                q_left[p + k] = 1
            if p - k >= 0:
                q_right[p - k] = 1
    # position in the sentence (bucketed) and colon right after
    sent_start = a[:, _SENT] == 1
    sent_id = np.cumsum(sent_start)
    starts = np.flatnonzero(sent_start)
    if len(starts) == 0 or starts[0] != 0:
        starts = np.concatenate([[0], starts])
        sent_id = sent_id + 1
    first = starts[np.clip(sent_id - 1, 0, len(starts) - 1)]
    off = idx - first
    pos_b = np.minimum(np.searchsorted([1, 2, 4, 7, 12, 20], off, side="right"), 6).astype(np.uint64)
    kinds = _lex_kinds(doc, ua[:, _LEMMA], lex)
    # the verb's subject (entity type, or part of speech and, for a pronoun, the word) and
    # the lemma of its object and of its infinitive
    subj = np.zeros(n, dtype=np.uint64)
    obj = np.zeros(n, dtype=np.uint64)
    xcomp = np.zeros(n, dtype=np.uint64)
    ent = ua[:, _ENT]
    subj_code = np.where(ent != 0, ent, pos + np.where(pos == np.uint64(strings["PRON"]), low, 0))
    passive_code = subj_code + np.uint64(7)
    for d, target, code in (("nsubj", subj, subj_code), ("nsubjpass", subj, passive_code),
                            ("dobj", obj, lem), ("xcomp", xcomp, lem)):
        sel = np.flatnonzero((dep == np.uint64(strings[d])) & not_root)
        target[head[sel]] = code[sel]
    inq = inside_quote.astype(np.uint64)
    rc = rule_cue.astype(np.uint64)
    lem_head, kinds_head, pos_head = lem[head], kinds[head], pos[head]
    lem_prev, lem_next, low_next, low_prev = _shift(lem, -1), _shift(lem, 1), _shift(low, 1), _shift(low, -1)
    if rows is not None:  # every column is per token: hash only the rows asked for
        (low, lem, tag, dep, pos, kinds, sig, side, q_left, q_right, inq, pos_b, rc, subj, obj,
         xcomp, lem_head, kinds_head, pos_head, lem_prev, lem_next, low_next, low_prev) = (
            col[rows] for col in (
                low, lem, tag, dep, pos, kinds, sig, side, q_left, q_right, inq, pos_b, rc, subj,
                obj, xcomp, lem_head, kinds_head, pos_head, lem_prev, lem_next, low_next,
                low_prev))
    feats = [
        _hash(0, np.zeros(len(low), dtype=np.uint64)),  # bias
        _hash(1, low),
        _hash(2, lem),
        _hash(3, tag),
        _hash(4, dep),
        _hash(5, lem_head),
        _hash(6, dep, lem_head),
        _hash(7, lem, dep),
        _hash(8, kinds),
        _hash(9, kinds, tag),
        _hash(10, sig),
        _hash(11, kinds, sig),
        _hash(12, lem, side),
        _hash(13, side, tag),
        _hash(14, q_left, q_right, inq),
        _hash(15, kinds, q_left, q_right),
        _hash(16, pos_b),
        _hash(17, rc),
        _hash(18, rc, kinds),
        _hash(19, lem_prev),
        _hash(20, lem_next),
        _hash(21, lem, low_next),
        _hash(22, low_prev, lem),
        _hash(23, kinds_head, dep),
        _hash(24, lem, sig & np.uint64(0b11)),
        _hash(25, pos, dep, pos_head),
        _hash(26, rc, sig),
        _hash(27, subj),
        _hash(28, lem, subj),
        _hash(29, kinds, subj),
        _hash(30, lem, obj),
        _hash(31, lem, xcomp),
        _hash(32, subj, sig & np.uint64(0b11)),
    ]
    return np.stack(feats, axis=1)


_RULE_KINDS = ("verb", "prep", "impersonal", "noun", "label", "none")


def rule_codes(n: int, attrs: "list[Attribution]") -> np.ndarray:
    """Per token: 0, or 1 + the kind index of the rule attribution whose cue it is."""
    out = np.zeros(n, dtype=np.uint64)
    for a in attrs:
        if a.cue_token is not None and 0 <= a.cue_token < n and a.kind in _RULE_KINDS:
            out[a.cue_token] = 1 + _RULE_KINDS.index(a.kind)
    return out


def candidates(doc: "Doc", inside_quote: list[bool]) -> np.ndarray:
    """Token indices the model scores: verbs outside quotation marks."""
    return np.array(
        [i for i, p in enumerate(pos_tags(doc)) if p == "VERB" and not inside_quote[i]],
        dtype=np.int64,
    )


def learned_attributions(
    doc: "Doc", lex: CueLexicon, inside_quote: list[bool], attrs: "list[Attribution]",
    model: CueModel, *, generic: bool = True,
) -> "list[Attribution]":
    """Attributions on verbs the model takes for cues and the rules did not: the rules'
    machinery gives their source (the subject; none for "seem"/"appear", whose subject is
    what is believed) and content (a clause, an infinitive, or the complements); a verb with
    neither a content nor a source is left out, and a negated one is an attitude."""
    from eventlens.quotes.reported import Attribution, cue_kind, cue_span, find_source, verb_content

    n = len(doc)
    cand = candidates(doc, inside_quote)
    if n == 0 or len(cand) == 0:
        return []
    rules = rule_codes(n, attrs)
    cand = cand[rules[cand] == 0]
    if len(cand) == 0:
        return []
    ids = token_features(doc, lex, np.asarray(inside_quote, dtype=np.uint64), rules, rows=cand)
    p = model.proba(ids)
    out: list[Attribution] = []
    keep = p >= model.threshold
    for i, score in zip(cand[keep].tolist(), p[keep].tolist()):
        tok = doc[i]
        lemma = lex.fix_lemma(tok.lemma_, tok.text)
        frame = lex.verb_frame(lemma)
        contents = verb_content(tok, frame or "any", lex)
        if not contents and frame not in (None, "any"):
            contents = verb_content(tok, "any", lex)
        if not contents and generic:
            contents = generic_content(tok)
        src, src_head = find_source(tok, inside_quote)
        if lemma.lower() in _RAISING:
            src, src_head = None, None  # "the deal seems to hold": its subject is what is believed
        if not contents and src is None:
            continue  # neither a content nor a source: nothing to attribute
        # speech or belief only with a clause said ("X acknowledged that ..."); an object or
        # an infinitive ("acknowledged the defeat", "threatened to ...") is scored, not quoted
        kind = "attitude"
        if any(c.dep_ == "ccomp" for c in tok.children) and not negated(tok):
            kind = cue_kind(tok, lex) if frame is not None else "speech"
        out.append(
            Attribution(
                cue=cue_span(tok, lex), cue_token=i, source=src, source_head=src_head,
                contents=[(s, e, False) for s, e in contents], cue_kind=kind, cue_score=score,
            )
        )
    return out


def negated(tok: "Token") -> bool:
    """A verb under negation, itself or through the verb it completes ("did not want to say")."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)


_RAISING = {"seem", "appear"}
_GENERIC = {"dobj", "prep", "xcomp", "ccomp", "dative", "attr", "oprd", "acomp", "pcomp", "npadvmod"}


def generic_content(tok: "Token") -> list[tuple[int, int]]:
    """A cue's content when no frame fits: its complements to the right, from the first to
    the last before a comma, conjunction or other adjunct ("backing the senator in the
    primary"); for a passive with no object, its subject ("the plan was widely criticized")."""
    from eventlens.quotes.reported import content_pieces, states_subject

    first = last = None
    for c in tok.children:
        if c.i <= tok.i:
            continue
        if c.dep_ in ("advmod", "prt") and first is None:
            continue
        if c.dep_ not in _GENERIC or (first is None and states_subject(c)):
            break
        first = c if first is None else first
        last = c
    if first is not None and last is not None:
        return content_pieces(tok.doc, first.left_edge.i, last.right_edge.i, [], tok)
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    if subj is not None and subj.pos_ != "PRON":
        return content_pieces(tok.doc, subj.left_edge.i, subj.right_edge.i, [], tok)
    return []
