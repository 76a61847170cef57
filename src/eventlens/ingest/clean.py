"""Cleaning raw article text: boilerplate, captions, empty brackets, whitespace.

The rules live in ``data/ingest/boilerplate.tsv``; this module only applies them.
Every removal is recorded as a :class:`~eventlens.types.Removal`. Whitespace fixes are
not recorded one by one: a cleaning run that changed whitespace adds a single
``Removal(text="<n> whitespace fixes", reason="whitespace")`` record.

Cleaning runs passes until a pass changes nothing, so it is idempotent by
construction: ``clean_text(clean_text(x)[0])`` returns the same text and no removals.
"""

from __future__ import annotations

import re

from eventlens.ingest.patterns import Rule, load_rules
from eventlens.types import Removal

MAX_PASSES = 8

# Characters that are whitespace in spirit but not a plain space.
_ODD_SPACE = re.compile(r"[\t\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# Invisible characters and C0/C1 controls (other than newline) that carry nothing.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MULTI_SPACE = re.compile(r" {2,}")
# Characters that end a paragraph-like line (a following line is a new paragraph).
_TERMINAL = ".!?:;\"”’»)]…"
# A sentence boundary inside a paragraph (used to find the caption before a credit).
_BOUNDARY = re.compile(r"[.!?][\"”’»)]*\s+(?=[\"“‘«(\[]?[A-Z0-9])")
_DATE_SENTENCE = re.compile(
    r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\.?$",
    re.IGNORECASE,
)


def clean_text(raw: str, *, keep_captions: bool = False) -> tuple[str, tuple[Removal, ...]]:
    """Clean raw article text; return the text and what was removed (with reasons).

    Paragraphs come out separated by exactly one blank line, without leading or
    trailing whitespace. With ``keep_captions=True`` photo captions and credits stay.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    removals: list[Removal] = []
    fixes = 0
    for _ in range(MAX_PASSES):
        new, found, n_ws = _one_pass(text, keep_captions)
        removals.extend(found)
        fixes += n_ws
        if new == text:
            break
        text = new
    if fixes:
        removals.append(Removal(text=f"{fixes} whitespace fixes", reason="whitespace"))
    return text, tuple(removals)


def _one_pass(text: str, keep_captions: bool) -> tuple[str, list[Removal], int]:
    rules = load_rules()
    removals: list[Removal] = []
    fixes = 0

    text, n = _ODD_SPACE.subn(" ", text)
    fixes += n
    text, n = _INVISIBLE.subn("", text)
    fixes += n

    lines: list[str | None] = []  # None: a line removed by a rule
    for line in text.split("\n"):
        stripped = line.strip(" ")
        if stripped != line and stripped:
            fixes += 1
        stripped, n = _MULTI_SPACE.subn(" ", stripped)
        fixes += n
        before = len(removals)
        kept = _clean_line(stripped, rules.line, rules.credit, rules.inline,
                           keep_captions, removals)
        lines.append(None if not kept and len(removals) > before else kept)

    paragraphs: list[str] = []
    block: list[str] = []
    blank_run = 0
    for line in lines:
        if line is None:  # a removed line ends the block but is not extra whitespace
            blank_run = 0
            if block:
                joined, n = _join_block(block)
                paragraphs.extend(joined)
                fixes += n
                block = []
            continue
        if line:
            if blank_run > 1 and paragraphs:
                fixes += 1  # extra blank lines between paragraphs
            blank_run = 0
            block.append(line)
            continue
        blank_run += 1
        if block:
            joined, n = _join_block(block)
            paragraphs.extend(joined)
            fixes += n
            block = []
    if block:
        joined, n = _join_block(block)
        paragraphs.extend(joined)
        fixes += n
    return "\n\n".join(paragraphs), removals, fixes


def _clean_line(
    line: str,
    line_rules: tuple[Rule, ...],
    credit_rules: tuple[Rule, ...],
    inline_rules: tuple[Rule, ...],
    keep_captions: bool,
    removals: list[Removal],
) -> str:
    """One stripped line → what is left of it ('' when the whole line goes)."""
    if not line:
        return ""
    for rule in line_rules:
        if keep_captions and rule.reason == "caption":
            continue
        if rule.max_len and len(line) > rule.max_len:
            continue
        if rule.regex.search(line):
            removals.append(Removal(text=line, reason=rule.reason))
            return ""
    if not keep_captions:
        line = _strip_credits(line, credit_rules, removals)
    for rule in inline_rules:
        if keep_captions and rule.reason == "caption":
            continue
        pieces: list[str] = []
        last = 0
        for m in rule.regex.finditer(line):
            if m.end() == m.start():
                continue
            removals.append(Removal(text=m.group().strip(), reason=rule.reason))
            pieces.append(line[last:m.start()])
            last = m.end()
        if pieces:
            pieces.append(line[last:])
            line = "".join(pieces)
    return _MULTI_SPACE.sub(" ", line).strip()


def _strip_credits(line: str, rules: tuple[Rule, ...], removals: list[Removal]) -> str:
    """Remove photo credits: a line ending in one is a caption; inside a paragraph the
    credit and the sentence just before it (the caption) are cut out. Linear time."""
    for rule in rules:
        matches = [m for m in rule.regex.finditer(line) if m.end() > m.start()]
        if not matches:
            continue
        if not line[matches[-1].end():].strip(" .") and (
            not rule.max_len or len(line) <= rule.max_len
        ):
            removals.append(Removal(text=line, reason=rule.reason))
            return ""
        kept: list[str] = []
        pos = 0
        for m in matches:
            segment = line[pos:m.start()]
            after = line[m.end():m.end() + 12].lstrip(" .")
            # a credit inside a running sentence goes alone; otherwise with its caption
            cut = len(segment) if after[:1].islower() else _caption_start(segment)
            kept.append(segment[:cut].strip())
            removals.append(Removal(text=line[pos + cut:m.end()].strip(), reason=rule.reason))
            pos = m.end()
            while pos < len(line) and line[pos] in " .":
                pos += 1
        kept.append(line[pos:].strip())
        line = " ".join(k for k in kept if k)
    return line


def _caption_start(segment: str) -> int:
    """Start of the caption sentence at the end of ``segment`` (text before a credit)."""
    prefix = segment.rstrip()
    if not prefix:
        return 0
    starts = [0] + [m.end() for m in _BOUNDARY.finditer(prefix)]
    starts = [s for s in starts if s < len(prefix)]
    k = len(starts) - 1
    # "... in Misrata. May 17, 2014. (AFP Photo)": the date belongs to the caption.
    if k > 0 and _DATE_SENTENCE.match(prefix[starts[k]:].strip()):
        k -= 1
    return starts[k]


def _join_block(block: list[str]) -> tuple[list[str], int]:
    """Lines of one block → paragraphs, joining hard-wrapped lines.

    A line is joined to the next when it ends with a hyphen after a letter (kept:
    "cease-" + "fire"), or does not
    end like a sentence and the next starts in lower case or digits, or it is long (a
    wrapped line). Returns the paragraphs and the number of joins made.
    """
    out: list[str] = [block[0]]
    joins = 0
    for line in block[1:]:
        prev = out[-1]
        if len(prev) > 1 and prev[-1] == "-" and prev[-2].isalpha() and line[:1].islower():
            out[-1] = prev + line
            joins += 1
        elif prev[-1] not in _TERMINAL and (
            line[:1].islower() or line[:1].isdigit() or len(prev) >= 60
        ):
            out[-1] = prev + " " + line
            joins += 1
        else:
            out.append(line)
    return out, joins
