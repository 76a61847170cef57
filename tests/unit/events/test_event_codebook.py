"""The packaged codebook: complete, well-formed, and its look-ups."""

from __future__ import annotations

import pytest
import yaml

from eventlens.config import Config
from eventlens.errors import ResourceError
from eventlens.events import load_codebook
from eventlens.events.codebook import PLOVER_TYPES, _read_packaged, parse_codebook

ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}
CASE_LABELS = {
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK",
    "ATTACK", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DISR_WEAP", "FORCE_AGAINST_PROTEST",
    "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED", "MOB_VIOL", "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER", "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT", "PROTEST_WITH_INTER",
    "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR",
}


@pytest.fixture(scope="module")
def cb():
    return load_codebook(Config())


def test_all_sixteen_types_in_order(cb):
    assert cb.types == PLOVER_TYPES
    assert len(cb.types) == 16


def test_cached(cb):
    assert load_codebook(Config()) is cb


def test_header(cb):
    assert cb.version and cb.licence and cb.sources


def test_every_mode_is_complete(cb):
    for name in cb.types:
        for m in cb.type(name).modes:
            assert m.cameo and all(c.isdigit() and 2 <= len(c) <= 4 for c in m.cameo), (name, m.key)
            assert m.acled_subtype in ACLED[m.acled_type], (name, m.key, m.acled)
            assert m.acled_code in CASE_LABELS, (name, m.key)
            assert m.definition and 2 <= len(m.examples) <= 4
            assert m.triggers, (name, m.key)
            for _, (t, s, code) in m.acled_by_actor.items():
                assert s in ACLED[t] and code in CASE_LABELS


def test_default_cameo_agrees_with_cameo2plover(cb):
    """The default CAMEO code of each mode maps back to its own PLOVER type."""
    mismatched = [
        (name, m.key, m.default_cameo, cb.plover_for_cameo(m.default_cameo))
        for name in cb.types
        for m in cb.type(name).modes
        if cb.plover_for_cameo(m.default_cameo) != name
    ]
    # Where POLECAT and the CAMEO2PLOVER table disagree we keep the POLECAT type and the nearest
    # CAMEO code: declared ceasefires (0356), resignations (0831), sanctions (163), convictions (116)
    allowed = {("CONCEDE", "ceasefire-declared"), ("RETREAT", "resign"), ("SANCTION", "sanction"),
               ("SANCTION", "convict")}
    assert [x for x in mismatched if (x[0], x[1]) not in allowed] == []


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("195", "ASSAULT"), ("1951", "ASSAULT"), ("192", "COERCE"), ("191", "COERCE"),
        ("0841", "RETREAT"), ("0871", "RETREAT"), ("163", "COERCE"), ("1712", "ASSAULT"),
        ("041", "CONSULT"), ("057", "SUPPORT"), ("112", "ACCUSE"), ("090", "ACCUSE"),
        ("02", "REQUEST"), ("024", "REQUEST"), ("01", None), ("010", None), ("999", None),
        ("", None),
    ],
    ids=lambda v: repr(v),
)
def test_plover_for_cameo(cb, code, plover):
    assert cb.plover_for_cameo(code) == plover


def test_cameo_roots(cb):
    roots = cb.cameo_roots
    assert roots["19"] == "ASSAULT" and roots["04"] == "CONSULT" and roots["01"] is None
    assert len(roots) == 20


@pytest.mark.parametrize(
    ("type_", "mode", "cameo", "acled"),
    [
        ("ASSAULT", "aerial", "195", "Explosions/Remote violence/Air/drone strike"),
        ("CONSULT", "phone", "041", "Strategic developments/Other"),
        ("COERCE", "territory", "192", "Battles/Non-state actor overtakes territory"),
        ("AGREE", None, "030", "Strategic developments/Agreement"),
        ("PROTEST", "demo", "141", "Protests/Peaceful protest"),
    ],
    ids=["aerial", "phone", "territory-key", "default-mode", "demo"],
)
def test_mode_lookup(cb, type_, mode, cameo, acled):
    m = cb.mode(type_, mode)
    assert m is not None
    assert m.default_cameo == cameo and cb.default_cameo(type_, mode) == cameo
    assert m.acled == acled


def test_mode_lookup_unknown(cb):
    assert cb.mode("ASSAULT", "no-such-mode") is None
    assert cb.mode("FIGHT") is None
    with pytest.raises(KeyError):
        cb.type("FIGHT")


def test_acled_code_for(cb):
    assert cb.acled_code_for("Explosions/Remote violence/Air/drone strike") == "AIR_STRIKE"
    assert cb.acled_code_for("Battles/Government regains territory") == "GOV_REGAINS_TERIT"
    assert cb.acled_code_for(None) is None


def test_examples_are_ours_and_plenty(cb):
    ex = cb.examples()
    assert len(ex) >= 100
    assert {t for t, _, _ in ex} == set(PLOVER_TYPES)


def _raw():
    return yaml.safe_load(_read_packaged("codebook.yaml")), _read_packaged("cameo2plover.tsv")


@pytest.mark.parametrize(
    "breakage",
    ["unknown-type", "missing-type", "bad-cameo", "bad-trigger-key", "bad-needs", "no-header",
     "trigger-cameo-of-another-type", "bad-trigger-cameo"],
)
def test_validation_rejects_broken_codebooks(breakage):
    data, cameo = _raw()
    if breakage == "unknown-type":
        data["types"]["FIGHT"] = data["types"]["ASSAULT"]
    elif breakage == "missing-type":
        del data["types"]["AID"]
    elif breakage == "bad-cameo":
        data["types"]["AID"]["modes"][0]["cameo"] = ["7a"]
    elif breakage == "bad-trigger-key":
        data["types"]["AID"]["modes"][0]["triggers"].append({"v": "give", "colour": "red"})
    elif breakage == "bad-needs":
        data["types"]["AID"]["modes"][0]["triggers"].append({"v": "give", "needs": "iobj"})
    elif breakage == "no-header":
        del data["licence"]
    elif breakage == "trigger-cameo-of-another-type":  # 190 is an ASSAULT code
        data["types"]["AID"]["modes"][0]["triggers"].append({"v": "give", "cameo": "190"})
    elif breakage == "bad-trigger-cameo":
        data["types"]["AID"]["modes"][0]["triggers"].append({"v": "give", "cameo": "07x"})
    with pytest.raises(ResourceError):
        parse_codebook(data, cameo)


def test_rules_precompiled_most_specific_first(cb):
    rules = cb.noun_rules["strike"]
    assert all(r.compound for r in rules)  # a bare "strike" noun is not a trigger
    support = cb.verb_rules["support"]
    assert support[0].type == "AID" and support[-1].type == "SUPPORT"
