"""Event status: asserted, negated, planned, hypothetical, claimed."""

from __future__ import annotations

import pytest

from eventkit import C, G, run
from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
}


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("Avaria attacked the Kestrel Brigade on Monday.", "ASSAULT", "asserted"),
        ("Avaria did not attack the Kestrel Brigade.", "ASSAULT", "negated"),
        ("Avaria never recognised Belmont.", "SUPPORT", "negated"),
        ("Avaria refused to meet Belmont.", "CONSULT", "negated"),
        ("Avaria will hold talks with Belmont next week.", "CONSULT", "planned"),
        ("Avaria agreed to talks with Belmont.", "CONSULT", "planned"),
        ("Avaria plans to deploy troops against the Kestrel Brigade.", "MOBILIZE", "planned"),
        ("Avaria would attack the Kestrel Brigade if the talks failed.", "ASSAULT", "hypothetical"),
        ("Belmont may impose sanctions on Avaria.", "SANCTION", "hypothetical"),
        ("Avaria is likely to arm the Kestrel Brigade.", "AID", "hypothetical"),
        ("Belmont claimed that Avaria shelled the Kestrel Brigade.", "ASSAULT", "claimed"),
        ("Avaria allegedly armed the Kestrel Brigade.", "AID", "claimed"),
        ("Belmont said that Avaria shelled the Kestrel Brigade.", "ASSAULT", "asserted"),
        ("Belmont wrecked attempts to reach an agreement with Avaria.", "AGREE", "hypothetical"),
    ],
    ids=["asserted", "not", "never", "refused-to", "will", "agreed-to-nominal", "plans-to",
         "would-if", "may", "likely-to", "claimed-that", "allegedly", "said-that-asserted", "attempts-to"],
)
def test_status(text, type_, status):
    evs = [e for e in run(text, ACTORS) if e.type == type_]
    assert evs, f"no {type_} event"
    assert {e.status.value for e in evs} == {status}


def test_refusal_itself_is_a_reject_event():
    evs = run("Avaria refused to meet Belmont.", ACTORS)
    assert any(e.type == "REJECT" and e.source == "avaria" and e.status.value == "asserted"
               for e in evs)


def test_claim_of_responsibility_is_a_claimed_attack_by_the_claimant():
    evs = [e for e in run("The Kestrel Brigade claimed responsibility for the attack on Avaria's "
                          "border post.", ACTORS) if e.type == "ASSAULT"]
    assert [(e.source, e.target, e.status.value) for e in evs] == [("kestrel", "avaria", "claimed")]
