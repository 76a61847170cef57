"""Forces named by whom they are loyal to ("forces loyal to Haftar") are that person's side, as
"Haftar's forces" are; a plural group noun is never an apposition of a person; no actor name or
mention runs across a line break (a headline and the first paragraph). Own sentences; the
dictionary rows (Haftar -> Libyan National Army, Burhan -> Sudanese Armed Forces) are data."""

from __future__ import annotations

import pytest

from eventlens.actors import load_kb, resolve_actors
from eventlens.types import Article, stable_id

pytestmark = pytest.mark.slow


def resolved(nlp, text):
    art = Article(id=stable_id("art", text), text=text)
    actors, _ = resolve_actors(art, nlp(text), load_kb())
    return actors


def mentions_of(actors):
    return {a.name: [m.text for m in a.mentions] for a in actors}


@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        ("Forces loyal to Khalifa Haftar launched airstrikes on the port on Wednesday.",
         "Libyan National Army", "Forces"),
        ("Militias loyal to the rebel general Khalifa Haftar shelled the airport overnight.",
         "Libyan National Army", "Militias"),
        ("Troops loyal to Abdel Fattah al-Burhan shelled the market on Monday.",
         "Sudanese Armed Forces", "Troops"),
    ],
    ids=["forces-loyal-to", "militias-loyal-to-titled", "troops-loyal-to"],
)
def test_loyal_to_is_the_side(nlp, text, name, mention):
    got = mentions_of(resolved(nlp, text))
    assert mention in got.get(name, []), got


def test_plural_group_is_no_apposition_of_a_person(nlp):
    got = mentions_of(resolved(nlp, "Gunmen loyal to the warlord Haftar attacked the port."))
    assert "Gunmen" not in got.get("Khalifa Haftar", []), got


def test_no_actor_across_a_line_break(nlp):
    text = ("Government forces push south\n\nMilitias loyal to Khalifa Haftar shelled the town "
            "of Garu on Wednesday, a spokesman said.")
    for a in resolved(nlp, text):
        assert "\n" not in a.name, a.name
        for m in a.mentions:
            assert "\n" not in m.text, m.text


@pytest.mark.parametrize(
    "text",
    [
        # the parse takes the all-caps name for a verb and "forces" for its complement
        "A statement from the coastal brigades did not admit the loss, with spokesman Omar Salem "
        "saying only that they were targeting LAAF forces on the town's borders.",
        "Residents said LAAF forces entered the town at dawn.",
    ],
    ids=["misparsed-name", "plain-compound"],
)
def test_armed_group_name_before_forces_is_that_group(nlp, text):
    got = mentions_of(resolved(nlp, text))
    assert "LAAF forces" in got.get("Libyan National Army", []), got
    assert "forces" not in got, got
