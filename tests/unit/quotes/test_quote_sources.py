"""Source spans of attributions as attribution corpora mark them: the speaker noun phrase with
its apposition, without a time phrase, a parenthetical participle or a dateline; a verb on a
noun ("a survey showing ...") takes the noun, or, for a statement-like noun or an infinitive,
the subject of the governing verb; an adjective's infinitive ("was quick to point out") takes
the adjective's subject. Sentences are our own."""

from __future__ import annotations

import pytest

from eventlens.quotes.reported import find_source

pytestmark = pytest.mark.slow

CASES = [
    ("The ministry published a report showing that exports fell sharply.", "showing",
     "The ministry"),
    ("The council released a statement saying that the bridge would stay closed.", "saying",
     "The council"),
    ("A survey of local farmers showing strong support for the dam was released on Monday.",
     "showing", "A survey of local farmers"),
    ("Two new polls showing the senator ahead were published.", "showing", "Two new polls"),
    ("The farmers' union had a chance to praise the new law.", "praise", "The farmers' union"),
    ("The governor was quick to point out that the budget had a surplus.", "point",
     "The governor"),
    ("The senator is reluctant to endorse the new budget.", "endorse", "The senator"),
    ("The mayor, clearly frustrated, said the audit was unfair.", "said", "The mayor"),
    ("The union leaders on Monday predicted that the strike would spread.", "predicted",
     "The union leaders"),
    ("KABUL - The provincial governor said that the road was closed.", "said",
     "The provincial governor"),
    ("Maria Lopez, a spokeswoman for the ministry, said the talks would resume.", "said",
     "Maria Lopez, a spokeswoman for the ministry,"),
    ("Senator Ann Roe, R-Ky., said that the bill was dead.", "said", "Senator Ann Roe, R-Ky.,"),
    ("The F.B.I. said it had closed the case.", "said", "The F.B.I."),
    ("The proposal was dead, said Senator Ann Roe.", "said", "Senator Ann Roe"),
    ("After saying his knee was badly hurt, the striker was taken to hospital.", "saying",
     "the striker"),
    ("The activist was arrested and said the charges were false.", "said", "The activist"),
]


@pytest.mark.parametrize(
    ("text", "cue", "source"), CASES,
    ids=["document-noun", "statement-noun", "survey-noun", "polls-noun", "infinitive-noun",
         "quick-to", "reluctant-to", "parenthetical-participle", "time-phrase", "dateline",
         "apposition-kept", "abbreviation-period", "abbreviation-name", "sentence-period",
         "governing-passive-subject", "conjoined-after-passive"],
)
def test_source_span(nlp, text, cue, source):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == cue)
    span, head = find_source(tok)
    assert span is not None and head is not None
    assert text[span[0] : span[1]] == source
    assert span[0] <= doc[head].idx < span[1]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Heavy rain delayed the vote.", "delayed"),
        ("Reports emerged overnight.", "emerged"),
    ],
    ids=["no-speech-subject-clause", "intransitive"],
)
def test_source_is_the_subject_otherwise(nlp, text, cue):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == cue)
    span, _ = find_source(tok)
    subj = next(c for c in tok.children if c.dep_ == "nsubj")
    assert span is not None and text[span[0] : span[1]] == doc[subj.left_edge.i : subj.i + 1].text


def test_own_passive_subject_is_the_addressee(nlp):
    # "he was told": he is told, not the speaker
    doc = nlp("He was told the border would stay shut.")
    assert find_source(next(t for t in doc if t.text == "told")) == (None, None)
