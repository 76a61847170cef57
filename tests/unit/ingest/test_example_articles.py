"""The bundled sample articles (examples/articles) all ingest cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.ingest import clean_text, read_inputs
from eventlens.types import Article

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "articles"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    items = list(read_inputs([str(EXAMPLES)]))
    assert all(isinstance(i, Article) for i in items), [i for i in items if not isinstance(i, Article)]
    return items  # type: ignore[return-value]


def test_eight_articles_one_html_one_jsonl_with_two(articles: list[Article]) -> None:
    assert len(articles) == 8
    sources = [a.source or "" for a in articles]
    assert sum(s.endswith(".html") for s in sources) == 1
    assert sum(".jsonl:" in s for s in sources) == 2


def test_every_article_has_title_and_cleaned_body(articles: list[Article]) -> None:
    for art in articles:
        assert art.title and art.text.startswith(art.title + "\n\n")
        assert 250 <= len(art.text.split()) <= 600, art.source
        assert any(r.reason in ("boilerplate", "caption") for r in art.removed), art.source
        for junk in ("Contact Us", "Read more", "All rights reserved", "(AFP", "(Reuters", "()"):
            assert junk not in art.text, (art.source, junk)
        assert clean_text(art.text) == (art.text, ())


def test_html_and_jsonl_carry_metadata(articles: list[Article]) -> None:
    rich = [a for a in articles if not (a.source or "").endswith(".txt")]
    assert len(rich) == 3
    for art in rich:
        assert art.outlet and art.published and art.url, art.source
