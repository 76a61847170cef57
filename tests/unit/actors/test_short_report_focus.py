"""A one- or two-sentence report that names a single country gives bare domestic-sector and
armed-group nouns ("police", "the army", "rebels") that country; two countries, or a long article with a single mention,
leave them without one unless the sentence itself names one (see test_sentence_country).
Own sentences only."""

from __future__ import annotations

import pytest

from eventlens.actors import load_kb, resolve_actors
from eventlens.types import Article, stable_id

pytestmark = pytest.mark.slow

LONG = " ".join(["The talks resumed after a pause of several weeks."] * 3)


def codes(nlp, text):
    art = Article(id=stable_id("art", text), text=text)
    actors, _ = resolve_actors(art, nlp(text), load_kb())
    return {a.name: a.code for a in actors}


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Police arrested 20 protesters in Nairobi on Sunday.", "Police", "KENCOP"),
        ("The army said it had repelled an assault near the Chadian border.", "army", "TCDMIL"),
        ("Rebels overran an army post in northern Mali on Sunday.", "Rebels", "MLIREB"),
        ("Police detained a Ugandan trader and a Tanzanian driver on Friday.", "Police", None),
        (LONG + " Police arrested 20 protesters on Sunday.", "Police", None),
    ],
    ids=["capital-names-the-country", "adjective-names-the-country", "armed-group-domestic",
         "two-countries-no-focus",
         "long-article-single-mention"],
)
def test_short_report_country(nlp, text, name, code):
    got = codes(nlp, text)
    assert name in got, got
    assert got[name] == code
