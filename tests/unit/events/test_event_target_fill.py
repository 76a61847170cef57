"""An event with a source but no parse-linked target takes the next actor after the trigger
(as PETRARCH reads a sentence), never a place phrase or the participant of another event's
object clause. Own sentences only."""

from __future__ import annotations

import pytest

from eventkit import C, G, run
from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
}


@pytest.mark.parametrize(
    ("text", "type_", "want"),
    [
        ("Avaria protested on Monday over the arrest of a Belmont diplomat.", "PROTEST",
         {("avaria", "belmont")}),
        ("The Kestrel Brigade attacked overnight near the Belmont border post.", "ASSAULT",
         {("kestrel", None)}),
        ("Avaria recaptured the town of Orsk after shelling Belmont positions.", "COERCE",
         {("avaria", None)}),
        # a scraped sentence that lost a word: the parse does not attach the reporter to "said"
        ("Avaria has agreed to the resumption of talks, the Kestrel Brigade in said early on "
         "Tuesday.", "AGREE", {("avaria", None)}),
    ],
    ids=["next-actor-is-target", "place-phrase-is-not", "object-taken-no-fill",
         "unattached-reporter-is-not"],
)
def test_missing_target_filled_by_position(text, type_, want):
    got = {(e.source, e.target) for e in run(text, ACTORS) if e.type == type_}
    assert got == want


def test_filled_target_weighs_less_than_a_parsed_one():
    parsed = [e for e in run("Avaria criticised Belmont on Monday.", ACTORS)]
    filled = [e for e in run("Avaria protested on Monday over the arrest of a Belmont diplomat.",
                             ACTORS) if e.type == "PROTEST"]
    assert parsed and filled and filled[0].target == "belmont"
    assert filled[0].confidence < parsed[0].confidence
