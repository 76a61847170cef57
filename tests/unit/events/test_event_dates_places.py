"""Event date from the sentence (resolved against publication) and place from attachment."""

from __future__ import annotations

import pytest

from eventkit import C, G, run
from eventlens.types import Sector

pytestmark = pytest.mark.slow

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria", "Avarian")),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "kestrel": ("Kestrel Brigade", G, Sector.REB, ("Kestrel Brigade",)),
    "varn-gov": ("Varn government", G, Sector.GOV, ("Varn government",)),
}
PLACES = {"zaltar": ("Zaltar",), "varn": ("Varn",), "orsk": ("Orsk",)}


@pytest.mark.parametrize(
    ("text", "type_", "date", "date_text"),
    [
        ("On Sunday, the Kestrel Brigade attacked Avarian troops.", "ASSAULT", "2020-05-31",
         "On Sunday"),
        ("The Kestrel Brigade attacked Avarian troops late Monday.", "ASSAULT", "2020-06-01",
         "late Monday"),
        ("The Kestrel Brigade attacked Avarian troops yesterday.", "ASSAULT", "2020-06-01",
         "yesterday"),
        ("The Kestrel Brigade attacked Avarian troops on 3 March 2021.", "ASSAULT", "2021-03-03",
         "on 3 March 2021"),
        ("The Kestrel Brigade attacked Avarian troops on May 17.", "ASSAULT", "2020-05-17",
         "on May 17"),
        ("Avaria will hold talks with Belmont on Thursday.", "CONSULT", "2020-06-04",
         "on Thursday"),
        ("The Kestrel Brigade attacked Avarian troops near the river.", "ASSAULT", None, None),
        ("Belmont said on Monday that the Kestrel Brigade had attacked Avarian troops.", "ASSAULT",
         None, None),
    ],
    ids=["on-sunday", "late-monday", "yesterday", "explicit-dmy", "explicit-md", "future-weekday",
         "no-date", "date-of-the-report-only"],
)
def test_event_date(text, type_, date, date_text):
    evs = [e for e in run(text, ACTORS, PLACES) if e.type == type_]
    assert evs
    assert {(e.date, e.date_text) for e in evs} == {(date, date_text)}


def test_no_publication_date_keeps_words_only():
    evs = run("On Sunday, the Kestrel Brigade attacked Avarian troops.", ACTORS, PLACES,
              published=None)
    assert [(e.date, e.date_text) for e in evs if e.type == "ASSAULT"] == [(None, "On Sunday")]


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("The Kestrel Brigade recaptured the town of Zaltar, 40 kilometres south of Varn.",
         "COERCE", "zaltar"),
        ("The Kestrel Brigade attacked Avarian troops in Zaltar.", "ASSAULT", "zaltar"),
        ("Varn officials said the Kestrel Brigade shelled Avarian positions near Orsk.",
         "ASSAULT", "orsk"),
        ("The Varn government attacked the Kestrel Brigade.", "ASSAULT", None),
        ("The Kestrel Brigade attacked Avarian troops.", "ASSAULT", None),
    ],
    ids=["town-of", "in-place", "not-the-speakers-place", "place-inside-actor", "no-place"],
)
def test_event_place(text, type_, place):
    evs = [e for e in run(text, ACTORS, PLACES) if e.type == type_]
    assert evs
    assert {e.place for e in evs} == {place}


def test_topic_of_talks_is_not_their_place():
    evs = run("Avaria and Belmont discussed the fighting in Zaltar in a phone call.", ACTORS, PLACES)
    consult = [e for e in evs if e.type == "CONSULT"]
    assert consult and {e.place for e in consult} == {None}
    evs = run("Avaria and Belmont held talks in Orsk on Monday.", ACTORS, PLACES)
    assert {e.place for e in evs if e.type == "CONSULT"} == {"orsk"}


def test_actor_country_is_a_place_only_after_a_locative_preposition():
    places = {**PLACES, "belmont-pl": ("Belmont",)}
    evs = run("Avaria imposed sanctions on Belmont.", ACTORS, places)
    assert {e.place for e in evs if e.type == "SANCTION"} == {None}
    evs = run("The Kestrel Brigade attacked Avarian troops in Belmont.", ACTORS, places)
    assert {e.place for e in evs if e.type == "ASSAULT"} == {"belmont-pl"}
