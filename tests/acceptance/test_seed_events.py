"""Acceptance of issue 3 (events) on the seed article (read from ../shared, never copied).

Runs the full pipeline (fixture ``seed_analysis``: ingest → spaCy → actors → geo → quotes → events).
Actors are checked by canonical name; "Haftar's side" is Haftar or an actor affiliated with him
(or he with it). Short fragments only locate sentences.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

UNSMIL = "United Nations Support Mission in Libya"


def actor(analysis, actor_id):
    for a in analysis.actors:
        if a.id == actor_id:
            return a
    return None


def name(analysis, actor_id):
    a = actor(analysis, actor_id)
    return a.name if a else None


def haftar_side(analysis):
    ids = {a.id for a in analysis.actors if "Haftar" in a.name}
    for a in analysis.actors:
        if a.id in ids and a.affiliation:
            ids.add(a.affiliation)
    ids |= {a.id for a in analysis.actors if a.affiliation in ids}
    return ids


def events(analysis, type_, **want):
    out = []
    for e in analysis.events:
        if e.type != type_:
            continue
        ok = True
        for key, value in want.items():
            got = name(analysis, getattr(e, key)) if key in (
                "source", "target", "according_to") else getattr(e, key)
            if callable(value):
                ok &= bool(value(got if key not in ("source", "target") else getattr(e, key)))
            else:
                ok &= got == value
        if ok:
            out.append(e)
    return out


def summary(analysis):
    return [
        (e.type, e.mode, name(analysis, e.source), name(analysis, e.target), str(e.status),
         e.date, e.trigger.text)
        for e in analysis.events
    ]


def test_spans_and_ids(seed_analysis):
    text = seed_analysis.article.text
    assert len(seed_analysis.events) >= 12
    ids = [e.id for e in seed_analysis.events]
    assert len(ids) == len(set(ids))
    for e in seed_analysis.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert e.sentence[0] <= e.trigger.start < e.trigger.end <= e.sentence[1]
        assert e.cameo and e.acled and (e.source or e.target)


def test_haftar_side_agrees_to_talks_and_talks_are_planned(seed_analysis):
    side = haftar_side(seed_analysis)
    agree = [e for e in seed_analysis.events if e.type == "AGREE" and e.source in side]
    assert agree, summary(seed_analysis)
    talks = [e for e in seed_analysis.events if e.type == "CONSULT" and e.source in side
             and "talk" in e.trigger.text]
    assert talks and all(str(e.status) == "planned" for e in talks), summary(seed_analysis)


def test_unsmil_welcomes(seed_analysis):
    hits = events(seed_analysis, "SUPPORT", source=UNSMIL)
    assert [e.trigger.text for e in hits] == ["welcomes"], summary(seed_analysis)


def test_aerial_assault_near_al_asabaa_on_sunday(seed_analysis):
    side = haftar_side(seed_analysis)
    hits = [e for e in seed_analysis.events
            if e.type == "ASSAULT" and e.mode == "aerial" and e.source in side
            and e.date == "2020-05-31"]
    assert hits, summary(seed_analysis)
    places = {p.id: p for p in seed_analysis.places}
    assert any(e.place in places and "al-Asabaa" in [m.text for m in places[e.place].mentions]
               for e in hits)
    assert hits[0].acled == "Explosions/Remote violence/Air/drone strike"


def test_haftar_side_takes_al_asabaa_on_sunday(seed_analysis):
    side = haftar_side(seed_analysis)
    acled = {"Strategic developments/Non-violent transfer of territory",
             "Battles/Government regains territory", "Battles/Non-state actor overtakes territory"}
    hits = [e for e in seed_analysis.events
            if e.source in side and (e.cameo or "").startswith("19") and e.acled in acled
            and e.date == "2020-05-31"]
    assert hits, summary(seed_analysis)
    places = {p.id: p for p in seed_analysis.places}
    assert "al-Asabaa" in [m.text for m in places[hits[0].place].mentions]
    assert str(hits[0].status) == "asserted"


def test_lavrov_guterres_phone_monday(seed_analysis):
    hits = events(seed_analysis, "CONSULT", source="Sergey Lavrov", mode="phone")
    assert hits, summary(seed_analysis)
    assert "Guterres" in (name(seed_analysis, hits[0].target) or "")
    assert hits[0].date == "2020-06-01"


def test_lavrov_requests_guterres(seed_analysis):
    hits = events(seed_analysis, "REQUEST", source="Sergey Lavrov")
    assert hits and "Guterres" in (name(seed_analysis, hits[0].target) or ""), summary(
        seed_analysis)


def test_us_accuses_russia(seed_analysis):
    assert events(seed_analysis, "ACCUSE", source="United States", target="Russia"), summary(
        seed_analysis)


def test_russia_aids_haftar_as_reported(seed_analysis):
    """The aid is a reported claim: according_to is the U.S. side (the U.S. or its Africa
    Command, Africom), never Russia or Haftar."""
    side = haftar_side(seed_analysis)
    hits = [e for e in events(seed_analysis, "AID", source="Russia") if e.target in side]
    assert hits, summary(seed_analysis)
    reporters = {name(seed_analysis, e.according_to) for e in hits}
    assert reporters & {"United States", "United States Africa Command"}, reporters


def test_six_backers(seed_analysis):
    side = haftar_side(seed_analysis)
    backers = {name(seed_analysis, e.source) for e in seed_analysis.events
               if e.type == "SUPPORT" and e.target in side}
    assert {"United Arab Emirates", "Egypt", "Russia"} <= backers, summary(seed_analysis)
    gov = {e.source for e in seed_analysis.events if e.type == "SUPPORT" and e.target
           and e.target not in side and name(seed_analysis, e.source) in ("Turkey", "Qatar", "Italy")}
    assert {name(seed_analysis, s) for s in gov} == {"Turkey", "Qatar", "Italy"}, summary(
        seed_analysis)
    six = [e for e in seed_analysis.events if e.type == "SUPPORT" and name(seed_analysis, e.source)
           in ("United Arab Emirates", "Egypt", "Russia", "Turkey", "Qatar", "Italy")]
    assert len(six) == 6
    assert all(str(e.status) == "asserted" for e in six)


@pytest.mark.parametrize("fragment", ["coronavirus", "Contact Us", "Reuters File Photo"],
                         ids=["covid-count", "contact-us", "photo-credit"])
def test_no_event_from_non_events(seed_analysis, fragment):
    text = seed_analysis.article.text
    for e in seed_analysis.events:
        assert fragment not in text[e.sentence[0]:e.sentence[1]]


def test_saying_is_not_an_event(seed_analysis):
    for e in seed_analysis.events:
        assert e.trigger.text.lower() not in ("said", "says", "added", "stated")


def test_no_topic_or_circumstance_as_target(seed_analysis):
    """The talks' commission is the topic of the parties' acceptance, and the people calling
    for peace are the circumstance of their agreement: neither is the other side of an event."""
    parties = [e for e in seed_analysis.events if name(seed_analysis, e.source) == "parties"]
    assert {e.type for e in parties} >= {"AGREE", "CONSULT"}, summary(seed_analysis)
    for e in parties:
        target = name(seed_analysis, e.target) or ""
        assert "Joint Military Commission" not in target and target != "Libyans", summary(
            seed_analysis)
