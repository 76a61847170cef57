"""Triggers of codebook 0.2.2: RETREAT (handing over or back, pulling back, ending a deployment),
MOBILIZE (calling up reservists, forces on alert, military drills), AID (sending tanks or
artillery), COERCE (martial law), CONCEDE (accepting demands), and a verb that is an act of its
own keeps a trigger noun on its object as the topic. Own sentences."""

from __future__ import annotations

import pytest

from eventkit import C, G, assert_coded, run

ACTORS = {
    "ruri": ("Ruritania", C, None, ("Ruritania", "Ruritanian")),
    "mil": ("Blue Brigade", G, None, ("The Blue Brigade", "the Blue Brigade")),
    "vel": ("Velmar", C, None, ("Velmar",)),
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
    assert_coded(text, ACTORS, want)


@pytest.mark.parametrize(
    "text, want, unwanted",
    [
        pytest.param("Ruritania rejected the ceasefire proposal from Velmar.",
                     ("REJECT", "ruri", "vel"), "CONCEDE", id="reject-topic-noun"),
        pytest.param("Ruritania called up 40,000 reservists after the clash with Velmar.",
                     ("MOBILIZE", "ruri", None), None, id="call-up-reservists"),
        pytest.param("Ruritania put its armed forces on high alert on Sunday.",
                     ("MOBILIZE", "ruri", None), None, id="forces-on-alert"),
        pytest.param("Ruritania sent 30 tanks to Velmar last month.",
                     ("AID", "ruri", "vel"), None, id="send-tanks"),
        pytest.param("Ruritania imposed martial law in the border provinces on Sunday.",
                     ("COERCE", "ruri", None), None, id="martial-law"),
        pytest.param("Ruritania held military drills near the border with Velmar.",
                     ("MOBILIZE", "ruri", None), None, id="military-drills"),
        pytest.param("Ruritania and Velmar held joint naval patrols in the gulf.",
                     ("COOPERATE", "ruri", "vel"), "MOBILIZE", id="joint-patrols"),
        pytest.param("Ruritania and Velmar held joint drills in the gulf.",
                     ("COOPERATE", "ruri", "vel"), "MOBILIZE", id="joint-drills"),
        pytest.param("The Blue Brigade accepted the demands of Velmar for a prisoner exchange.",
                     ("CONCEDE", "mil", None), None, id="accept-demands"),
    ],
)
def test_triggers_022(text: str, want, unwanted) -> None:
    got = {(e.type, e.source, e.target) for e in run(text, ACTORS)}
    typ, src, tgt = want
    assert any(t == typ and s == src and (tgt is None or g == tgt) for t, s, g in got), got
    if unwanted:
        assert unwanted not in {t for t, _, _ in got}, got


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param("Ruritania's foreign minister spoke with Velmar's president on Monday.",
                     "CONSULT", id="speak-with"),
        pytest.param("Ruritania voiced solidarity with Velmar after the floods.", "SUPPORT",
                     id="solidarity"),
        pytest.param("Ruritania airlifted medical supplies to Velmar.", "AID", id="airlift"),
        pytest.param("Ruritania disbursed 200 million dollars to Velmar on Monday.", "AID",
                     id="disburse"),
        pytest.param("Ruritania turned down Velmar's offer of talks.", "REJECT", id="turn-down"),
        pytest.param("Ruritania's teachers went on a nationwide strike over pay.", "PROTEST",
                     id="nationwide-strike"),
    ],
)
def test_more_triggers_022(text: str, want: str) -> None:
    got = {(e.type, e.source) for e in run(text, ACTORS)}
    assert (want, "ruri") in got or (want == "PROTEST" and want in {t for t, _ in got}), got


def test_a_signing_is_symmetric() -> None:
    got = {(e.type, e.source, e.target) for e in run(
        "Ruritania and Velmar signed a border agreement on Friday.", ACTORS)}
    assert ("SUPPORT", "ruri", "vel") in got, got
