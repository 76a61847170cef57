"""Acceptance of the ingest stage on the mission's seed article (../shared, not copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.ingest import clean_text, read_inputs
from eventlens.types import Article

SEED = Path(__file__).resolve().parents[3] / "shared" / "mission" / "seed-article.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"seed article absent: {SEED}")


@pytest.fixture(scope="module")
def article() -> Article:
    (item,) = read_inputs([str(SEED)])
    assert isinstance(item, Article), item
    return item


def test_title_is_the_headline(article: Article) -> None:
    headline = SEED.read_text("utf-8").split("\n", 1)[0].strip()
    assert article.title == headline
    assert article.text.startswith(headline + "\n\n")


def test_caption_and_contact_removed_and_recorded(article: Article) -> None:
    raw_lines = [line.strip() for line in SEED.read_text("utf-8").splitlines()]
    caption = next(line for line in raw_lines if line.endswith("(Reuters File Photo)"))
    assert "Reuters File Photo" not in article.text
    assert "Contact Us" not in article.text
    removed = {(r.text, r.reason) for r in article.removed}
    assert (caption, "caption") in removed
    assert ("Contact Us", "boilerplate") in removed


def test_empty_brackets_gone(article: Article) -> None:
    raw = SEED.read_text("utf-8")
    assert "in ()" in raw
    assert "()" not in article.text
    assert ("()", "empty-brackets") in {(r.text, r.reason) for r in article.removed}
    i = raw.index("in ()")
    before = raw[max(0, i - 30):i + 2]  # "... Mission in"
    assert before.split("\n")[-1] + " " in article.text


def test_body_is_kept_and_cleaning_idempotent(article: Article) -> None:
    assert article.language == "en" and article.published is None
    assert len(article.text.split("\n\n")) >= 20
    again, removed = clean_text(article.text)
    assert again == article.text and removed == ()
