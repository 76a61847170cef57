"""Edges of reported content: a wire dateline opening the paragraph is not part of what was
said; a verb sharing the subject inside the content ("X condemns ... and urged ...") does not cut
the outer content short; a clause before a semicolon is no content of a later verb; "reported
dead" says nothing. Hand-written sentences (loads spaCy)."""

from __future__ import annotations

import pytest
from test_quote_extract import quotes

from eventlens.quotes.edges import trim

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("NAIROBI, May 4 (Wire) - Gunmen attacked a police post near the border on Monday, "
         "Jane Smith said.", "Gunmen attacked a police post near the border on Monday"),
        ("PORT SALEM (Agency) — Drones struck a fuel depot overnight, Maria Lopez said.",
         "Drones struck a fuel depot overnight"),
        ("US-BACKED fighters took the hill on Friday, Jane Smith said.",
         "US-BACKED fighters took the hill on Friday"),
        ("Jane Smith said on Tuesday that Maria Lopez “strongly condemns” the raid and urged "
         "both sides to show restraint.",
         "that Maria Lopez “strongly condemns” the raid and urged both sides to show restraint"),
        ("Jane Smith says the port reopened on Monday; two sailors reported missing",
         "the port reopened on Monday"),
    ],
    ids=["dateline-month-agency", "dateline-agency-dash", "no-dateline-hyphen-word",
         "shared-subject-verb-inside-content", "headline-semicolon"],
)
def test_reported_content_edges(nlp, text, want):
    reported = [q.text for q in quotes(nlp, text) if not q.direct]
    assert want in reported, reported


@pytest.mark.parametrize(
    ("text", "start", "want"),
    [
        ("GAZA CITY - Aid trucks crossed.", 0, "Aid trucks crossed"),
        ("Intro line.\nROME, June 2 (Wire) - Talks resumed.", 12, "Talks resumed"),
        ("He said ROME - a city - was calm.", 8, "ROME - a city - was calm"),  # not a paragraph start
    ],
    ids=["paragraph-start", "after-newline", "mid-paragraph-kept"],
)
def test_trim_dateline(text, start, want):
    s, e = trim(text, start, len(text))
    assert text[s:e] == want


@pytest.mark.parametrize(
    ("text", "verb", "want"),
    [
        ("Two sailors reported missing after the storm", "reported", []),
        ("Dozens of villagers reported dead on Sunday", "reported", []),
        ("The minister called the plan a disgrace", "called", ["the plan a disgrace"]),
    ],
    ids=["state-missing", "state-dead", "object-and-predicate"],
)
def test_a_state_is_no_content(nlp, text, verb, want):
    from eventlens.quotes.learned import generic_content
    from eventlens.quotes.reported import _complements

    doc = nlp(text)
    doc.user_data["_eventlens_text"] = text
    tok = next(t for t in doc if t.text == verb)
    for finder in (_complements, generic_content):
        assert [text[s:e] for s, e in finder(tok)] == want, finder.__name__
