"""Sentence units for event coding, and the filter that keeps non-sentences out.

A unit is a spaCy sentence cut again at line breaks (titles, captions and list items are their own
units). Units that are not prose - no verb, mostly capitals, table rows, lists of numbers, fewer than
three words - are skipped; units over ``LONG_UNIT`` tokens get only cheap handling.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventlens.nlp.tokens import TokenTable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

LONG_UNIT = 150
_BARS = frozenset({"|", "\t", "•", "·"})


@dataclass(frozen=True, slots=True)
class Unit:
    """Tokens [start, end) of the doc forming one sentence-like unit."""

    start: int
    end: int
    start_char: int
    end_char: int
    cheap: bool = False

    def contains(self, tok: "Token") -> bool:
        return self.start <= tok.i < self.end


def units(doc: "Doc") -> Iterator[Unit]:
    """Sentence units of ``doc`` that look like prose."""
    tb = TokenTable.of(doc)
    is_space, text = tb.is_space, tb.text
    for sent in doc.sents:
        begin = sent.start
        for i in range(sent.start, sent.end):
            if is_space[i] and "\n" in text[i]:
                if i > begin:
                    u = _make(doc, tb, begin, i)
                    if u is not None:
                        yield u
                begin = i + 1
        if sent.end > begin:
            u = _make(doc, tb, begin, sent.end)
            if u is not None:
                yield u


def _make(doc: "Doc", tb: TokenTable, start: int, end: int) -> Unit | None:
    is_space = tb.is_space
    while start < end and is_space[start]:
        start += 1
    while end > start and is_space[end - 1]:
        end -= 1
    if end <= start:
        return None
    if not _prose_at(tb, start, end):
        return None
    last = doc[end - 1]
    return Unit(
        start=start,
        end=end,
        start_char=doc[start].idx,
        end_char=last.idx + len(tb.text[end - 1]),
        cheap=(end - start) > LONG_UNIT,
    )


def _prose_at(tb: TokenTable, start: int, end: int) -> bool:
    """Do tokens [start, end) look like a sentence of running text? At least three words, not
    mostly capitals or numbers, no table bars, a verb."""
    text = tb.text[start:end]
    alpha = tb.is_alpha[start:end]
    words = [w for w, a in zip(text, alpha) if a]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if len(w) > 1 and w.isupper())
    if caps / len(words) > 0.6:
        return False
    nums = sum(tb.like_num[start:end])
    if nums / (end - start) > 0.4:
        return False
    if sum(1 for w in text if w in _BARS) >= 2:
        return False
    return any(t.startswith("VB") for t in tb.tag[start:end])


def is_prose(toks: object) -> bool:
    """True when the tokens look like a sentence of running text."""
    tb = TokenTable.of(toks)  # type: ignore[arg-type]
    return _prose_at(tb, 0, len(tb.text))
