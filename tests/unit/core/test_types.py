"""Records: deterministic ids and a lossless JSON round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventlens.types import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    Event,
    EventStatus,
    Label,
    LabelKind,
    Mention,
    Place,
    PlaceFeature,
    Quote,
    Removal,
    Sector,
    Span,
    analysis_from_dict,
    stable_id,
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("x", "Haftar"), ("x", "Haftar"), True),
        (("x", "Haftar"), ("x", "  haftar "), True),
        (("x", "Haftar"), ("x", "Sarraj"), False),
        (("x", 1), ("x", "1"), False),
    ],
    ids=["identical", "whitespace-and-case", "different", "int-vs-str"],
)
def test_stable_id(a, b, same):
    assert (stable_id(*a) == stable_id(*b)) is same


@given(st.text(), st.text())
def test_stable_id_prefix_and_determinism(prefix, content):
    one = stable_id(prefix, content)
    assert one == stable_id(prefix, content)
    assert one.startswith(prefix + "_")


def _sample() -> Analysis:
    text = "Rebels attacked Gharyan.\n\nThe army said it \"repelled\" them."
    art = Article(
        id=stable_id("art", text),
        text=text,
        title="Rebels attacked Gharyan.",
        removed=(Removal(text="Contact Us", reason="boilerplate"),),
    )
    actor = Actor(
        id="act_1", name="army", kind=ActorKind.GROUP, country="LBY", sector=Sector.MIL,
        code="LBYMIL", mentions=(Mention(start=30, end=34, text="army"),),
    )
    place = Place(
        id="plc_1", name="Gharyan", country="LBY", lat=32.17, lon=13.02, geonames_id=2210554,
        feature=PlaceFeature.CITY, mentions=(Mention(start=16, end=23, text="Gharyan"),),
    )
    event = Event(
        id="evt_1", type="ASSAULT", mode=None, cameo="190", acled=None, source=None,
        target=None, place="plc_1", date=None, date_text=None, status=EventStatus.ASSERTED,
        sentence=(0, 24), trigger=Span(start=7, end=15, text="attacked"),
    )
    quote = Quote(id="quo_1", speaker="act_1", text="repelled", start=44, end=52, direct=True,
                  cue=Span(start=35, end=39, text="said"))
    label = Label(id="lab_1", actor=None, text="Rebels", start=0, end=6,
                  kind=LabelKind.LOADED, neutral="fighters")
    return Analysis(article=art, actors=(actor,), places=(place,), events=(event,),
                    quotes=(quote,), labels=(label,))


def test_round_trip_is_lossless():
    a = _sample()
    d = a.to_dict()
    assert d["schema_version"] == "1"
    assert d["events"][0]["sentence"] == {"start": 0, "end": 24}
    assert analysis_from_dict(d) == a


def test_sample_offsets_hold():
    a = _sample()
    t = a.article.text
    for actor in a.actors:
        for m in actor.mentions:
            assert t[m.start:m.end] == m.text
    for q in a.quotes:
        assert t[q.start:q.end] == q.text
    for ev in a.events:
        assert t[ev.trigger.start:ev.trigger.end] == ev.trigger.text
