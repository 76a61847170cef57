"""Train the quote stage's learned source chooser on the PolNeAR *train* split only (never dev
or test).

    python scripts/train_quote_sources.py --data ../shared/benchmarks/quotes/polnear \
        [--out ~/.cache/eventlens/quotes/source_model.npz] [--limit N] [--docs train.spacy]

The attributions are those of the whole stage as it runs (rules and the learned cue detector,
if built: train it first), with the source chooser off. For each attribution with a cue token,
every candidate source (:func:`eventlens.quotes.learned_source.candidates`) is compared with
the source of the gold attribution whose cue overlaps the predicted cue by token overlap F1;
the target is the best candidates when they reach ``GOOD``, else "no source" (so always for a
spurious attribution, which has no gold cue). A softmax over each attribution's candidates
(hashed features, numpy Adagrad over minibatches of attributions). The three thresholds
(margin, fill, drop) are chosen on a held-out tenth of the training articles (every 10th by
name) by the source overlap F1 of the whole stage, then the weights are refit on all of them.
Reproducible: fixed seed, articles in name order, fixed epochs.

PolNeAR has no licence (copyrighted news, research use): the weights are written to the user
cache, never into the package.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_quote_model import adagrad_step, load_items  # the cue detector's script, in this folder

log = logging.getLogger("train_quote_sources")

MARGINS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.01)  # 1.01: never replace
FILLS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01)  # 1.01: never fill
DROPS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01)  # 1.01: never drop
GOOD = 0.3  # a candidate this close to the gold source (token F1) is a right answer


@dataclass(slots=True)
class Sample:
    """What the chooser sees of one training article."""

    name: str
    tokens: list[tuple[int, int]]  # scoring tokens of the text
    gold_src: set[int]  # gold source tokens (all attributions)
    fixed: list[tuple[int, int]]  # sources of attributions the chooser does not see
    rows: list[tuple[tuple[int, int] | None, list, np.ndarray]]  # (rule source, cands, targets)


def _f1(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    tp = len(a & b)
    return 2 * tp / (len(a) + len(b))


def collect(items) -> list[Sample]:
    """The attributions of each article with their candidates and soft targets."""
    from eventlens.quotes import find_attributions
    from eventlens.quotes.evaluate import _overlaps, _token_set, _tokens
    from eventlens.quotes.learned_source import candidates, considered, taken_spans
    from eventlens.quotes.lexicon import load_lexicon
    from eventlens.quotes.reported import cue_extent

    lex = load_lexicon()
    out = []
    for ctx, gold in items:
        text, doc = ctx.article.text, ctx.doc
        toks = _tokens(text)
        gold_src = _token_set(toks, [s for g in gold for s in g.source])
        fixed, rows = [], []
        attrs = find_attributions(ctx, lex, source_model=None)
        taken = taken_spans(attrs)
        for a in attrs:
            cands = candidates(doc, a, taken) if considered(a) else []
            if not cands:
                if a.source:
                    fixed.append(a.source)
                continue
            cue = a.cue
            if a.kind == "verb" and a.cue_token is not None:
                cue = cue_extent(doc[a.cue_token], lex)
            match = [g for g in gold if cue and _overlaps(g.cue, [cue])]
            g_toks = _token_set(toks, [s for g in match[:1] for s in g.source])
            y = np.array([_f1(_token_set(toks, [(c.start, c.end)]), g_toks) for c in cands],
                         dtype=np.float32)
            rows.append((a.source, cands, y))
        out.append(Sample(ctx.article.id, toks, gold_src, fixed, rows))
    return out


def source_f1(docs: list[Sample], model, probs: list[list[np.ndarray]] | None) -> dict[str, float]:
    """Source overlap P/R/F1 of the stage on ``docs`` (``model`` None: the rules' sources)."""
    from eventlens.quotes.evaluate import _token_set
    from eventlens.quotes.learned_source import choose

    tp = n_p = n_g = 0
    for d, dp in zip(docs, probs or [None] * len(docs)):
        spans = list(d.fixed)
        for k, (rule, cands, _) in enumerate(d.rows):
            got = True if model is None else choose(model, cands, dp[k], rule)
            if got is True:
                if rule:
                    spans.append(rule)
            elif got is not None:
                spans.append((got.start, got.end))
        ps = _token_set(d.tokens, spans)
        tp += len(ps & d.gold_src)
        n_p += len(ps)
        n_g += len(d.gold_src)
    p = tp / n_p if n_p else 0.0
    r = tp / n_g if n_g else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0, 4)}


def oracle(docs: list[Sample]) -> dict[str, float]:
    """The best any chooser over these candidates could do (best target per attribution;
    no source when none overlaps)."""
    from eventlens.quotes.learned_source import SourceModel

    probs = [[target(y) for _, _, y in d.rows] for d in docs]
    m = SourceModel(weights=np.zeros(1, np.float32), margin=0.0, fill=0.01, drop=0.0)
    return source_f1(docs, m, probs)


def target(y: np.ndarray) -> np.ndarray:
    """The target distribution over an attribution's candidates (the "no source" one last):
    the best candidates when they come close to the gold source, else no source."""
    t = np.zeros(len(y), dtype=np.float64)
    best = float(y[:-1].max()) if len(y) > 1 else 0.0
    if best >= GOOD:
        t[:-1] = y[:-1] >= best - 1e-6
    else:
        t[-1] = 1.0
    return t / t.sum()


def groups_of(docs: list[Sample]):
    from eventlens.quotes.learned_source import features

    return [(features(cands), target(y)) for d in docs for _, cands, y in d.rows]


def train(groups, *, dim: int, epochs: int, lr: float, l2: float, seed: int) -> np.ndarray:
    """A softmax over each attribution's candidates (hashed features, Adagrad, minibatches of
    attributions), fit to the target distributions."""
    ids = np.concatenate([g[0] for g in groups]) % np.uint64(dim)
    ids = ids.astype(np.int64)
    t = np.concatenate([g[1] for g in groups])
    sizes = np.array([len(g[1]) for g in groups])
    offs = np.concatenate([[0], np.cumsum(sizes)])
    W = np.zeros(dim, dtype=np.float64)
    G = np.full(dim, 1e-6)
    rng = np.random.default_rng(seed)
    batch = 64
    for ep in range(epochs):
        order = rng.permutation(len(groups))
        for b in range(0, len(order), batch):
            sel = order[b : b + batch]
            rows = np.concatenate([np.arange(offs[g], offs[g + 1]) for g in sel])
            seg = np.repeat(np.arange(len(sel)), sizes[sel])
            f = ids[rows]
            z = W[f].sum(axis=1)
            zmax = np.full(len(sel), -np.inf)
            np.maximum.at(zmax, seg, z)
            e = np.exp(z - zmax[seg])
            den = np.bincount(seg, weights=e, minlength=len(sel))
            g = e / den[seg] - t[rows]
            adagrad_step(W, G, f, g, lr=lr, l2=l2)
        log.info("epoch %d done", ep + 1)
    return W.astype(np.float32)


def doc_probs(docs: list[Sample], W: np.ndarray) -> list[list[np.ndarray]]:
    from eventlens.quotes.learned_source import SourceModel, features, softmax_groups

    m = SourceModel(weights=W, margin=0, fill=0, drop=0)
    return [[softmax_groups(m.scores(features(cands)), [len(cands)]) for _, cands, _ in d.rows]
            for d in docs]


def main(argv: list[str] | None = None) -> int:
    from eventlens.quotes.learned_source import SourceModel, model_path

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the polnear folder")
    ap.add_argument("--out", type=Path, default=None,
                    help="default: <cache>/quotes/source_model.npz")
    ap.add_argument("--limit", type=int, default=None, help="first N training articles (by name)")
    ap.add_argument("--dim", type=int, default=2**18)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--docs", type=Path, default=None,
                    help="reuse parsed train docs (a DocBin file)")
    ap.add_argument("--collected", type=Path, default=None,
                    help="reuse (or write) the collected candidates (a pickle; development only)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    t0 = time.perf_counter()
    if args.collected is not None and args.collected.exists():
        docs = pickle.loads(args.collected.read_bytes())
    else:
        items = load_items(args.data, args.limit, args.docs)
        log.info("%d training articles parsed in %.0fs", len(items), time.perf_counter() - t0)
        docs = collect(items)
        if args.collected is not None:
            args.collected.write_bytes(pickle.dumps(docs))
    log.info("%d articles, %d attributions, %d candidates collected in %.0fs", len(docs),
             sum(len(d.rows) for d in docs), sum(len(c) for d in docs for _, c, _ in d.rows),
             time.perf_counter() - t0)
    hold = [d for k, d in enumerate(docs) if k % 10 == 9]
    fit = [d for k, d in enumerate(docs) if k % 10 != 9]
    hp = {"dim": args.dim, "epochs": args.epochs, "lr": args.lr, "l2": args.l2, "seed": args.seed}
    log.info("held-out, rules: %s; oracle: %s", source_f1(hold, None, None), oracle(hold))
    W = train(groups_of(fit), **hp)
    probs = doc_probs(hold, W)
    best = (-1.0, (1.01, 1.01, 1.01))
    for margin, fill, drop in itertools.product(MARGINS, FILLS, DROPS):
        m = SourceModel(weights=W, margin=margin, fill=fill, drop=drop)
        f = source_f1(hold, m, probs)["f1"]
        best = max(best, (f, (margin, fill, drop)))
    margin, fill, drop = best[1]
    m = SourceModel(weights=W, margin=margin, fill=fill, drop=drop)
    log.info("held-out, model (margin %.2f, fill %.2f, drop %.2f): %s", margin, fill, drop,
             source_f1(hold, m, probs))
    W = train(groups_of(docs), **hp)
    out = args.out or model_path()
    SourceModel(weights=W, margin=margin, fill=fill, drop=drop).save(out)
    log.info("saved %s (%.1f MB) in %.0fs", out, out.stat().st_size / 1e6, time.perf_counter() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
