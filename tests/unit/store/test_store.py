"""The DuckDB store: idempotent upserts, lossless round trip, filters, exports."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventlens.store import Filters, Store, export
from eventlens.store import queries
from eventlens.types import (
    Actor, ActorKind, Analysis, Article, Event, EventStatus, Label, LabelKind, Mention, Place,
    PlaceFeature, Quote, Reject, Sector, Span, stable_id,
)


def make_analysis(text: str = "Rebels shelled Gharyan on Monday.", outlet: str = "Wire",
                  published: str = "2020-06-02") -> Analysis:
    art = Article(id=stable_id("art", text), text=text, title=text.split(".")[0],
                  outlet=outlet, published=published, language="en")
    reb = Actor(id=stable_id("act", "rebels", text), name="Rebels", kind=ActorKind.GROUP,
                sector=Sector.REB, mentions=(Mention(start=0, end=6, text=text[0:6]),))
    plc = Place(id="plc_gharyan", name="Gharyan", country="LBY", lat=32.17, lon=13.02,
                geonames_id=2210554, feature=PlaceFeature.CITY,
                mentions=(Mention(start=15, end=22, text=text[15:22]),))
    ev = Event(id=stable_id("evt", art.id, 7), type="ASSAULT", mode="shelling", cameo="195",
               acled="Explosions/Remote violence/Shelling/artillery/missile attack",
               source=reb.id, target=None, place=plc.id, date="2020-06-01", date_text="on Monday",
               status=EventStatus.ASSERTED, sentence=(0, len(text)),
               trigger=Span(start=7, end=14, text=text[7:14]), confidence=0.9)
    q = Quote(id=stable_id("quo", art.id), speaker=reb.id, text=text[:6], start=0, end=6,
              direct=False, cue=None)
    lab = Label(id=stable_id("lab", art.id), actor=reb.id, text=text[:6], start=0, end=6,
                kind=LabelKind.LOADED, neutral="fighters")
    return Analysis(article=art, actors=(reb,), places=(plc,), events=(ev,), quotes=(q,),
                    labels=(lab,))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_write_twice_changes_nothing(store):
    a = make_analysis()
    store.write(a)
    first = store.counts()
    store.write(a)
    assert store.counts() == first
    assert first["articles"] == 1 and first["events"] == 1 and first["mentions"] == 1


def test_round_trip_lossless(store):
    a = make_analysis()
    store.write(a)
    assert store.analysis(a.article.id) == a


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=23, max_size=200).filter(lambda t: t.strip()))
def test_round_trip_property(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("db") / "p.duckdb"
    a = make_analysis(text)
    with Store(path) as s:
        s.write(a)
        s.write(a)
        assert s.analysis(a.article.id) == a
        assert s.counts()["articles"] == 1


def test_migrations_recorded_once(tmp_path):
    path = tmp_path / "m.duckdb"
    Store(path).close()
    with Store(path) as s:
        rows = s.query("SELECT version FROM schema_migrations")
    assert [r["version"] for r in rows] == [1]


def test_rejects_are_idempotent(store):
    r = Reject(source="bad.txt", stage="ingest", reason="empty file")
    store.reject(r)
    store.reject(r)
    assert store.counts()["rejects"] == 1


@pytest.mark.parametrize(
    ("filters", "n_events"),
    [
        (Filters(), 2),
        (Filters(type="ASSAULT"), 2),
        (Filters(type="AGREE"), 0),
        (Filters(outlet="wire"), 1),
        (Filters(since="2020-06-03"), 1),
        (Filters(until="2020-06-01"), 1),
        (Filters(actor="Rebels"), 2),
        (Filters(country="LBY"), 2),
        (Filters(country="FRA"), 0),
        (Filters(status="negated"), 0),
        (Filters(status=None), 2),
    ],
    ids=["all", "type", "other-type", "outlet", "since", "until", "actor", "country", "other-country",
         "negated", "any-status"],
)
def test_event_filters(store, filters, n_events):
    store.write(make_analysis("Rebels shelled Gharyan on Monday.", "Wire", "2020-06-02"))
    store.write(make_analysis("Rebels shelled Gharyan on Friday.", "Daily", "2020-06-09"))
    # second article's event date differs
    store.con.execute("UPDATE events SET date = '2020-06-05' WHERE trigger_start = 7 AND article_id = ?",
                      [stable_id("art", "Rebels shelled Gharyan on Friday.")])
    assert len(queries.events(store, filters)) == n_events


def test_actor_and_article_queries(store):
    store.write(make_analysis())
    assert [r["name"] for r in queries.actors(store, Filters())] == ["Rebels"]
    assert len(queries.articles(store, Filters(actor="Rebels"))) == 1
    assert queries.articles(store, Filters(outlet="nope")) == []
    prof = queries.label_profile(store, "Rebels")
    assert prof[0]["outlet"] == "Wire" and prof[0]["neutral"] == "fighters" and prof[0]["count"] == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(store, tmp_path, fmt):
    store.write(make_analysis())
    paths = export(store, tmp_path / "out", fmt, ("events", "actors"))
    assert [p.name for p in paths] == [f"events.{fmt}", f"actors.{fmt}"]
    assert all(p.stat().st_size > 0 for p in paths)
    if fmt == "jsonl":
        row = json.loads(paths[0].read_text().splitlines()[0])
        assert row["type"] == "ASSAULT"
