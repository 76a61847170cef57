"""The curated geo data files are well formed (columns, codes, coordinates)."""

from __future__ import annotations

import pytest

from eventlens.geo.build import DATA_FILES, _data_text, _rows, derived_demonyms

COLUMNS = {"country_points.tsv": 3, "admin1.tsv": 7, "places.tsv": 8, "aliases.tsv": 3,
           "countries.tsv": 2, "us_counties.tsv": 5}


@pytest.mark.parametrize("name", DATA_FILES)
def test_header_names_source_and_licence(name: str) -> None:
    head = "\n".join(line for line in _data_text(name).splitlines()[:8] if line.startswith("#"))
    assert "version" in head.lower() and ("CC BY" in head or "MIT" in head)


@pytest.mark.parametrize("name", DATA_FILES)
def test_rows_have_enough_columns(name: str) -> None:
    rows = list(_rows(name))
    assert rows
    assert all(len(r) >= COLUMNS[name] for r in rows), name


@pytest.mark.parametrize(("name", "lat_col"), [("country_points.tsv", 1), ("admin1.tsv", 3),
                                               ("places.tsv", 4), ("us_counties.tsv", 2)],
                         ids=["countries", "admin1", "places", "us-counties"])
def test_coordinates_in_range(name: str, lat_col: int) -> None:
    for r in _rows(name):
        lat, lon = float(r[lat_col]), float(r[lat_col + 1])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, r


@pytest.mark.parametrize(
    ("cc", "lat", "lon"),
    [("LY", 28.0, 17.0), ("US", 39.76, -98.5), ("AU", -25.0, 135.0), ("ZM", -14.33333, 28.5),
     ("KW", 29.5, 47.75)],
    ids=["libya", "usa", "australia", "zambia", "kuwait"],
)
def test_country_points_are_geonames_points(cc: str, lat: float, lon: float) -> None:
    points = {r[0]: (float(r[1]), float(r[2])) for r in _rows("country_points.tsv")}
    assert points[cc] == (lat, lon)


@pytest.mark.parametrize(("name", "form"), [("Syria", "syrian"), ("Iraq", "iraqi"),
                                            ("Japan", "japanese"), ("Canada", "canadian"),
                                            ("Mexico", "mexican")],
                         ids=["a-n", "i", "ese", "a-ian", "o-an"])
def test_derived_demonyms(name: str, form: str) -> None:
    assert form in derived_demonyms(name)


@pytest.mark.parametrize(("abbr", "code"), [("Tenn.", "TN"), ("N.Y.", "NY"), ("Calif.", "CA"),
                                            ("W.Va.", "WV"), ("OR", "OR")],
                         ids=["ap", "ap-dotted", "ap-long", "ap-two-part", "postal"])
def test_state_abbreviations(abbr: str, code: str) -> None:
    from eventlens.geo.patterns import state_abbreviations

    assert state_abbreviations()[abbr] == code


def test_state_abbreviations_cover_every_state_code() -> None:
    from eventlens.geo.patterns import state_abbreviations

    codes = {r[1] for r in _rows("admin1.tsv") if r[0] == "US"}
    assert len(codes) == 51 and codes <= set(state_abbreviations().values())
    head = "\n".join(line for line in _data_text("us_state_abbr.tsv").splitlines()[:8])
    assert "version" in head and "public domain" in head
