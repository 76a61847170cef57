"""An undated act told by the same source in the next sentence of the same paragraph continues
the dated account and takes its date. Own sentences, whole pipeline."""

from __future__ import annotations

import pytest

from eventlens.pipeline import analyze_doc
from eventlens.types import Article

pytestmark = pytest.mark.slow

LEAD = ("On Sunday, Sudan's army recaptured the town of Wad Madani, according to Nabil Abdallah, a "
        "spokesman for the army.")


@pytest.mark.parametrize(
    ("gap", "tail", "date"),
    [
        (" ", "Its troops were chasing the Rapid Support Forces toward the river, he added.",
         "2024-01-14"),
        # another source: its own account, no date
        (" ", "Its troops were chasing the Rapid Support Forces toward the river, a witness said.",
         None),
        # a new paragraph: no carry-over
        ("\n\n", "Its troops were chasing the Rapid Support Forces toward the river, he added.",
         None),
    ],
    ids=["same-source", "other-source", "new-paragraph"],
)
def test_continued_account_takes_its_date(resources, gap: str, tail: str, date) -> None:
    text = LEAD + gap + tail
    a = analyze_doc(Article(id="t", text=text, published="2024-01-16"), resources.nlp(text),
                    resources)
    lead = [e for e in a.events if e.trigger.text == "recaptured"]
    chase = [e for e in a.events if e.trigger.text == "chasing"]
    assert lead and lead[0].date == "2024-01-14"
    assert chase and chase[0].date == date
