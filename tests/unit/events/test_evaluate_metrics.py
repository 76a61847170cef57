"""Metric functions and readers of eventlens.events.evaluate, on small hand-made inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.events.evaluate import (
    NO_ACTOR,
    actor_code,
    classification_scores,
    overlay_actors,
    plover_type,
    prf,
    read_case2021,
    read_petr_actor_dictionary,
    read_petr_records,
    score_triple_sets,
)
from eventlens.types import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    Event,
    EventStatus,
    Sector,
    Span,
)

A = ("ARN", "GON", "050")
B = ("GON", "ARN", "050")
C = ("MOR", "GON", "190")


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [
        (5, 0, 0, (1.0, 1.0, 1.0)),
        (0, 3, 4, (0.0, 0.0, 0.0)),
        (0, 0, 0, (0.0, 0.0, 0.0)),
        (1, 1, 3, (0.5, 0.25, 0.3333)),
    ],
    ids=["perfect", "disjoint", "empty", "partial"],
)
def test_prf(tp: int, fp: int, fn: int, expected: tuple[float, float, float]) -> None:
    got = prf(tp, fp, fn)
    assert (got["precision"], got["recall"], got["f1"]) == expected


@pytest.mark.parametrize(
    ("gold", "pred", "f1", "correct"),
    [
        ([[A], [B, C]], [[A], [C, B]], 1.0, 2),
        ([[A], [B]], [[C], [C]], 0.0, 0),
        ([[A, B], [C]], [[A], [C, B]], 0.6667, 0),
        ([[], [A]], [[], []], 0.0, 1),
    ],
    ids=["perfect-order-free", "disjoint", "partial", "no-event-record-counts-correct"],
)
def test_score_triple_sets(gold, pred, f1: float, correct: int) -> None:
    s = score_triple_sets(gold, pred)
    assert s["f1"] == f1
    assert s["records_correct"] == correct


def test_score_triple_sets_rejects_length_mismatch() -> None:
    with pytest.raises(ValueError):
        score_triple_sets([[A]], [])


@pytest.mark.parametrize(
    ("gold", "pred", "acc", "weighted", "macro"),
    [
        (["X", "X", "Y"], ["X", "X", "Y"], 1.0, 1.0, 1.0),
        (["X", "X", "Y"], ["Y", "Y", "X"], 0.0, 0.0, 0.0),
        # X: p=1 r=.5 f=.6667 (support 2); Y: p=.5 r=1 f=.6667 (support 1)
        (["X", "X", "Y"], ["X", "Y", "Y"], 0.6667, 0.6667, 0.6667),
        # None counts as a miss and is not a class
        (["X", "Y"], ["X", None], 0.5, 0.5, 0.5),
    ],
    ids=["perfect", "disjoint", "partial", "none-prediction"],
)
def test_classification_scores(gold, pred, acc: float, weighted: float, macro: float) -> None:
    s = classification_scores(gold, pred)
    assert s["accuracy"] == acc
    assert s["weighted_f1"] == pytest.approx(weighted, abs=1e-3)
    assert s["macro_f1"] == pytest.approx(macro, abs=1e-3)


def test_classification_scores_top_confusions() -> None:
    s = classification_scores(["X", "X", "X", "Y"], ["Y", "Y", "X", None])
    assert s["top_confusions"][0] == {"gold": "X", "pred": "Y", "count": 2}
    assert {"gold": "Y", "pred": "NONE", "count": 1} in s["top_confusions"]


PETR_SAMPLE = """<Validation>
# a comment line that is not XML
<Sentences>
<Sentence category="DEMO" date="20200101" id="T_01" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="NORGOV" targetcode="SWE" />
<Text>
The Norwegian prime minister flew to
Stockholm for a two-day visit.
</Text>
<Parse>1 The the DET</Parse>
</Sentence>
<Sentence category="DEMO" date="20200101" id="T_02"/>
<EventCoding noevents="True" />
<Text>Nothing happened in the quiet harbour town.</Text>
</Sentence>
<Config option="require_dyad" value="false" />
<Sentence source="ERROR" date="20200101" id="T_03"/>
<EventCoding error="broken record" />
<Text>This record is an error case.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_read_petr_records(tmp_path: Path) -> None:
    path = tmp_path / "records.xml"
    path.write_text(PETR_SAMPLE, encoding="utf-8")
    recs = read_petr_records(path)
    assert [r.id for r in recs] == ["T_01", "T_02"]
    assert recs[0].gold == (("NORGOV", "SWE", "042"),)
    assert recs[0].text == "The Norwegian prime minister flew to Stockholm for a two-day visit."
    assert recs[1].gold == ()


def test_read_petr_actor_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(
        "<!-- header\nIGNORED [XXX]\n-->\n"
        "NORTHERN_KINGDOM [NKD] # comment\n+NORTHERNERS\n"
        "LOST_ISLE  [---]\nRIVER_PEOPLE [RVP <20010101]\n"
        "\nOLD_MARCH\n+MARCHERS\n\t[OMR <19900101]\n\t[NMR]\n"
        "\nHILL_CLANS  \n\t[--- <19950630]\n\t[HCL >19950630]\n",
        encoding="utf-8",
    )
    d = read_petr_actor_dictionary(path)
    assert d == {"northern kingdom": "NKD", "northerners": "NKD", "river people": "RVP",
                 "old march": "NMR", "marchers": "NMR", "hill clans": "HCL"}


def test_overlay_actors_offsets_and_longest_match() -> None:
    text = "Troops of the Northern Kingdom attacked the north."
    actors = overlay_actors(text, {"northern kingdom": "NKD", "northern": "NRT"})
    assert [a.code for a in actors] == ["NKD"]
    m = actors[0].mentions[0]
    assert text[m.start : m.end] == m.text == "Northern Kingdom"


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (Actor(id="a1", name="x", kind=ActorKind.ORGANIZATION, code="NORGOV"), "NORGOV"),
        (Actor(id="a1", name="x", kind=ActorKind.GROUP, country="SWE", sector=Sector.MIL), "SWEMIL"),
        (Actor(id="a1", name="x", kind=ActorKind.COUNTRY, country="SWE"), "SWE"),
        (Actor(id="a1", name="x", kind=ActorKind.GROUP, sector=Sector.REB), "---REB"),
        (Actor(id="a1", name="x", kind=ActorKind.PERSON), NO_ACTOR),
    ],
    ids=["code", "country+sector", "country", "sector-only", "unknown"],
)
def test_actor_code(actor: Actor, expected: str) -> None:
    analysis = Analysis(article=Article(id="art", text="x"), actors=(actor,))
    assert actor_code(analysis, "a1") == expected
    assert actor_code(analysis, None) == NO_ACTOR


def test_read_case2021(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tA bomb went off.\tREM_EXPLOS\nbad line\n",
                    encoding="utf-8")
    assert read_case2021(path) == [("1", "A bomb went off.", "REM_EXPLOS")]


def _event(type_: str, status: EventStatus) -> Event:
    return Event(id="e", type=type_, mode=None, cameo=None, acled=None, source=None, target=None,
                 place=None, date=None, date_text=None, status=status, sentence=(0, 1),
                 trigger=Span(start=0, end=1, text="x"))


@pytest.mark.parametrize(
    ("type_", "status", "want"),
    [
        ("CONSULT", EventStatus.PLANNED, "AGREE"),
        ("CONSULT", EventStatus.ASSERTED, "CONSULT"),
        ("ASSAULT", EventStatus.PLANNED, "THREATEN"),
        ("SANCTION", EventStatus.PLANNED, "THREATEN"),
        ("PROTEST", EventStatus.PLANNED, "THREATEN"),
        ("ASSAULT", EventStatus.HYPOTHETICAL, "ASSAULT"),
        ("ASSAULT", EventStatus.ASSERTED, "ASSAULT"),
    ],
    ids=["planned-cooperation-agree", "asserted-consult", "planned-attack-threaten",
         "planned-sanction-threaten", "planned-protest-threaten", "hypothetical-attack-stays",
         "asserted-attack"],
)
def test_plover_type_of_intent(type_: str, status: EventStatus, want: str) -> None:
    assert plover_type(_event(type_, status)) == want
