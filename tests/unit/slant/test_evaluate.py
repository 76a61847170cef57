"""The SemEval-2020 SI partial-overlap scorer and the exact scorer, on hand-made spans."""

from __future__ import annotations

import pytest

from eventlens.slant.evaluate import exact_scores, merge, read_gold, si_scores


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([(0, 5), (3, 8)], [(0, 8)]),
        ([(10, 12), (0, 4)], [(0, 4), (10, 12)]),
        ([(0, 4), (4, 6)], [(0, 6)]),
        ([(5, 5), (1, 2)], [(1, 2)]),
    ],
    ids=["overlap", "sorted", "touching", "empty-dropped"],
)
def test_merge(spans, merged):
    assert merge(spans) == merged


@pytest.mark.parametrize(
    ("pred", "gold", "p", "r"),
    [
        ({"a": [(0, 10)]}, {"a": [(0, 10)]}, 1.0, 1.0),
        ({"a": [(0, 10)]}, {"a": [(5, 15)]}, 0.5, 0.5),
        ({"a": [(0, 4)]}, {"a": [(0, 8)]}, 1.0, 0.5),
        ({"a": [(0, 4), (20, 30)]}, {"a": [(0, 8)]}, 0.5, 0.5),
        ({"a": [(0, 4)]}, {"b": [(0, 4)]}, 0.0, 0.0),
        ({"a": [(0, 6), (4, 10)]}, {"a": [(0, 10)]}, 1.0, 1.0),
        ({}, {"a": [(0, 10)]}, 0.0, 0.0),
    ],
    ids=["exact", "half-overlap", "inside-gold", "one-false-positive", "other-article",
         "overlapping-preds-merged", "no-predictions"],
)
def test_si_partial_credit(pred, gold, p, r):
    s = si_scores(pred, gold)
    assert s["precision"] == pytest.approx(p)
    assert s["recall"] == pytest.approx(r)
    f = 2 * p * r / (p + r) if p + r else 0.0
    assert s["f1"] == pytest.approx(f, abs=1e-4)


def test_exact_needs_identical_offsets():
    s = exact_scores({"a": [(0, 10), (20, 25)]}, {"a": [(0, 10), (21, 25)]})
    assert (s["precision"], s["recall"]) == (0.5, 0.5)


def test_read_gold_keeps_two_techniques(tmp_path):
    f = tmp_path / "gold.labels"
    f.write_text("1\tLoaded_Language\t3\t9\n1\tDoubt\t0\t4\n2\tName_Calling,Labeling\t5\t7\n")
    assert read_gold(f) == {"1": [(3, 9, "Loaded_Language")], "2": [(5, 7, "Name_Calling,Labeling")]}
