"""More place forms, with the real model and the default index: a coordinated adjectival demonym,
a region or town at the head of an untagged proper-noun run, a region inside an organisation name,
and names the model read as persons standing where a person cannot."""

from __future__ import annotations

import pytest

from eventlens.context import DocContext
from eventlens.geo import resolve_places
from eventlens.geo import resolve as R
from eventlens.geo.gazetteer import Gazetteer
from eventlens.types import Article

pytestmark = pytest.mark.slow


def run(places_in, gz: Gazetteer, text: str) -> dict[str, str | None]:
    return {k: p.country for k, p in places_in(gz, text).items()}


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [("Japanese and Chinese diplomats met for three hours on Tuesday.", "Chinese", "CHN"),
     ("Officials from the Middle East Policy Forum arrived late.", "Middle East", None)],
    ids=["coordinated-demonym", "curated-region-inside-organisation"],
)
def test_found(places_in, real_gz: Gazetteer, text: str, mention: str, country: str | None) -> None:
    found = run(places_in, real_gz, text)
    assert mention in found
    assert found[mention] == country


@pytest.mark.parametrize(
    ("text", "mention"),
    [("Japanese diplomats met their hosts on Tuesday.", "Japanese"),
     ("The Chinese want a deal, the envoy said.", "Chinese")],
    ids=["single-demonym-still-found", "people-are-not-a-place"],
)
def test_demonym_convention_unchanged(places_in, real_gz: Gazetteer, text: str, mention: str) -> None:
    found = run(places_in, real_gz, text)
    assert (mention in found) == (mention == "Japanese")


def _person_roles(nlp, text: str, name: str) -> bool:
    doc = nlp(text)
    s = text.index(name)
    span = doc.char_span(s, s + len(name))
    assert span is not None
    return R._person_may_be_town(doc, span.start, span.end)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [("Jackson said the budget was balanced.", "Jackson", False),
     ("The report blamed Jackson's office for the delay.", "Jackson", False),
     ("Crews drove from Jackson to the coast overnight.", "Jackson", True)],
    ids=["subject-is-a-person", "possessor-is-a-person", "object-of-preposition-may-be-town"],
)
def test_person_roles(nlp, text: str, name: str, expected: bool) -> None:
    assert _person_roles(nlp, text, name) is expected


def test_run_with_leading_region(places_in, real_gz: Gazetteer) -> None:
    text = "Heavy rain hit the area, and Ohio Governor Ann Smith asked for federal help."
    found = run(places_in, real_gz, text)
    assert found.get("Ohio") == "USA"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The band played a late show in Greenville on Saturday.", None),
     ("The band played a late show in Greenville on Saturday before heading to Spartanburg.",
      "South Carolina")],
    ids=["isolated-same-name-town-dropped", "nearby-place-picks-the-town"],
)
def test_isolated_same_name_town(nlp, real_gz: Gazetteer, text: str,
                                 expected: str | None) -> None:
    ctx = DocContext(article=Article(id="i", text=text), doc=nlp(text))
    admin = {p.name: p.admin1 for p in resolve_places(ctx, real_gz)}
    assert admin.get("Greenville") == expected
