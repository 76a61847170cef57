"""A short name that is only another-language name of a place abroad ('Boni', a Malian town
missing from the default gazetteer, is also a GeoNames alternate name of Bonn) is no place in an
article about other countries; in an article about the place's country it still is."""

from __future__ import annotations

import pytest

from eventlens.geo.gazetteer import Gazetteer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Gunmen attacked an army camp at Boni, near the border between Mali and Burkina Faso, "
         "on Tuesday.", "Boni", None),
        ("Voters in Germany went to the polls on Sunday, and turnout in Boni and Cologne was "
         "high.", "Boni", "DEU"),
    ],
    ids=["abroad-dropped", "in-focus-country-kept"],
)
def test_short_alternate_name(places_in, real_gz: Gazetteer, text, mention, country):
    found = places_in(real_gz, text)
    got = found[mention].country if mention in found else None
    assert got == country, {k: (p.name, p.country) for k, p in found.items()}
