"""The label lexicon: file validation, coverage, matching of inflected forms."""

from __future__ import annotations

import pytest

from eventlens.errors import ResourceError
from eventlens.slant.lexicon import default_lexicon, parse_lexicon
from eventlens.types import LabelKind

HEADER = "term\tkind\tneutral\ttarget\tunless\n"


def test_packaged_lexicon_is_large_and_versioned():
    lex = default_lexicon()
    assert len(lex.entries) >= 100
    assert lex.version != "0"
    assert {e.kind for e in lex.entries} == set(LabelKind)


@pytest.mark.parametrize(
    ("term", "kind", "neutral"),
    [
        ("putschist general", LabelKind.NAME_CALLING, "commander"),
        ("warlord", LabelKind.NAME_CALLING, "commander"),
        ("militias", LabelKind.LOADED, "forces"),
        ("regime", LabelKind.LOADED, "government"),
        ("junta", LabelKind.LOADED, "military government"),
        ("freedom fighters", LabelKind.HONORIFIC, "fighters"),
        ("special military operation", LabelKind.EUPHEMISM, "invasion"),
        ("neutralized", LabelKind.EUPHEMISM, "killed"),
    ],
    ids=lambda v: str(v),
)
def test_known_entries(term, kind, neutral):
    entry = default_lexicon().get(term)
    assert entry is not None
    assert entry.kind is kind
    assert entry.neutral == neutral


@pytest.mark.parametrize("word", ["insurgents", "rebels", "militants", "fighters", "forces",
                                  "government", "army", "commander", "troops"])
def test_neutral_words_are_not_labels(word):
    assert default_lexicon().get(word) is None


@pytest.mark.parametrize(
    "body",
    [
        "warlord\tinsulting\tcommander\tperson\t-\n",
        "warlord\tloaded\tcommander\twho\t-\n",
        "warlord\tloaded\tcommander\tperson\n",
        "warlord\tloaded\tcommander\tperson\t-\nWarlord\tloaded\tcommander\tperson\t-\n",
    ],
    ids=["bad-kind", "bad-target", "missing-column", "duplicate"],
)
def test_bad_lexicon_files_are_rejected(body):
    with pytest.raises(ResourceError):
        parse_lexicon(HEADER + body)


def test_missing_header_is_rejected():
    with pytest.raises(ResourceError):
        parse_lexicon("warlord\tloaded\tcommander\tperson\t-\n")


def test_header_comment_gives_version():
    lex = parse_lexicon("# version: 7\n" + HEADER + "junta\tloaded\t-\tstate\t-\n")
    assert lex.version == "7"
    assert lex.entries[0].neutral is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two warlords met in the desert.", ["warlords"]),
        ("The militia and other militias withdrew.", ["militia", "militias"]),
        ("The Putschist General spoke on Monday.", ["Putschist General"]),
        ("Officials praised the freedom fighters of the valley.", ["freedom fighters"]),
        ("The sanctions regime was extended by a year.", []),
        ("He backed counter-terrorism cooperation.", []),
        ("The regime shelled the suburbs.", ["regime"]),
        ("Insurgents and rebels fought the army.", []),
    ],
    ids=["plural", "singular-and-plural", "title-case", "multiword", "sanctions-regime",
         "counter-terrorism", "regime", "neutral-words"],
)
def test_match_on_real_docs(nlp, text, expected):
    doc = nlp(text)
    hits = default_lexicon().match(doc)
    assert [doc[h.start : h.end].text for h in hits] == expected
