"""A learned span that falls on a word of a proper name ("the Volcano of Rage operation") is not
an outlet's label of an actor; the same span on ordinary words is. Own sentences; the learned
detector is replaced by fixed hits so the test does not depend on a trained model."""

from __future__ import annotations

import pytest
from conftest import make_ctx

import eventlens.slant as slant
from eventlens.types import ActorKind, LabelKind

pytestmark = pytest.mark.slow

TEXT = ("Col. Dan Kor, spokesman for the Volcano of Rage operation, said the ruthless gangs of "
        "the Iron Brigade fled.")
ACTORS = {"Volcano of Rage operation": (ActorKind.GROUP, ["Volcano of Rage operation"]),
          "Iron Brigade": (ActorKind.GROUP, ["ruthless gangs of the Iron Brigade"])}


@pytest.mark.parametrize(
    ("words", "kept"),
    [("Rage operation", False), ("ruthless gangs", True)],
    ids=["word-of-a-name", "ordinary-words"],
)
def test_learned_span_in_a_name(nlp, monkeypatch, words, kept):
    ctx = make_ctx(nlp, TEXT, ACTORS)
    start = TEXT.index(words)
    toks = [t for t in ctx.doc if start <= t.idx < start + len(words)]
    hit = slant.Hit(start=start, end=start + len(words), tok_start=toks[0].i,
                    tok_end=toks[-1].i + 1, kind=LabelKind.LOADED, neutral=None,
                    target="", source="model", score=0.9)
    monkeypatch.setattr(slant, "detect_spans", lambda ctx, lexicon: [hit])
    labels = slant.extract_labels(ctx, None)
    assert any(lb.text == words for lb in labels) is kept, labels
