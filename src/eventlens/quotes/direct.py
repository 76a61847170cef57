"""Quotation-mark pairing: the character spans of direct quotes.

A pure character scan, paragraph by paragraph (a paragraph is a run of text between
newlines). Pairs “ ”, « », „ “, straight double quotes, and single ‘ ’ / ' ' quotes at the top
level (single quotes inside a double quote are nested quotes and stay part of it).
Robust to bad input: an unmatched mark is dropped, a quote never crosses a paragraph
unless the next paragraph reopens it (the multi-paragraph convention), and no piece is
longer than ``MAX_QUOTE_CHARS`` or covers most of the article.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

MAX_QUOTE_CHARS = 2500  # one piece (a paragraph's worth); longer runs are not quotes
MAX_SHARE = 0.8  # a piece may not cover more than this share of a long article
_LONG_ARTICLE = 400

_OPEN_ONLY = {"“": "double", "«": "guillemet", "„": "double", "‘": "single"}
_CLOSE_ONLY = {"”": "double", "»": "guillemet", "’": "single"}
_AMBIGUOUS = {'"': "double", "'": "single"}
_MARK_RE = re.compile("[\"'“”‘’«»„]")
_OPENING_CONTEXT = set(" \t\n([{—–-/") | {"\u00a0"}


@dataclass(frozen=True, slots=True)
class Piece:
    """The inside of one quoted stretch: ``[start, end)`` excludes the marks.

    ``open_at``/``close_at`` are the offsets of the marks (``close_at`` is None for a piece
    that runs to the end of its paragraph under the multi-paragraph convention).
    """

    start: int
    end: int
    open_at: int
    close_at: int | None


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPENING_CONTEXT or not before.isalnum()) and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _marks(text: str, start: int, end: int, family: set[str]) -> list[tuple[int, str]]:
    """Marks of the wanted families in text[start:end] as (offset, role) with role open/close/both."""
    out: list[tuple[int, str]] = []
    for m in _MARK_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        fam = _OPEN_ONLY.get(ch) or _CLOSE_ONLY.get(ch) or _AMBIGUOUS.get(ch)
        if fam is None or fam not in family:
            continue
        if fam == "single":
            # apostrophes: don’t, parties’, ’90s — a single mark must look like a quote mark
            if ch in "’'" and _can_close(text, i) and not _can_open(text, i):
                before2 = text[i - 2] if i > 1 else " "
                if text[i - 1].lower() == "s" and not before2.isspace():
                    continue  # plural possessive
                out.append((i, "close"))
            elif ch in "‘'" and _can_open(text, i) and not _can_close(text, i):
                out.append((i, "open"))
            continue
        if ch in _OPEN_ONLY:
            out.append((i, "open"))
        elif ch in _CLOSE_ONLY:
            out.append((i, "close"))
        else:
            can_o, can_c = _can_open(text, i), _can_close(text, i)
            if can_o and not can_c:
                out.append((i, "open"))
            elif can_c and not can_o:
                out.append((i, "close"))
            else:
                out.append((i, "both"))
    return out


def _pair(marks: list[tuple[int, str]]) -> tuple[list[tuple[int, int]], int | None]:
    """Pair marks left to right; returns pairs and a dangling open mark (or None)."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, role in marks:
        if open_at is None:
            if role in ("open", "both"):
                open_at = i
            # a lone closing mark with nothing open is ignored (unbalanced)
        elif role in ("close", "both"):
            pairs.append((open_at, i))
            open_at = None
        else:  # a second opening mark while one is open: the first one was unbalanced
            open_at = i
    return pairs, open_at


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_DOUBLED = re.compile("''|``")


def _undouble(text: str) -> str:
    """Doubled apostrophes and backticks (``''We won,'' he said``) as one double mark, offsets kept:
    an opening pair becomes a space and a mark, a closing pair a mark and a space."""
    if "''" not in text and "``" not in text:
        return text
    chars = list(text)
    for m in _DOUBLED.finditer(text):
        i = m.start()
        after = text[i + 2] if i + 2 < len(text) else " "
        before = text[i - 1] if i > 0 else " "
        if m.group() == "``" or (before.isspace() or before in "([{—–-") and not after.isspace():
            chars[i], chars[i + 1] = " ", '"'
        else:
            chars[i], chars[i + 1] = '"', " "
    return "".join(chars)


def find_direct(text: str) -> list[Piece]:
    """Direct-quote pieces of ``text``, sorted, non-overlapping, inner spans without marks."""
    text = _undouble(text)
    paras = _paragraphs(text)
    pieces: list[Piece] = []
    families = ({"double"}, {"guillemet"})
    for pi, (ps, pe) in enumerate(paras):
        taken: list[tuple[int, int | None]] = []  # (open mark, close mark or None)
        for fam in families:
            pairs, dangling = _pair(_marks(text, ps, pe, fam))
            taken.extend(pairs)
            if dangling is not None and pi + 1 < len(paras):
                nxt_s, nxt_e = paras[pi + 1]
                nxt = _marks(text, nxt_s, min(nxt_e, nxt_s + 3), fam)
                if nxt and nxt[0][1] in ("open", "both") and not text[nxt_s:nxt[0][0]].strip():
                    taken.append((dangling, None))  # continues in the next paragraph
                else:
                    log.debug("unbalanced quote mark at %d dropped", dangling)
        # single quotes only outside double ones (inside, they are nested quotes)
        singles, _ = _pair(_marks(text, ps, pe, {"single"}))
        for a, b in singles:
            if not any(s <= a <= (e if e is not None else pe) for s, e in taken):
                taken.append((a, b))
        for a, b in sorted(taken):
            pieces.append(Piece(a + 1, b if b is not None else pe, a, b))
    return _clean(text, pieces)


def _clean(text: str, pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    n = len(text)
    for p in sorted(pieces, key=lambda p: (p.start, -p.end)):
        s, e = p.start, p.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        if e - s > MAX_QUOTE_CHARS:
            log.debug("quote of %d chars at %d skipped (cap %d)", e - s, s, MAX_QUOTE_CHARS)
            continue
        if n >= _LONG_ARTICLE and (e - s) > MAX_SHARE * n:
            log.debug("quote covering most of the article skipped")
            continue
        if out and s < out[-1].end:  # overlap (should not happen): keep the first
            continue
        out.append(Piece(s, e, p.open_at, p.close_at))
    return out
