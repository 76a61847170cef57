"""Unknown organisations named with their country are one actor of that country, not the
country itself: "the Kenya Human Rights Commission" (the country leads the name), "the Law
Society of Kenya" (the country closes it); a country name before an actor noun stays with the
nominal rules ("the Nigeria Police Force"), and a bare country stays a country. Own sentences."""

from __future__ import annotations

import pytest

from eventlens.actors import load_kb, resolve_actors
from eventlens.types import ActorKind, Article, stable_id

pytestmark = pytest.mark.slow


def resolved(nlp, text):
    art = Article(id=stable_id("art", text), text=text)
    actors, _ = resolve_actors(art, nlp(text), load_kb())
    return {a.name: a for a in actors}


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        ("The Kenya Human Rights Commission accused the police of shooting two protesters.",
         "Kenya Human Rights Commission", ActorKind.ORGANIZATION, "KEN"),
        ("Police arrested 50 people, the Law Society of Kenya said in a statement.",
         "Law Society of Kenya", ActorKind.ORGANIZATION, "KEN"),
        ("The Nigeria Police Force said it had arrested three suspects.",
         "Nigeria Police Force", ActorKind.GROUP, "NGA"),
        ("Kenya said on Monday it would send troops to the border.",
         "Kenya", ActorKind.COUNTRY, "KEN"),
        ("Rebels clash near border\n\nGOMA — The foreign ministers of the Democratic Republic of "
         "Congo and Rwanda signed a declaration on Friday.",
         "Democratic Republic of the Congo", ActorKind.COUNTRY, "COD"),
    ],
    ids=["country-leads-name", "of-country-closes-name", "actor-noun-head", "bare-country",
         "multiword-country"],
)
def test_country_in_an_organisation_name(nlp, text, name, kind, country):
    got = resolved(nlp, text)
    assert name in got, sorted(got)
    assert (got[name].kind, got[name].country) == (kind, country)


def test_the_country_is_not_the_speaker_of_its_commission(nlp):
    got = resolved(nlp, "The Kenya Human Rights Commission accused the police of shooting.")
    assert "Kenya" not in got, sorted(got)
