"""A pronoun subject takes the nearest earlier actor it can stand for, never one named as where
something happens ("stopped in Syria, where they ..."). Own sentences."""

from __future__ import annotations

import pytest

from eventkit import C, G, P, run

from eventlens.pipeline import analyze_doc
from eventlens.types import Article

ACTORS = {
    "ava": ("Avaria", C, None, ("Avaria",)),
    "vel": ("Velmar", C, None, ("Velmar",)),
    "rur": ("Ruritania", C, None, ("Ruritania",)),
    "reb": ("Red Hand", G, None, ("The Red Hand rebels",)),
    "min": ("Olga Berin", P, None, ("Olga Berin",)),
    "spk": ("Omar Haddad", P, None, ("Omar Haddad",)),
    "sec": ("Lena Rahimi", P, None, ("Lena Rahimi",)),
}


@pytest.mark.parametrize(
    "text, source_of, want",
    [
        pytest.param("The Red Hand rebels said on Monday that they had shelled Ruritania.",
                     "shelled", "reb", id="they-is-a-group"),
        pytest.param("Avaria and Velmar said they had attacked Ruritania.",
                     "attacked", "vel", id="they-is-a-coordination"),
        pytest.param("Olga Berin said she had threatened Ruritania with sanctions.",
                     "threatened", "min", id="she-is-a-person"),
        # "they" is not one person named alone: the spokesman's side, not the spokesman
        pytest.param("The Red Hand rebels did not confirm the loss, with spokesman Omar Haddad "
                     "saying only that they were shelling Ruritania.",
                     "shelling", "reb", id="they-is-not-the-spokesman"),
        pytest.param("Omar Haddad and Lena Rahimi said they had attacked Ruritania.",
                     "attacked", "sec", id="they-is-coordinated-persons"),
    ],
)
def test_pronoun_antecedent(text: str, source_of: str, want: str | None) -> None:
    got = {e.trigger.text.split()[0]: e.source for e in run(text, ACTORS)}
    assert got.get(source_of) == want, got


@pytest.mark.slow
def test_they_is_not_the_country_they_stopped_in(resources) -> None:
    # the whole pipeline (actors found by the actor stage): "they" are the planes
    text = ("The cargo planes left Russia and first stopped in Syria where they \"were given new "
            "markings to hide their Russian origin\" before arriving in Libya, the command said.")
    a = analyze_doc(Article(id="t", text=text), resources.nlp(text), resources)
    syria = {x.id for x in a.actors if x.name == "Syria"}
    assert syria and not [e for e in a.events if e.source in syria], a.events
