"""The geo evaluator's same-GeoNames-id diagnostic: a toponym resolved to the gold's own id whose
reference point moved more than 161 km between gazetteer versions is counted, nothing else is."""

from __future__ import annotations

import pytest

from eventlens.geo.evaluate import Gold, _match

GOLD = (Gold(0, 6, 60.0, -96.0, 6251999),)  # an old country point of the id


@pytest.mark.parametrize(
    "pred, moved, within",
    [
        pytest.param((0, 6, 60.10867, -113.64258, 6251999), 1, False, id="same-id-moved-point"),
        pytest.param((0, 6, 60.10867, -113.64258, 6252001), 0, False, id="other-id-far"),
        pytest.param((0, 6, 60.2, -96.5, 6251999), 0, True, id="same-id-near"),
        pytest.param((0, 6, 60.10867, -113.64258, None), 0, False, id="no-id"),
    ],
)
def test_same_id_moved(pred, moved: int, within: bool) -> None:
    errors, n_gold, n_pred, got = _match(GOLD, [pred])
    assert (n_gold, n_pred, got) == (1, 1, moved)
    assert (errors[0] <= 161) is within


def test_gold_without_id_is_never_moved() -> None:
    gold = (Gold(0, 6, 60.0, -96.0),)
    assert _match(gold, [(0, 6, 60.10867, -113.64258, 6251999)])[3] == 0
