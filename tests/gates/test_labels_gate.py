"""Gate: label-span F1 on the PTC dev articles (Name_Calling,Labeling + Loaded_Language).

Skipped only when ../shared is absent. The span model is read from the user cache; when it
is not built yet, this gate builds it first with scripts/train_label_model.py (training
articles only, ~3 minutes once), exactly as `make label-model` would.
All 75 dev articles are scored (no subsampling).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gate_training import run_training_script

pytestmark = [pytest.mark.gate, pytest.mark.slow]

SHARED = Path(__file__).resolve().parents[3] / "shared"
PTC = SHARED / "benchmarks" / "slant" / "ptc_semeval2020"
FLOORS = json.loads((Path(__file__).parent / "floors_labels.json").read_text())



@pytest.fixture(scope="module")
def scores():
    if not SHARED.exists():
        pytest.skip("../shared is not present on this machine")
    from eventlens.config import Config
    from eventlens.nlp import load_nlp
    from eventlens.pipeline import Resources
    from eventlens.slant import load_lexicon
    from eventlens.slant.evaluate import evaluate

    cfg = Config()
    if load_lexicon(cfg).model is None:  # not built, or built by older feature code
        run_training_script("train_label_model.py", PTC)
    res = Resources(config=cfg, nlp=load_nlp(cfg.model), lexicon=load_lexicon(cfg))
    assert res.lexicon.model is not None
    return evaluate(PTC, res=res)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_label_scores_above_floor(scores, metric):
    section, kind, key = metric.split(".")
    value = scores[section][kind][key]
    assert value >= FLOORS[metric], f"{metric} = {value} < floor {FLOORS[metric]} ({scores})"
