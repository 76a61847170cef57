"""Quotation-mark pairing on hand-written text (no spaCy)."""

from __future__ import annotations

import pytest

from eventlens.quotes.direct import MAX_QUOTE_CHARS, find_direct

CASES = [
    ("curly", "The mayor said: “We will rebuild the bridge.” Then he left.", ["We will rebuild the bridge."]),
    ("straight", 'She said "the port is open" on Monday.', ["the port is open"]),
    ("guillemets", "Le ministre a dit «nous partons» hier.", ["nous partons"]),
    ("split", '"The talks failed," he said. "We go home now."', ["The talks failed,", "We go home now."]),
    ("single-top-level", "The general called it ‘a tactical pause’ in the fighting.", ["a tactical pause"]),
    ("apostrophes-ignored", "The rebels’ leaders don’t talk to the army’s envoy.", []),
    ("nested-single", 'He said "the so-called ‘truce’ is over" today.', ["the so-called ‘truce’ is over"]),
    ("unbalanced-open", "He said “the truce is over and left the room.", []),
    ("unbalanced-close", "He said the truce is over” and left.", []),
    (
        "multi-paragraph",
        "“We will hold the line.\n\n“And we will not retreat,” the colonel said.",
        ["We will hold the line.", "And we will not retreat,"],
    ),
    ("no-cross-paragraph", "He said “we will\n\nwin” later.", []),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_pieces(text: str, expected: list[str]) -> None:
    pieces = find_direct(text)
    assert [text[p.start : p.end] for p in pieces] == expected
    for p in pieces:
        assert text[p.open_at] in "\"'“”‘’«»„"


def test_long_quote_capped() -> None:
    body = "word " * (MAX_QUOTE_CHARS // 4)
    text = f'Intro line.\n\nHe said "{body}" and stopped.'
    assert find_direct(text) == []


def test_whole_document_quote_is_not_a_quote() -> None:
    inner = "The council met again today and the vote was delayed once more. " * 10
    text = f"“{inner.strip()}”"
    assert find_direct(text) == []


@pytest.mark.parametrize(
    "text",
    ['"' * 50, "“" * 20 + "”" * 3, "'''“”«»„", "\n\n\"\n\"\n", "", "x" * 10_000 + '"'],
    ids=["many-straight", "many-curly", "mixed-marks", "marks-on-lines", "empty", "long-tail"],
)
def test_odd_input_never_crashes(text: str) -> None:
    for p in find_direct(text):
        assert 0 <= p.start < p.end <= len(text)
