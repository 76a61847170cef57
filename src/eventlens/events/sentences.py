"""Sentence units for event coding, and the filter that keeps non-sentences out.

A unit is a spaCy sentence cut again at line breaks (titles, captions and list items are their own
units). Units that are not prose - no verb, mostly capitals, table rows, lists of numbers, fewer than
three words - are skipped; units over ``LONG_UNIT`` tokens get only cheap handling.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

LONG_UNIT = 150


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
    for sent in doc.sents:
        begin = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > begin:
                    u = _make(doc, begin, tok.i)
                    if u is not None:
                        yield u
                begin = tok.i + 1
        if sent.end > begin:
            u = _make(doc, begin, sent.end)
            if u is not None:
                yield u


def _make(doc: "Doc", start: int, end: int) -> Unit | None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end <= start:
        return None
    toks = doc[start:end]
    if not is_prose(toks):
        return None
    return Unit(
        start=start,
        end=end,
        start_char=doc[start].idx,
        end_char=doc[end - 1].idx + len(doc[end - 1].text),
        cheap=(end - start) > LONG_UNIT,
    )


def is_prose(toks: object) -> bool:
    """True when the tokens look like a sentence of running text."""
    words = [t for t in toks if t.is_alpha]  # type: ignore[attr-defined]
    if len(words) < 3:
        return False
    caps = sum(1 for t in words if len(t.text) > 1 and t.text.isupper())
    if caps / len(words) > 0.6:
        return False
    total = len(toks)  # type: ignore[arg-type]
    nums = sum(1 for t in toks if t.like_num)  # type: ignore[attr-defined]
    if nums / total > 0.4:
        return False
    bars = sum(1 for t in toks if t.text in ("|", "\t", "•", "·"))  # type: ignore[attr-defined]
    if bars >= 2:
        return False
    if not any(t.tag_.startswith("VB") for t in toks):  # type: ignore[attr-defined]
        return False
    return True
