"""Prefix look-up of dictionary names (used for names the model cut short, "United Nations
Support Mission in")."""

from __future__ import annotations

import pytest

from eventlens.actors import load_kb
from eventlens.actors.kb import norm


@pytest.mark.parametrize(
    ("prefix", "key_in", "empty"),
    [("united nations support mission", "unsmil", False), ("zzz nowhere", None, True)],
    ids=["known-prefix", "unknown"],
)
def test_keys_with_prefix(prefix, key_in, empty):
    kb = load_kb()
    got = kb.keys_with_prefix(norm(prefix) + " ")
    want = {k for alias, k in kb.names.items() if alias.startswith(norm(prefix) + " ")}
    assert got == want
    assert (not got) is empty
    assert key_in is None or key_in in got
