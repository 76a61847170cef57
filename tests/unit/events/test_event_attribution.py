"""Attribution is not agency: reported events get according_to, speech is an event only as an act."""

from __future__ import annotations

import pytest

from eventkit import C, G, O, run
from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "ministry": ("Avarian defence ministry", O, Sector.GOV, ("defence ministry",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "monitor": ("Valley Monitor", O, Sector.NGO, ("Valley Monitor",)),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The defence ministry said the Kestrel Brigade attacked Belmont's outposts.",
         ("ASSAULT", "kestrel", "belmont", "ministry")),
        ("The Kestrel Brigade shelled Belmont's positions, the defence ministry said on Friday.",
         ("ASSAULT", "kestrel", "belmont", "ministry")),
        ("Avarian jets bombed a Belmont depot overnight, according to the Valley Monitor.",
         ("ASSAULT", "avaria", "belmont", "monitor")),
        ("The Valley Monitor reported that Belmont troops had withdrawn from the hills.",
         ("RETREAT", "belmont", None, "monitor")),
    ],
    ids=["said-that", "said-parataxis", "according-to", "reported-that"],
)
def test_reported_event(text, expected):
    evs = run(text, ACTORS)
    got = [(e.type, e.source, e.target, e.according_to) for e in evs]
    assert expected in got
    # saying is not an event
    assert all(e.trigger.text.lower() not in ("said", "reported") for e in evs)


def test_plain_statement_is_no_event():
    assert run("The defence ministry said the weather in Belmont was mild.", ACTORS) == ()


def test_speech_acts_are_events():
    evs = run("Avaria accused Belmont of espionage and demanded an apology.", ACTORS)
    types = {(e.type, e.source, e.target) for e in evs}
    assert ("ACCUSE", "avaria", "belmont") in types
    assert any(e.type == "REQUEST" and e.source == "avaria" for e in evs)


def test_quote_speaker_sets_according_to():
    text = ('The minister spoke in the capital. "Belmont attacked our villages again," '
            'she told the crowd.')
    quote = '"Belmont attacked our villages again,"'
    evs = run(text, ACTORS, quotes=[(quote, "avaria")])
    assault = [e for e in evs if e.type == "ASSAULT"]
    assert [(e.source, e.according_to) for e in assault] == [("belmont", "avaria")]


def test_according_to_never_equals_source():
    evs = run("Avaria said it had attacked the Kestrel Brigade.", ACTORS)
    for e in evs:
        assert e.according_to is None or e.according_to not in (e.source, e.target)
