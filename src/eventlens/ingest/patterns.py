"""Loading the cleaning patterns and stopword lists (data files under ``data/ingest``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventlens.errors import ResourceError

SCOPES = ("line", "inline", "credit")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One cleaning rule from ``boilerplate.tsv``."""

    id: str
    reason: str
    scope: str
    max_len: int
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    line: tuple[Rule, ...]
    inline: tuple[Rule, ...]
    credit: tuple[Rule, ...]


def _data_lines(name: str) -> list[tuple[int, list[str]]]:
    """Non-comment rows of a TSV data file (after its header row), with line numbers."""
    try:
        text = resources.files("eventlens").joinpath(f"data/ingest/{name}").read_text("utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"ingest data file {name} is missing; reinstall eventlens") from exc
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append((n, line.split("\t")))
    return rows


def _compile(pattern: str) -> re.Pattern[str]:
    if pattern.startswith("(?-i)"):
        return re.compile(pattern[5:])
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Parse and validate ``data/ingest/boilerplate.tsv`` once."""
    by_scope: dict[str, list[Rule]] = {s: [] for s in SCOPES}
    seen: set[str] = set()
    for n, cols in _data_lines("boilerplate.tsv"):
        if len(cols) != 5:
            raise ResourceError(f"boilerplate.tsv line {n}: expected 5 tab-separated columns")
        rid, reason, scope, max_len, pattern = cols
        if rid in seen:
            raise ResourceError(f"boilerplate.tsv line {n}: duplicate rule id {rid!r}")
        if scope not in SCOPES:
            raise ResourceError(f"boilerplate.tsv line {n}: scope must be one of {SCOPES}")
        try:
            regex = _compile(pattern)
            limit = int(max_len)
        except (re.error, ValueError) as exc:
            raise ResourceError(f"boilerplate.tsv line {n} ({rid}): {exc}") from exc
        seen.add(rid)
        by_scope[scope].append(
            Rule(id=rid, reason=reason, scope=scope, max_len=limit, regex=regex)
        )
    return Rules(
        line=tuple(by_scope["line"]),
        inline=tuple(by_scope["inline"]),
        credit=tuple(by_scope["credit"]),
    )


@lru_cache(maxsize=1)
def load_stopwords() -> dict[str, tuple[str, frozenset[str]]]:
    """Language code → (language name, function words) from ``data/ingest/stopwords.tsv``."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for n, cols in _data_lines("stopwords.tsv"):
        if len(cols) != 3:
            raise ResourceError(f"stopwords.tsv line {n}: expected 3 tab-separated columns")
        lang, name, words = cols
        out[lang] = (name, frozenset(words.split()))
    if "en" not in out:
        raise ResourceError("stopwords.tsv has no English row")
    return out
