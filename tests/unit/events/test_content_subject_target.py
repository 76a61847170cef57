"""A verbal trigger with no object whose content is a clause ("demanded that X free the
sailors") targets the subject of that clause, read from the parse before any position fallback
(which would take the next actor, e.g. a forum after "at"). Own sentences only."""

from __future__ import annotations

import pytest
from eventkit import C, G, O, run

from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "council": ("Transitional Council", O, Sector.GOV, ("Transitional Council",)),
}


@pytest.mark.parametrize(
    ("text", "type_", "want"),
    [
        ("Avaria demanded at the Transitional Council that Belmont free the sailors.", "REQUEST",
         {("avaria", "belmont")}),
        ("Avaria demanded that Belmont withdraw its troops from the border.", "REQUEST",
         {("avaria", "belmont")}),
        ("Avaria demanded that the talks resume next week.", "REQUEST", {("avaria", None)}),
    ],
    ids=["content-subject-beats-forum", "content-subject", "no-actor-in-content"],
)
def test_content_subject_target(text, type_, want):
    got = {(e.source, e.target) for e in run(text, ACTORS) if e.type == type_}
    assert got == want
