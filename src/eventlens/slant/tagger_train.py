"""Torch fine-tuning of the MiniLM label tagger (training time only: imports torch and
transformers lazily; nothing at run time imports this module).

Used by ``scripts/train_label_model.py``: :func:`train_tagger` fine-tunes the first layers of
all-MiniLM-L6-v2 with a linear token head on sentence windows of the training articles
(every sentence holding a gold span, ``neg_keep`` of the others), on one torch thread (on 2
busy cores, two threads ran ~3.5x slower per step). :func:`choose_settings` then picks the
decision threshold and the cost settings (gate, near, pad of
:func:`eventlens.slant.tagger.regions`) on held-out training articles with the exported numpy
model, exactly as the label stage will run it."""
from __future__ import annotations

import logging
import math
import time

import numpy as np

from eventlens.slant.tagger import doc_sentences, sentence_windows, token_pieces, window_ids

log = logging.getLogger("train_label_model")


def token_classes(doc, gold, class_of) -> np.ndarray:
    y = np.zeros(len(doc), dtype=np.int64)
    for s, e, tech in gold:
        c = class_of[tech]
        for t in doc.char_span(s, e, alignment_mode="expand") or ():
            if y[t.i] != 2:
                y[t.i] = c
    return y


def doc_windows(doc, tok):
    """[(token indices, piece ids, first-piece positions)] for every sentence window of doc."""
    pieces = token_pieces(tok, doc)
    out = []
    for w in sentence_windows(pieces, doc_sentences(doc)):
        ids, first = window_ids(pieces, w, tok.cls, tok.sep)
        out.append((w, ids, first))
    return out


def _batches(items, batch, rng=None):
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    groups = [order[b : b + batch] for b in range(0, len(order), batch)]
    if rng is not None:
        rng.shuffle(groups)
    return groups


def _tensors(torch, group, items):
    L = max(len(items[i][0]) for i in group)
    ids = torch.zeros((len(group), L), dtype=torch.long)
    mask = torch.zeros((len(group), L), dtype=torch.long)
    lab = torch.full((len(group), L), -100, dtype=torch.long)
    for r, i in enumerate(group):
        x, first, y = items[i]
        ids[r, : len(x)] = torch.tensor(x)
        mask[r, : len(x)] = 1
        if y is not None:
            lab[r, first] = torch.tensor(y)
    return ids, mask, lab


def prune_ffn(enc, width: int) -> None:
    """Keep the ``width`` feed-forward units of every layer with the largest weight norms
    (input row norm times output column norm), in place: the layer's cost per piece drops from
    4d^2 + 2d*1536 (MiniLM) to 4d^2 + 2d*width multiply-adds."""
    import torch

    for layer in enc.encoder.layer:
        inter, out = layer.intermediate.dense, layer.output.dense
        if width >= inter.out_features:
            continue
        score = inter.weight.detach().norm(dim=1) * out.weight.detach().norm(dim=0)
        keep = torch.sort(torch.topk(score, width).indices).values
        new_in = torch.nn.Linear(inter.in_features, width)
        new_out = torch.nn.Linear(width, out.out_features)
        with torch.no_grad():
            new_in.weight.copy_(inter.weight[keep])
            new_in.bias.copy_(inter.bias[keep])
            new_out.weight.copy_(out.weight[:, keep])
            new_out.bias.copy_(out.bias)
        layer.intermediate.dense, layer.output.dense = new_in, new_out


def build_encoder(model_dir, layers: int, ffn: int = 0):
    import torch
    from transformers import BertConfig, BertModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # the unused upper layers are reported as "unexpected"
    cfg = BertConfig.from_pretrained(str(model_dir))
    cfg.num_hidden_layers = layers
    enc = BertModel.from_pretrained(str(model_dir), config=cfg, add_pooling_layer=False)
    if ffn:
        prune_ffn(enc, ffn)
    enc.embeddings.word_embeddings.weight.requires_grad_(False)
    head = torch.nn.Linear(cfg.hidden_size, 3)
    return enc, head


def train_tagger(model_dir, docs, golds, class_of, tok, *, layers=3, epochs=3, lr=1e-4, neg_keep=0.3,
                 batch=32, seed=13, threads=1, pos_weight=1.0, ffn=0):
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = np.random.default_rng(seed)
    items = []
    for doc, gold in zip(docs, golds):
        y = token_classes(doc, gold, class_of)
        for w, ids, first in doc_windows(doc, tok):
            yw = y[w]
            if yw.any() or rng.random() < neg_keep:
                items.append((ids, first, yw.tolist()))
    log.info("tagger: %d training windows, %d pieces", len(items), sum(len(x[0]) for x in items))
    enc, head = build_encoder(model_dir, layers, ffn)
    params = [p for p in enc.parameters() if p.requires_grad]
    opt = torch.optim.AdamW([{"params": params, "lr": lr}, {"params": head.parameters(), "lr": lr * 10}],
                            weight_decay=0.01)
    steps = epochs * math.ceil(len(items) / batch)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm)))
    weight = torch.tensor([1.0, pos_weight, pos_weight], dtype=torch.float32)
    lossf = torch.nn.CrossEntropyLoss(weight=weight, ignore_index=-100)
    t0 = time.perf_counter()
    enc.train()
    for ep in range(epochs):
        tot = 0.0
        for group in _batches(items, batch, rng):
            ids, mask, lab = _tensors(torch, group, items)
            h = enc(input_ids=ids, attention_mask=mask).last_hidden_state
            loss = lossf(head(h).reshape(-1, 3), lab.reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tot += float(loss.detach()) * len(group)
        log.info("tagger epoch %d loss %.4f (%.0fs)", ep + 1, tot / len(items), time.perf_counter() - t0)
    enc.eval()
    return enc, head


def export_weights(enc) -> dict[str, np.ndarray]:
    return {k: v.detach().numpy().astype(np.float32) for k, v in enc.state_dict().items()
            if "word_embeddings" not in k and "position_ids" not in k}


def choose_settings(model, docs, golds, p_cheap, *, gates, nears, pad: int, thresholds, budget: float,
                    tolerance: float = 0.0, mixes=None):
    """(settings, F1, table) on held-out training articles.

    For every (gate, near) the label stage's :func:`~eventlens.slant.tagger.combine` runs with
    the exported numpy tagger. Among the settings whose cost (encoder rows per article times
    encoder layers) is within ``budget``, the cheapest whose partial F1 is within ``tolerance``
    of the best wins (the cheapest setting overall when none is within budget). ``mixes``:
    weights of the tagger against the span model tried (default: the model's).
    ``settings`` = dict(gate, near, pad, threshold, mix); table rows are (settings, F1, rows).
    """
    import dataclasses

    from eventlens.slant.evaluate import si_scores
    from eventlens.slant.spans import spans_from_proba
    from eventlens.slant.tagger import combine, layer_cost, regions

    gold = {str(i): [(s, e) for s, e, _ in g] for i, g in enumerate(golds)}
    table = []
    for gate in gates:
        for near in nears:
            cost = 0  # encoder rows: word pieces plus CLS and SEP of every window
            for d, c in zip(docs, p_cheap):
                spans = regions(d, 1 - c[:, 0], gate=gate, near=near, pad=pad)
                pieces = token_pieces(model.encoder.tok, d, spans)
                cost += sum(len(x) for x in pieces) + 2 * len(sentence_windows(pieces, spans))
            rows = cost / max(1, len(docs))
            for mix in mixes if mixes is not None else (model.mix,):
                m = dataclasses.replace(model, gate=gate, near=near, pad=pad, mix=mix)
                ps = [combine(d, m, c) for d, c in zip(docs, p_cheap)]
                for th in thresholds:
                    pred = {str(i): [(h.start, h.end) for h in spans_from_proba(d, p, th)]
                            for i, (d, p) in enumerate(zip(docs, ps))}
                    f = si_scores(pred, gold)["f1"]
                    table.append(({"gate": gate, "near": near, "pad": pad, "threshold": th, "mix": mix}, f, rows))
                    log.info("tagger held-out gate %.2f near %.2f pad %d mix %.2f threshold %.2f: partial F1 %.4f, "
                             "%.0f encoder rows/article", gate, near, pad, mix, th, f, rows)
    layers = layer_cost(model.encoder)  # full-layer equivalents (pruned feed-forwards count less)
    within = [r for r in table if r[2] * layers <= budget]
    if within:
        best = max(f for _s, f, _c in within)
        near_best = [r for r in within if r[1] >= best - tolerance]
        settings, f, _cost = min(near_best, key=lambda r: (r[2], -r[1]))
    else:
        settings, f, _cost = min(table, key=lambda r: (r[2], -r[1]))
    return settings, f, table
