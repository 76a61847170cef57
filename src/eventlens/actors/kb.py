"""The actor dictionary: countries, organisations, people and sector terms.

Loaded once from the TSV files in ``eventlens/data/actors/`` (see their headers for
version, sources and licences), validated, and cached. People learned from earlier
articles (``learn``) extend the dictionary with their provenance.
"""

from __future__ import annotations

import bisect
import csv
import io
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventlens.errors import ResourceError
from eventlens.types import ActorKind, Sector

log = logging.getLogger(__name__)

DATA_PACKAGE = "eventlens.data.actors"


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Normalize a name for lookup: accents, case, dots, apostrophes, hyphens, spaces."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.casefold().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"[.\u2018\u2019'`ʿʾ]", "", t)
    t = re.sub(r"[-\u2010-\u2015_/]", " ", t)
    t = re.sub(r"^(the)\s+", "", t.strip())
    return " ".join(t.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One dictionary actor (a country, organisation or person)."""

    key: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: Sector | None = None
    code: str | None = None
    role: str | None = None
    affiliation: str | None = None  # key of another entry
    parent: str | None = None
    platform: bool = False  # Twitter, Facebook ...: never an actor
    source: str = "dictionary"


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    iso3: str
    iso2: str | None
    name: str
    capital: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorTerm:
    term: str
    sector: Sector
    kind: str  # "person" or "group"
    loaded: bool = False


@dataclass(slots=True)
class ActorKB:
    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # norm(alias) -> key
    countries: dict[str, Country] = field(default_factory=dict)  # iso3 -> Country
    adjectives: dict[str, str] = field(default_factory=dict)  # norm(adjective) -> iso3
    capitals: dict[str, str] = field(default_factory=dict)  # norm(capital) -> iso3
    sectors: dict[str, SectorTerm] = field(default_factory=dict)  # lowercase term -> SectorTerm
    aliases: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key -> [(alias, label)]
    learned: dict[str, Entry] = field(default_factory=dict)  # norm(name) -> learned person
    _sorted: list[str] = field(default_factory=list)  # sorted names (prefix look-ups)

    # -- lookups ---------------------------------------------------------
    def lookup(self, text: str) -> Entry | None:
        key = self.names.get(norm(text))
        if key is not None:
            return self.entries[key]
        return self.learned.get(norm(text))

    def keys_with_prefix(self, prefix: str) -> set[str]:
        """Keys of the entries having a name that starts with ``prefix`` (a normalised string)."""
        if len(self._sorted) != len(self.names):  # built once, after loading
            self._sorted = sorted(self.names)
        i = bisect.bisect_left(self._sorted, prefix)
        out = set()
        while i < len(self._sorted) and self._sorted[i].startswith(prefix):
            out.add(self.names[self._sorted[i]])
            i += 1
        return out

    def country_of(self, text: str) -> str | None:
        """ISO3 for a country name, alias, adjective or demonym; else None."""
        n = norm(text)
        if n in self.adjectives:
            return self.adjectives[n]
        key = self.names.get(n)
        if key is not None and self.entries[key].kind is ActorKind.COUNTRY:
            return self.entries[key].country
        return None

    def capital_of(self, text: str) -> str | None:
        return self.capitals.get(norm(text))

    def sector_term(self, text: str) -> SectorTerm | None:
        return self.sectors.get(text.lower().strip())

    def country_entry(self, iso3: str) -> Entry | None:
        return self.entries.get(f"country:{iso3}")

    def national_force(self, iso3: str, noun: str) -> Entry | None:
        """The dictionary's armed organisation named "<any name or adjective of the country>
        <noun>" ("Sudan army" finds the Sudanese Armed Forces by their alias "Sudanese army")."""
        country = self.countries.get(iso3)
        forms = [a for a, iso in self.adjectives.items() if iso == iso3]
        if country is not None:
            forms.append(norm(country.name))
        for form in forms:
            key = self.names.get(norm(f"{form} {noun}"))
            if key is not None and self.entries[key].sector is Sector.MIL:
                return self.entries[key]
        return None

    def learn(self, entry: Entry) -> None:
        """Add a person learned from an article (provenance in ``entry.source``)."""
        n = norm(entry.name)
        if n and n not in self.names:
            self.learned[n] = entry


def _rows(filename: str, base: Path | None = None) -> list[dict[str, str]]:
    try:
        if base is not None:
            raw = (base / filename).read_text(encoding="utf-8")
        else:
            raw = resources.files(DATA_PACKAGE).joinpath(filename).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        where = base or "the package"
        raise ResourceError(f"actor dictionary file {filename} is missing from {where}") from exc
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _sector(value: str, where: str) -> Sector | None:
    if not value:
        return None
    try:
        return Sector(value)
    except ValueError as exc:
        raise ResourceError(f"{where}: unknown sector code {value!r}") from exc


def _add_name(kb: ActorKB, alias: str, key: str, label: str) -> None:
    n = norm(alias)
    if not n:
        return
    kb.names.setdefault(n, key)
    kb.aliases.setdefault(key, []).append((alias, label))


@lru_cache(maxsize=1)
def load_default_kb() -> ActorKB:
    """Load and validate the packaged dictionary (cached per process).

    ``$EVENTLENS_ACTOR_DATA`` may name a directory with the same four files to use instead.
    """
    env = os.environ.get("EVENTLENS_ACTOR_DATA")
    return load_kb_dir(Path(env) if env else None)


def load_kb_dir(base: Path | None) -> ActorKB:
    """Load and validate a dictionary directory (None = the packaged one)."""
    kb = ActorKB()
    for row in _rows("countries.tsv", base):
        iso3 = row["iso3"].upper()
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise ResourceError(f"countries.tsv: bad iso3 {iso3!r}")
        key = f"country:{iso3}"
        kb.countries[iso3] = Country(
            iso3=iso3, iso2=row.get("iso2") or None, name=row["name"], capital=row.get("capital") or None
        )
        kb.entries[key] = Entry(
            key=key, name=row["name"], kind=ActorKind.COUNTRY, country=iso3, code=iso3
        )
        for alias in [row["name"], *_split(row.get("aliases", ""))]:
            _add_name(kb, alias, key, "GPE")
        for adj in _split(row.get("adjectives", "")):
            kb.adjectives.setdefault(norm(adj), iso3)
            kb.aliases.setdefault(key, []).append((adj, "NORP"))
        for cap in [row.get("capital", ""), *_split(row.get("capital_aliases", ""))]:
            if cap:
                kb.capitals.setdefault(norm(cap), iso3)
    for row in _rows("organizations.tsv", base):
        key = row["key"]
        kind = {"igo": ActorKind.IGO, "group": ActorKind.GROUP}.get(row["kind"], ActorKind.ORGANIZATION)
        country = row.get("country") or None
        entry = Entry(
            key=key,
            name=row["name"],
            kind=kind,
            country=country,
            sector=_sector(row.get("sector", ""), f"organizations.tsv:{key}"),
            code=row.get("code") or None,
            parent=row.get("parent") or None,
            platform="platform" in (row.get("notes") or "").lower(),
        )
        kb.entries[key] = entry
        for alias in [row["name"], *_split(row.get("aliases", ""))]:
            _add_name(kb, alias, key, "ORG")
    for row in _rows("people.tsv", base):
        key = row["key"]
        kb.entries[key] = Entry(
            key=key,
            name=row["name"],
            kind=ActorKind.PERSON,
            country=row.get("country") or None,
            sector=_sector(row.get("sector", ""), f"people.tsv:{key}"),
            code=row.get("code") or None,
            role=row.get("role") or None,
            affiliation=row.get("affiliation") or None,
        )
        for alias in [row["name"], *_split(row.get("aliases", ""))]:
            _add_name(kb, alias, key, "PERSON")
    for row in _rows("sectors.tsv", base):
        term = row["term"].lower()
        kb.sectors[term] = SectorTerm(
            term=term,
            sector=_sector(row["sector"], f"sectors.tsv:{term}") or Sector.CVL,
            kind=row.get("kind") or "group",
            loaded="loaded" in (row.get("notes") or "").lower()
            or "partisan" in (row.get("notes") or "").lower(),
        )
    _validate(kb)
    log.debug("actor dictionary: %d entries, %d names", len(kb.entries), len(kb.names))
    return kb


def _validate(kb: ActorKB) -> None:
    for entry in kb.entries.values():
        for ref in (entry.affiliation, entry.parent):
            if ref and ref not in kb.entries:
                log.warning("actor dictionary: %s refers to unknown key %s", entry.key, ref)
        if entry.country and entry.kind is not ActorKind.IGO and entry.country not in kb.countries:
            log.warning("actor dictionary: %s has unknown country %s", entry.key, entry.country)
