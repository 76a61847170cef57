"""The subject of a passive raising verb does the act of its infinitive ("X is expected to sign"
-> X signs), unless the infinitive is passive itself ("X is expected to be arrested by Y" -> Y
arrests X). Own sentences."""

from __future__ import annotations

import pytest
from eventkit import C, P, run

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kor": ("Dan Kor", P, None, ("Dan Kor",)),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        ("Dan Kor is expected to sign the accord with Belmont next week.", "sign", "kor",
         "belmont"),
        ("Avaria is set to attack Belmont on Monday.", "attack", "avaria", "belmont"),
        ("Dan Kor is expected to be arrested by Belmont.", "arrested", "belmont", "kor"),
    ],
    ids=["expected-to", "set-to", "passive-infinitive"],
)
def test_raising_subject(text, trigger, source, target):
    evs = [e for e in run(text, ACTORS) if e.trigger.text.startswith(trigger)]
    assert evs and (evs[0].source, evs[0].target) == (source, target), [
        (e.trigger.text, e.source, e.target) for e in run(text, ACTORS)]
