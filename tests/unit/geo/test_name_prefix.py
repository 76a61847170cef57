"""Compound place names the model split: a capitalised prefix word ('New', 'North', 'Central',
'Baja', 'Latin') left outside the entity, or tagged as an entity of its own, is joined to the name
after it when the gazetteer knows the longer name; otherwise the mention stays as the model read
it."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventlens.geo import resolve as R
from eventlens.geo.gazetteer import Gazetteer

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [("Police said the New Jersey man was arrested at a motel on Friday.", "New Jersey", "USA"),
     ("The Baja California governor toured two border crossings.", "Baja California", "MEX"),
     ("Aid groups in Latin America warned of rising food prices.", "Latin America", None),
     ("Farmers across Central American nations lost crops to the drought.", "Central American",
      None)],
    ids=["prefix-outside-entity", "prefix-as-own-entity", "prefix-tagged-language",
         "prefix-before-region-adjective"],
)
def test_prefix_joined(places_in, real_gz: Gazetteer, text: str, mention: str,
                       country: str | None) -> None:
    found = places_in(real_gz, text)
    assert mention in found
    assert found[mention].country == country
    assert mention.split()[-1] not in found  # the bare second word is no separate place


@pytest.mark.parametrize(
    ("text", "mention"),
    [("Crews from Delhi and Mumbai arrived on Tuesday.", "Delhi"),
     ("New rules took effect in Ohio on Monday.", "Ohio"),
     ("Lawmakers in NEW Mexico met late.", "Mexico")],
    ids=["no-prefix", "prefix-not-adjacent", "all-caps-prefix-not-joined"],
)
def test_prefix_not_joined(places_in, real_gz: Gazetteer, text: str, mention: str) -> None:
    found = places_in(real_gz, text)
    assert not any(k != mention and k.endswith(" " + mention) for k in found)


@pytest.mark.parametrize(
    ("words", "name_at", "expected"),
    [(["Voters", "in", "New", "Hampshire", "cast", "ballots"], 3, "New Hampshire"),
     (["Voters", "in", "North", "Blorvania", "cast", "ballots"], 3, "Blorvania"),
     (["Voters", "in", "Sunny", "Hampshire", "cast", "ballots"], 3, "Hampshire")],
    ids=["known-longer-name", "unknown-longer-name", "not-a-prefix-word"],
)
def test_with_name_prefix(nlp, real_gz: Gazetteer, words: list[str], name_at: int,
                          expected: str) -> None:
    doc = Doc(nlp.vocab, words=words)  # no entities: the prefix belongs to none
    start = R._with_name_prefix(real_gz, doc, name_at, name_at + 1)
    assert doc[start:name_at + 1].text == expected


def test_prefix_cues_loaded() -> None:
    assert {"New", "North", "Baja", "Latin"} <= R.cues()["nameprefix"]
