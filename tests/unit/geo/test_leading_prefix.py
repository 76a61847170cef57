"""A lone name-prefix word ('South', 'East', 'Central') leading an unknown name (an organisation's
or a place's) is the start of a longer name, not a first-level region that happens to be called
'South' or 'East'; a real region or town leading the name is still found, and a direction word
before a known place names a part of that place ('West Mosul': Mosul). Own sentences."""

from __future__ import annotations

import pytest

from eventlens.geo import resolve as R
from eventlens.geo.gazetteer import Gazetteer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [("South Ridgeview Youth League", "ORG", None),
     ("East Millbrook Volunteer Fire Company", "ORG", None),
     ("Central Harbourside Tenants Union", "ORG", None),
     ("Texas Youth Soccer League", "ORG", "Texas"),
     ("Ohio Valley Tenants Union", "ORG", "Ohio"),
     ("Eastern Qalamunder", "LOC", None),
     ("South Marbleton Plateau", "LOC", None)],
    ids=["south-org", "east-org", "central-org", "region-org-still-found",
         "region-before-unknown-words", "eastern-unknown-place", "south-unknown-place"],
)
def test_leading_prefix(real_gz: Gazetteer, text: str, label: str, expected: str | None) -> None:
    c = R.Candidate(start=10, end=10 + len(text), text=text, source="ner", label=label)
    R._leading_place(c, real_gz)
    if expected is None:
        assert not c.entries
    else:
        assert c.text == expected
        assert c.entries
        assert c.start == 10


@pytest.mark.slow
@pytest.mark.parametrize("word", ["South", "East", "Central"])
def test_prefix_alone_is_a_region_somewhere(real_gz: Gazetteer, word: str) -> None:
    """Why the rule is needed: the gazetteer does know first-level regions by these bare words."""
    assert real_gz.lookup_exact(word)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "place", "country"),
    [("Government jets bombed Eastern Qalamunder overnight, activists said.", None, None, None),
     ("Rebels shelled Eastern Aleppo overnight.", "Eastern Aleppo", "Aleppo", "SYR"),
     ("Pirates attacked a tanker in the Indian Ocean on Monday.", "Indian Ocean", "Indian Ocean",
      None)],
    ids=["direction-word-of-unknown-place", "part-of-known-place", "demonym-heading-a-name"],
)
def test_direction_and_demonym_heads(real_gz, places_in, text, mention, place, country) -> None:
    got = places_in(real_gz, text)
    assert not any(p.country == "SAU" or p.name.startswith("Eastern") for p in got.values()), got
    if mention is None:
        assert not got, got
    else:
        assert mention in got and got[mention].name == place and got[mention].country == country
        assert "Indian" not in got  # not India for the ocean's adjective


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [("Wildfires spread along the West Coast on Monday, officials in California and Oregon said.",
      "West Coast", None),
     ("Floods hit the West Coast region of New Zealand, officials in Greymouth said.",
      "West Coast", "NZL"),
     ("Saudi police raided homes in the Eastern Province, officials in Riyadh said.",
      "Eastern Province", "SAU")],
    ids=["description-in-another-country", "the-region-in-its-country", "named-region-in-focus"],
)
def test_descriptive_region_name(real_gz, places_in, text, name, country) -> None:
    """'the West Coast' in a story about California is a description, not New Zealand's region;
    where the article is about the region's country it is that region."""
    got = places_in(real_gz, text)
    if country is None:
        assert name not in got, got
    else:
        assert got[name].country == country
