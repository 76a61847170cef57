from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventlens.geo.normalize import (MAX_NAME, normalize, skeleton, strip_article,
                                     strip_type_words, variants)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("al-Asabaa", "al asabaa"),
        ("Al Aşābi‘ah", "al asabiah"),
        ("Ma'rib", "marib"),
        ("Sana`a", "sanaa"),
        ("  São   Paulo ", "sao paulo"),
        ("U.S.", "u s"),
        ("Deir ez-Zor", "deir ez zor"),
        ("!!!", ""),
        ("", ""),
        ("Москва", "москва"),
    ],
    ids=["hyphen-article", "ayn-and-macrons", "apostrophe", "backtick", "spaces-accents",
         "dots", "inner-hyphen", "punctuation-only", "empty", "cyrillic-kept"],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("al-Asabaa", "Al Aşābi‘ah"), ("Gharian", "Gharyan"), ("Ghiryan", "Gharyan"),
     ("Tarhouna", "Tarhuna"), ("Misurata", "Misrata")],
    ids=["asabaa", "gharian", "ghiryan", "tarhouna", "misurata"],
)
def test_transliteration_variants_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(normalize(a)) == skeleton(normalize(b))


@pytest.mark.parametrize(
    ("a", "b"), [("Tripoli", "Tobruk"), ("Sirte", "Sabha")], ids=["tripoli-tobruk", "sirte-sabha"]
)
def test_different_names_differ(a: str, b: str) -> None:
    assert skeleton(normalize(a)) != skeleton(normalize(b))


@pytest.mark.parametrize(
    ("key", "expected"),
    [("al asabaa", "asabaa"), ("el fasher", "fasher"), ("ash shihr", "shihr"), ("al", "al"),
     ("alexandria", "alexandria")],
    ids=["al", "el", "ash", "lone-article", "not-an-article"],
)
def test_strip_article(key: str, expected: str) -> None:
    assert strip_article(key) == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [("idlib province", "idlib"), ("the state of texas", "texas"), ("province", "")],
    ids=["province", "state-of", "only-type-words"],
)
def test_strip_type_words(key: str, expected: str) -> None:
    assert strip_type_words(key) == expected


def test_variants_include_bare_form() -> None:
    assert variants("al-Asabaa") == ("al asabaa", "asabaa")


@given(st.text(max_size=600))
@settings(max_examples=300, deadline=None)
def test_normalize_is_idempotent_and_total(s: str) -> None:
    once = normalize(s)
    assert normalize(once) == once
    assert len(once) <= MAX_NAME
    skeleton(once)  # never raises
    variants(s)
