"""CAMEO verb facts: mining the dictionary format, codes per verb, weak mined verbs, objects of
verbal triggers, and the learned re-scoring of ACLED sub-events. Own sentences only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventkit import C, G, make_ctx, run
from eventlens.config import Config
from eventlens.events import load_codebook
from eventlens.events.cameo_verbs import mine, read_tsv, write_tsv
from eventlens.events.extract import extract
from eventlens.types import Sector

# a tiny dictionary in the PETRARCH verb-file layout, written for this test
DICT = """\
####### SYNONYM SETS #######

&GUN
+RIFLE
+PISTOL
+HEAVY_GUN

####### VERB PATTERNS #######

---  GREET   [040]  ---
GREET {GREETS GREETED}
HAIL_AS  [051]
SALUTE [051]
- * PARADE                                   [062]         # SALUTE
- * (WITH FLOWERS)                           [051]         # GREET
- * &GUN                                     [194]         # GREET
- * CROWD                                    [:020]        # GREET

---  PONDER   [---]  ---
PONDER
######## TRANSFORMATIONS ##########
"""


def test_mine_keeps_plain_verbs_and_one_word_objects():
    got = {(v.lemma, v.obj, v.cameo) for v in mine(DICT)}
    assert got == {
        ("greet", None, "040"),
        ("salute", None, "051"),
        ("salute", "parade", "062"),  # the comment names the verb
        ("greet", "rifle", "194"),  # synonym set, one-word members only
        ("greet", "pistol", "194"),
    }


def test_tsv_round_trip():
    items = mine(DICT)
    assert read_tsv(write_tsv(items)) == items


def test_mine_rejects_other_files():
    with pytest.raises(ValueError):
        mine("just some text\n")


ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Avaria released two Belmont soldiers.", [("RETREAT", "084", "avaria", "belmont")]),
        ("Avaria jailed the Belmont ambassador.", [("COERCE", "173", "avaria", "belmont")]),
        ("Avaria acclaimed the new stadium.", []),
        ("Avaria endorsed the agreement with Belmont.", [("SUPPORT", "051", "avaria", "belmont")]),
        ("Avaria signed a trade accord with Belmont on Monday.",
         [("SUPPORT", "057", "avaria", "belmont")]),
        ("Avaria imposed sanctions on Belmont.", [("SANCTION", "163", "avaria", "belmont")]),
        ("Avarian students staged rallies against Belmont.",
         [("PROTEST", "141", "avaria", "belmont")]),
        ("An Avarian court issued arrest warrants for two men.",
         [("COERCE", "173", "avaria", None)]),
    ],
    ids=["verb-code-from-dictionary", "mined-verb-with-both-sides", "mined-verb-needs-a-target",
         "noun-object-is-not-a-second-event", "partner-of-the-object", "verb-plus-object-pattern",
         "lemma-cut-short", "trigger-inside-the-object"],
)
def test_codes_and_targets(text, want):
    evs = run(text, ACTORS)
    assert sorted((e.type, e.cameo, e.source, e.target) for e in evs) == want


class FakeClassifier:
    """Every CASE label gets a little mass; the given ones more."""

    def __init__(self, acled: dict[str, float]) -> None:
        from eventlens.events.classify import LABELS

        self.acled = {code: 0.02 for code in LABELS} | acled

    def probabilities(self, texts):
        return [(dict(self.acled), {"ASSAULT": 0.9}) for _ in texts]


GROUPS = {
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "army": ("Avarian army", G, Sector.MIL, ("national army",)),
    "villagers": ("villagers", G, Sector.CVL, ("villagers",)),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "probs", "acled"),
    [
        ("The Kestrel Brigade attacked villagers near the river.", {"AIR_STRIKE": 0.7},
         "Explosions/Remote violence/Air/drone strike"),
        ("The Kestrel Brigade attacked villagers near the river.", {"GRENADE": 0.05},
         "Violence against civilians/Attack"),
        ("The Kestrel Brigade attacked the national army.", {"ATTACK": 0.9},
         "Battles/Armed clash"),
        ("The Kestrel Brigade shelled villagers near the river.", {"AIR_STRIKE": 0.7},
         "Explosions/Remote violence/Shelling/artillery/missile attack"),
    ],
    ids=["generic-attack-refined", "unsure-keeps-rule", "actors-decide-clash",
         "specific-mode-kept"],
)
def test_classifier_picks_acled_subevent_only_when_rules_are_generic(text, probs, acled):
    cb = replace(load_codebook(Config()), classifier=FakeClassifier(probs))
    evs = [e for e in extract(make_ctx(text, GROUPS), cb) if e.type == "ASSAULT"]
    assert evs and {e.acled for e in evs} == {acled}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("The Avarian army seized a cache of rifles near the border.", "DISR_WEAP"),
        ("Avaria set up a military base near the Belmont border.", "HQ_ESTABLISHED"),
    ],
    ids=["weapons-seized", "base-established"],
)
def test_acled_strategic_developments(text, acled):
    actors = {**ACTORS, "army": ("Avarian army", G, Sector.MIL, ("Avarian army",))}
    cb = load_codebook(Config())
    codes = {cb.acled_code_for(e.acled) for e in run(text, actors)}
    assert acled in codes
