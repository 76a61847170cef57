"""The CAMEO code of an event follows the trigger verb, as in the CAMEO verb dictionary: a bare
verb takes its dictionary code (often the 3-digit root), whatever the mode's ACLED reading, and
the classifier's ACLED choice does not change it. Own sentences only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventkit import G, make_ctx
from eventlens.config import Config
from eventlens.events import load_codebook
from eventlens.events.codebook import load
from eventlens.events.extract import extract
from eventlens.types import Sector


@pytest.mark.parametrize(
    ("lemma", "type_", "mode", "cameo"),
    [
        ("kill", "ASSAULT", "attack", "190"),
        ("shoot", "ASSAULT", "firearms", "190"),
        ("bombard", "ASSAULT", "heavy-weapons", "190"),
        ("release", "RETREAT", "release", "084"),
        ("protest", "PROTEST", "demo", "140"),
        ("welcome", "SUPPORT", "support", "051"),
    ],
    ids=["root-code-of-kill", "shoot-is-root-not-firearms", "bombard-is-root",
         "release-code-from-dictionary", "protest-root", "welcome-praise"],
)
def test_bare_verb_takes_dictionary_code(lemma, type_, mode, cameo):
    rules = [r for r in load().verb_rules[lemma]
             if r.type == type_ and r.mode_key == mode and r.specificity == 0]
    assert rules and {r.cameo for r in rules} == {cameo}


def test_constrained_rules_keep_their_pattern_code():
    # "fire" + rocket is a pattern (heavy weapons); the bare verb rule does not override it
    rules = [r for r in load().verb_rules["fire"]
             if r.type == "ASSAULT" and r.mode_key == "heavy-weapons" and "rocket" in r.obj]
    default = load().mode("ASSAULT", "heavy-weapons").default_cameo
    assert rules and {r.cameo or default for r in rules} == {"194"}


class _Probs:
    def __init__(self, acled: dict[str, float]) -> None:
        from eventlens.events.classify import LABELS

        self.acled = {code: 0.02 for code in LABELS} | acled

    def probabilities(self, texts):
        return [(dict(self.acled), {"ASSAULT": 0.9}) for _ in texts]


GROUPS = {
    "militia": ("Heron militia", G, Sector.UAF, ("Heron militia",)),
    "farmers": ("farmers", G, Sector.CVL, ("farmers",)),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "probs", "acled", "cameo"),
    [
        ("The Heron militia killed farmers outside the market town.", {"AIR_STRIKE": 0.8},
         "Explosions/Remote violence/Air/drone strike", "190"),
        ("The Heron militia killed farmers outside the market town.", {"ATTACK": 0.8},
         "Violence against civilians/Attack", "190"),
    ],
    ids=["acled-refined-code-kept", "acled-kept-code-kept"],
)
def test_rescore_keeps_the_verb_code(text, probs, acled, cameo):
    cb = replace(load_codebook(Config()), classifier=_Probs(probs))
    evs = [e for e in extract(make_ctx(text, GROUPS), cb) if e.type == "ASSAULT"]
    assert evs and {(e.acled, e.cameo) for e in evs} == {(acled, cameo)}
