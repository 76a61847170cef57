"""The reporter of a sentence is found on the word order ("..., X said"), independently of the
parse: it is never a position-filled target, and it fills according_to when the parse links no
reporting verb to the trigger (a scraped sentence that lost a word). Own sentences only."""

from __future__ import annotations

import pytest
from eventkit import C, G, O, make_ctx, run

from eventlens.config import Config
from eventlens.events import load_codebook
from eventlens.events.roles import Roles
from eventlens.events.sentences import units
from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "council": ("Harbour Council", O, Sector.GOV, ("Harbour Council",)),
}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Avaria shelled the port on Monday, the Harbour Council said.", {"council"}),
        ("The Harbour Council told reporters that Avaria had shelled the port.", {"council"}),
        ("Avaria has agreed to the talks, the Harbour Council in said on Tuesday.", {"council"}),
        ("Avaria shelled the port of Belmont on Monday.", set()),
    ],
    ids=["said-after", "told-before", "unattached", "none"],
)
def test_reporters_by_word_order(text, want):
    ctx = make_ctx(text, ACTORS)
    roles = Roles(ctx, load_codebook(Config()))
    got = set()
    for unit in units(ctx.doc):
        got |= set(roles.reporters(unit))
    assert got == want


@pytest.mark.parametrize(
    ("text", "type_", "want"),
    [
        ("Avaria has agreed to the talks, the Harbour Council in said on Tuesday.", "AGREE",
         ("avaria", None, "council")),
        ("Avaria agreed to the talks, the Harbour Council said on Tuesday.", "AGREE",
         ("avaria", None, "council")),
        ("Avaria criticised Belmont on Monday.", "ACCUSE", ("avaria", "belmont", None)),
    ],
    ids=["unattached-reporter-fills-according-to", "parsed-reporter", "no-reporter"],
)
def test_reporter_fills_according_to(text, type_, want):
    got = [(e.source, e.target, e.according_to) for e in run(text, ACTORS) if e.type == type_]
    assert got == [want]
