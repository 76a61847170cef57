"""Decoding token probabilities into spans: runs, one-token bridges, adjective → noun."""

from __future__ import annotations

import numpy as np
import pytest

from eventlens.slant.spans import spans_from_proba

# (sentence, words marked positive, expected span texts)
CASES = [
    ("The council approved the budget on Monday.", [], []),
    ("Rebels shelled the disgraceful and cowardly camp.", ["disgraceful", "cowardly"],
     ["disgraceful and cowardly camp"]),
    ("The senator called the plan a shameful betrayal.", ["shameful", "betrayal"], ["shameful betrayal"]),
    ("Critics denounced the brutal regime in Karvan.", ["brutal"], ["brutal regime"]),
    ("The mayor spoke. Thugs burned the market.", ["spoke", "Thugs"], ["spoke", "Thugs"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "positive", "expected"), CASES,
                         ids=["none", "bridge-and", "run", "adj-to-noun", "no-cross-sentence"])
def test_spans_from_proba(nlp, text, positive, expected):
    doc = nlp(text)
    p = np.tile(np.array([[0.95, 0.03, 0.02]], dtype=np.float32), (len(doc), 1))
    for t in doc:
        if t.text in positive:
            p[t.i] = (0.1, 0.8, 0.1)
    hits = spans_from_proba(doc, p, 0.7)
    assert [text[h.start : h.end] for h in hits] == expected
    assert all(0.0 <= h.score <= 1.0 for h in hits)
