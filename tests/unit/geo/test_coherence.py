"""Disambiguation rules on hand-made candidates (no model, no index): mutual coherence between
ambiguous names, and the towns reached only by alternate names or stripped type words."""

from __future__ import annotations

import pytest

from eventlens.geo import resolve as R
from eventlens.geo.gazetteer import Entry


def entry(pid: int, name: str, cc: str, admin1: str, lat: float, lon: float, pop: int,
          feature: str = "town", match: str = "exact") -> Entry:
    return Entry(pid=pid, geonameid=pid, name=name, cc=cc, admin1=admin1, lat=lat, lon=lon,
                 population=pop, feature=feature, capital=False, match=match)


AVALON_FAR = entry(1, "Avalon", "FR", "84", 45.0, 5.0, 150_000, "city")
AVALON_NEAR = entry(2, "Avalon", "US", "TN", 36.0, -88.0, 20_000)
BRILL = (entry(3, "Brill", "US", "TN", 36.2, -88.3, 10_000), entry(4, "Brill", "GB", "ENG",
                                                                    52.0, -1.0, 9_000))
CORDEN = (entry(5, "Corden", "US", "TN", 35.9, -87.8, 8_000), entry(6, "Corden", "AU", "02",
                                                                     -30.0, 150.0, 3_000))


def cand(start: int, text: str, entries: tuple[Entry, ...], **kw: object) -> R.Candidate:
    c = R.Candidate(start=start, end=start + len(text), text=text, source="ner", label="GPE", **kw)
    c.entries = entries
    return c


@pytest.mark.parametrize(
    ("others", "expected_cc"),
    [((("Brill", BRILL), ("Corden", CORDEN)), "US"),
     ((), "FR")],
    ids=["ambiguous-neighbours-agree", "alone-population-wins"],
)
def test_mutual_coherence(others: tuple, expected_cc: str) -> None:
    cands = [cand(0, "Avalon", (AVALON_FAR, AVALON_NEAR))]
    for i, (text, es) in enumerate(others):
        cands.append(cand(20 * (i + 1), text, es))
    R.disambiguate(cands, gz=None)  # type: ignore[arg-type]  # the gazetteer is not consulted
    assert cands[0].best is not None and cands[0].best.cc == expected_cc


def test_mutual_coherence_is_what_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(R, "MUTUAL", 0.0)
    cands = [cand(0, "Avalon", (AVALON_FAR, AVALON_NEAR)), cand(20, "Brill", BRILL),
             cand(40, "Corden", CORDEN)]
    R.disambiguate(cands, gz=None)  # type: ignore[arg-type]
    assert cands[0].best is not None and cands[0].best.cc == "FR"


def test_mutual_support_of_a_region_counts_places_inside_it() -> None:
    region = entry(7, "Brill", "US", "TN", 35.8, -86.4, 6_000_000, "admin")
    assert R._near_any(region, [entry(8, "Corden", "US", "TN", 35.0, -90.0, 100)])
    assert not R._near_any(region, [entry(9, "Corden", "US", "KY", 38.5, -82.5, 100)])


@pytest.mark.parametrize(
    ("match", "place_word", "usable"),
    [("exact", False, True), ("alternate", False, False), ("type", False, False),
     ("alternate", True, True)],
    ids=["exact-town", "alternate-name-town", "type-word-stripped-town", "town-of-x-keeps-it"],
)
def test_weak_town_matches(match: str, place_word: bool, usable: bool) -> None:
    town = entry(10, "Marlow", "US", "OK", 34.6, -97.9, 4_000, "town", match)
    c = cand(0, "Marlow", (town,), place_word=place_word)
    assert (town in R._usable(c)) is usable


def test_alternate_names_of_cities_stay_usable() -> None:
    city = entry(11, "Kyiv", "UA", "12", 50.45, 30.52, 2_900_000, "city", "alternate")
    assert city in R._usable(cand(0, "Kiev", (city,)))
