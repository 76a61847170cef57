"""Acceptance of issue 2 on the seed article (read from ../shared, never copied)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def by_name(analysis, name):
    hits = [a for a in analysis.actors if a.name == name]
    assert hits, f"{name!r} not in {[a.name for a in analysis.actors]}"
    return hits[0]


def test_article_cleaning(seed_analysis):
    art = seed_analysis.article
    assert art.title.startswith("Putschist general Haftar agrees")
    assert art.text.startswith(art.title + "\n\n")
    assert "Contact Us" not in art.text and "Reuters File Photo" not in art.text
    removed = " ".join(r.text for r in art.removed)
    assert "Contact Us" in removed and "Reuters File Photo" in removed


def test_haftar_including_dropped_surname(seed_analysis):
    h = by_name(seed_analysis, "Khalifa Haftar")
    assert (str(h.kind), h.country, str(h.sector)) == ("person", "LBY", "MIL")
    texts = [m.text for m in h.mentions]
    assert "Khalifa" in texts and texts.count("Haftar") >= 5


@pytest.mark.parametrize(
    ("name", "kind", "country", "sector"),
    [
        ("United Nations Support Mission in Libya", "igo", None, "IGO"),
        ("United Nations", "igo", None, "IGO"),
        ("Sergey Lavrov", "person", "RUS", "GOV"),
        ("Russia", "country", "RUS", None),
        ("Turkey", "country", "TUR", None),
        ("Qatar", "country", "QAT", None),
        ("Italy", "country", "ITA", None),
        ("Egypt", "country", "EGY", None),
        ("United Arab Emirates", "country", "ARE", None),
        ("Wagner Group", "group", "RUS", None),
        ("United States Africa Command", "organization", "USA", "MIL"),
        ("Government of National Accord", "organization", "LBY", "GOV"),
    ],
)
def test_expected_actors(seed_analysis, name, kind, country, sector):
    a = by_name(seed_analysis, name)
    assert str(a.kind) == kind and a.country == country
    if sector:
        assert str(a.sector) == sector


def test_guterres_and_unsmil_mentions(seed_analysis):
    g = [a for a in seed_analysis.actors if "Guterres" in a.name]
    assert len(g) == 1 and str(g[0].sector) == "IGO"
    unsmil = by_name(seed_analysis, "United Nations Support Mission in Libya")
    assert "UNSMIL" in [m.text for m in unsmil.mentions]
    assert len(unsmil.mentions) >= 3  # the full name, "the U.N. Mission", "UNSMIL"


def test_internationally_recognized_government(seed_analysis):
    gov = by_name(seed_analysis, "Government of National Accord")
    assert "internationally-recognized government" in [m.text for m in gov.mentions]


def test_spokesmen_affiliations(seed_analysis):
    ids = {a.id: a for a in seed_analysis.actors}
    haftar = by_name(seed_analysis, "Khalifa Haftar")
    mos = [a for a in seed_analysis.actors if any("Mosmari" in m.text for m in a.mentions)][0]
    side = ids[mos.affiliation]
    assert side.id == haftar.affiliation or side.affiliation == haftar.id
    gun = [a for a in seed_analysis.actors if "Gununu" in a.name][0]
    gside = ids[gun.affiliation]
    gov = by_name(seed_analysis, "Government of National Accord")
    assert gside.id == gov.id or gside.affiliation == gov.id
    assert "Tripoli-allied forces" in [m.text for m in gside.mentions]


def test_not_actors(seed_analysis):
    names = " ".join(m.text for a in seed_analysis.actors for m in a.mentions)
    assert "Twitter" not in names and "Reuters" not in names


def test_one_id_per_actor_and_offsets(seed_analysis):
    text = seed_analysis.article.text
    ids = [a.id for a in seed_analysis.actors]
    assert len(ids) == len(set(ids))
    spans = set()
    for a in seed_analysis.actors:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text
            assert (m.start, m.end) not in spans
            spans.add((m.start, m.end))
