"""Place mentions found by news-writing conventions rather than by the NER model.

- ``state_qualified``: 'Salem, Ore.' / 'Dayton, OH': a name, a comma and a US state abbreviation
  (AP style or postal code), when the gazetteer has a place of that name in that state. The
  abbreviation is a mention of the state (and so qualifies the name before it).
- ``datelines``: 'SPRINGFIELD, Ill. --', 'LONDON (Reuters) -': an all-capitals name opening a
  paragraph or sentence and followed by a comma, a dash or a parenthesis.

Pure functions of the spaCy doc and the gazetteer; spans are article character offsets.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from eventlens.geo.gazetteer import Entry, Gazetteer
from eventlens.nlp import doc_text, token_starts

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MAX_NAME_TOKENS = 4
_DATELINE_NEXT = frozenset({",", "-", "--", "—", "–", "(", ":"})
_AFTER_COMMA = re.compile(r",[ \t]*(?=[A-Z])")  # where a state abbreviation may start


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, str]:
    """US state abbreviations ('Tenn.', 'TN') -> GeoNames admin1 code, from us_state_abbr.tsv."""
    text = resources.files("eventlens.data.geo").joinpath("us_state_abbr.tsv").read_text(
        encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        abbr, code = (c.strip() for c in line.split("\t")[:2])
        if len(code) != 2 or not code.isupper():
            raise ValueError(f"us_state_abbr.tsv: bad state code {code!r}")
        out[abbr] = code
    return out


def _state_entry(gz: Gazetteer, code: str) -> tuple[Entry, ...]:
    """The admin entry of a US state by its code, as a one-entry candidate list."""
    name = gz.admin1_name("US", code)
    if not name:
        return ()
    return tuple(e for e in gz.lookup_exact(name)
                 if e.feature == "admin" and e.cc == "US" and e.admin1 == code)[:1]


def _name_before(doc: "Doc", comma: int) -> tuple[int, int] | None:
    """Capitalised words (1-4 tokens) ending right before token ``comma``."""
    i = comma
    while i > 0 and comma - i < MAX_NAME_TOKENS and doc[i - 1].is_alpha and (
            doc[i - 1].text[:1].isupper()):
        i -= 1
    return (i, comma) if i < comma else None


def state_qualified(doc: "Doc", gz: Gazetteer, taken: list[tuple[int, int]]
                    ) -> list[tuple[int, int, str, tuple[Entry, ...]]]:
    """(start, end, label, entries) of 'Name, ST' pairs: label 'STATE' for the abbreviation (entries
    = the state), 'STATE-Q' for the name before it (entries left to the caller's lookup) when no
    other candidate covers it. ``taken`` spans are not re-proposed as names."""
    abbr = state_abbreviations()
    text = doc_text(doc)
    out: list[tuple[int, int, str, tuple[Entry, ...]]] = []
    starts = token_starts(doc)
    # only tokens right after a comma can be abbreviations (all of which are capitalised)
    after = sorted({bisect.bisect_left(starts, m.end()) for m in _AFTER_COMMA.finditer(text)})
    for t in (doc[i] for i in after if 2 <= i < len(doc)):
        code, a_end = abbr.get(t.text), t.idx + len(t.text)
        if code is None and t.i + 1 < len(doc) and doc[t.i + 1].text == "." and not t.whitespace_:
            code, a_end = abbr.get(t.text + "."), a_end + 1
        if code is None or doc[t.i - 1].text != ",":
            continue
        span = _name_before(doc, t.i - 1)
        if span is None:
            continue
        s, e = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
        if not any(x.cc == "US" and x.admin1 == code and x.feature in {"city", "town", "admin"}
                   for x in gz.lookup_exact(text[s:e])):
            continue
        state = _state_entry(gz, code)
        if not state:
            continue
        out.append((t.idx, a_end, "STATE", state))
        if all(e <= x or s >= y for x, y in taken):
            out.append((s, e, "STATE-Q", ()))
    return out


def datelines(doc: "Doc", gz: Gazetteer, taken: list[tuple[int, int]], *, min_pop: int
              ) -> list[tuple[int, int]]:
    """Spans of all-capitals place names opening a paragraph or sentence, followed by a comma,
    a dash or a parenthesis, that exactly name a country, region, city or town (of ``min_pop``+)."""
    out: list[tuple[int, int]] = []
    text, n = doc_text(doc), len(doc)
    starts = token_starts(doc)
    try:
        sents = {sent.start for sent in doc.sents}
    except ValueError:  # no sentence boundaries (a doc not parsed): line breaks only
        sents = set()
    firsts = {0} | sents | {  # after a line break too
        bisect.bisect_right(starts, m.start()) for m in re.finditer("\n", text)}
    for t in (doc[i] for i in sorted(firsts) if i < n):
        if t.is_space or not (t.i == 0 or t.is_sent_start or "\n" in doc[t.i - 1].text_with_ws):
            continue
        i = t.i
        while i < n and i - t.i < 3 and (doc[i].is_space or doc[i].is_punct):
            i += 1
        j = i
        while (j < n and j - i < MAX_NAME_TOKENS and doc[j].is_alpha and doc[j].text.isupper()
               and len(doc[j].text) > 1):
            j += 1
        if j == i or j >= n or doc[j].text not in _DATELINE_NEXT:
            continue
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if e - s < 3 or not all(e <= x or s >= y for x, y in taken + out):
            continue
        es = gz.lookup_exact(text[s:e])
        if not es or es[0].match not in {"exact", "alternate"} or es[0].feature not in {
                "city", "town", "country", "admin"}:
            continue
        if es[0].feature == "town" and es[0].population < min_pop:
            continue
        out.append((s, e))
    return out
