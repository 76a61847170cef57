"""Property: any text of news-like words and junk gives well-formed events and never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventkit import C, G, events_of, make_ctx
from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
}
WORDS = [
    "Avaria", "Belmont", "Kestrel Brigade", "attacked", "said", "will", "not", "talks", "with",
    "on", "Sunday", "the", "airstrikes", "against", "backed", "by", "and", "agreed", "to",
    "accused", "of", "arming", "\n", "\n\n", ",", ".", '"', "(", ")", "|", "ATTACK", "12",
    "May 17", "yesterday", "if", "would", "who", "which", "sanctions", "recaptured", "town",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_random_word_salad(words):
    text = " ".join(words)
    evs = events_of(make_ctx(text, ACTORS))
    for e in evs:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert e.source or e.target
        assert e.source != e.target
        assert e.sentence[0] <= e.trigger.start < e.trigger.end <= e.sentence[1]
