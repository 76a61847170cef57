"""Attitude attributions (stance, evaluation, desire), one role per word, source and
quote-mark conventions, on hand-written news sentences (loads spaCy)."""

from __future__ import annotations

import pytest

from eventlens.context import DocContext
from eventlens.quotes import extract_quotes, find_attributions
from eventlens.quotes.direct import find_direct
from eventlens.quotes.lexicon import load_lexicon
from eventlens.types import Article


def make_ctx(nlp, text: str) -> DocContext:
    """No actors: these tests are about spans and kinds, not speakers."""
    return DocContext(article=Article(id="art_test", text=text), doc=nlp(text))

pytestmark = pytest.mark.slow


def _attrs(nlp, text):
    return find_attributions(make_ctx(nlp, text))


def _content(text, a):
    return " | ".join(text[s:e] for s, e, _ in a.contents)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Maria Lopez criticized the port plan as reckless and costly.", "criticized",
         "the port plan as reckless and costly"),
        ("Jane Smith wants to close the northern border crossing.", "wants",
         "to close the northern border crossing"),
        ("John Brown blamed the harbour board for the long delays at the docks.", "blamed",
         "the harbour board for the long delays at the docks"),
        ("Jane Smith called the new tariff a disaster for farmers.", "called",
         "the new tariff a disaster for farmers"),
    ],
    ids=["criticize-as", "want-to", "blame-for", "call-x-y"],
)
def test_attitude_found(nlp, text, cue, content):
    hits = [a for a in _attrs(nlp, text) if a.cue and text[a.cue[0] : a.cue[1]] == cue]
    assert hits, f"no attribution with cue {cue!r}"
    assert _content(text, hits[0]) == content


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez criticized the port plan as reckless and costly.",
        "Jane Smith wants to close the northern border crossing.",
    ],
    ids=["criticize", "want"],
)
def test_attitudes_not_emitted_as_quotes(nlp, text):
    ctx = make_ctx(nlp, text)
    assert extract_quotes(ctx) == ()
    assert [q.direct for q in extract_quotes(ctx, attitudes=True)] == [False]


def test_direct_quote_after_attitude_cue_is_kept(nlp):
    text = 'Maria Lopez praised the deal: "It is fair to every fisherman on this coast."'
    qs = extract_quotes(make_ctx(nlp, text))
    assert [q.text for q in qs if q.direct] == ["It is fair to every fisherman on this coast."]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Maria Lopez said the governor wants to cut the harbour budget.", ["said"]),
        ("John Brown said the council opposes the new bridge over the river.", ["said"]),
    ],
    ids=["want-inside-said", "oppose-inside-said"],
)
def test_one_role_per_word(nlp, text, cues):
    got = [text[a.cue[0] : a.cue[1]] for a in _attrs(nlp, text) if a.cue]
    assert got == cues


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Tom Fields, a lawyer for the family, said the ruling was unfair.",
         "Tom Fields, a lawyer for the family,"),
        ("Maria Lopez said the ruling was unfair.", "Maria Lopez"),
    ],
    ids=["apposition-keeps-comma", "plain-name"],
)
def test_source_span(nlp, text, source):
    a = next(a for a in _attrs(nlp, text) if a.cue and text[a.cue[0] : a.cue[1]] == "said")
    assert a.source is not None and text[a.source[0] : a.source[1]] == source


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("''We will rebuild the pier,'' the mayor said.", "We will rebuild the pier,"),
        ("The mayor said: ``We will rebuild the pier.''", "We will rebuild the pier."),
        ("He said ''no'' twice.", "no"),
    ],
    ids=["doubled-apostrophes", "backticks", "short"],
)
def test_doubled_quote_marks(text, inner):
    assert [text[p.start : p.end] for p in find_direct(text)] == [inner]


@pytest.mark.parametrize(
    ("lemma", "kind"),
    [("say", "speech"), ("believe", "belief"), ("criticize", "attitude"), ("want", "attitude"),
     ("sing", None)],
    ids=["speech", "belief", "stance", "desire", "none"],
)
def test_verb_kinds(lemma, kind):
    assert load_lexicon().verb_kind(lemma) == kind


@pytest.mark.parametrize(
    ("lemma", "text", "fixed"),
    [("hop", "hopes", "hope"), ("hop", "hops", "hop"), ("say", "said", "say")],
    ids=["hopes", "real-hop", "untouched"],
)
def test_lemma_fixes(lemma, text, fixed):
    assert load_lexicon().fix_lemma(lemma, text) == fixed


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The ferry strike is expected to end by Friday.", "is expected",
         "The ferry strike | to end by Friday"),
        ("The harbour deal seems to hold despite the storm.", "seems",
         "The harbour deal | to hold despite the storm"),
    ],
    ids=["passive-expected", "seems"],
)
def test_sourceless_belief(nlp, text, cue, content):
    ctx = make_ctx(nlp, text)
    hits = [a for a in find_attributions(ctx) if a.cue and text[a.cue[0] : a.cue[1]] == cue]
    assert hits and hits[0].source is None
    assert _content(text, hits[0]) == content
    assert extract_quotes(ctx) == ()  # nobody is quoted


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ("There was anger at the mayor's claim that the port is safe.", "the mayor's", "claim",
         "that the port is safe"),
        ("Jane Smith's criticism of the harbour plan was sharp.", "Jane Smith's", "criticism",
         "the harbour plan"),
        ("In the governor's view, the ferry deal is dead.", "the governor's", "view",
         "the ferry deal is dead"),
    ],
    ids=["claim-that", "criticism-of", "in-view"],
)
def test_noun_cues(nlp, text, source, cue, content):
    """(A noun cue inside another attribution's content, "rejected the mayor's claim that ...",
    is dropped like any nested attitude.)"""
    ctx = make_ctx(nlp, text)
    hits = [a for a in find_attributions(ctx) if a.cue and text[a.cue[0] : a.cue[1]] == cue]
    assert hits and hits[0].source is not None
    assert text[hits[0].source[0] : hits[0].source[1]] == source
    assert _content(text, hits[0]) == content
    assert extract_quotes(ctx) == ()


@pytest.mark.parametrize(
    ("text", "verb", "extent"),
    [
        ("The mayor has also said the port is safe.", "said", "has also said"),
        ("The mayor said Sunday that the port is safe.", "said", "said Sunday"),
        ("The mayor said in a statement that the port is safe.", "said", "said in a statement"),
        ("The mayor said: the port is safe.", "said", "said:"),
        ("The mayor pointed out that the port is safe.", "pointed", "pointed out"),
    ],
    ids=["aux-adverb", "weekday", "in-a-statement", "colon", "particle"],
)
def test_cue_extent(nlp, text, verb, extent):
    from eventlens.quotes.reported import cue_extent

    doc = nlp(text)
    tok = next(t for t in doc if t.text == verb)
    s, e = cue_extent(tok, load_lexicon())
    assert text[s:e] == extent


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        ("The port agencies declined to give details, saying they could not discuss the case.",
         "saying", "The port agencies", "they could not discuss the case"),
        ("Jane Smith dismissed the report by pointing out that it was two years old.",
         "pointing out", "Jane Smith", "that it was two years old"),
        ("News of the closure was first reported by the Harbour Gazette.", "reported",
         "the Harbour Gazette", "News of the closure"),
    ],
    ids=["declined-saying", "by-pointing-out", "passive-agent"],
)
def test_source_through_the_clause(nlp, text, cue, source, content):
    hits = [a for a in _attrs(nlp, text) if a.cue and text[a.cue[0] : a.cue[1]] == cue]
    assert hits and hits[0].source is not None
    assert text[hits[0].source[0] : hits[0].source[1]] == source
    assert _content(text, hits[0]) == content


def test_coordinated_speech_split(nlp):
    text = ("Four in 10 fishermen said the season would be worse, while six in 10 said "
            "they expected prices to rise.")
    got = [(text[a.cue[0] : a.cue[1]], _content(text, a)) for a in _attrs(nlp, text) if a.cue]
    assert got == [("said", "the season would be worse"), ("said", "they expected prices to rise")]
