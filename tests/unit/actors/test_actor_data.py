"""Integrity and spot checks for the curated actor dictionary (src/eventlens/data/actors/*.tsv).

Pure file parsing: no spaCy, no eventlens loader, so these checks stay valid while the loader evolves.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache
from importlib.resources import files

import pytest

from eventlens.types import Sector

COLUMNS: dict[str, tuple[str, ...]] = {
    "countries.tsv": ("iso3", "iso2", "name", "aliases", "adjectives", "capital", "capital_aliases"),
    "organizations.tsv": ("key", "name", "aliases", "kind", "country", "sector", "code", "parent", "notes"),
    "people.tsv": ("key", "name", "aliases", "country", "sector", "role", "code", "affiliation", "notes"),
    "sectors.tsv": ("term", "sector", "kind", "notes"),
}
FILES = tuple(COLUMNS)
SECTORS = {s.value for s in Sector}
ORG_KINDS = {"igo", "group", "organization"}
TERM_KINDS = {"person", "group"}
REQUIRED_HEADER = ("version: 1", "source", "licence", "columns:")
CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
KEY_RE = re.compile(r"^[a-z0-9_]+$")


def _text(name: str) -> str:
    return (files("eventlens") / "data" / "actors" / name).read_text(encoding="utf-8")


@cache
def _parsed(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[dict[str, str], ...]]:
    """Return (comment lines, header cells, rows as dicts); rows keep raw cells for checks."""
    comments: list[str] = []
    header: tuple[str, ...] = ()
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(_text(name).split("\n"), start=1):
        if not line:
            continue
        if not header and line.startswith("#"):
            comments.append(line)
            continue
        cells = tuple(line.split("\t"))
        if not header:
            header = cells
            continue
        assert len(cells) == len(header), f"{name}:{lineno}: {len(cells)} cells, expected {len(header)}"
        rows.append(dict(zip(header, cells, strict=True)) | {"_line": str(lineno)})
    return tuple(comments), header, tuple(rows)


def _rows(name: str) -> tuple[dict[str, str], ...]:
    return _parsed(name)[2]


def _multi(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def _by_key(name: str, key: str = "key") -> dict[str, dict[str, str]]:
    return {r[key]: r for r in _rows(name)}


# ---------------------------------------------------------------- structure


@pytest.mark.parametrize("name", FILES, ids=FILES)
def test_header_comments_give_version_source_licence_columns(name: str) -> None:
    comments = "\n".join(_parsed(name)[0]).lower()
    missing = [w for w in REQUIRED_HEADER if w not in comments]
    assert not missing, f"{name} header lacks {missing}"


@pytest.mark.parametrize("name", FILES, ids=FILES)
def test_header_row_matches_contract(name: str) -> None:
    assert _parsed(name)[1] == COLUMNS[name]


@pytest.mark.parametrize("name", FILES, ids=FILES)
def test_cells_are_clean(name: str) -> None:
    bad = []
    for r in _rows(name):
        for col in COLUMNS[name]:
            cell = r[col]
            parts = _multi(cell) if col in {"aliases", "adjectives", "capital_aliases"} else []
            padded = cell != cell.strip() or any(p != p.strip() or not p for p in parts)
            if padded or '"' in cell or "\r" in cell:
                bad.append((r["_line"], col, cell))
    assert not bad, bad[:10]


@pytest.mark.parametrize(
    ("name", "key", "minimum"),
    [
        ("countries.tsv", "iso3", 230),
        ("organizations.tsv", "key", 250),
        ("people.tsv", "key", 200),
        ("sectors.tsv", "term", 300),
    ],
    ids=["countries", "organizations", "people", "sectors"],
)
def test_keys_unique_and_enough_rows(name: str, key: str, minimum: int) -> None:
    keys = [r[key] for r in _rows(name)]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, dupes
    assert len(keys) >= minimum


@pytest.mark.parametrize("name", ["organizations.tsv", "people.tsv"], ids=["organizations", "people"])
def test_keys_codes_and_sectors_well_formed(name: str) -> None:
    countries = _by_key("countries.tsv", "iso3")
    bad = []
    for r in _rows(name):
        if not KEY_RE.match(r["key"]):
            bad.append(("key", r["key"]))
        if r["sector"] not in SECTORS:
            bad.append(("sector", r["key"], r["sector"]))
        if r["country"] and r["country"] not in countries:
            bad.append(("country", r["key"], r["country"]))
        if r["code"] and not CODE_RE.match(r["code"]):
            bad.append(("code", r["key"], r["code"]))
        if r["code"] and r["country"] and not r["code"].startswith(r["country"]):
            bad.append(("code/country", r["key"], r["code"], r["country"]))
    assert not bad, bad


def test_organization_kinds_and_parents() -> None:
    orgs = _by_key("organizations.tsv")
    bad = [(k, r["kind"]) for k, r in orgs.items() if r["kind"] not in ORG_KINDS]
    bad += [(k, "parent", r["parent"]) for k, r in orgs.items() if r["parent"] and r["parent"] not in orgs]
    bad += [(k, "self-parent") for k, r in orgs.items() if r["parent"] == k]
    assert not bad, bad


def test_people_affiliations_exist() -> None:
    orgs = _by_key("organizations.tsv")
    people = _by_key("people.tsv")
    bad = [(k, r["affiliation"]) for k, r in people.items() if r["affiliation"] not in {"", *orgs}]
    assert not bad, bad


def test_sector_terms_valid() -> None:
    bad = [
        r["term"]
        for r in _rows("sectors.tsv")
        if r["sector"] not in SECTORS or r["kind"] not in TERM_KINDS or r["term"] != r["term"].lower()
    ]
    assert not bad, bad


def test_countries_codes_well_formed() -> None:
    bad = [
        (r["iso3"], r["iso2"])
        for r in _rows("countries.tsv")
        if not re.fullmatch(r"[A-Z]{3}", r["iso3"]) or not re.fullmatch(r"[A-Z]{2}", r["iso2"])
    ]
    iso2 = [r["iso2"] for r in _rows("countries.tsv")]
    bad += sorted({c for c in iso2 if iso2.count(c) > 1})
    assert not bad, bad


def test_no_surface_form_maps_to_two_countries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for r in _rows("countries.tsv"):
        for col in ("name", "aliases", "adjectives", "capital", "capital_aliases"):
            for form in _multi(r[col]):
                owners[form].add(r["iso3"])
    clashes = {f: o for f, o in owners.items() if len(o) > 1}
    assert not clashes, clashes


def test_no_surface_form_shared_across_entries() -> None:
    """An org/person alias must not also name a country, another org or another person."""
    owners: dict[str, set[str]] = defaultdict(set)
    for r in _rows("countries.tsv"):
        for col in ("name", "aliases", "adjectives", "capital", "capital_aliases"):
            for form in _multi(r[col]):
                owners[form].add("country:" + r["iso3"])
    for name, kind in (("organizations.tsv", "org"), ("people.tsv", "person")):
        for r in _rows(name):
            for form in [r["name"], *_multi(r["aliases"])]:
                owners[form].add(f"{kind}:{r['key']}")
    clashes = {f: o for f, o in owners.items() if len(o) > 1}
    assert not clashes, clashes


def _norm(text: str) -> str:
    """Loose lookup normalisation (accents, case, dots, apostrophes, hyphens, leading 'the')."""
    t = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    t = re.sub(r"[.'\u2019`]", "", t)
    t = re.sub(r"[-_/]", " ", t)
    t = re.sub(r"^the\s+", "", t.strip())
    return " ".join(t.split())


# lowercase function words an alias must never normalise to ("us" and "who" are accepted on purpose:
# US and WHO are needed and must be matched case-sensitively by the resolver)
STOPWORDS = (
    "is", "it", "as", "at", "an", "a", "i", "in", "on", "or", "to", "be", "he", "we", "me", "my",
    "no", "so", "do", "go", "x", "aa", "car", "pole", "may", "will", "total", "states", "mission",
    "commission", "observatory",
)


@cache
def _normalised_forms() -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = defaultdict(list)
    for name in ("countries.tsv", "organizations.tsv", "people.tsv"):
        cols = COLUMNS[name][2:] if name == "countries.tsv" else ("name", "aliases")
        for r in _rows(name):
            for a in (a for c in cols for a in _multi(r[c])):
                forms[_norm(a)].append(f"{name}:{a}")
    return {k: tuple(v) for k, v in forms.items()}


@pytest.mark.parametrize("word", STOPWORDS, ids=STOPWORDS)
def test_no_alias_normalises_to_a_common_word(word: str) -> None:
    assert word not in _normalised_forms(), _normalised_forms()[word]


def test_no_two_entries_share_a_normalised_form() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for r in _rows("countries.tsv"):
        for col in COLUMNS["countries.tsv"][2:]:
            for form in _multi(r[col]):
                owners[_norm(form)].add("country:" + r["iso3"])
    for name in ("organizations.tsv", "people.tsv"):
        for r in _rows(name):
            for form in [r["name"], *_multi(r["aliases"])]:
                owners[_norm(form)].add(f"{name}:{r['key']}")
    clashes = {f: o for f, o in owners.items() if len(o) > 1}
    assert not clashes, clashes


COMMON_WORDS = (
    "May", "Will", "Rice", "Bush", "Gallant", "Johnson", "Austin",
    "Pence", "Saleh", "Abbas", "Turk", "Williams", "Conte",
)


@pytest.mark.parametrize("word", COMMON_WORDS, ids=COMMON_WORDS)
def test_people_have_no_ambiguous_bare_aliases(word: str) -> None:
    owners = [r["key"] for r in _rows("people.tsv") if word in _multi(r["aliases"]) or r["name"] == word]
    assert not owners, owners


# ---------------------------------------------------------------- spot checks


@pytest.mark.parametrize(
    ("iso3", "field", "expected"),
    [
        ("LBY", "name", "Libya"),
        ("LBY", "adjectives", "Libyan"),
        ("LBY", "capital", "Tripoli"),
        ("USA", "aliases", "U.S."),
        ("USA", "capital", "Washington"),
        ("GBR", "aliases", "Britain"),
        ("RUS", "aliases", "Russian Federation"),
        ("CIV", "aliases", "Ivory Coast"),
        ("ARE", "adjectives", "Emirati"),
        ("ARE", "capital", "Abu Dhabi"),
        ("TUR", "adjectives", "Turks"),
        ("TUR", "capital", "Ankara"),
        ("EGY", "capital", "Cairo"),
        ("TWN", "name", "Taiwan"),
        ("XKX", "name", "Kosovo"),
        ("PSE", "adjectives", "Palestinians"),
        ("ESH", "name", "Western Sahara"),
        ("UKR", "capital_aliases", "Kiev"),
    ],
    ids=lambda v: str(v),
)
def test_country_spot_checks(iso3: str, field: str, expected: str) -> None:
    row = _by_key("countries.tsv", "iso3")[iso3]
    assert expected == row[field] or expected in _multi(row[field])


@pytest.mark.parametrize(
    ("key", "country", "sector", "code", "affiliation", "alias"),
    [
        ("khalifa_haftar", "LBY", "MIL", "LBYMIL", "lna", "Hafter"),
        ("sergey_lavrov", "RUS", "GOV", "RUSGOV", "russia_mfa", "Sergei Lavrov"),
        ("antonio_guterres", "", "IGO", "IGOUNO", "un", "Guterres"),
        ("fayez_sarraj", "LBY", "GOV", "LBYGOV", "gna", "Sarraj"),
        ("ahmed_mismari", "LBY", "MIL", "LBYMIL", "lna", "al-Mosmari"),
        ("mohamed_gununu", "LBY", "MIL", "LBYMIL", "gna_forces", "Gununu"),
        ("recep_tayyip_erdogan", "TUR", "GOV", "TURGOV", "", "Erdoğan"),
        ("abdel_fattah_sisi", "EGY", "GOV", "EGYGOV", "", "al-Sisi"),
        ("yevgeny_prigozhin", "RUS", "UAF", "RUSUAF", "wagner", "Prigozhin"),
    ],
    ids=lambda v: str(v),
)
def test_people_spot_checks(
    key: str, country: str, sector: str, code: str, affiliation: str, alias: str
) -> None:
    row = _by_key("people.tsv")[key]
    got = (row["country"], row["sector"], row["code"], row["affiliation"])
    assert got == (country, sector, code, affiliation)
    assert alias in _multi(row["aliases"])


@pytest.mark.parametrize(
    ("key", "kind", "country", "sector", "parent", "alias"),
    [
        ("un", "igo", "", "IGO", "", "U.N."),
        ("unsmil", "igo", "", "IGO", "un", "UNSMIL"),
        ("lna", "group", "LBY", "MIL", "", "Libyan Arab Armed Forces"),
        ("gna", "organization", "LBY", "GOV", "", "GNA"),
        ("africom", "organization", "USA", "MIL", "us_military", "U.S. military command for Africa"),
        ("wagner", "group", "RUS", "UAF", "", "Wagner"),
        ("isis", "group", "", "REB", "", "Daesh"),
        ("hezbollah", "group", "LBN", "REB", "", "Hizbollah"),
        ("houthis", "group", "YEM", "REB", "", "Ansar Allah"),
        ("reuters", "organization", "GBR", "MED", "", "Thomson Reuters"),
    ],
    ids=lambda v: str(v),
)
def test_organization_spot_checks(
    key: str, kind: str, country: str, sector: str, parent: str, alias: str
) -> None:
    row = _by_key("organizations.tsv")[key]
    assert (row["kind"], row["country"], row["sector"], row["parent"]) == (kind, country, sector, parent)
    assert alias == row["name"] or alias in _multi(row["aliases"])


@pytest.mark.parametrize("key", ["twitter", "facebook", "telegram", "instagram", "youtube"], ids=str)
def test_platforms_are_marked(key: str) -> None:
    row = _by_key("organizations.tsv")[key]
    assert row["sector"] == "BUS" and row["notes"].startswith("platform")


@pytest.mark.parametrize(
    ("term", "sector", "kind", "loaded"),
    [
        ("spokesman", "GOV", "person", False),
        ("troops", "MIL", "group", False),
        ("militias", "UAF", "group", True),
        ("insurgents", "REB", "group", False),
        ("protesters", "OPP", "group", False),
        ("mercenaries", "UAF", "group", True),
        ("warlord", "MIL", "person", True),
        ("regime", "GOV", "group", True),
        ("lawmakers", "LEG", "person", False),
        ("police", "COP", "group", False),
        ("journalists", "MED", "person", False),
        ("civilians", "CVL", "group", False),
    ],
    ids=lambda v: str(v),
)
def test_sector_spot_checks(term: str, sector: str, kind: str, loaded: bool) -> None:
    row = {r["term"]: r for r in _rows("sectors.tsv")}[term]
    assert (row["sector"], row["kind"]) == (sector, kind)
    assert ("loaded" in row["notes"]) is loaded
