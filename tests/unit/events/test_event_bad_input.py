"""Odd input: no crash, no invented events."""

from __future__ import annotations

import time

import pytest

from eventkit import C, G, make_ctx, run
from eventlens.events import extract_events, load_codebook
from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "AVARIA")),
    "belmont": ("Belmont", C, None, ("Belmont", "BELMONT")),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
}


@pytest.mark.parametrize(
    "text",
    [
        "AVARIA ATTACKS BELMONT TROOPS IN BORDER CLASH",
        "Avaria | attacks | Belmont\nBelmont | 12 | 40\nAvaria | 3 | 9",
        "- Avaria\n- Belmont\n- attack\n- sanctions",
        "Contact Us\nAbout Avaria\nBelmont Privacy Policy",
        "Avaria, Belmont, sanctions, airstrikes, talks.",
        "Avaria 12 34 56 Belmont 78 90 12 34",
        "",
        "   \n\n  ",
        '"Avaria attacked Belmont',
        "Photo: Avaria / Belmont (Reuters)",
    ],
    ids=["all-caps", "table", "list", "boilerplate", "no-verb", "numbers", "empty", "blank",
         "unbalanced-quote", "caption"],
)
def test_no_events_from_non_sentences(text):
    evs = run(text, ACTORS)
    if text.startswith('"Avaria attacked'):
        assert all(e.type == "ASSAULT" for e in evs)  # a real sentence, broken quote
    else:
        assert evs == ()


def test_thousand_token_sentence_is_cheap_and_safe():
    text = " ".join(["Avaria attacked Belmont and the Kestrel Brigade"] * 160) + "."
    ctx = make_ctx(text, ACTORS)
    assert len(ctx.doc) > 1000
    t = time.perf_counter()
    evs = extract_events(ctx, load_codebook())
    assert time.perf_counter() - t < 2.0
    for e in evs:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
    assert len(evs) <= 60


def test_verbless_long_run():
    text = ", ".join(["Avaria"] * 600)
    assert run(text, ACTORS) == ()
