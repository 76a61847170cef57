"""Triggers of codebook 0.2.5 (with objects read through a quantity: "thousands of reservists")
and two extraction rules of the same round: a promise of harm is a
threat, and the source's own forces as the object are no target. Own sentences."""

from __future__ import annotations

import pytest

from eventkit import RURITANIA, G, assert_coded, run

ACTORS = {
    **RURITANIA,
    "union": ("Dockers' Union", G, None, ("the Dockers' Union", "The Dockers' Union")),
    "bank": ("Harbour Bank", G, None, ("The Harbour Bank", "the Harbour Bank")),
}


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param("Ruritania agreed to the Dockers' Union's demand for a pay review.",
                     ("CONCEDE", "ruri", None), id="agree-to-demand"),
        pytest.param("Ruritania eased its blockade of the Velmar coast on Monday.",
                     ("RETREAT", "ruri", "0872"), id="ease-blockade"),
        pytest.param("Ruritania lifted its sanctions on Velmar after the election.",
                     ("RETREAT", "ruri", "085"), id="lift-sanctions"),
        pytest.param("Ruritania opened its border to the aid convoys from Velmar.",
                     ("RETREAT", "ruri", None), id="open-border"),
        pytest.param("Ruritania declined a request for military aid from Velmar.",
                     ("REJECT", "ruri", None), id="decline-request"),
        pytest.param("Ruritania ruled out any negotiations with the Blue Brigade.",
                     ("REJECT", "ruri", None), id="rule-out"),
        pytest.param("The Harbour Bank froze its lending to Velmar.",
                     ("SANCTION", "bank", None), id="freeze-lending"),
        pytest.param("Ruritania received the Velmar foreign minister on Monday.",
                     ("CONSULT", "ruri", "043"), id="receive-minister"),
        pytest.param("Ruritania supplied drones to the Blue Brigade.",
                     ("AID", "ruri", None), id="supply-drones"),
        pytest.param("Ruritania shipped weapons to the Blue Brigade, officials said.",
                     ("AID", "ruri", None), id="ship-weapons"),
        pytest.param("Ruritania sent military equipment to Velmar.",
                     ("AID", "ruri", None), id="send-equipment"),
        pytest.param("Ruritania called up thousands of reservists after the clash with Velmar.",
                     ("MOBILIZE", "ruri", None), id="call-up-thousands"),
        pytest.param("Ruritania fired two ballistic missiles into the sea on Monday.",
                     ("MOBILIZE", "ruri", None), id="missiles-into-the-sea"),
        pytest.param("Ruritania blocked the resolution on Velmar.",
                     ("REJECT", "ruri", "129"), id="block-resolution"),
    ],
)
def test_triggers_025(text: str, want) -> None:
    assert_coded(text, ACTORS, want)


@pytest.mark.parametrize(
    "text, code",
    [
        ("The Blue Brigade vowed to retaliate against Velmar.", "138"),
        ("Ruritania pledged to attack the Blue Brigade's camps.", "138"),
    ],
    ids=["vow-retaliate", "pledge-attack"],
)
def test_a_promise_of_harm_is_a_threat(text: str, code: str) -> None:
    evs = run(text, ACTORS)
    assert any(e.type == "THREATEN" and e.cameo == code for e in evs), [(e.type, e.cameo) for e in evs]
    assert not any(e.type == "AGREE" for e in evs)


def test_a_promise_to_cooperate_stays_agree() -> None:
    evs = run("Ruritania pledged to hold talks with Velmar.", ACTORS)
    assert any(e.type == "AGREE" for e in evs) and not any(e.type == "THREATEN" for e in evs)


def test_the_sources_own_forces_are_no_target() -> None:
    # "its troops" stands for the Blue Brigade itself: the withdrawal has no other side here
    acts = {**ACTORS, "mil": ("Blue Brigade", G, None, ("The Blue Brigade", "its troops"))}
    evs = run("The Blue Brigade pulled its troops out of the disputed town.", acts)
    assert [(e.type, e.source, e.target) for e in evs if e.type == "RETREAT"] == [
        ("RETREAT", "mil", None)]


def _backing_actors():
    import re

    from eventlens.types import Actor, ActorKind, Mention, Sector

    text = ("The Velmar government forces are supported by Ruritania. "
            "The Velmar militia also supports the Velmar government forces.")

    def m(s):
        return tuple(Mention(start=x.start(), end=x.end(), text=s) for x in re.finditer(s, text))
    return text, (
        Actor(id="gov", name="Velmar government", kind=ActorKind.ORGANIZATION, country="VEL",
              sector=Sector.GOV),
        Actor(id="forces", name="Velmar government forces", kind=ActorKind.GROUP, country="VEL",
              sector=Sector.MIL, affiliation="gov", mentions=m("Velmar government forces")),
        Actor(id="ruri", name="Ruritania", kind=ActorKind.COUNTRY, country="RUR",
              mentions=m("Ruritania")),
        Actor(id="mil", name="Velmar militia", kind=ActorKind.GROUP, country="VEL",
              sector=Sector.UAF, mentions=m("Velmar militia")),
    )


def test_foreign_backing_of_a_governments_forces_backs_the_government() -> None:
    from eventlens.context import SpanIndex
    from eventlens.events import load_codebook
    from eventlens.events.extract import extract
    from eventkit import make_ctx

    text, actors = _backing_actors()
    ctx = make_ctx(text)
    ctx.actors = actors
    ctx.actor_index = SpanIndex([(x.start, x.end, a.id) for a in actors for x in a.mentions])
    pairs = {(e.type, e.source, e.target) for e in extract(ctx, load_codebook())}
    assert ("SUPPORT", "ruri", "gov") in pairs  # a foreign backer: the side it takes
    assert ("SUPPORT", "mil", "forces") in pairs  # a backer of the same country: the forces


@pytest.mark.parametrize(
    "text, status",
    [
        ("Velmar repeated allegations that the Blue Brigade had shelled the village.", "claimed"),
        ("The Blue Brigade denied accusations that it had shelled the village.", "negated"),
        ("The Blue Brigade rejected claims that it had shelled the village.", "negated"),
        # a verb of reporting is no claim noun: the report's content stays asserted
        ("Velmar reported that the Blue Brigade had shelled the village.", "asserted"),
    ],
    ids=["allegations-that", "denied-accusations", "rejected-claims", "reported-that"],
)
def test_a_claim_nouns_clause_is_claimed_and_denied_claims_negated(text: str, status: str) -> None:
    shelled = [e for e in run(text, ACTORS) if e.trigger.text.startswith("shelled")]
    assert shelled and shelled[0].status.value == status, [(e.trigger.text, e.status) for e in shelled]


def test_approving_an_aid_package_is_the_aid() -> None:
    # the approval itself is the aid (it had been read as a concession, the aid noun below it)
    evs = run("The Harbour Bank approved an aid package for Velmar.", ACTORS)
    best = max(evs, key=lambda e: e.confidence or 0.0)
    assert (best.type, best.source, best.trigger.text) == ("AID", "bank", "approved an aid package")


@pytest.mark.parametrize(
    "text, want",
    [
        ("Ruritania would not accept any mediation by Velmar.", ("REJECT", "asserted")),
        ("Ruritania never agreed to the plan.", ("REJECT", "asserted")),
        # a refusal verb over it is the rejection already: the acceptance stays a negated one
        ("Ruritania refused to agree to the plan.", ("AGREE", "negated")),
    ],
    ids=["would-not-accept", "never-agreed", "refused-to-agree"],
)
def test_an_acceptance_negated_outright_is_a_rejection(text: str, want) -> None:
    evs = run(text, ACTORS)
    trig = [e for e in evs if e.trigger.text.split()[0] in {"accept", "agreed", "agree"}]
    assert trig and (trig[0].type, trig[0].status.value) == want, [(e.type, e.status) for e in evs]


def test_accepting_a_proposal_is_agreeing_whatever_it_names() -> None:
    # "accept" is no light verb: "accepted the ceasefire proposal" is an agreement, not the
    # ceasefire noun's own event
    best = max(run("The Blue Brigade accepted the ceasefire proposal.", ACTORS),
               key=lambda e: e.confidence or 0.0)
    assert (best.type, best.trigger.text.split()[0]) == ("AGREE", "accepted")


def test_a_rule_read_through_a_frame_noun_spans_the_noun_it_matched() -> None:
    evs = run("Ruritania called up thousands of reservists on Monday.", ACTORS)
    assert [e.trigger.text for e in evs if e.type == "MOBILIZE"] == [
        "called up thousands of reservists"]
