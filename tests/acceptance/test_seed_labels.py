"""Acceptance of issue 5 (labels) on the seed article (read from ../shared, never copied).

Haftar is called "putschist general" (headline and body) and "warlord" (several times);
his forces are called "militias"; each label carries its neutral equivalent.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def haftar(analysis):
    hits = [a for a in analysis.actors if a.kind == "person" and "haftar" in a.name.casefold()]
    assert hits, f"no Haftar actor in {[a.name for a in analysis.actors]}"
    return hits[0]


def labels_of(analysis, actor_ids, word):
    return [lb for lb in analysis.labels if lb.actor in actor_ids and lb.text.casefold() == word]


def test_labels_round_trip(seed_analysis):
    text = seed_analysis.article.text
    assert seed_analysis.labels
    for lb in seed_analysis.labels:
        assert text[lb.start : lb.end] == lb.text


def test_putschist_general_in_headline_and_body(seed_analysis):
    h = haftar(seed_analysis)
    found = labels_of(seed_analysis, {h.id}, "putschist general")
    assert len(found) >= 2
    title_end = seed_analysis.article.text.find("\n\n")
    assert any(lb.start < title_end for lb in found), "not in the headline"
    assert any(lb.start > title_end for lb in found), "not in the body"
    assert {lb.neutral for lb in found} == {"commander"}
    assert {str(lb.kind) for lb in found} == {"name-calling"}


def test_warlord_several_times(seed_analysis):
    h = haftar(seed_analysis)
    found = labels_of(seed_analysis, {h.id}, "warlord")
    assert len(found) >= 3
    assert {lb.neutral for lb in found} == {"commander"}


def test_militias_on_his_forces(seed_analysis):
    h = haftar(seed_analysis)
    side = {h.id} | {a.id for a in seed_analysis.actors if a.affiliation == h.id}
    if h.affiliation:
        side.add(h.affiliation)
    found = labels_of(seed_analysis, side, "militias")
    assert len(found) >= 2
    assert {lb.neutral for lb in found} == {"forces"}
    assert {str(lb.kind) for lb in found} == {"loaded"}


def test_profile_of_haftar(seed_analysis):
    from eventlens.slant.profile import profile

    rows = profile([seed_analysis], "Khalifa Haftar")
    words = {r["label"]: r for r in rows}
    assert words["warlord"]["count"] >= 3
    assert words["putschist general"]["neutral"] == "commander"
    assert words["militias"]["neutral"] == "forces"
