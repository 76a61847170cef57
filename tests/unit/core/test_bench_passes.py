"""`eventlens bench`: parse-only and full passes alternate, each pass's ratio is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.bench import run_bench
from eventlens.config import Config

pytestmark = pytest.mark.slow


def test_passes_alternate_and_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Rebels shell a border town\n\nRebels shelled the border town of Nyala on Monday, "
        "the army said, and the governor called for calm.\n", encoding="utf-8")
    out = run_bench([str(tmp_path)], repeat=2, config=Config())
    per_pass = out["pipeline_parse_ratio_per_pass"]
    assert len(per_pass) == 2 and all(r > 0 for r in per_pass)
    assert out["articles"] == 2 and out["tokens"] > 20
    assert min(per_pass) <= out["pipeline_parse_ratio"] <= max(per_pass)
    assert set(out["stage_ms_per_article"]) == {"actors", "geo", "quotes", "events", "labels"}
    alone = out["ratio_with_stage_alone"]
    assert set(alone) == {"actors", "geo", "quotes", "events", "labels", "quotes+labels"}
    # each stage alone leaves a ratio in (0, 1]; it is not compared with the whole pipeline's
    # ratio, which comes from other, separately timed passes (under load the two disagree)
    assert all(0 < r <= 1 for r in alone.values())
    assert alone["quotes+labels"] <= min(alone["quotes"], alone["labels"])
