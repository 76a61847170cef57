"""Status of an act under permission and prevention: what someone allows, lets or authorizes is
not asserted to have happened (hypothetical), and what someone prevented or stopped from
happening did not happen (negated). Own sentences."""

from __future__ import annotations

import pytest
from eventkit import C, G, run

from eventlens.types import EventStatus

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "gangs": ("gangs", G, None, ("gangs",)),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        ("Avaria will not allow gangs to hijack the protests.", "hijack", EventStatus.HYPOTHETICAL),
        ("Avaria will not let Belmont attack the port.", "attack", EventStatus.HYPOTHETICAL),
        ("Avaria authorized Belmont to shell the port.", "shell", EventStatus.HYPOTHETICAL),
        ("Avaria prevented Belmont from attacking the port.", "attacking", EventStatus.NEGATED),
        ("Avaria stopped Belmont from seizing the port.", "seizing", EventStatus.NEGATED),
        ("Belmont attacked the port on Monday.", "attacked", EventStatus.ASSERTED),
    ],
    ids=["not-allow", "not-let", "authorize", "prevent-from", "stop-from", "plain"],
)
def test_permission_and_prevention(text, trigger, status):
    got = [e.status for e in run(text, ACTORS) if e.trigger.text.startswith(trigger)]
    assert got and got[0] is status, [(e.trigger.text, e.status) for e in run(text, ACTORS)]
