"""Without a story country, a domestic-sector or armed-group actor takes the country its own
sentence is about: the only country the sentence names, or else the only one it names as the
scene ("in X"). Own sentences only."""

from __future__ import annotations

import pytest

from eventlens.actors import load_kb, resolve_actors
from eventlens.actors.sentence_country import sentence_countries
from eventlens.types import Article, stable_id

pytestmark = pytest.mark.slow

LONG = " ".join(["The talks resumed after a pause of several weeks."] * 3)


def resolved(nlp, text):
    art = Article(id=stable_id("art", text), text=text)
    actors, _ = resolve_actors(art, nlp(text), load_kb())
    return {a.name: (a.country, a.code) for a in actors}


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (LONG + " Police arrested 20 protesters in Nairobi on Sunday.", "Police", "KEN"),
        ("Police in Nairobi detained a Ugandan trader on Friday.", "Police", "KEN"),
        ("Soldiers fired on a Tanzanian convoy in Kenya, a Ugandan official said.", "Soldiers",
         "KEN"),
        (("Interior Minister Amos Kariuki told a Ugandan envoy in Nairobi that the border "
          "would stay shut."), "Amos Kariuki", "KEN"),
        ("Police detained a Ugandan trader and a Tanzanian driver on Friday.", "Police", None),
        (LONG + " Police arrested 20 protesters on Sunday.", "Police", None),
    ],
    ids=["only-country-of-sentence", "scene-beats-other-country", "scene-of-two-others",
         "titled-person", "two-countries-no-scene", "no-country-in-sentence"],
)
def test_sentence_country(nlp, text, name, country):
    got = resolved(nlp, text)
    assert name in got, got
    assert got[name][0] == country


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels shelled a town in Mali. Senegal and Gambia signed a trade deal.", ["MLI", None]),
        ("Nothing happened today.", []),
    ],
    ids=["per-sentence", "none"],
)
def test_sentence_countries_table(nlp, text, expected):
    doc = nlp(text)
    table = sentence_countries(doc, load_kb())
    assert [table.get(s.start, "absent") for s in doc.sents if s.start in table] == expected


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Thousands of farmers protested in Kenya on Monday.", "Kenya", "KEN"),
        ("Rebels shelled a village in Kenya on Sunday.", "Kenya", "KEN"),
        ("Students rallied in Nairobi on Monday.", "Nairobi", "KEN"),
        ("The embassy in Kenya issued a statement.", "Kenya", None),
        ("The minister was born in Kenya.", "Kenya", "KEN"),
        ("Rebels camped near Nairobi on Monday.", "Nairobi", None),
    ],
    ids=["scene-of-verb", "scene-of-object", "capital-scene-is-the-country",
         "place-of-a-subject-noun", "scene-of-passive-verb", "near-is-no-scene"],
)
def test_scene_country_mention(nlp, text, surface, code):
    """A country or capital named as the scene of an act ("protested in X", "shelled a village in
    X") is a mention of the country actor; other places are not actors."""
    art = Article(id=stable_id("art", text), text=text)
    actors, _ = resolve_actors(art, nlp(text), load_kb())
    found = {m.text: a.code for a in actors for m in a.mentions}
    assert found.get(surface) == code, found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Amos Kariuki, a farmer from Kenya, said the harvest had failed.", "Amos Kariuki", "KEN"),
        ("Unrest in Kenya worsened on Monday as Amos Kariuki called for calm.", "Amos Kariuki",
         "KEN"),
        ("Amos Kariuki visited Kenya on Monday.", "Amos Kariuki", None),
        ("Amos Kariuki met Ugandan and Kenyan envoys on Monday.", "Amos Kariuki", None),
        (LONG + " Unrest in Kenya worsened on Monday as Amos Kariuki called for calm.",
         "Amos Kariuki", None),
    ],
    ids=["own-phrase", "other-clause", "country-is-the-other-side", "two-countries",
         "not-in-a-long-article"],
)
def test_unknown_name_takes_sentence_country(nlp, text, name, country):
    """In a one- or two-sentence report, an unknown name (no dictionary entry, title or side)
    takes the only country its sentence names, unless that country is the other side of the act
    it is the subject of."""
    got = resolved(nlp, text)
    assert name in got, got
    assert got[name][0] == country
