"""Actors as evidence of the article's country focus: each actor of a country counts, but all
actors of one country together weigh at most one demonym (they mostly share one source), so a
crowd of actors tied to a shared name ('Georgia') cannot outvote the places the article names."""

from __future__ import annotations

import pytest

from eventlens.context import DocContext
from eventlens.geo import resolve as R
from eventlens.geo.gazetteer import Gazetteer
from eventlens.types import Actor, ActorKind, Article


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "n_actors", "country", "admin1"),
    [("Teachers, parents, police and firefighters in Georgia cleared roads near Valdosta and "
      "Tifton as American volunteers arrived.", 8, "USA", "Georgia"),
     ("Soldiers, police and border guards in Georgia patrolled the road north of Tbilisi.", 3,
      "GEO", None)],
    ids=["many-actors-do-not-outvote-places", "actors-and-places-agree"],
)
def test_shared_name_with_actors(nlp, real_gz: Gazetteer, text: str, n_actors: int,
                                 country: str, admin1: str | None) -> None:
    ctx = DocContext(article=Article(id="t", text=text), doc=nlp(text))
    ctx.actors = tuple(Actor(id=f"a{i}", name=f"group {i}", kind=ActorKind.GROUP, country="GEO")
                       for i in range(n_actors))
    found = {m.text: p for p in R.resolve(ctx, real_gz) for m in p.mentions}
    assert found["Georgia"].country == country
    assert found["Georgia"].admin1 == admin1


@pytest.mark.parametrize(
    ("countries", "expected"),
    [(["GE"], {"GE": 0.5}), (["GE", "GE"], {"GE": 1.0}), (["GE"] * 6, {"GE": 1.0}),
     (["GE", "US", "GE", "GE"], {"GE": 1.0, "US": 0.5}), ([], {})],
    ids=["one-actor", "two-actors", "six-actors-capped", "per-country", "none"],
)
def test_actor_focus(countries: list[str], expected: dict[str, float]) -> None:
    assert dict(R.actor_focus(countries)) == expected
