"""scripts/train_quote_model.py: the cue threshold it picks depends on the training data and
the cue model only, never on a source chooser an earlier build left in the user cache."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import eventlens.quotes as quotes
from eventlens.context import DocContext
from eventlens.types import Article

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "train_quote_model.py"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def script():
    return runpy.run_path(str(SCRIPT), run_name="train_quote_model")


def test_threshold_choice_ignores_a_cached_source_chooser(script, nlp, monkeypatch):
    def cached_chooser():
        raise AssertionError("the held-out threshold choice read the cached source chooser")

    monkeypatch.setattr(quotes, "load_source_model", cached_chooser)
    text = 'The minister said the talks would resume on Monday. "We are ready," she added.'
    ctx = DocContext(article=Article(id="a1", text=text), doc=nlp(text))
    scores = script["stage_scores"]([(ctx, [])], None)
    assert set(scores) == {"cue", "source", "content"}
