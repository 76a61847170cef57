"""Accuracy gate of the quote stage on PolNeAR dev (../shared/benchmarks/quotes/polnear).

Measures the learned path: the cue model and the source chooser are read from the user cache;
when they are not built yet (or were built by older feature code), this gate builds them first
with scripts/train_quote_model.py and scripts/train_quote_sources.py (PolNeAR train split
only; a few minutes once, mostly the spaCy parse of the 840 training articles on 2 cores),
exactly as `make quote-model` would.
Runs the whole dev split (84 articles: spaCy parse + actors + quotes, about a minute on one
core). Test is not used here (its authors ask that it be used once); the measured test scores
are in the stage's report. Floors in floors_quotes.json sit a little below the measured dev
scores and only move up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gate_training import run_training_script

SHARED = Path(__file__).resolve().parents[3] / "shared"
DATA = SHARED / "benchmarks" / "quotes" / "polnear"
FLOORS = json.loads((Path(__file__).parent / "floors_quotes.json").read_text(encoding="utf-8"))

pytestmark = [pytest.mark.gate, pytest.mark.slow]



@pytest.fixture(scope="module")
def scores(resources):
    if not SHARED.exists():
        pytest.skip("../shared is not present on this machine")
    from eventlens.quotes.evaluate import evaluate
    from eventlens.quotes.learned import load_model

    from eventlens.quotes import learned_source

    built_cues = False
    if load_model() is None:  # not built, or built by older feature code
        run_training_script("train_quote_model.py", DATA)
        load_model.cache_clear()
        built_cues = True
    assert load_model() is not None, "the quote cue model could not be built"
    # the source chooser learns from the cue model's output: rebuilt after it
    if built_cues or learned_source.load_model() is None:
        run_training_script("train_quote_sources.py", DATA)
        learned_source.load_model.cache_clear()
    assert learned_source.load_model() is not None, "the quote source chooser could not be built"
    return evaluate(DATA, res=resources, splits=("dev",))["dev"]


def _floor_items():
    return [
        (subset, role, metric, floor)
        for subset, roles in FLOORS["dev"].items()
        if not subset.startswith("_")
        for role, metrics in roles.items()
        for metric, floor in metrics.items()
    ]


@pytest.mark.parametrize(
    ("subset", "role", "metric", "floor"),
    _floor_items(),
    ids=[f"{s}-{r}-{m}" for s, r, m, _ in _floor_items()],
)
def test_floor(scores, subset, role, metric, floor):
    got = scores[subset][role][metric]["f1"]
    assert got >= floor, f"{subset} {role} {metric} F1 {got:.4f} fell below the floor {floor}"


def test_whole_split_scored(scores):
    assert scores["articles"] == 84
    assert scores["all"]["gold"] > 2000
