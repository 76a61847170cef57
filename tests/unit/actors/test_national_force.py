"""A country's army named with the country's name instead of its adjective ("the Sudan army")
is the dictionary's armed organisation listed under the adjective ("Sudanese army"), not a new
descriptive actor; a country the dictionary lists no armed organisation for keeps a descriptive
one. Own sentences; the dictionary rows are data (organizations.tsv)."""

from __future__ import annotations

import pytest

from eventlens.actors import load_kb, resolve_actors
from eventlens.types import Article, stable_id

pytestmark = pytest.mark.slow


def resolved(nlp, text):
    art = Article(id=stable_id("art", text), text=text)
    actors, _ = resolve_actors(art, nlp(text), load_kb())
    return {a.name: (a.code, tuple(m.text for m in a.mentions)) for a in actors}


@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        ("The Sudan army shelled a market in the west of the city on Monday.",
         "Sudanese Armed Forces", "Sudan army"),
        ("The Iraq military said on Friday that two soldiers were wounded near the border.",
         "Iraqi Security Forces", "Iraq military"),
        ("The Sudan army said it repelled an attack, and the army later shelled the camp.",
         "Sudanese Armed Forces", "army"),
    ],
    ids=["country-name-army", "country-name-military", "later-bare-army"],
)
def test_country_named_army_is_the_dictionary_force(nlp, text, name, mention):
    got = resolved(nlp, text)
    assert name in got, got
    assert mention in got[name][1]
    assert not any(n != name and mention in ms for n, (_, ms) in got.items())


def test_country_without_listed_force_keeps_a_descriptive_actor(nlp):
    got = resolved(nlp, "The Kenya army said two soldiers were wounded near the border.")
    codes = {code for code, _ in got.values()}
    assert "KENMIL" in codes, got


@pytest.mark.parametrize(
    ("iso3", "noun", "want"),
    [("SDN", "army", "Sudanese Armed Forces"), ("SDN", "military", "Sudanese Armed Forces"),
     ("KEN", "army", None), ("SDN", "police", None)],
    ids=["adjective-alias", "other-noun", "none-listed", "not-a-force-alias"],
)
def test_national_force_lookup(iso3, noun, want):
    got = load_kb().national_force(iso3, noun)
    assert (got.name if got else None) == want
