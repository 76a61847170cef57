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
    ("Former ambassador John Bolton and editor Sebastian Gorka both said the deal was bad.",
     "said", "Former ambassador John Bolton and editor Sebastian Gorka"),
]


@pytest.mark.parametrize(
    ("text", "cue", "source"), CASES,
    ids=["document-noun", "statement-noun", "survey-noun", "polls-noun", "infinitive-noun",
         "quick-to", "reluctant-to", "parenthetical-participle", "time-phrase", "dateline",
         "apposition-kept", "abbreviation-period", "abbreviation-name", "sentence-period",
         "governing-passive-subject", "conjoined-after-passive", "floating-both"],
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


def _misparsed(nlp, rows):
    """A doc with the given (word, tag, pos, dep, head) rows: the parses below read the quoted
    words into the sentence, as the small model often does with a quote after a participle."""
    from spacy.tokens import Doc

    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in {",", ".", "”"} and r[0] != "“"
              for i, r in enumerate(rows)]
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=[r[1] for r in rows],
               pos=[r[2] for r in rows], deps=[r[3] for r in rows], heads=[r[4] for r in rows])


def _inside(doc):
    """Per token: inside a direct quote, as the quote stage flags it."""
    from eventlens.quotes import _token_flags
    from eventlens.quotes.direct import find_direct

    return _token_flags(doc, find_direct(doc.text))


# "telling" hangs on the quote's verb "fall", whose subject "Most teams" is quoted
_TELLING = [
    ("The", "DT", "DET", "det", 1), ("coach", "NN", "NOUN", "nsubj", 2),
    ("looked", "VBD", "VERB", "ROOT", 2), ("tired", "JJ", "ADJ", "acomp", 2),
    (",", ",", "PUNCT", "punct", 2), ("telling", "VBG", "VERB", "advcl", 12),
    ("the", "DT", "DET", "det", 7), ("press", "NN", "NOUN", "dobj", 5),
    (",", ",", "PUNCT", "punct", 12), ("“", "``", "PUNCT", "punct", 12),
    ("Most", "JJS", "ADJ", "amod", 11), ("teams", "NNS", "NOUN", "nsubj", 12),
    ("fall", "VBP", "VERB", "advcl", 2), ("apart", "RB", "ADV", "advmod", 12),
    (".", ".", "PUNCT", "punct", 2), ("”", "''", "PUNCT", "punct", 2),
]
# "saying" read as the subject of the quote's verb: it has no subject of its own
_SAYING = [
    ("Drummer", "NN", "NOUN", "compound", 2), ("Kay", "NNP", "PROPN", "compound", 2),
    ("Holt", "NNP", "PROPN", "nsubj", 3), ("announced", "VBD", "VERB", "ROOT", 3),
    ("the", "DT", "DET", "det", 5), ("tour", "NN", "NOUN", "dobj", 3),
    (",", ",", "PUNCT", "punct", 3), ("saying", "VBG", "VERB", "nsubj", 9),
    ("“", "``", "PUNCT", "punct", 9), ("Feels", "VBZ", "VERB", "conj", 3),
    ("good", "JJ", "ADJ", "acomp", 9), (".", ".", "PUNCT", "punct", 3),
    ("”", "''", "PUNCT", "punct", 3),
]


@pytest.mark.parametrize(
    ("rows", "cue", "unflagged", "source", "head"),
    [
        (_TELLING, 5, "Most teams", "The coach", 1),
        (_SAYING, 7, None, "Drummer Kay Holt", 2),
    ],
    ids=["subject-inside-a-quote-is-never-the-speaker",
         "participle-after-a-comma-speaks-for-the-clause-before"],
)
def test_source_of_a_cue_the_parser_hung_on_a_quote(nlp, rows, cue, unflagged, source, head):
    doc = _misparsed(nlp, rows)
    span, _ = find_source(doc[cue])  # without quote flags: what the parse alone gives
    assert (doc.text[span[0]:span[1]] if span else None) == unflagged
    span, got = find_source(doc[cue], _inside(doc))
    assert span is not None and doc.text[span[0]:span[1]] == source and got == head
