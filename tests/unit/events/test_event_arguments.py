"""Arguments beyond subject and object: the owner of a non-actor object ("positions of X"),
passive object control ("X was urged by Y to ..."), infinitival clauses parsed as adverbial,
light verbs that yield to their trigger noun ("expressed support for X"), and wished-for
events ("hopes that X will ..."). Own sentences, hand-made actors, real parses."""

from __future__ import annotations

import pytest

from eventkit import C, G, run
from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "parties": ("the parties", G, None, ("all parties",)),
}


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        ("Avaria's forces shelled positions of the Kestrel Brigade.", "ASSAULT",
         ("avaria", "kestrel")),
        ("Avaria froze the assets of Belmont.", "SANCTION", ("avaria", "belmont")),
        ("Belmont was accused by Avaria of arming the Kestrel Brigade.", "AID",
         ("belmont", "kestrel")),
        ("Avaria called on Belmont to release the prisoners.", "RETREAT", ("belmont", None)),
        ("Belmont was urged by Avaria to release the prisoners.", "RETREAT", ("belmont", None)),
        ("Avaria expressed support for Belmont.", "SUPPORT", ("avaria", "belmont")),
        ("Avaria announced on Monday that they had attacked the Kestrel Brigade.", "ASSAULT",
         ("avaria", "kestrel")),
    ],
    ids=["of-owner-of-object", "of-owner-of-light-object", "passive-accused-of",
         "called-on-advcl", "passive-urged-to", "expressed-support", "pronoun-antecedent"],
)
def test_arguments(text, type_, expected):
    evs = [(e.source, e.target) for e in run(text, ACTORS) if e.type == type_]
    assert expected in evs, evs


def test_light_verb_alone_is_not_the_event_when_its_object_is_a_trigger():
    evs = run("Avaria expressed support for Belmont.", ACTORS)
    assert [e.type for e in evs] == ["SUPPORT"]


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("It is hoped that all parties will agree to end the war.", "RETREAT", "hypothetical"),
        ("Avaria hopes that Belmont will withdraw its troops.", "RETREAT", "hypothetical"),
        ("Avaria wants Belmont to withdraw its troops.", "RETREAT", "hypothetical"),
        ("Avaria hopes to meet Belmont next month.", "CONSULT", "planned"),
        ("The rebels hoped to meet Belmont.", "CONSULT", "planned"),
        ("Avaria withdrew its troops from Belmont.", "RETREAT", "asserted"),
    ],
    ids=["it-is-hoped-that", "hopes-that-other-subject", "wants-x-to", "hopes-to-own-act",
         "hoped-to-lemma-cut", "plain-asserted"],
)
def test_wished_for_events(text, type_, status):
    evs = [e for e in run(text, ACTORS) if e.type == type_]
    assert evs, f"no {type_} event"
    assert {e.status.value for e in evs} == {status}


@pytest.mark.parametrize(
    "text",
    [
        "The Kestrel Brigade suffered heavy shelling overnight, Avaria said.",
        "According to Avaria, the Kestrel Brigade suffered heavy shelling overnight.",
    ],
    ids=["reporter-after", "according-to-before"],
)
def test_guessed_actors_by_position_skip_the_reporter(text):
    evs = [e for e in run(text, ACTORS) if e.type == "ASSAULT"]
    assert evs
    assert all("avaria" not in (e.source, e.target) for e in evs)
    assert all(e.confidence is not None and e.confidence <= 0.5 for e in evs)


def test_no_guess_when_the_parse_links_an_actor_in_the_sentence():
    evs = run("Avaria attacked the Kestrel Brigade, and heavy shelling followed.", ACTORS)
    assert all(e.confidence is not None and e.confidence > 0.5 for e in evs)


@pytest.mark.parametrize(
    "text",
    [
        "Avaria said a ship had reported an explosion near the port.",
        "In Belmont, the explosion near the Kestrel Brigade camp killed four.",
    ],
    ids=["other-clause", "place-phrase"],
)
def test_no_guessed_participant_from_another_clause_or_a_place_phrase(text):
    assert run(text, ACTORS) == ()
