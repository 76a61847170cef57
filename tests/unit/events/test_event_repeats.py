"""An act the article reports more than once (headline and lead, a tweet and the statement it
quotes) is one event; acts that differ in date, place, status or side stay apart. Own sentences."""

from __future__ import annotations

import pytest
from eventkit import C, run

from eventlens.events.extract import merge_repeats
from eventlens.types import Event, EventStatus, Span

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
}


def _count(events, type_):
    return sum(1 for e in events if e.type == type_ and e.source == "avaria")


@pytest.mark.parametrize(
    ("text", "type_", "want"),
    [
        ("Avaria bombed Belmont, officials say. Avaria bombed Belmont on Monday, the ministry said.",
         "ASSAULT", 1),
        ("Avaria accuses Belmont of lying. In a statement, Avaria accused Belmont of lying again.",
         "ACCUSE", 1),
        # two attacks on two different days are two events
        ("Avaria shelled Belmont on Monday. Avaria shelled Belmont again on Wednesday.",
         "ASSAULT", 2),
        # a threat and the act itself differ in status
        ("Avaria will shell Belmont. Avaria shelled Belmont on Monday.", "ASSAULT", 2),
    ],
    ids=["headline-and-lead", "tweet-and-statement", "two-days", "planned-then-done"],
)
@pytest.mark.slow
def test_repeated_acts_are_one_event(text, type_, want):
    assert _count(run(text, ACTORS), type_) == want


def _ev(i: int, start: int, *, source: str | None = "a", target: str | None = "b",
        mode: str | None = None, date: str | None = None, place: str | None = None,
        status: EventStatus = EventStatus.ASSERTED, cameo: str = "190") -> Event:
    return Event(id=f"e{i}", type="ASSAULT", mode=mode, cameo=cameo, acled=None, source=source,
                 target=target, place=place, date=date, date_text=None, status=status,
                 sentence=(start, start + 10), trigger=Span(start=start, end=start + 4,
                                                            text="shel"))


@pytest.mark.parametrize(
    ("evs", "kept"),
    [
        ([_ev(1, 0), _ev(2, 20)], ["e1"]),
        ([_ev(1, 0), _ev(2, 20, mode="shelling", date="2020-05-31")], ["e2"]),
        ([_ev(1, 0, date="2020-05-31"), _ev(2, 20, date="2020-06-01")], ["e1", "e2"]),
        ([_ev(1, 0, place="p1"), _ev(2, 20, place="p2")], ["e1", "e2"]),
        ([_ev(1, 0, source=None), _ev(2, 20, source=None)], ["e1", "e2"]),
        ([_ev(1, 0), _ev(2, 20, target=None)], ["e1", "e2"]),
        ([_ev(1, 0), _ev(2, 20, status=EventStatus.PLANNED)], ["e1", "e2"]),
        ([_ev(1, 0), _ev(2, 0)], ["e1", "e2"]),  # one sentence: the unit dedup decides there
        ([_ev(1, 0, source=None), _ev(2, 20)], ["e2"]),
        ([_ev(1, 0, source=None, cameo="175"), _ev(2, 20)], ["e1", "e2"]),
        ([_ev(1, 0, source=None, target=None), _ev(2, 20, target=None)], ["e1", "e2"]),
    ],
    ids=["same-act", "keeps-more-specific", "other-date", "other-place", "unknown-source",
         "other-target", "other-status", "same-sentence", "headline-without-agent",
         "agentless-other-code", "agentless-no-target"],
)
def test_merge_repeats(evs, kept):
    assert [e.id for e in merge_repeats(evs)] == kept
