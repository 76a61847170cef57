"""The learned cue detector: model file round trip, features, and attributions on verbs the
rules miss, with small hand-made models (loads spaCy; no trained weights needed)."""

from __future__ import annotations

import numpy as np
import pytest

from eventlens.context import DocContext
from eventlens.errors import ResourceError
from eventlens.quotes import find_attributions
from eventlens.quotes import learned
from eventlens.quotes.learned import CueModel, generic_content, token_features
from eventlens.quotes.lexicon import load_lexicon
from eventlens.types import Article

pytestmark = pytest.mark.slow

DIM = 64


def always(threshold: float = 0.5) -> CueModel:
    """Every candidate verb scores sigmoid(large) = 1."""
    return CueModel(weights=np.full(DIM, 5.0, dtype=np.float32), threshold=threshold)


def never() -> CueModel:
    return CueModel(weights=np.full(DIM, -5.0, dtype=np.float32), threshold=0.5)


def ctx_of(nlp, text: str) -> DocContext:
    return DocContext(article=Article(id="art_test", text=text), doc=nlp(text))


def spans(text, attrs):
    return sorted((text[a.cue[0] : a.cue[1]], " | ".join(text[s:e] for s, e, _ in a.contents))
                  for a in attrs if a.cue)


def test_model_round_trip(tmp_path):
    path = tmp_path / "quotes" / "cue_model.npz"
    m = CueModel(weights=np.arange(DIM, dtype=np.float32), threshold=0.37)
    m.save(path)
    back = CueModel.load(path)
    assert back.threshold == pytest.approx(0.37)
    assert np.array_equal(back.weights, m.weights)


def test_model_from_other_feature_code_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "m.npz"
    always().save(path)
    monkeypatch.setattr(learned, "FEATURES", "q-old")
    with pytest.raises(ResourceError, match="rebuild"):
        CueModel.load(path)


def test_missing_model_means_rules(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTLENS_CACHE", str(tmp_path))
    learned.load_model.cache_clear()
    try:
        assert learned.load_model() is None
    finally:
        learned.load_model.cache_clear()



@pytest.mark.parametrize(
    "text",
    ["", "   ", "\"\"\"", "OK", "The council met. " * 200, "“" + "word " * 400],
    ids=["empty", "spaces", "marks", "one-word", "long", "unbalanced"],
)
def test_features_never_fail(nlp, text):
    doc = nlp(text)
    n = len(doc)
    ids = token_features(doc, load_lexicon(), np.zeros(n, dtype=np.uint64), np.zeros(n, dtype=np.uint64))
    assert ids.shape[0] == n
    again = token_features(doc, load_lexicon(), np.zeros(n, dtype=np.uint64), np.zeros(n, dtype=np.uint64))
    assert np.array_equal(ids, again)
    # features of some rows alone are those rows of the whole table
    rows = np.arange(n)[::2]
    some = token_features(doc, load_lexicon(), np.zeros(n, dtype=np.uint64), np.zeros(n, dtype=np.uint64),
                          rows=rows)
    assert np.array_equal(some, ids[rows]) if n else some.shape == (0, 0)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The senator floated a new tax on fuel.", "floated", "a new tax on fuel"),
        ("The union hinted that a strike was likely.", "hinted", "that a strike was likely"),
    ],
    ids=["object", "clause"],
)
def test_learned_cue_gets_rule_spans(nlp, text, cue, content):
    ctx = ctx_of(nlp, text)
    got = spans(text, find_attributions(ctx, cue_model=always()))
    assert (cue, content) in got
    assert (cue, content) not in spans(text, find_attributions(ctx, cue_model=None))


def learned_only(ctx):
    rules = {a.cue for a in find_attributions(ctx, cue_model=None)}
    return [a for a in find_attributions(ctx, cue_model=always()) if a.cue not in rules]


def test_negated_cue_is_scored_not_quoted(nlp):
    """PolNeAR marks "did not say ..." as an attribution; nothing was said, so no quote."""
    from eventlens.quotes import extract_quotes

    text = "The ministry did not say when the port would reopen."
    ctx = ctx_of(nlp, text)
    said = [a for a in learned_only(ctx) if a.cue and text[a.cue[0] : a.cue[1]] == "say"]
    assert len(said) == 1
    assert said[0].cue_kind == "attitude"
    assert text[said[0].source[0] : said[0].source[1]] == "The ministry"
    assert not any("reopen" in q.text for q in extract_quotes(ctx, cue_model=always()))


def test_cue_without_content_keeps_its_source(nlp):
    from eventlens.quotes import extract_quotes

    text = "The minister replied quickly."
    ctx = ctx_of(nlp, text)
    got = [a for a in learned_only(ctx) if a.cue and text[a.cue[0] : a.cue[1]] == "replied"]
    assert len(got) == 1
    assert got[0].contents == []
    assert text[got[0].source[0] : got[0].source[1]] == "The minister"
    assert extract_quotes(ctx, cue_model=always()) == ()


def test_raising_verb_has_no_source(nlp):
    text = "The truce seems to hold."
    ctx = ctx_of(nlp, text)
    got = [a for a in learned_only(ctx) if a.cue and text[a.cue[0] : a.cue[1]] == "seems"]
    assert all(a.source is None for a in got)


def test_low_scores_add_nothing(nlp):
    text = "The senator floated a new tax, and the union hinted that a strike was likely."
    ctx = ctx_of(nlp, text)
    assert spans(text, find_attributions(ctx, cue_model=never())) == spans(
        text, find_attributions(ctx, cue_model=None)
    )


def test_learned_object_is_not_a_quote(nlp):
    from eventlens.quotes import extract_quotes

    text = "The senator floated a new tax on fuel."
    ctx = ctx_of(nlp, text)
    assert extract_quotes(ctx, cue_model=always()) == ()
    assert extract_quotes(ctx, cue_model=always(), attitudes=True)


def test_generic_content_passive_subject(nlp):
    text = "The plan was widely criticized."
    doc = nlp(text)
    verb = next(t for t in doc if t.lemma_ == "criticize")
    assert [text[s:e] for s, e in generic_content(verb)] == ["The plan"]

