"""The PolNeAR scorer on a tiny hand-made brat file (no spaCy)."""

from __future__ import annotations

import pytest

from eventlens.quotes.evaluate import Attr, _Counts, _report, read_gold, score_doc

TEXT = "The mayor said that the bridge would reopen. “We are ready,” Jane Smith told reporters."
#       0123456789...
SAID = TEXT.index("said")
THAT = TEXT.index("that")
REOPEN_END = TEXT.index(".")
OPEN_Q = TEXT.index("“")
CLOSE_Q = TEXT.index("”") + 1
JANE = TEXT.index("Jane Smith")
TOLD = TEXT.index("told")

ANN = "\n".join(
    [
        "T1\tSource 0 9\tThe mayor",
        f"T2\tCue {SAID} {SAID + 4}\tsaid",
        f"T3\tContent {THAT} {REOPEN_END}\t{TEXT[THAT:REOPEN_END]}",
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        f"T4\tContent {OPEN_Q} {CLOSE_Q}\t{TEXT[OPEN_Q:CLOSE_Q]}",
        f"T5\tSource {JANE} {JANE + 10}\tJane Smith",
        f"T6\tCue {TOLD} {TOLD + 4}\ttold",
        "E2\tAttribution:T6 Content:T4 Source:T5 Cue:T6",
    ]
)


def test_read_gold() -> None:
    gold = read_gold(ANN, TEXT)
    assert len(gold) == 2
    assert gold[0].cue == [(SAID, SAID + 4)] and not gold[0].direct
    assert gold[1].direct and gold[1].source == [(JANE, JANE + 10)]


CASES = [
    ("perfect", None, 1.0, 1.0),
    ("content-boundary-off", "short-content", 0.5, None),
    ("nothing", "empty", 0.0, 0.0),
]


def _pred(kind: str | None) -> list[Attr]:
    gold = read_gold(ANN, TEXT)
    if kind is None:
        return gold
    if kind == "empty":
        return []
    first = gold[0]
    return [Attr(cue=first.cue, source=first.source, content=[(THAT + 5, REOPEN_END)]), gold[1]]


@pytest.mark.parametrize(
    ("kind", "content_exact", "content_overlap"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_scores(kind: str | None, content_exact: float, content_overlap: float | None) -> None:
    counts = _Counts()
    score_doc(TEXT, read_gold(ANN, TEXT), _pred(kind), counts)
    rep = _report(counts)
    assert rep["content"]["exact"]["f1"] == pytest.approx(content_exact)
    if content_overlap is not None:
        assert rep["content"]["overlap"]["f1"] == pytest.approx(content_overlap)
    else:  # a shorter content: full precision, partial recall
        ov = rep["content"]["overlap"]
        assert ov["p"] == 1.0 and 0.5 < ov["r"] < 1.0


def test_discontinuous_spans() -> None:
    ann = "T1\tContent 0 3;8 12\tThe said\nT2\tCue 4 7\tmay\nE1\tAttribution:T2 Cue:T2 Content:T1"
    gold = read_gold(ann, TEXT)
    assert gold[0].content == [(0, 3), (8, 12)]
