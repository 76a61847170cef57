"""A weak dictionary verb (one the CAMEO verb dictionary lists but the codebook does not, so it
needs two actors) that modifies a noun describes that noun and reports no act: "the army, led
by General X", "the militia Avaria leads". As a main verb it still codes. Own sentences."""

from __future__ import annotations

import pytest
from eventkit import C, G, P, run

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kor": ("Dan Kor", P, None, ("Dan Kor",)),
    "guard": ("Avarian guard", G, None, ("Avarian guard",)),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "lemma", "coded"),
    [
        ("The Avarian guard, led by Dan Kor, shelled Belmont on Monday.", "led", False),
        ("The unit that Dan Kor leads shelled Belmont on Monday.", "leads", False),
        ("Dan Kor led the Avarian guard into Belmont on Monday.", "led", True),
    ],
    ids=["participle-modifier", "relative-clause", "main-verb"],
)
def test_descriptive_weak_verbs(text, lemma, coded):
    events = run(text, ACTORS)
    assert any(e.trigger.text == lemma for e in events) is coded, [
        (e.type, e.trigger.text) for e in events]
