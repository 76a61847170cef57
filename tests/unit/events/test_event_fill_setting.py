"""What a position-filled target may be (the next actor after a trigger the parse links to no
target): never the participant or topic of another act named in the object ("the resumption of
the Northern Commission talks"), never an actor inside a phrase of circumstance ("amid calls by
X", "despite warnings from X"), never the sentence's reporter; an organisation, IGO, person or
group after "in"/"at" is a participant, a country there is the scene of the act, which CAMEO
codes as the target when nobody else is acted on (see test_scene_target); a country after "to" or
"from" is the other side. Own sentences only."""

from __future__ import annotations

import pytest
from eventkit import C, G, O, run

from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "commission": ("Northern Commission", O, Sector.MIL, ("Northern Commission",)),
    "farmers": ("Belmont farmers", G, Sector.CVL, ("Belmont farmers",)),
    "council": ("Harbour Council", O, Sector.GOV, ("Harbour Council",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "activists": ("Belmont activists", G, Sector.OPP, ("Belmont activists",)),
}


@pytest.mark.parametrize(
    ("text", "type_", "want"),
    [
        ("Avaria welcomed the resumption of the Northern Commission talks on Monday.",
         "SUPPORT", {("avaria", None)}),
        ("Avaria agreed to negotiate amid calls by Belmont farmers for an end to the blockade.",
         "AGREE", {("avaria", None)}),
        ("Avaria agreed to negotiate despite warnings from the Kestrel Brigade.",
         "AGREE", {("avaria", None)}),
        ("Avaria protested on Monday, the Harbour Council said.",
         "PROTEST", {("avaria", None)}),
        ("Avaria protested on Monday at the Harbour Council over the new tariffs.",
         "PROTEST", {("avaria", "council")}),
        ("Avaria protested on Monday in Belmont over the new tariffs.",
         "PROTEST", {("avaria", "belmont")}),
        ("Avaria retreated on Monday from Belmont after a week of fighting.",
         "RETREAT", {("avaria", "belmont")}),
    ],
    ids=["topic-of-another-act", "amid-circumstance", "despite-circumstance", "reporter",
         "organisation-after-at", "country-after-in-is-scene", "country-after-from"],
)
def test_position_filled_target(text, type_, want):
    got = {(e.source, e.target) for e in run(text, ACTORS) if e.type == type_}
    assert got == want


@pytest.mark.parametrize(
    ("text", "type_", "want"),
    [
        ("Avaria arrested Belmont activists on Monday.", "COERCE", {("avaria", "activists")}),
        ("Avaria launched an offensive against the Kestrel Brigade.", "ASSAULT",
         {("avaria", "kestrel")}),
    ],
    ids=["verb-object-pattern-keeps-actor-object", "light-verb-noun-is-no-target"],
)
def test_object_of_a_verb_object_pattern(text, type_, want):
    got = {(e.source, e.target) for e in run(text, ACTORS) if e.type == type_}
    assert got == want
