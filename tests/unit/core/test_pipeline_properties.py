"""Property tests over the whole pipeline: no input crashes it, offsets always hold."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventlens.errors import InputError
from eventlens.ingest import article_from_text
from eventlens.pipeline import analyze_doc

pytestmark = pytest.mark.slow

WORDS = st.sampled_from(
    "Haftar Tripoli militias said attacked the of on \"quote\" « » ( ) UN Russia Lavrov warlord "
    "army forces . , ; 2020 Monday killed talks agreed U.S. al-Asabaa Gharyan - \n \n\n".split(" ")
)


def check(analysis):
    text = analysis.article.text
    for a in analysis.actors:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text
    for p in analysis.places:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
    ids = {a.id for a in analysis.actors}
    pids = {p.id for p in analysis.places}
    for e in analysis.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert 0 <= e.sentence[0] <= e.sentence[1] <= len(text)
        for ref in (e.source, e.target, e.according_to):
            assert ref is None or ref in ids
        assert e.place is None or e.place in pids
    for q in analysis.quotes:
        assert text[q.start:q.end] == q.text
        assert q.speaker is None or q.speaker in ids
    for lab in analysis.labels:
        assert text[lab.start:lab.end] == lab.text
        assert lab.actor is None or lab.actor in ids


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=120).map(" ".join) | st.text(max_size=400))
def test_no_input_crashes_the_pipeline(resources, text):
    try:
        article = article_from_text(text, source="<hypothesis>")
    except InputError:
        return
    analysis = analyze_doc(article, resources.nlp(article.text), resources)
    check(analysis)
    again = analyze_doc(article, resources.nlp(article.text), resources)
    assert again == analysis
