"""Accuracy gate of the geo stage on TR-News, GeoWebNews and LGL (../shared/benchmarks/geo).

Deterministic subsample: ``LIMIT`` evenly spaced articles per corpus (keeps the gate ~2 min on
2 cores). Floors in floors_geo.json sit a little below the measured scores; they only move up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
DATA = SHARED / "benchmarks" / "geo"
FLOORS = json.loads((Path(__file__).parent / "floors_geo.json").read_text(encoding="utf-8"))

pytestmark = [pytest.mark.gate, pytest.mark.slow,
              pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")]


@pytest.fixture(scope="module")
def scores() -> dict:
    from eventlens.geo.evaluate import evaluate

    return evaluate(DATA, limit=FLOORS["limit"])


METRICS = [(corpus, metric) for corpus in ("tr-news", "geowebnews", "lgl")
           for metric in ("e2e_acc161", "e2e_recall", "e2e_precision", "gold_acc161")]


@pytest.mark.parametrize(("corpus", "metric"), METRICS, ids=[f"{c}-{m}" for c, m in METRICS])
def test_floor(scores: dict, corpus: str, metric: str) -> None:
    setting, name = metric.split("_", 1)
    block = scores[corpus]["e2e" if setting == "e2e" else "gold_spans"]
    value = block[name]
    floor = FLOORS[corpus][metric]
    assert value is not None and value >= floor, f"{corpus} {metric}: {value} < floor {floor}"


@pytest.mark.parametrize("corpus", ["tr-news", "geowebnews", "lgl"])
def test_distance_metrics_reported(scores: dict, corpus: str) -> None:
    block = scores[corpus]["e2e"]
    for key in ("mean_km", "median_km", "auc"):
        assert block[key] is not None
    assert scores[corpus]["e2e"]["auc"] <= FLOORS[corpus]["e2e_auc_max"]
