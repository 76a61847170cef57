"""Train the event stage's learned source/target chooser on the ConfliBERT CAMEO source/target
tagging *train* split only (never its test split, which overlaps the PLOVER test sentences).

    python scripts/train_event_roles.py --data ../shared/benchmarks/events/conflibert-cameo \
        [--out ~/.cache/eventlens/events/role_model.npz] [--limit N]

The sentences (token per line, tags B-/I-S source, B-/I-T target, B-/I-R reciprocal) are
detokenized and run through our own pipeline with the model off. For the sentence's main event
(the one the evaluation would pick: highest confidence), every actor mention of its sentence is
a candidate (features: :func:`eventlens.events.learned_roles.mention_features`); it is a positive
for the source (target) when it overlaps a gold S (T) span, R counting for both. One logistic
regression per slot (numpy, full-batch Adagrad, L2). The per-slot thresholds are chosen on a
held-out fifth of the sentences (every 5th) by the slot accuracy of the main event, then the
weights are refit on all the sentences. Reproducible: fixed order, no randomness.

The data is third-party (GPL-3.0 repository, "we don't own the copyrights"): the weights are
written to the user cache, never into the package.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

log = logging.getLogger("train_event_roles")

FILLS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never fill
KEEPS = (0.0, 0.05, 0.1, 0.2, 0.3)  # 0.0: never replace
SWAPS = (0.5, 0.6, 0.7, 0.8, 0.9)
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "'", "n't", "%", "'re",
                    "'ve", "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


@dataclass(slots=True)
class Sentence:
    text: str
    gold: dict[str, list[tuple[int, int]]]  # "S"/"T" -> character spans (R in both)


@dataclass(slots=True)
class Record:
    """The main event of one sentence: its candidates and the rules' choice."""

    cands: list = field(default_factory=list)
    rule: tuple[list[str], list[str]] = ([], [])
    how: str = "none"  # where the rules' target came from (see RoleScorer.refine)
    gold: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def read_conll(path: Path, limit: int | None) -> list[Sentence]:
    out: list[Sentence] = []
    toks: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            toks.append((parts[0], parts[-1]))
            continue
        if toks:
            out.append(_sentence(toks))
            toks = []
    return out[:limit]


def _sentence(toks: list[tuple[str, str]]) -> Sentence:
    text = ""
    spans: dict[str, list[list[int]]] = {"S": [], "T": []}
    prev_tag, prev_word = "O", ""
    for word, tag in toks:
        if text and word not in _NO_SPACE_BEFORE and prev_word not in _NO_SPACE_AFTER:
            text += " "
        s = len(text)
        text += word
        kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
        for slot in ("S", "T"):
            if kind in (slot, "R"):
                if tag.startswith("I-") and prev_tag[2:] == kind and spans[slot]:
                    spans[slot][-1][1] = len(text)
                else:
                    spans[slot].append([s, len(text)])
        prev_tag, prev_word = tag, word
    return Sentence(text, {k: [(a, b) for a, b in v] for k, v in spans.items()})


def collect(sents: list[Sentence]) -> list[Record | None]:
    """Run the pipeline (model off) and record the main event's candidates per sentence."""
    from eventlens.events import learned_roles
    from eventlens.events.evaluate import _best_event
    from eventlens.pipeline import Resources, analyze_doc
    from eventlens.types import Article, stable_id

    calls: list[tuple[int, str, list, list[str], list[str], str]] = []

    class Recorder(learned_roles.RoleScorer):
        """Records the candidates of every event and leaves the rules' choice as it is."""

        def refine(self, unit, m, sources, targets, how):
            cands = self.candidates(unit, m, sources, targets, how)
            calls.append((self.ctx.doc[m.first].idx, m.rule.type, cands, list(sources),
                          list(targets), how))
            return sources, targets

    res = Resources.load()
    saved = learned_roles.scorer
    learned_roles.scorer = lambda ctx, roles: Recorder(None, ctx, roles)
    out: list[Record | None] = []
    try:
        docs = res.nlp.pipe([s.text for s in sents], batch_size=32)
        for sent, doc in zip(sents, docs):
            calls.clear()
            art = Article(id=stable_id("art", sent.text), text=sent.text)
            ev = _best_event(analyze_doc(art, doc, res))
            hit = None if ev is None else next(
                (c for c in reversed(calls) if c[0] == ev.trigger.start and c[1] == ev.type), None)
            out.append(None if hit is None else Record(hit[2], (hit[3], hit[4]), hit[5], sent.gold))
    finally:
        learned_roles.scorer = saved
    return out


def labels(rec: Record, slot: str) -> np.ndarray:
    return np.array([any(c.start < e and s < c.end for s, e in rec.gold[slot])
                     for c in rec.cands], dtype=np.float64)


def train(recs: list[Record], slot: str, *, dim: int, epochs: int, lr: float, l2: float
          ) -> np.ndarray:
    rows = [[i % dim for i in c.ids] for r in recs for c in r.cands]
    y = np.concatenate([labels(r, slot) for r in recs]) if recs else np.zeros(0)
    k = max((len(x) for x in rows), default=0)
    ids = np.array(rows, dtype=np.int64).reshape(len(rows), k)  # same count per row
    W = np.zeros(dim)
    G = np.full(dim, 1e-8)
    for _ in range(epochs):
        z = W[ids].sum(axis=1)
        g = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))) - y) / max(len(y), 1)
        grad = np.bincount(ids.ravel(), weights=np.repeat(g, k), minlength=dim) + l2 * W
        G += grad**2
        W -= lr * grad / np.sqrt(G)
    return W.astype(np.float32)


def slot_correct(rec: Record, slot: str, chosen: list[str]) -> bool:
    """The chosen actors overlap the gold span; or nothing chosen when no candidate could."""
    gold = rec.gold[slot]
    hits = {c.actor for c in rec.cands if any(c.start < e and s < c.end for s, e in gold)}
    return bool(set(chosen) & hits) if hits else not chosen


def score(model, recs: list[Record]) -> dict[str, float]:
    """Held-out slot accuracy of the main events: rules, learned, and the candidates' ceiling."""
    from eventlens.events.learned_roles import choose

    n = len(recs)
    out: dict[str, float] = {"events": n}
    for k, slot in enumerate(("S", "T")):
        rule_ok = learned_ok = 0
        for r in recs:
            rule = r.rule[k]
            rule_ok += slot_correct(r, slot, rule)
            if model is None:
                continue
            src, tgt = choose(model, r.cands, r.rule[0], r.rule[1], r.how)
            learned_ok += slot_correct(r, slot, src if k == 0 else tgt)
        name = "source" if slot == "S" else "target"
        out[f"{name}_rules"] = round(rule_ok / n, 4) if n else 0.0
        if model is not None:
            out[f"{name}_learned"] = round(learned_ok / n, 4) if n else 0.0
    return out


def choose_thresholds(weights: np.ndarray, hold: list[Record]) -> tuple[tuple[float, ...], ...]:
    from eventlens.events.learned_roles import RoleModel

    best: list[tuple[float, float, float]] = []
    for k, name in enumerate(("source", "target")):
        top = (-1.0, (1.01, 0.0, 0.9))
        for th in itertools.product(FILLS, KEEPS, SWAPS):
            ths = [(1.01, 0.0, 0.9), (1.01, 0.0, 0.9)]
            ths[:k] = best
            ths[k] = th
            acc = score(RoleModel(weights=weights, thresholds=tuple(ths)), hold)[f"{name}_learned"]
            # ties: the most conservative (never fill, never replace) wins
            if acc > top[0] + 1e-9:
                top = (acc, th)
        best.append(top[1])
    return tuple(best)


def main(argv: list[str] | None = None) -> int:
    from eventlens.events.learned_roles import RoleModel, model_path

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the conflibert-cameo folder")
    ap.add_argument("--out", type=Path, default=None, help="default: <cache>/events/role_model.npz")
    ap.add_argument("--limit", type=int, default=None, help="first N training sentences")
    ap.add_argument("--dim", type=int, default=2**16)
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--lr", type=float, default=0.5)
    ap.add_argument("--l2", type=float, default=1e-3)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    path = args.data / "cameo_ner" / "train.txt"
    if not path.exists():
        raise SystemExit(f"no training file {path}: pass --data <the conflibert-cameo folder>")
    t0 = time.perf_counter()
    sents = read_conll(path, args.limit)
    recs = collect(sents)
    log.info("%d sentences, %d with a main event, run in %.0fs", len(sents),
             sum(r is not None for r in recs), time.perf_counter() - t0)
    fit = [r for k, r in enumerate(recs) if r is not None and k % 5 != 4]
    hold = [r for k, r in enumerate(recs) if r is not None and k % 5 == 4]
    hp = dict(dim=args.dim, epochs=args.epochs, lr=args.lr, l2=args.l2)
    w = np.stack([train(fit, slot, **hp) for slot in ("S", "T")])
    ths = choose_thresholds(w, hold)
    held = score(RoleModel(weights=w, thresholds=ths), hold)
    ceiling = {s: round(sum(any(labels(r, s)) or not r.gold[s] for r in hold) / len(hold), 4)
               for s in ("S", "T")} if hold else {}
    log.info("thresholds (fill, keep, swap) source %s target %s", *ths)
    log.info("held-out fifth: %s; candidates' ceiling %s", held, ceiling)
    every = [r for r in recs if r is not None]
    w = np.stack([train(every, slot, **hp) for slot in ("S", "T")])
    out = args.out or model_path()
    RoleModel(weights=w, thresholds=ths).save(out)
    log.info("wrote %s in %.0fs", out, time.perf_counter() - t0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
