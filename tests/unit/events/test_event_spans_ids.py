"""Offsets round-trip, ids are stable, every event is well-formed."""

from __future__ import annotations

import pytest

from eventkit import C, G, P, events_of, make_ctx
from eventlens.events import load_codebook
from eventlens.types import Sector

pytestmark = pytest.mark.slow

TEXT = (
    "Avaria and Belmont will hold talks in Orsk.\n\n"
    "On Sunday, the Kestrel Brigade recaptured the town of Zaltar after launching air strikes "
    "on Avarian positions, a spokesman said.\n\n"
    "Petrov asked Belmont to stop arming the Kestrel Brigade, and Belmont rejected the demand."
)
ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "petrov": ("Lena Petrov", P, Sector.GOV, ("Petrov",)),
}
PLACES = {"zaltar": ("Zaltar",), "orsk": ("Orsk",)}


@pytest.fixture(scope="module")
def events():
    return events_of(make_ctx(TEXT, ACTORS, PLACES))


def test_some_events(events):
    assert len(events) >= 5


def test_spans_round_trip(events):
    for e in events:
        assert TEXT[e.trigger.start:e.trigger.end] == e.trigger.text
        s, t = e.sentence
        assert 0 <= s <= e.trigger.start < e.trigger.end <= t <= len(TEXT)


def test_well_formed(events):
    cb = load_codebook()
    for e in events:
        assert e.type in cb.types
        assert e.cameo and cb.plover_for_cameo(e.cameo) is not None
        assert e.acled and "/" in e.acled
        assert e.source or e.target
        assert e.source != e.target
        assert 0 < (e.confidence or 0) <= 1


def test_ids_stable_and_unique(events):
    again = events_of(make_ctx(TEXT, ACTORS, PLACES))
    assert [e.id for e in again] == [e.id for e in events]
    assert len({e.id for e in events}) == len(events)
    assert all(e.id.startswith("evt_") for e in events)


def test_expected_content(events):
    got = {(e.type, e.source, e.target) for e in events}
    assert ("CONSULT", "avaria", "belmont") in got
    assert ("COERCE", "kestrel", None) in got
    assert ("ASSAULT", "kestrel", "avaria") in got
    assert ("REQUEST", "petrov", "belmont") in got
    assert ("REJECT", "belmont", None) in got
