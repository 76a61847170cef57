"""An event that is the content of another coded act ("accused X of shelling", "threatened to
strike") weighs less than the governing act, which is the sentence's main event; a contrasting
clause is no content, and a phrase of time is no content but background (it weighs less too,
with no content code). Own sentences only."""

from __future__ import annotations

import pytest
from eventkit import C, make_ctx, run

from eventlens.config import Config
from eventlens.events import load_codebook
from eventlens.events.extract import _embedded
from eventlens.events.sentences import units
from eventlens.events.triggers import match_unit

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "corvia": ("Corvia", C, None, ("Corvia",)),
}


def _conf(events, type_):
    got = [e.confidence for e in events if e.type == type_]
    assert got, [(e.type, e.trigger.text) for e in events]
    return max(got)


@pytest.mark.parametrize(
    ("text", "main", "content"),
    [
        ("Avaria accused Belmont of shelling the border villages of Corvia.", "ACCUSE", "ASSAULT"),
        ("Avaria threatened to bomb Belmont if the talks failed.", "THREATEN", "ASSAULT"),
        ("Avaria urged Belmont to withdraw its troops from Corvia.", "REQUEST", "RETREAT"),
    ],
    ids=["accused-of", "threatened-to", "urged-to"],
)
def test_main_event_outweighs_its_content(text, main, content):
    evs = run(text, ACTORS)
    assert _conf(evs, main) > _conf(evs, content)


@pytest.mark.parametrize(
    ("text", "lemma", "want"),  # want: the confidence factor, None when not below another act
    [
        ("Avaria attacked Belmont on Monday, while Corvia supported Belmont.", "support", None),
        ("Avaria seized the port after bombing Belmont.", "bomb", 0.5),  # background, no content
        ("Avaria protested after Belmont shelled the port.", "shell", 0.8),
        ("Avaria vowed to protest if Belmont shelled the port.", "shell", 0.4),
        ("Avaria accused Belmont of shelling the port.", "shell", 0.4),
    ],
    ids=["contrast-clause", "phrase-of-time", "clause-of-time", "condition", "accused-of"],
)
def test_embedded(text, lemma, want):
    ctx = make_ctx(text, ACTORS)
    cb = load_codebook(Config())
    (unit,) = list(units(ctx.doc))
    matches = match_unit(ctx.doc, unit, cb)
    (m,) = [m for m in matches if m.token.lemma_.lower() == lemma]
    got = _embedded(m, matches, unit)
    assert (got[1] if got else None) == want
