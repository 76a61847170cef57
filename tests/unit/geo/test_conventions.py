"""Places found by news conventions, with the real model and the default index: 'City, ST'
qualifiers, datelines, places inside organisation names."""

from __future__ import annotations

import pytest

from eventlens.geo import patterns
from eventlens.geo.gazetteer import Gazetteer

pytestmark = pytest.mark.slow


def run(places_in, gz: Gazetteer, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {k: (p.country, p.admin1) for k, p in places_in(gz, text).items()}


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [("Officers in Salem, Ore., closed the bridge after the flood.", "Salem", "Oregon"),
     ("The plant near Dayton, OH employs 300 people.", "Dayton", "Ohio"),
     ("Fans drove to Paris, Tenn., for the county fair.", "Paris", "Tennessee"),
     ("Fans drove to Paris, Tenn., for the county fair.", "Tenn.", "Tennessee")],
    ids=["ap-abbreviation", "postal-code", "qualifier-beats-population", "abbreviation-is-state"],
)
def test_state_qualified(places_in, real_gz: Gazetteer, text: str, mention: str, admin1: str) -> None:
    assert run(places_in, real_gz, text).get(mention) == ("USA", admin1)


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
def test_datelines(places_in, real_gz: Gazetteer, text: str, mention: str, country: str) -> None:
    assert run(places_in, real_gz, text).get(mention, (None,))[0] == country


def test_capitalised_word_that_is_no_place_is_no_dateline(nlp, real_gz: Gazetteer) -> None:
    text = "UPDATE - The council voted on Monday to raise the tax."
    assert patterns.datelines(nlp(text), real_gz, [], min_pop=1000) == []


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [("Students at the University of Kentucky marched on Friday.", "Kentucky", "Kentucky"),
     ("Officers of the Dayton Police Department said Ohio roads were icy.", "Dayton", "Ohio")],
    ids=["region-after-of", "town-leading-an-organisation-supported"],
)
def test_places_inside_organisation_names(places_in, real_gz: Gazetteer, text: str, mention: str,
                                          admin1: str) -> None:
    assert run(places_in, real_gz, text).get(mention) == ("USA", admin1)


def test_town_inside_organisation_needs_support(places_in, real_gz: Gazetteer) -> None:
    assert "Dayton" not in run(places_in, real_gz, "Members of the Dayton Rotary Club met on Friday.")
