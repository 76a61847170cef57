"""RETREAT triggers of codebook 0.2.2: handing over or back (return), pulling back and ending a
deployment (withdraw). Own sentences."""

from __future__ import annotations

import pytest

from eventkit import C, G, run

ACTORS = {
    "ruri": ("Ruritania", C, None, ("Ruritania", "Ruritanian")),
    "mil": ("Blue Brigade", G, None, ("The Blue Brigade", "the Blue Brigade")),
    "farm": ("Farmers' Union", G, None, ("the Farmers' Union",)),
}


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param("The Blue Brigade handed over the seized silos to the Farmers' Union.",
                     ("RETREAT", "mil", "0842"), id="hand-over"),
        pytest.param("The Blue Brigade handed back the seized silos to the Farmers' Union.",
                     ("RETREAT", "mil", "0842"), id="hand-back"),
        pytest.param("The Blue Brigade pulled its fighters back from the border villages.",
                     ("RETREAT", "mil", None), id="pull-back"),
        pytest.param("Ruritania ended its military mission in the north on Friday.",
                     ("RETREAT", "ruri", None), id="end-mission"),
    ],
)
def test_retreat_triggers(text: str, want) -> None:
    got = {(e.type, e.source, e.cameo) for e in run(text, ACTORS)}
    typ, src, code = want
    assert any(t == typ and s == src and (code is None or c == code) for t, s, c in got), got
