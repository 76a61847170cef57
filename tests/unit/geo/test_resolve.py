"""Disambiguation on hand-made docs (spacy.blank + entities set by hand): fast, no model."""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from eventlens.context import DocContext
from eventlens.geo import resolve_places
from eventlens.geo.gazetteer import Gazetteer
from eventlens.geo.resolve import relative_after
from eventlens.types import Article, PlaceFeature

NLP = spacy.blank("en")


def make_ctx(text: str, ents: list[tuple[str, str]]) -> DocContext:
    """Doc of ``text`` whose entities are the first occurrences of the given (text, label)."""
    doc = NLP(text)
    spans = []
    for name, label in ents:
        m = re.search(re.escape(name), text)
        assert m, name
        span = doc.char_span(m.start(), m.end(), label=label)
        assert span is not None, name
        spans.append(span)
    doc.ents = spans
    return DocContext(article=Article(id="t", text=text), doc=doc)


def places_by_mention(ctx: DocContext, gz: Gazetteer) -> dict[str, tuple]:
    out = {}
    for p in resolve_places(ctx, gz):
        for m in p.mentions:
            out[m.text] = (p.country, p.geonames_id, p.feature)
    return out


@pytest.mark.parametrize(
    ("text", "ents", "mention", "expected_country"),
    [
        ("Militias shelled Tripoli on Monday as the war in Libya dragged on.",
         [("Tripoli", "GPE"), ("Libya", "GPE")], "Tripoli", "LBY"),
        ("Protesters gathered in Tripoli, Lebanon, after the currency fell.",
         [("Tripoli", "GPE"), ("Lebanon", "GPE")], "Tripoli", "LBN"),
        ("A storm hit Tripoli overnight.", [("Tripoli", "GPE")], "Tripoli", "LBY"),
        ("Libyan officials said convoys left Tripoli for Misrata.",
         [("Libyan", "NORP"), ("Tripoli", "GPE"), ("Misrata", "GPE")], "Misrata", "LBY"),
    ],
    ids=["country-focus", "qualifier", "population-prior", "alternate-name"],
)
def test_disambiguation(gz: Gazetteer, text: str, ents: list[tuple[str, str]], mention: str,
                        expected_country: str) -> None:
    got = places_by_mention(make_ctx(text, ents), gz)
    assert got[mention][0] == expected_country


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [("Flooding hit Atlanta and much of Georgia on Monday.",
      [("Atlanta", "GPE"), ("Georgia", "GPE")], ("USA", PlaceFeature.ADMIN)),
     ("Russia and Georgia fought a short war over the border.",
      [("Russia", "GPE"), ("Georgia", "GPE")], ("GEO", PlaceFeature.COUNTRY)),
     ("Georgia held elections on Sunday.", [("Georgia", "GPE")], ("GEO", PlaceFeature.COUNTRY))],
    ids=["us-state-in-us-article", "country-next-to-russia", "country-by-default"],
)
def test_country_names_shared_with_regions(gz: Gazetteer, text: str, ents: list,
                                           expected: tuple) -> None:
    got = places_by_mention(make_ctx(text, ents), gz)
    assert (got["Georgia"][0], got["Georgia"][2]) == expected


@pytest.mark.parametrize(
    ("text", "ents", "mention"),
    [("Talks with Italy and Russia stalled.", [("Italy", "GPE"), ("Russia", "GPE")], "Italy"),
     ("The USA sent envoys.", [("USA", "GPE")], "USA")],
    ids=["italy", "usa-alias"],
)
def test_country_names_resolve_to_countries(gz: Gazetteer, text: str, ents: list, mention: str
                                            ) -> None:
    got = places_by_mention(make_ctx(text, ents), gz)
    assert got[mention][2] is PlaceFeature.COUNTRY


def test_demonyms_are_not_places(gz: Gazetteer) -> None:
    ctx = make_ctx("Libyan and Italian diplomats met.", [("Libyan", "NORP"), ("Italian", "NORP")])
    assert resolve_places(ctx, gz) == ()


def test_mentions_are_grouped_and_offsets_hold(gz: Gazetteer) -> None:
    text = "Rockets fell on Tripoli. Later, Tripoli was calm, officials in Rome said."
    doc = NLP(text)
    doc.ents = [doc.char_span(16, 23, label="GPE"), doc.char_span(32, 39, label="GPE"),
                doc.char_span(63, 67, label="GPE")]
    ctx = DocContext(article=Article(id="t", text=text), doc=doc)
    places = resolve_places(ctx, gz)
    assert [len(p.mentions) for p in places] == [2, 1]
    for p in places:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
        assert p.id.startswith("plc_") and p.lat is not None and p.confidence


@pytest.mark.parametrize(
    ("tail", "expected"),
    [(", about 50 kilometers (31 miles) south of the capital, on Sunday",
      "about 50 kilometers (31 miles) south of the capital"),
     (" some 20 km northeast of Misrata.", "some 20 km northeast of Misrata"),
     (", where fighting continued.", None)],
    ids=["km-with-miles", "km-abbrev", "none"],
)
def test_relative_description(tail: str, expected: str | None) -> None:
    text = "Gharyan" + tail
    assert relative_after(text, len("Gharyan")) == expected


@pytest.mark.parametrize(
    "text",
    ["", "!!! ??? ...", "x" * 5000, "Tripoli " * 500, "Москва и Tripoli 的 城市", "\n\n\n"],
    ids=["empty", "punct", "long-word", "repeated", "mixed-scripts", "blank-lines"],
)
def test_odd_text_never_raises(gz: Gazetteer, text: str) -> None:
    doc = NLP(text)
    ents = [t for t in doc if t.text == "Tripoli"][:3]
    doc.ents = [Span(doc, t.i, t.i + 1, label="GPE") for t in ents]
    ctx = DocContext(article=Article(id="t", text=text), doc=doc)
    for p in resolve_places(ctx, gz):
        for m in p.mentions:
            assert text[m.start:m.end] == m.text


def test_no_gazetteer_gives_no_places() -> None:
    ctx = make_ctx("Tripoli.", [("Tripoli", "GPE")])
    assert resolve_places(ctx, None) == ()

WORDS = st.sampled_from(["Tripoli", "Libya", "al-Asabaa", "Rome", ",", "in", "the", "town", "of",
                         "Москва", "!!!", "Gharian", "Lebanon", "said", "50", "km", "south", "\n"])


@given(words=st.lists(WORDS, max_size=40), picks=st.lists(st.integers(0, 39), max_size=6))
@settings(max_examples=80, deadline=None)
def test_any_entities_on_any_text_keep_offsets(mini_index, words: list[str], picks: list[int]
                                               ) -> None:
    gz = Gazetteer(mini_index)
    text = " ".join(words)
    doc = NLP(text)
    spans, used = [], set()
    for i in sorted(set(picks)):
        if i < len(doc) and i not in used and not doc[i].is_space:
            spans.append(Span(doc, i, i + 1, label="GPE"))
            used.add(i)
    doc.ents = spans
    ctx = DocContext(article=Article(id="h", text=text), doc=doc)
    for p in resolve_places(ctx, gz):
        assert p.mentions
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
