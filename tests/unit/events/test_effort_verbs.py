"""Verbs of effort code no act of their own when they govern one (codebook ``effort_verbs``),
and a "by" phrase the parse hangs on the verb whose object an act is names the act's agent."""

from __future__ import annotations

import pytest

from eventkit import G, run

ACTORS = {
    "gov": ("Government of Ruritania", G, None, ("The government", "the government")),
    "reb": ("Red Hand", G, None, ("the Red Hand rebels", "the rebels")),
}


def _coded(text: str) -> set[tuple[str, str | None, str | None, str]]:
    return {(e.type, e.source, e.target, e.trigger.text) for e in run(text, ACTORS)}


@pytest.mark.parametrize(
    "text, absent, present",
    [
        pytest.param("The government struggled to stop the Red Hand rebels near the port.",
                     ("ASSAULT", "gov", "reb", "struggled"), None, id="struggle-to-stop"),
        pytest.param("The government was struggling to contain the Red Hand rebels in the north.",
                     ("ASSAULT", "gov", "reb", "struggling"),
                     ("COERCE", "gov", "reb", "contain"), id="struggle-to-contain"),
        pytest.param("The government struggled against the Red Hand rebels near the port.",
                     None, ("ASSAULT", "gov", "reb", "struggled"), id="struggle-against-is-a-fight"),
        # the parse hangs "by ..." on "fend": the rebels besiege, the government does not
        pytest.param("The government had been struggling to fend off a yearlong siege of the "
                     "capital by the Red Hand rebels when the navy arrived.",
                     ("COERCE", "gov", "reb", "siege"), ("COERCE", "reb", None, "siege"),
                     id="by-on-the-governing-verb"),
        pytest.param("Villagers resisted a blockade of the valley by the Red Hand rebels for months.",
                     None, ("COERCE", "reb", None, "blockade"), id="by-on-the-noun"),
    ],
)
def test_effort_and_agent(text: str, absent, present) -> None:
    got = _coded(text)
    if absent:
        assert absent not in got, got
    if present:
        assert present in got, got
