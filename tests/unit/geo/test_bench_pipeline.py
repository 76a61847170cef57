"""The geo stage inside the pipeline, and its bench numbers (default gazetteer, real model)."""

from __future__ import annotations

import pytest

from eventlens.config import Config
from eventlens.pipeline import Resources, analyze_doc
from eventlens.types import Article, PlaceFeature

pytestmark = pytest.mark.slow

TEXT = ("Rebels shelled the port of Misrata on Tuesday, residents said. Government troops "
        "withdrew to Gharian, some 80 km south of the capital, while envoys from Egypt met "
        "officials in Cairo and Rome.")


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.load(Config(stages=("actors", "geo")))


def test_pipeline_fills_places(res: Resources) -> None:
    article = Article(id="p1", text=TEXT)
    analysis = analyze_doc(article, res.nlp(TEXT), res)
    by_mention = {m.text: p for p in analysis.places for m in p.mentions}
    assert by_mention["Misrata"].country == "LBY"
    assert by_mention["Gharian"].name == "Gharyan"
    assert by_mention["Gharian"].relative == "some 80 km south of the capital"
    assert by_mention["Egypt"].feature is PlaceFeature.COUNTRY
    assert by_mention["Cairo"].country == "EGY"
    for p in analysis.places:
        for m in p.mentions:
            assert TEXT[m.start:m.end] == m.text


def test_bench_reports_speed(res: Resources) -> None:
    from eventlens.geo.bench import bench

    out = bench([TEXT] * 3, res=res)
    assert out["lookups_per_s"] > 100
    assert out["articles"] == 3 and out["peak_rss_mb"] > 0
    assert bench(res)["articles"] > 0  # bench(res) form
