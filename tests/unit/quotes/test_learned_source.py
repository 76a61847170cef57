"""The learned source chooser: model file round trip, the keep / replace / fill / drop
decision, candidate spans, and the hook in find_attributions with small hand-made models
(loads spaCy; no trained weights needed)."""

from __future__ import annotations

import numpy as np
import pytest

from eventlens.context import DocContext
from eventlens.errors import ResourceError
from eventlens.quotes import find_attributions, learned_source
from eventlens.quotes.learned_source import (
    Candidate,
    SourceModel,
    candidates,
    choose,
    features,
    refine_sources,
    softmax_groups,
    taken_spans,
)
from eventlens.types import Article

DIM = 2**16


def model(weights=None, *, margin=0.1, fill=0.5, drop=0.3) -> SourceModel:
    w = np.zeros(DIM, dtype=np.float32) if weights is None else weights
    return SourceModel(weights=w, margin=margin, fill=fill, drop=drop)


def test_model_round_trip(tmp_path):
    path = tmp_path / "quotes" / "source_model.npz"
    m = model(np.arange(DIM, dtype=np.float32), margin=0.05, fill=0.4, drop=0.2)
    m.save(path)
    back = SourceModel.load(path)
    assert (back.margin, back.fill, back.drop) == pytest.approx((0.05, 0.4, 0.2))
    assert np.array_equal(back.weights, m.weights)


def test_model_from_other_feature_code_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "m.npz"
    model().save(path)
    monkeypatch.setattr(learned_source, "FEATURES", "s-old")
    with pytest.raises(ResourceError, match="rebuild"):
        SourceModel.load(path)


@pytest.mark.parametrize("setting", ["cache", "off"], ids=["not-built", "switched-off"])
def test_no_model_means_rules(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("EVENTLENS_CACHE", str(tmp_path))
    if setting == "off":
        model().save(tmp_path / "quotes" / "source_model.npz")
        monkeypatch.setenv("EVENTLENS_QUOTE_SOURCE_MODEL", "off")
    else:
        monkeypatch.delenv("EVENTLENS_QUOTE_SOURCE_MODEL", raising=False)
    learned_source.load_model.cache_clear()
    try:
        assert learned_source.load_model() is None
    finally:
        learned_source.load_model.cache_clear()


def _cands(*spans):
    """Candidates at (start, end, rule) spans, then the "no source" one."""
    out = [Candidate(s, e, k, rule, ()) for k, (s, e, rule) in enumerate(spans)]
    return out + [Candidate(-1, -1, -1, False, ())]


RULE = (0, 10)


@pytest.mark.parametrize(
    ("spans", "probs", "rule", "expected"),
    [
        ([(0, 10, True), (0, 4, False)], [0.6, 0.3, 0.1], RULE, True),
        ([(0, 10, True), (0, 4, False)], [0.2, 0.7, 0.1], RULE, (0, 4)),
        ([(0, 10, True), (0, 4, False)], [0.42, 0.48, 0.1], RULE, True),
        ([(0, 10, True), (0, 4, False)], [0.1, 0.2, 0.7], RULE, None),
        ([(0, 10, True), (0, 4, False)], [0.3, 0.3, 0.4], RULE, True),
        ([(20, 30, False)], [0.8, 0.2], None, (20, 30)),
        ([(20, 30, False)], [0.4, 0.6], None, True),
        ([], [1.0], RULE, True),
    ],
    ids=["keep-best-rule", "replace-by-margin", "below-margin-keeps", "drop-unlikely-source",
         "none-not-enough-ahead", "fill-sourceless", "no-fill-below-threshold", "only-none"],
)
def test_choose(spans, probs, rule, expected):
    got = choose(model(), _cands(*spans), probs, rule)
    if isinstance(got, Candidate):
        got = (got.start, got.end)
    assert got == expected


def test_softmax_groups():
    p = softmax_groups(np.array([0.0, 0.0, 1.0, 5.0, -2.0, 3.0]), [2, 1, 3])
    assert p[:2] == pytest.approx([0.5, 0.5])
    assert p[2] == pytest.approx(1.0)
    assert p[3:].sum() == pytest.approx(1.0)
    assert p[3] > p[5] > p[4]


SENTENCES = [
    "The senator, who chairs the budget committee, said on Monday that the bill would pass.",
    "The plan was praised by the mayor, a former teacher, as a fair deal.",
    "According to the ministry, the talks will resume next week.",
    "\u201cWe will not back down,\u201d said Maria Lopez, a spokeswoman for the union.",
]


def ctx_of(nlp, text: str) -> DocContext:
    return DocContext(article=Article(id="art_test", text=text), doc=nlp(text))


@pytest.mark.slow
@pytest.mark.parametrize("text", SENTENCES, ids=["relative-clause", "passive-agent", "according-to",
                                                 "inverted-direct"])
def test_candidates_are_exact_spans_with_the_rules_choice(nlp, text):
    ctx = ctx_of(nlp, text)
    attrs = find_attributions(ctx, cue_model=None, source_model=None)
    sourced = [a for a in attrs if a.source is not None and a.cue_token is not None]
    assert sourced
    for a in sourced:
        cands = candidates(ctx.doc, a, taken_spans(attrs))
        assert cands[-1].start == -1  # "no source" comes last
        real = cands[:-1]
        assert [(c.start, c.end) for c in real if c.rule] == [a.source]
        for c in real:
            span = text[c.start : c.end]
            assert span and span == span.strip()
            assert len(c.values) == len(cands[-1].values)
        assert len({(c.start, c.end) for c in real}) == len(real)


def _favouring(doc, attrs, a, pick) -> SourceModel:
    """A model whose weights favour the candidate ``pick(cands)`` of attribution ``a``."""
    cands = candidates(doc, a, taken_spans(attrs))
    ids = features(cands) % np.uint64(DIM)
    target = pick(cands)
    k = cands.index(target)
    others = {int(x) for j, row in enumerate(ids) if j != k for x in row}
    w = np.zeros(DIM, dtype=np.float32)
    for x in ids[k]:
        if int(x) not in others:
            w[int(x)] += 3.0
    return model(w, margin=0.1, fill=0.5, drop=0.3)


@pytest.mark.slow
def test_hook_replaces_the_rules_source(nlp):
    text = SENTENCES[0]
    ctx = ctx_of(nlp, text)
    attrs = find_attributions(ctx, cue_model=None, source_model=None)
    a = next(x for x in attrs if x.cue and text[x.cue[0] : x.cue[1]] == "said")
    assert text[a.source[0] : a.source[1]] == "The senator, who chairs the budget committee,"
    m = _favouring(ctx.doc, attrs, a, lambda cs: next(c for c in cs if text[c.start : c.end] == "The senator"))
    got = find_attributions(ctx_of(nlp, text), cue_model=None, source_model=m)
    b = next(x for x in got if x.cue == a.cue)
    assert text[b.source[0] : b.source[1]] == "The senator"
    assert b.source_head is not None and nlp(text)[b.source_head].text == "senator"


@pytest.mark.slow
def test_hook_drops_an_unlikely_source(nlp):
    text = SENTENCES[2]
    ctx = ctx_of(nlp, text)
    attrs = find_attributions(ctx, cue_model=None, source_model=None)
    a = next(x for x in attrs if x.kind == "prep")
    assert a.source is not None
    m = _favouring(ctx.doc, attrs, a, lambda cs: cs[-1])
    got = find_attributions(ctx_of(nlp, text), cue_model=None, source_model=m)
    b = next(x for x in got if x.kind == "prep")
    assert b.source is None and b.source_head is None and b.speaker is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["", "   ", "\"\"\"", "OK", "The council said. " * 200, "\u201c" + "word " * 400,
     "SMITH: We will win.\nJONES: No, you will not, he said."],
    ids=["empty", "spaces", "marks", "one-word", "long", "unbalanced", "labels"],
)
def test_odd_text_never_fails(nlp, text):
    ctx = ctx_of(nlp, text)
    attrs = find_attributions(ctx, cue_model=None, source_model=None)
    rng = np.random.default_rng(3)
    refine_sources(ctx.doc, attrs, model(rng.normal(size=DIM).astype(np.float32), margin=0.0,
                                         fill=0.0, drop=0.0))
    for a in attrs:
        if a.source is not None:
            s, e = a.source
            assert 0 <= s < e <= len(text)
