"""Property tests (Hypothesis): cleaning is idempotent, nothing crashes, titles lead the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventlens.errors import InputError
from eventlens.ingest import article_from_text, clean_text

# Pieces that exercise the rules: boilerplate, captions, brackets, odd whitespace.
PIECES = [
    "Contact Us", "Read more", "Related: Talks in Cairo", "Share on Facebook", "(AFP Photo)",
    "(Reuters File Photo)", "Photo: Smoke over the city", "May 17, 2014.", "()", "[ ]", "(())",
    "All rights reserved.", "We use cookies.", "By Jane Roe", "\u00a0", "\u200b", "\t", "  ",
    "\n", "\n\n", "\n\n\n", "\r\n", "-", ".", "«", "»", "“", "”",
    "The army said it had retaken the town.", "the rebels denied it", "in", "Tripoli",
    "Officials said on Monday that the talks would resume in Geneva",
]
news_like = st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=25).map("".join)
any_text = st.text(max_size=400) | news_like


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, st.booleans())
def test_cleaning_is_idempotent(raw: str, keep: bool) -> None:
    once, _ = clean_text(raw, keep_captions=keep)
    twice, removed = clean_text(once, keep_captions=keep)
    assert twice == once
    assert removed == ()


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_cleaned_text_shape(raw: str) -> None:
    cleaned, _ = clean_text(raw)
    assert cleaned == cleaned.strip()
    assert "\n\n\n" not in cleaned and "  " not in cleaned
    for para in cleaned.split("\n\n") if cleaned else ():
        assert para and "\n" not in para


@settings(max_examples=300, deadline=None)
@given(any_text, st.one_of(st.none(), st.text(max_size=60)))
def test_article_or_input_error(raw: str, title: str | None) -> None:
    try:
        art = article_from_text(raw, title=title, source="prop")
    except InputError as exc:
        assert exc.reason and exc.source == "prop"
        return
    assert art.text.strip()
    assert art.language == "en"
    if art.title is not None:
        assert art.text.startswith(art.title + "\n\n")
        assert "\n" not in art.title
