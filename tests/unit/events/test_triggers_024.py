"""Triggers and status of codebook 0.2.4: objects framed by another noun ("a state of
emergency", "its alert level"), verb + preposition + noun rules ("went on strike", "took to the
streets"), a trigger's own CAMEO code, "would" in a reported clause as the report's future, and a denied clause as negated. Own
sentences."""

from __future__ import annotations

import pytest

from eventkit import RURITANIA, G, assert_coded, run
from eventlens.errors import ResourceError
from eventlens.events.codebook import _parse_rule

ACTORS = {
    **RURITANIA,
    "union": ("Dockers' Union", G, None, ("the Dockers' Union", "The Dockers' Union")),
    "bloc": ("Northern Council", G, None, ("The Northern Council", "the Northern Council")),
}


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param("Ruritania declared a state of emergency in the border provinces.",
                     ("COERCE", "ruri", "1724"), id="declare-state-of-emergency"),
        pytest.param("Ruritania imposed a state of emergency after the riots.",
                     ("COERCE", "ruri", "1724"), id="impose-state-of-emergency"),
        pytest.param("Ruritania lifted the state of emergency on Monday.",
                     ("RETREAT", "ruri", "0814"), id="lift-state-of-emergency"),
        pytest.param("Ruritania raised its alert level along the border with Velmar.",
                     ("MOBILIZE", "ruri", None), id="raise-alert-level"),
        pytest.param("Ruritania massed tanks near the border with Velmar.",
                     ("MOBILIZE", "ruri", None), id="mass-tanks"),
        pytest.param("The Dockers' Union went on strike over unpaid wages.",
                     ("PROTEST", "union", None), id="go-on-strike"),
        pytest.param("The Dockers' Union took to the streets after the verdict.",
                     ("PROTEST", "union", None), id="take-to-the-streets"),
        pytest.param("Ruritania shut down the internet in the eastern provinces.",
                     ("COERCE", "ruri", None), id="shut-down-internet"),
        pytest.param("Ruritania dissolved parliament on Tuesday.",
                     ("COERCE", "ruri", None), id="dissolve-parliament"),
        pytest.param("The Northern Council suspended Velmar's membership after the coup.",
                     ("SANCTION", "bloc", None), id="suspend-membership"),
        pytest.param("The Blue Brigade evacuated its bases near the airport.",
                     ("RETREAT", "mil", None), id="evacuate-bases"),
        pytest.param("Ruritania airdropped food to the cut-off villages of Velmar.",
                     ("AID", "ruri", None), id="airdrop"),
        pytest.param("Velmar charged that Ruritania had rigged the vote.",
                     ("ACCUSE", "vel", None), id="charge-that"),
        pytest.param("Ruritania denied Velmar's request for a prisoner exchange.",
                     ("REJECT", "ruri", None), id="deny-request"),
    ],
)
def test_triggers_024(text: str, want) -> None:
    assert_coded(text, ACTORS, want)


def test_new_object_rules_leave_the_dictionarys_reading() -> None:
    # guard (it held before 0.2.4 too): the verb dictionary's COOPERATE reading of "exchange"
    # still codes an exchange of intelligence
    got = {(e.type, e.source) for e in run(
        "Ruritania and Velmar exchanged intelligence on the smugglers.", ACTORS)}
    assert ("COOPERATE", "ruri") in got, got


def test_evacuating_people_is_aid_not_retreat() -> None:
    # "evacuate" is a RETREAT with military objects ("evacuated its bases"), aid with people
    got = {(e.type, e.source) for e in run(
        "Ruritania evacuated 300 civilians from the besieged port of Velmar.", ACTORS)}
    assert ("AID", "ruri") in got, got
    assert "RETREAT" not in {t for t, _ in got}, got


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("Ruritania warned that it would attack the Blue Brigade.", "ASSAULT", "planned"),
        ("Ruritania said its ministers would meet Velmar's envoy next week.", "CONSULT", "planned"),
        ("Ruritania would attack the Blue Brigade if Velmar withdrew.", "ASSAULT", "hypothetical"),
        ("Ruritania denied that it had shelled the Blue Brigade.", "ASSAULT", "negated"),
    ],
    ids=["warned-would", "said-would", "would-if", "denied-that"],
)
def test_status_024(text: str, type_: str, status: str) -> None:
    evs = [e for e in run(text, ACTORS) if e.type == type_]
    assert evs, f"no {type_} event"
    assert {e.status.value for e in evs} == {status}


def test_prep_rule_needs_its_object_list() -> None:
    rule = _parse_rule({"v": "go", "prep": "on", "pobj": ["strike"]}, "PROTEST", "strike", "t")
    assert (rule.prep, rule.with_) == ("on", frozenset({"strike"}))
    for bad in ({"v": "go", "prep": "on"}, {"v": "go", "pobj": ["strike"]},
                {"v": "go", "prep": "on", "pobj": ["strike"], "with": ["x"]}):
        with pytest.raises(ResourceError):
            _parse_rule(bad, "PROTEST", "strike", "t")


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param("The Blue Brigade attacked the port when Ruritania stepped up its air support.",
                     ("AID", "ruri"), id="its-in-a-when-clause"),
        pytest.param("Velmar shelled the port after the Blue Brigade announced its withdrawal.",
                     ("RETREAT", "mil"), id="its-after-clause"),
    ],
)
def test_possessive_pronoun_is_its_clause_subject(text: str, want) -> None:
    # with another event in the sentence no actor is guessed by position: the possessive
    # pronoun itself names the act's source, the subject of its own clause
    got = {(e.type, e.source) for e in run(text, ACTORS)}
    assert want in got, got


def test_act_in_a_relative_clause_ranks_below_the_main_act() -> None:
    # "who had attacked Velmar" describes the fighters; the sentence's main act is the release
    evs = run("Ruritania freed fighters of the Blue Brigade who had attacked Velmar.", ACTORS)
    main = max(evs, key=lambda e: (e.confidence or 0.0, -e.trigger.start))
    assert (main.type, main.source) == ("RETREAT", "ruri"), [(e.type, e.confidence) for e in evs]
    assert any(e.type == "ASSAULT" and e.source == "mil" for e in evs)  # kept, ranked below


def test_act_in_a_phrase_of_concession_ranks_below_the_main_act() -> None:
    # "despite the shelling ... by Velmar": the circumstance of the release, not the main act
    evs = run("Ruritania released 40 prisoners of the Blue Brigade despite the shelling of its "
              "border towns by Velmar.", ACTORS)
    main = max(evs, key=lambda e: (e.confidence or 0.0, -e.trigger.start))
    assert (main.type, main.source) == ("RETREAT", "ruri"), [(e.type, e.confidence) for e in evs]
    assert any(e.type == "ASSAULT" and e.source == "vel" for e in evs)


def test_by_phrase_hung_on_the_governing_verb_is_the_act_nouns_agent() -> None:
    # the parser hangs "by the Blue Brigade" on "sent"; right after "the siege" it names who
    # lays the siege
    evs = run("Velmar sent aid to the port during the siege by the Blue Brigade.", ACTORS)
    assert any(e.type == "COERCE" and e.source == "mil" for e in evs), \
        [(e.type, e.source, e.target) for e in evs]
    assert not any(e.type == "COERCE" and e.source == "vel" for e in evs)
