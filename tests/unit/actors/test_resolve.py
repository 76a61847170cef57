"""Actor resolution in context, on short sentences written for these tests."""

from __future__ import annotations

import pytest

from eventlens.actors import load_kb, resolve_actors
from eventlens.types import ActorKind, Article, stable_id

pytestmark = pytest.mark.slow


def run(nlp, text):
    art = Article(id=stable_id("art", text), text=text)
    actors, index = resolve_actors(art, nlp(text), load_kb())
    return art, actors, index


def find(actors, name):
    hits = [a for a in actors if a.name == name]
    assert hits, f"{name!r} not among {[a.name for a in actors]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "name", "kind", "country", "sector", "code"),
    [
        ("Russian Foreign Minister Sergey Lavrov met envoys in Geneva on Friday.",
         "Sergey Lavrov", ActorKind.PERSON, "RUS", "GOV", "RUSGOV"),
        ("Kenyan Interior Minister Otieno Mwangi visited the border post.",
         "Otieno Mwangi", ActorKind.PERSON, "KEN", "GOV", "KENGOV"),
        ("Moscow said the convoy had crossed into the region.",
         "Russia government", ActorKind.ORGANIZATION, "RUS", "GOV", "RUSGOV"),
        ("Egypt and Turkey traded accusations over the pipeline.",
         "Egypt", ActorKind.COUNTRY, "EGY", None, "EGY"),
        ("The Libyan army said it shot down a drone near the coast.",
         "Libyan army", ActorKind.GROUP, "LBY", "MIL", "LBYMIL"),
        ("Wagner Group fighters were seen near the oil field.",
         "Wagner Group", ActorKind.GROUP, "RUS", None, None),
    ],
    ids=["title-adjective", "unknown-person-composed", "capital-metonym", "country", "nominal-army",
         "dictionary-group"],
)
def test_resolution(nlp, text, name, kind, country, sector, code):
    _, actors, _ = run(nlp, text)
    a = find(actors, name)
    assert a.kind is kind
    assert a.country == country
    if sector is not None:
        assert str(a.sector) == sector
    if code is not None:
        assert a.code == code


def test_surname_is_same_actor(nlp):
    _, actors, _ = run(nlp, "Russian Foreign Minister Sergey Lavrov spoke first. Later, Lavrov left.")
    lav = find(actors, "Sergey Lavrov")
    assert [m.text for m in lav.mentions] == ["Sergey Lavrov", "Lavrov"]
    assert len([a for a in actors if "Lavrov" in a.name]) == 1


def test_possessive_group_affiliated(nlp):
    text = ("Rebel commander Idris Kaba said his men held the ridge. "
            "Kaba's fighters then shelled the village, a spokesman for the fighters said.")
    _, actors, _ = run(nlp, text)
    kaba = find(actors, "Idris Kaba")
    groups = [a for a in actors if a.affiliation == kaba.id]
    assert groups, [a.name for a in actors]
    assert any("fighters" in m.text for g in groups for m in g.mentions)


def test_platform_is_not_an_actor(nlp):
    _, actors, _ = run(nlp, "The ministry said on Twitter that the talks would resume.")
    assert not [a for a in actors if a.name.lower() in ("twitter", "x")]


def test_mentions_round_trip_and_index(nlp):
    art, actors, index = run(nlp, "Sudan's army and the Rapid Support Forces clashed in Khartoum, "
                                  "the United Nations said.")
    for a in actors:
        for m in a.mentions:
            assert art.text[m.start:m.end] == m.text
            assert index.at(m.start, m.end) == a.id


def test_ids_are_deterministic(nlp):
    text = "Turkey backed the government while Egypt backed the eastern forces."
    _, one, _ = run(nlp, text)
    _, two, _ = run(nlp, text)
    assert [a.id for a in one] == [a.id for a in two]


@pytest.mark.parametrize(
    "text",
    ["", "!!! ??? ...", "THE ARMY SAID IT WOULD RESPOND " * 40, "a " * 2000, "Haftar" * 50],
    ids=["empty", "punctuation", "all-caps", "long-no-verbs", "glued-names"],
)
def test_odd_text_does_not_crash(nlp, text):
    art, actors, _ = run(nlp, text)
    for a in actors:
        for m in a.mentions:
            assert art.text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Mali's junta extended curfews. In Bamako, the army said it repelled an attack on Mali's "
         "northern posts.", "army", "MLI"),
        ("Georgia's parliament met as protesters gathered in Tbilisi, Georgia, on Sunday; "
         "police used water cannon.", "police", "GEO"),
        ("Mali's junta met Western governments' envoys in Bamako, Mali.", "Western governments", None),
        ("Foreign mercenaries fought in Mali, officials in Mali said.", "Foreign mercenaries", None),
    ],
    ids=["army-takes-focus", "police-takes-focus", "western-governments-not", "foreign-not"],
)
def test_story_country_for_bare_nouns(nlp, text, mention, country):
    _, actors, _ = run(nlp, text)
    hits = [a for a in actors if any(m.text == mention for m in a.mentions)]
    assert hits, [(a.name, [m.text for m in a.mentions]) for a in actors]
    assert hits[0].country == country


@pytest.mark.parametrize(
    ("text", "mention", "country", "sector"),
    [
        ("Turkish drones struck a convoy near the border on Tuesday.", "Turkish drones", "TUR", "MIL"),
        ("Rebels in Mali attacked an army post overnight.", "Rebels", "MLI", None),
        ("President George W. Bush met the dissidents at the White House.", "George W. Bush", "USA", "GOV"),
    ],
    ids=["national-equipment", "group-in-country", "historical-leader"],
)
def test_more_compositions(nlp, text, mention, country, sector):
    _, actors, _ = run(nlp, text)
    hits = [a for a in actors if any(mention in m.text for m in a.mentions)]
    assert hits, [(a.name, [m.text for m in a.mentions]) for a in actors]
    assert hits[0].country == country
    if sector:
        assert str(hits[0].sector) == sector


@pytest.mark.parametrize(
    ("text", "adjective", "iso"),
    [
        ("Navy patrol boats seized a Greek tanker off the coast on Sunday.", "Greek", "GRC"),
        ("The army shelled Indian positions along the frontier overnight.", "Indian", "IND"),
        ("Border guards fired on a Syrian convoy carrying fuel.", "Syrian", "SYR"),
    ],
    ids=["object", "plural-object", "prep-object"],
)
def test_demonym_on_plain_noun_is_its_country(nlp, text, adjective, iso):
    """No role noun ("tanker", "positions"): the country is the participant, coded bare."""
    _, actors, _ = run(nlp, text)
    owner = [a for a in actors if any(m.text == adjective for m in a.mentions)]
    assert owner, f"no actor for {adjective!r}: {[a.name for a in actors]}"
    assert owner[0].kind is ActorKind.COUNTRY and owner[0].code == iso


@pytest.mark.parametrize(
    ("text", "adjective"),
    [
        ("After talks with his Greek counterpart Nikos Dendias, the minister left.", "Greek"),
        ("Analysts said Indian exports were weak again this year.", "Indian"),
        ("Clashes broke out in Syrian towns near the border.", "Syrian"),
    ],
    ids=["title-before-name", "copula-subject", "locative"],
)
def test_demonym_not_made_a_country_actor(nlp, text, adjective):
    _, actors, _ = run(nlp, text)
    assert not [a for a in actors if a.kind is ActorKind.COUNTRY
                and any(m.text == adjective for m in a.mentions)]



@pytest.mark.parametrize(
    ("text", "capital", "actor"),
    [
        ("Washington imposed new sanctions on the shipping firm.", "Washington",
         "United States government"),
        ("Beijing eased its curbs on foreign newspapers.", "Beijing", "China government"),
        # a verb that only describes the place: no actor
        ("Kabul lies in a valley surrounded by mountains.", "Kabul", None),
        ("Baghdad was shaken by two blasts overnight.", "Baghdad", None),
    ],
    ids=["act-verb", "another-act-verb", "stative", "passive"],
)
def test_capital_as_active_subject_is_its_government(nlp, text, capital, actor):
    art, actors, _ = run(nlp, text)
    got = [a.name for a in actors if any(m.text == capital for m in a.mentions)]
    assert got == ([actor] if actor else [])


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # the government the phrase places in a capital, not the last one named (a guard: this
        # parse held before the locative capital rule too; the example article's did not)
        ("The Kremlin said it had no plans. Contacts with the new administration in Washington "
         "continue, officials said.", "new administration", "United States government"),
        # a bare "the government" is the story's own, not a foreign one named in passing
        ("Mali's army said it repelled an attack on a base in central Mali. Malian officials "
         "said two soldiers died. Moscow denied any role. Rights groups accused the army of "
         "abuses in Mali, charges the government denies.", "government", "Mali government"),
    ],
    ids=["locative-capital", "story-government"],
)
def test_government_noun_is_the_right_government(nlp, text, mention, name):
    art, actors, _ = run(nlp, text)
    got = [a.name for a in actors if any(m.text == mention for m in a.mentions)]
    assert got == [name], [(a.name, [m.text for m in a.mentions]) for a in actors]


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Turkish drones hit the convoy near the airport.", "Turkish drones", "Turkish Armed Forces"),
        # one mention for the phrase, not "Russian military" nested in it as well
        ("Russian military aircraft flew over the port on Monday.", "Russian military aircraft",
         "Armed Forces of the Russian Federation"),
    ],
    ids=["drones", "military-aircraft"],
)
def test_national_weapons_are_the_national_armed_forces(nlp, text, mention, name):
    art, actors, _ = run(nlp, text)
    a = find(actors, name)
    assert [m.text for m in a.mentions] == [mention]
    assert len(actors) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The town fell, according to Nabil Abdallah, a spokesman for the army.",
        "According to Nabil Abdallah, a spokesman for the army, the town fell.",
    ],
    ids=["after", "before"],
)
def test_according_to_names_a_source_not_a_place(nlp, text):
    # "to" is locative after a verb of motion; "according to" names who says so
    art, actors, _ = run(nlp, text)
    assert "Nabil Abdallah" in [m.text for a in actors for m in a.mentions]
