"""The learned source/target chooser (:mod:`eventlens.events.learned_roles`): its decision rule,
model file, candidate features and hook in extraction, with small hand-made models (no trained
weights needed), plus the training script's reader of the CoNLL tags."""

from __future__ import annotations

import importlib.util
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from eventkit import C, G, P, make_ctx, run
from eventlens.config import Config
from eventlens.errors import ResourceError
from eventlens.events import learned_roles, load_codebook
from eventlens.events.extract import extract
from eventlens.events.learned_roles import Candidate, RoleModel, RoleScorer, decide
from eventlens.events.learned_roles import load_model as real_load_model
from eventlens.events.roles import Roles, trigger_roles
from eventlens.events.sentences import units
from eventlens.events.triggers import match_unit
from eventlens.types import Sector

DIM = 2**16
TH = ((0.5, 0.2, 0.6), (0.5, 0.2, 0.6))
ACTORS = {
    "ava": ("Avaria", C, None, ("Avaria", "Avarian")),
    "bor": ("Borduria", C, None, ("Borduria", "Bordurian")),
    "ivo": ("Ivo Marek", P, Sector.GOV, ("Ivo Marek",)),
    "red": ("Red Hand", G, Sector.REB, ("Red Hand",)),
}


def model_of(source: dict[str, float], target: dict[str, float], thresholds=TH) -> RoleModel:
    """A model whose weights are the given feature strings' (everything else 0)."""
    w = np.zeros((2, DIM), dtype=np.float32)
    for k, feats in enumerate((source, target)):
        for f, v in feats.items():
            w[k, zlib.crc32(f.encode("utf-8")) % DIM] += v
    return RoleModel(weights=w, thresholds=thresholds)


NEVER = model_of({"bias": -20.0}, {"bias": -20.0})


def pairs(evs) -> list[tuple[str, str | None, str | None]]:
    return sorted((e.type, e.source, e.target) for e in evs)


def with_model(ctx, model):
    """Events of ``ctx`` with ``model`` as the article's role model."""
    saved = learned_roles.load_model
    learned_roles.load_model = lambda: model
    try:
        return extract(ctx, load_codebook(Config()))
    finally:
        learned_roles.load_model = saved


# ----- the decision rule ------------------------------------------------------------------------

def cands(*actors: str) -> list[Candidate]:
    return [Candidate(k, k + 1, a, ()) for k, a in enumerate(actors)]


DECIDE = [
    # (id, candidates' actors, their P, rules' choice, other side, fixed, expected)
    ("fills-an-empty-slot", ("a", "b"), (0.7, 0.2), [], [], False, ["a"]),
    ("too-doubtful-to-fill", ("a", "b"), (0.45, 0.2), [], [], False, []),
    ("keeps-a-plausible-rule-choice", ("a", "b"), (0.9, 0.3), ["b"], [], False, ["b"]),
    ("replaces-an-implausible-guess", ("a", "b"), (0.9, 0.1), ["b"], [], False, ["a"]),
    ("no-strong-alternative", ("a", "b"), (0.55, 0.1), ["b"], [], False, ["b"]),
    ("a-parse-side-is-fixed", ("a", "b"), (0.99, 0.0), ["b"], [], True, ["b"]),
    ("fixed-empty-slot-still-fills", ("a", "b"), (0.8, 0.0), [], [], True, ["a"]),
    ("never-the-other-side", ("a", "b"), (0.9, 0.6), [], ["a"], False, ["b"]),
    ("an-actors-best-mention-counts", ("a", "b", "a"), (0.3, 0.4, 0.8), [], [], False, ["a"]),
    ("rule-choice-is-the-best", ("a", "b"), (0.1, 0.05), ["a"], [], False, ["a"]),
]


@pytest.mark.parametrize(("actors", "probs", "chosen", "other", "fixed", "want"),
                         [c[1:] for c in DECIDE], ids=[c[0] for c in DECIDE])
def test_decide(actors, probs, chosen, other, fixed, want):
    model = model_of({}, {})
    assert decide(model, 1, cands(*actors), list(probs), chosen, other, fixed=fixed) == want


# ----- the model file ---------------------------------------------------------------------------

def test_model_round_trip(tmp_path):
    path = tmp_path / "events" / "role_model.npz"
    m = model_of({"bias": 1.5}, {"dep=pobj": -2.0}, thresholds=((0.4, 0.1, 0.7), (0.3, 0.2, 0.8)))
    m.save(path)
    back = RoleModel.load(path)
    assert back.thresholds == ((0.4, 0.1, 0.7), (0.3, 0.2, 0.8))
    assert np.array_equal(back.weights, m.weights)


def test_model_from_other_feature_code_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "m.npz"
    NEVER.save(path)
    monkeypatch.setattr(learned_roles, "FEATURES", "r-old")
    with pytest.raises(ResourceError, match="rebuild"):
        RoleModel.load(path)


@pytest.mark.parametrize("setting", ["missing", "off", "corrupt"])
def test_no_usable_model_means_rules(tmp_path, monkeypatch, setting):
    monkeypatch.setattr(learned_roles, "load_model", real_load_model)
    monkeypatch.setenv("EVENTLENS_CACHE", str(tmp_path))
    if setting == "off":
        NEVER.save(tmp_path / "events" / "role_model.npz")  # present, but switched off
        monkeypatch.setenv("EVENTLENS_ROLE_MODEL", "off")
    elif setting == "corrupt":
        (tmp_path / "bad.npz").write_bytes(b"not a model")
        monkeypatch.setenv("EVENTLENS_ROLE_MODEL", str(tmp_path / "bad.npz"))
    else:
        monkeypatch.delenv("EVENTLENS_ROLE_MODEL", raising=False)
    real_load_model.cache_clear()
    try:
        assert real_load_model() is None
        text = "Avarian jets bombed positions held by the Red Hand near Borduria."
        ctx = make_ctx(text, ACTORS)
        assert learned_roles.scorer(ctx, Roles(ctx, load_codebook(Config()))) is None
        assert pairs(extract(ctx, load_codebook(Config()))) == [("ASSAULT", "ava", None)]
    finally:
        real_load_model.cache_clear()


# ----- candidate features -----------------------------------------------------------------------

def _candidates(text: str, how: str) -> dict[str, Candidate]:
    cb = load_codebook(Config())
    ctx = make_ctx(text, ACTORS)
    roles = Roles(ctx, cb)
    unit = next(units(ctx.doc))
    m = match_unit(ctx.doc, unit, cb, in_names=ctx.actor_at)[0]
    sources, targets, _ = trigger_roles(m, roles, unit)
    return {c.actor: c for c in RoleScorer(NEVER, ctx, roles).candidates(unit, m, sources,
                                                                         targets, how)}


FEATURES = [
    ("subject", "Ivo Marek met Bordurian officials in Avaria on Tuesday.", "parse", "ivo",
     ["path=nsubj", "side=before", "chosen=S", "kind=person", "sector=GOV", "type=CONSULT"]),
    ("object-modifier", "Ivo Marek met Bordurian officials in Avaria on Tuesday.", "parse",
     "bor", ["dep=amod", "path=amod^dobj", "side=after", "chosen=Tparse", "rank=after0"]),
    ("place-phrase", "Ivo Marek met Bordurian officials in Avaria on Tuesday.", "parse", "ava",
     ["prep=in", "path=pobj^prep", "chosen=no", "rank=after1", "how=parse"]),
    ("passive-agent", "Avarian jets bombed positions held by the Red Hand near Borduria.", "none",
     "red", ["prep=by", "kind=group", "sector=REB", "chosen=no", "how=none", "pass=False"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "how", "actor", "feats"), [f[1:] for f in FEATURES],
                         ids=[f[0] for f in FEATURES])
def test_candidate_features(text, how, actor, feats):
    found = _candidates(text, how)
    ids = set(found[actor].ids)
    missing = [f for f in feats if zlib.crc32(f.encode("utf-8")) not in ids]
    assert not missing
    assert len({len(c.ids) for c in found.values()}) == 1  # one id per feature template


# ----- the hook in extraction -------------------------------------------------------------------

COUNTRY_TARGET = model_of({"bias": -20.0}, {"bias": -6.0, "kind=country": 12.0})
HOOK = [
    # (id, sentence, model, expected (type, source, target) list)
    ("fills-a-missing-target", "Avarian jets bombed positions held by the Red Hand near Borduria.",
     model_of({"bias": -20.0}, {"bias": -6.0, "prep=by": 12.0}), [("ASSAULT", "ava", "red")]),
    ("doubtful-model-leaves-it-empty",
     "Avarian jets bombed positions held by the Red Hand near Borduria.",
     model_of({"bias": -20.0}, {"bias": -6.0, "prep=by": 5.0}), [("ASSAULT", "ava", None)]),
    ("parse-target-is-kept", "Ivo Marek met Bordurian officials in Avaria on Tuesday.",
     model_of({"bias": -20.0}, {"bias": -6.0, "prep=in": 12.0, "chosen=Tparse": -20.0}),
     [("CONSULT", "ivo", "bor")]),
    # attribution is not agency: the one who reports an act is never made its side
    ("never-the-reporter", "Bordurian villages were shelled on Monday, Ivo Marek said.",
     model_of({"bias": -6.0, "kind=person": 12.0}, {"bias": -20.0}), [("ASSAULT", None, "bor")]),
    ("never-a-circumstance", "The Red Hand protested on Monday, despite pressure from Borduria.",
     COUNTRY_TARGET, [("PROTEST", "red", None)]),
    ("never-a-topic", "The Red Hand joined the Borduria talks on Monday.", COUNTRY_TARGET,
     [("CONSULT", "red", None)]),
    ("never-where-another-actor-is", "The Red Hand in Borduria protested on Monday.",
     COUNTRY_TARGET, [("PROTEST", "red", None)]),
    ("but-a-country-otherwise", "The Red Hand protested on Monday outside the Bordurian embassy.",
     COUNTRY_TARGET, [("PROTEST", "red", "bor")]),
    # an "of" phrase on a noun naming another act is that act's participant
    ("never-of-another-act", "The Red Hand answered the calls of Borduria to end the war.",
     COUNTRY_TARGET, [("RETREAT", "red", None)]),
    ("but-of-its-own-act", "The Red Hand announced the release of Bordurian prisoners.",
     COUNTRY_TARGET, [("RETREAT", "red", "bor")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "model", "want"), [h[1:] for h in HOOK],
                         ids=[h[0] for h in HOOK])
def test_hook(text, model, want):
    assert pairs(with_model(make_ctx(text, ACTORS), model)) == want


RULES_ALONE = [
    "Avarian jets bombed positions held by the Red Hand near Borduria.",
    "Ivo Marek met Bordurian officials in Avaria on Tuesday.",
    "Avaria accused Borduria of shelling villages.",
    "The Red Hand attacked a convoy on Sunday, killing three Bordurian soldiers.",
    "Avaria protested on Monday over the detention of its ambassador in Borduria.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", RULES_ALONE, ids=range(len(RULES_ALONE)))
def test_a_model_that_never_fires_changes_nothing(text):
    rules = run(text, ACTORS)
    assert rules
    assert with_model(make_ctx(text, ACTORS), NEVER) == rules


@pytest.mark.slow
def test_an_added_side_leaves_the_confidence_as_it_was():
    text = "Avarian jets bombed positions held by the Red Hand near Borduria."
    (rule,) = run(text, ACTORS)
    (learned,) = with_model(make_ctx(text, ACTORS),
                            model_of({"bias": -20.0}, {"bias": -6.0, "prep=by": 12.0}))
    assert (rule.target, learned.target) == (None, "red")
    assert learned.confidence == rule.confidence


# ----- the training script's reader -------------------------------------------------------------

def _script():
    name = "train_event_roles"
    if name not in sys.modules:  # dataclasses need their module registered
        path = Path(__file__).resolve().parents[3] / "scripts" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


CONLL = [
    ("source-and-target",
     [("Avarian", "B-S"), ("troops", "I-S"), ("shelled", "O"), ("Borduria", "B-T"), (".", "O")],
     "Avarian troops shelled Borduria.", {"S": ["Avarian troops"], "T": ["Borduria"]}),
    ("reciprocal-is-both",
     [("Avaria", "B-R"), ("and", "O"), ("Borduria", "B-R"), ("met", "O"), ("(", "O"),
      ("again", "O"), (")", "O")],
     "Avaria and Borduria met (again)", {"S": ["Avaria", "Borduria"], "T": ["Avaria", "Borduria"]}),
    ("adjacent-b-tags-split",
     [("Ivo", "B-S"), ("Marek", "I-S"), ("Avaria", "B-S"), ("'s", "O"), ("envoy", "O")],
     "Ivo Marek Avaria's envoy", {"S": ["Ivo Marek", "Avaria"], "T": []}),
]


@pytest.mark.parametrize(("toks", "text", "spans"), [c[1:] for c in CONLL],
                         ids=[c[0] for c in CONLL])
def test_training_reader(tmp_path, toks, text, spans):
    path = tmp_path / "train.txt"
    path.write_text("\n".join(f"{w} {t}" for w, t in toks) + "\n\n", encoding="utf-8")
    (sent,) = _script().read_conll(path, None)
    assert sent.text == text
    assert {k: [sent.text[s:e] for s, e in v] for k, v in sent.gold.items()} == spans
