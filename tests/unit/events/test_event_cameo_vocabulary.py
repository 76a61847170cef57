"""CAMEO codebook vocabulary added as codebook triggers: yielding (CAMEO 080/083), easing
restrictions (081), jailing (173), evicting (174), pleading (REQUEST), downgrading ties (161).
Own sentences only."""

from __future__ import annotations

import pytest
from eventkit import C, run

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Avaria finally gave in to the demands of Belmont.", "CONCEDE"),
        ("Avaria bowed to pressure from Belmont on Friday.", "CONCEDE"),
        ("Avaria relaxed restrictions on Belmont traders.", "CONCEDE"),
        ("The Avarian parliament legalised the Belmont community's party.", "CONCEDE"),
        ("Avaria jailed two Belmont journalists.", "COERCE"),
        ("Avaria evicted Belmont settlers from the valley.", "COERCE"),
        ("Avaria pleaded with Belmont for more time.", "REQUEST"),
        ("Avaria downgraded its ties with Belmont.", "SANCTION"),
    ],
    ids=["give-in", "bow-to", "relax-restrictions", "legalise", "jail", "evict", "plead",
         "downgrade-ties"],
)
def test_vocabulary(text, type_):
    assert type_ in {e.type for e in run(text, ACTORS)}
