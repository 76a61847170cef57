"""evaluate() end to end on a tiny benchmark folder written here (our own sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_evaluate_metrics import PETR_SAMPLE  # same folder (rootdir import mode)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def res():
    from eventlens.config import Config
    from eventlens.pipeline import Resources

    return Resources.load(Config(stages=("actors", "events")))


def _make_benchmarks(root: Path) -> Path:
    petr = root / "petrarch2-validation"
    (petr / "dictionaries").mkdir(parents=True)
    (petr / "PETR2_GSR_validation.xml").write_text(PETR_SAMPLE, encoding="utf-8")
    (petr / "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml").write_text(
        PETR_SAMPLE, encoding="utf-8")
    (petr / "dictionaries" / "PETR.Validate.actors.txt").write_text(
        "NORWAY [NOR]\nSWEDEN [SWE]\n", encoding="utf-8")
    plover = root / "plover-gsr-cameo"
    plover.mkdir()
    records = [
        {"id": "DOC", "event": "DOCUMENT", "text": ""},
        {"id": "r1", "event": "FIGHT", "text": "Swedish troops shelled Norwegian positions.",
         "source": [{"code": "SWE"}], "target": [{"code": "NOR"}]},
        {"id": "r2", "event": "DEMAND", "text": "Norway demanded that Sweden withdraw its troops.",
         "source": [{"code": "NOR"}], "target": "SWE"},
    ]
    (plover / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(records), encoding="utf-8")
    case = root / "case2021-task2"
    case.mkdir()
    (case / "event_types.txt").write_text("AIR_STRIKE\nARREST\nOTHER\n", encoding="utf-8")
    (case / "test_set_final_release_with_labels.tsv").write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tJets bombed a rebel depot outside the port city.\tAIR_STRIKE\n"
        "2\tPolice detained a union leader at his home.\tARREST\n"
        "3\tA fire gutted a textile factory overnight.\tMAN_MADE_DISASTER\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def scores(tmp_path_factory, res) -> dict:
    from eventlens.events.evaluate import evaluate

    root = _make_benchmarks(tmp_path_factory.mktemp("bench"))
    return evaluate(root, res=res)


def test_all_three_sets_scored(scores: dict) -> None:
    assert scores["petrarch2-validation"]["real_news"]["exact"]["records"] == 2
    assert scores["petrarch2-validation"]["unit_tests"]["exact"]["gold"] == 1
    assert "baseline_subset" not in scores["petrarch2-validation"]["real_news"]
    assert scores["plover-gsr-cameo"]["extractor"]["n"] == 2
    case = scores["case2021-task2"]
    assert case["light"]["subtask1"]["n"] == 2
    assert case["light"]["subtask3"]["n"] == 3  # subtask 3 keeps the subtask-2 labels
    assert case["light"]["subtask2"]["n"] == 3
    assert case["extractor_subtask1"]["n"] == 2


def test_scores_are_json_and_bounded(scores: dict) -> None:
    json.dumps(scores)
    light = scores["case2021-task2"]["light"]["subtask1"]
    assert 0.0 <= light["weighted_f1"] <= 1.0
    assert light["accuracy"] == 1.0  # two plain sentences of two well-separated classes


def test_limit_caps_records(tmp_path: Path, res) -> None:
    from eventlens.events.evaluate import evaluate

    root = _make_benchmarks(tmp_path)
    out = evaluate(root, res=res, limit=1)
    assert out["petrarch2-validation"]["real_news"]["exact"]["records"] == 1
    assert out["plover-gsr-cameo"]["extractor"]["n"] == 1
    assert out["case2021-task2"]["light"]["subtask2"]["n"] == 1
