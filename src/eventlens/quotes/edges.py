"""Edges of a content span: spaces, edge punctuation, a wire dateline opening the paragraph,
and the closing mark of a quote the content opens."""

from __future__ import annotations

import re

QUOTE_CHARS = set("\"'“”‘’«»„")

# a wire dateline opening a paragraph: "NAIROBI, May 4 (Wire) - ", "KYIV (Agency) — ", "GAZA CITY - "
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{2,40}(?:, [A-Z][\w.]*(?: \d{1,2})?)?(?: \([^()\n]{1,40}\))?"
                       r" ?[-–—] ")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and edge punctuation, keeping quote marks and what they enclose; a content
    that opens its paragraph drops the wire dateline in front of it."""
    if (start == 0 or text[start - 1] == "\n") and (m := _DATELINE.match(text, start, end)):
        start = m.end()
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start:
        ch = text[end - 1]
        if ch.isspace() or ch in ",;:—–-(":
            end -= 1
        elif ch == "." and (end - 2 < start or text[end - 2] not in QUOTE_CHARS):
            end -= 1
        else:
            break
    return _close_quote(text, start, end)


_OPENERS = {"“": "”", "«": "»", '"': '"'}


def _close_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Stretch a content over the closing mark of a quote it opens ('that it was "a disaster."')."""
    inner = text[start:end]
    for op, cl in _OPENERS.items():
        n_open = inner.count(op) if op != cl else inner.count(op) % 2
        n_close = inner.count(cl) if op != cl else 0
        if n_open > n_close:
            j = end
            while j < len(text) and j - end < 3 and text[j] in ".,!?;":
                j += 1
            if j < len(text) and text[j] == cl:
                return start, j + 1
    return start, end
