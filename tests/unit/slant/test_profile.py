"""Outlet profile: who called an actor what, and how often."""

from __future__ import annotations

from eventlens.slant.profile import profile
from eventlens.types import Actor, ActorKind, Analysis, Article, Label, LabelKind


def _analysis(aid: str, outlet: str | None, labels: list[tuple[str, str, str | None]]) -> Analysis:
    omari = Actor(id="a1", name="Rashid Omari", kind=ActorKind.PERSON, affiliation="a4")
    army = Actor(id="a2", name="Southern Army", kind=ActorKind.GROUP, affiliation="a1")
    party = Actor(id="a4", name="Southern Party", kind=ActorKind.ORGANIZATION)
    other = Actor(id="a3", name="Lena Berg", kind=ActorKind.PERSON)
    recs = tuple(
        Label(id=f"l{i}", actor=actor, text=text, start=0, end=len(text),
              kind=LabelKind.NAME_CALLING, neutral=neutral)
        for i, (text, actor, neutral) in enumerate(labels)
    )
    return Analysis(article=Article(id=aid, text="x", outlet=outlet), actors=(omari, army, other, party), labels=recs)


ANALYSES = [
    _analysis("1", "Daily A", [("warlord", "a1", "commander"), ("Warlord", "a1", "commander"),
                               ("militias", "a2", "forces"), ("tyrant", "a3", "ruler"),
                               ("regime", "a4", "government")]),
    _analysis("2", "Daily B", [("warlord", "a1", "commander")]),
    _analysis("3", None, [("strongman", "a1", "leader")]),
]


def test_profile_counts_per_outlet():
    rows = profile(ANALYSES, "rashid omari")
    assert [(r["outlet"], r["label"], r["neutral"], r["about"], r["count"]) for r in rows] == [
        ("Daily A", "warlord", "commander", "Rashid Omari", 2),
        ("Daily A", "militias", "forces", "Southern Army", 1),
        ("Daily A", "regime", "government", "Southern Party", 1),
        ("Daily B", "warlord", "commander", "Rashid Omari", 1),
        (None, "strongman", "leader", "Rashid Omari", 1),
    ]


def test_profile_without_affiliated_actors():
    rows = profile(ANALYSES, "Rashid Omari", include_affiliated=False)
    assert all(r["about"] == "Rashid Omari" for r in rows)
    assert sum(r["count"] for r in rows) == 4


def test_profile_unknown_actor_is_empty():
    assert profile(ANALYSES, "Nobody Known") == []
