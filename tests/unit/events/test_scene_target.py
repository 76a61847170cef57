"""When an act has a source but nobody acted on, the country named as its scene ("in X",
"inside X", "across X", on the verb, on its object, or on the verb governing a nominal trigger)
is the target, as CAMEO coders (PETRARCH-2, PLOVER) code it; a person, group or organisation
there is a participant (see test_event_fill_setting), a place of the source itself is no scene,
and a named target is kept, also by another event of the same type and source in the sentence
(the scene-targeted one then merges into it). Own sentences only."""

from __future__ import annotations

import pytest
from eventkit import C, G, O, P, run

from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "council": ("Harbour Council", O, Sector.GOV, ("Harbour Council",)),
    "ode": ("Ann Ode", P, Sector.GOV, ("Ann Ode",)),
}


@pytest.mark.parametrize(
    ("text", "type_", "want"),
    [
        ("The Kestrel Brigade protested on Monday in Belmont.", "PROTEST",
         {("kestrel", "belmont")}),
        ("The Kestrel Brigade shelled a village in Belmont on Sunday.", "ASSAULT",
         {("kestrel", "belmont")}),
        ("The Kestrel Brigade launched airstrikes inside Belmont on Sunday.", "ASSAULT",
         {("kestrel", "belmont")}),
        ("The Kestrel Brigade shelled the Harbour Council in Belmont on Sunday.", "ASSAULT",
         {("kestrel", "council")}),
        ("The Kestrel Brigade in Belmont protested on Monday.", "PROTEST",
         {("kestrel", None)}),
        ("The Kestrel Brigade stormed a village in Belmont on Sunday, killing two Harbour "
         "Council guards.", "ASSAULT", {("kestrel", "council")}),
    ],
    ids=["on-the-verb", "on-the-object", "nominal-trigger", "named-target-kept",
         "place-of-the-source-is-no-scene",
         "other-side-named-in-the-unit"],
)
def test_scene_target(text, type_, want):
    got = {(e.source, e.target) for e in run(text, ACTORS) if e.type == type_}
    assert got == want
