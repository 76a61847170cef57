"""A thing cannot make a threat: "the fighting has threatened to drag Avaria into famine" is a
risk, not a THREATEN event; an actor's threat still is one. Own sentences."""

from __future__ import annotations

import pytest

from eventkit import C, G, run

ACTORS = {
    "ava": ("Avaria", C, None, ("Avaria",)),
    "reb": ("Red Hand", G, None, ("The Red Hand rebels",)),
}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The fighting in the north has threatened to drag Avaria into famine.", False),
        ("The crisis threatens to push Avaria into default.", False),
        ("The Red Hand rebels threatened to attack Avaria.", True),
    ],
    ids=["fighting-risks", "crisis-risks", "actor-threatens"],
)
def test_thing_threatens(text: str, want: bool) -> None:
    got = [e for e in run(text, ACTORS) if e.type == "THREATEN"]
    assert bool(got) is want, got


def test_agentive_is_codebook_data() -> None:
    from eventlens.events.codebook import load

    cb = load()
    assert cb.type("THREATEN").agentive
    assert not cb.type("ASSAULT").agentive  # "an explosion killed three" stays an act
