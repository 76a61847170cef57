"""The label lexicon: loaded terms with kind and neutral equivalent, and a token matcher.

The lexicon is a versioned TSV (``eventlens/data/slant/lexicon.tsv``). Matching works on
spaCy tokens: each lexicon word matches a token whose lower-cased text *or* lemma equals
it, so "militia" also finds "militias" and "warlord" finds "warlords". Longest match wins.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from eventlens.errors import ResourceError
from eventlens.types import LabelKind

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

TARGETS = frozenset({"person", "group", "state", "any", "action"})
_COLUMNS = ["term", "kind", "neutral", "target", "unless"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    term: str
    words: tuple[str, ...]
    kind: LabelKind
    neutral: str | None
    target: str
    unless: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class LexHit:
    """A lexicon match: tokens [start, end) of the doc."""

    start: int  # token index
    end: int  # token index, exclusive
    entry: Entry


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    version: str
    entries: tuple[Entry, ...]
    # first word -> entries starting with it, longest first
    _first: dict[str, tuple[Entry, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_entries(cls, entries: list[Entry], version: str = "0") -> "Lexicon":
        first: dict[str, list[Entry]] = {}
        for e in entries:
            first.setdefault(e.words[0], []).append(e)
        packed = {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in first.items()}
        return cls(version=version, entries=tuple(entries), _first=packed)

    def get(self, term: str) -> Entry | None:
        key = tuple(term.lower().split())
        for e in self.entries:
            if e.words == key:
                return e
        return None

    def match(self, doc: "Doc") -> list[LexHit]:
        """Non-overlapping lexicon hits in ``doc``, longest first, left to right."""
        forms = _doc_forms(doc)
        hits: list[LexHit] = []
        i, n = 0, len(forms)
        while i < n:
            best: Entry | None = None
            for w in forms[i]:
                for e in self._first.get(w, ()):
                    k = len(e.words)
                    if i + k > n or (best is not None and k <= len(best.words)):
                        continue
                    if all(e.words[j] in forms[i + j] for j in range(1, k)):
                        best = e
            if best is not None and not _blocked(doc, i, best):
                hits.append(LexHit(start=i, end=i + len(best.words), entry=best))
                i += len(best.words)
            else:
                i += 1
        return hits


def _doc_forms(doc: "Doc") -> list[tuple[str, ...]]:
    """:func:`_forms` of every token, from the vocabulary ids (no Token objects), worked out
    once per distinct (form, lemma) pair of the article."""
    if len(doc) == 0:
        return []
    strings = doc.vocab.strings
    ids = doc.to_array(["LOWER", "LEMMA"])
    seen: dict[tuple[int, int], tuple[str, ...]] = {}
    out: list[tuple[str, ...]] = []
    for pair in zip(ids[:, 0].tolist(), ids[:, 1].tolist()):
        got = seen.get(pair)
        if got is None:
            lower, lemma = strings[pair[0]], strings[pair[1]].lower()
            got = seen[pair] = (lower,) if lemma == lower or not lemma else (lower, lemma)
        out.append(got)
    return out


def _forms(tok: object) -> tuple[str, ...]:
    lower = tok.lower_  # type: ignore[attr-defined]
    lemma = tok.lemma_.lower()  # type: ignore[attr-defined]
    return (lower,) if lemma == lower or not lemma else (lower, lemma)


def _blocked(doc: "Doc", i: int, entry: Entry) -> bool:
    """True when a word of ``entry.unless`` stands right before the hit ("sanctions regime")."""
    if not entry.unless or i == 0:
        return False
    prev = doc[i - 1]
    if prev.lower_ in entry.unless or prev.lemma_.lower() in entry.unless:
        return True
    # "counter-terrorism": the tokenizer splits on the hyphen
    if prev.text == "-" and i >= 2 and doc[i - 2].lower_ in entry.unless:
        return True
    return False


def parse_lexicon(text: str, *, origin: str = "<lexicon>") -> Lexicon:
    """Parse and validate the TSV text of a lexicon."""
    version = "0"
    entries: list[Entry] = []
    seen: set[tuple[str, ...]] = set()
    header_seen = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            if body.startswith("version:"):
                version = body.split(":", 1)[1].strip()
            continue
        cols = line.split("\t")
        if not header_seen:
            if cols != _COLUMNS:
                raise ResourceError(f"{origin}:{lineno}: header must be {_COLUMNS}, got {cols}")
            header_seen = True
            continue
        if len(cols) != len(_COLUMNS):
            raise ResourceError(f"{origin}:{lineno}: expected {len(_COLUMNS)} columns")
        term, kind, neutral, target, unless = (c.strip() for c in cols)
        words = tuple(term.lower().split())
        if not words:
            raise ResourceError(f"{origin}:{lineno}: empty term")
        if words in seen:
            raise ResourceError(f"{origin}:{lineno}: duplicate term {term!r}")
        seen.add(words)
        try:
            label_kind = LabelKind(kind)
        except ValueError as exc:
            raise ResourceError(f"{origin}:{lineno}: unknown kind {kind!r}") from exc
        if target not in TARGETS:
            raise ResourceError(f"{origin}:{lineno}: unknown target {target!r}")
        entries.append(
            Entry(
                term=term,
                words=words,
                kind=label_kind,
                neutral=None if neutral in ("", "-") else neutral,
                target=target,
                unless=frozenset() if unless in ("", "-") else frozenset(unless.lower().split("|")),
            )
        )
    if not header_seen:
        raise ResourceError(f"{origin}: no header line")
    return Lexicon.from_entries(entries, version=version)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, validated once and cached."""
    path = resources.files("eventlens").joinpath("data", "slant", "lexicon.tsv")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - broken install
        raise ResourceError(f"label lexicon missing from the package: {exc}") from exc
    lex = parse_lexicon(text, origin="eventlens/data/slant/lexicon.tsv")
    log.debug("label lexicon v%s: %d entries", lex.version, len(lex.entries))
    return lex
