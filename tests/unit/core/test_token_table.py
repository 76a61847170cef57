"""The token table read from a doc's attribute arrays holds exactly what reading each token
gives (the stages rely on it being the same), and is kept on the doc."""

from __future__ import annotations

import pytest

from eventlens.nlp.tokens import TokenTable

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    ["BAMAKO, March 3 (Wire) - Gunmen stormed an army post, killing 11 soldiers.",
     "Headline In Title Case\n\nThe U.S. said talks were 'unlikely'; 2,500 people fled.",
     ""],
    ids=["dateline", "title-and-numbers", "empty"],
)
def test_table_matches_tokens(nlp, text):
    doc = nlp(text)
    fast = TokenTable.of(doc)
    slow = TokenTable.of(list(doc))  # the per-token path
    assert fast == slow
    assert TokenTable.of(doc) is fast  # kept on the doc
