"""The ingest data files load, are valid and carry version/source/licence headers."""

from __future__ import annotations

from importlib import resources

import pytest

from eventlens.ingest.patterns import load_rules, load_stopwords


@pytest.mark.parametrize("name", ["boilerplate.tsv", "stopwords.tsv"])
def test_header(name: str) -> None:
    text = resources.files("eventlens").joinpath(f"data/ingest/{name}").read_text("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    for key in ("version:", "source:", "licence:"):
        assert any(key in line for line in header), key


def test_rules_load_and_cover_every_reason() -> None:
    rules = load_rules()
    reasons = {r.reason for r in (*rules.line, *rules.inline, *rules.credit)}
    assert {"boilerplate", "caption", "empty-brackets", "byline"} <= reasons
    assert rules.credit and rules.inline


def test_stopwords_have_english_and_others() -> None:
    stop = load_stopwords()
    assert "the" in stop["en"][1]
    assert {"fr", "es", "de"} <= set(stop)
