"""The packaged cue lexicon loads and its parser rejects broken rows."""

from __future__ import annotations

import pytest

from eventlens.errors import ResourceError
from eventlens.quotes.lexicon import load_lexicon, parse_lexicon


@pytest.mark.parametrize(
    ("lemma", "frame"),
    [("say", "say"), ("tell", "both"), ("urge", "request"), ("admit", "object"), ("sing", None)],
    ids=["say", "tell", "urge", "admit", "not-a-cue"],
)
def test_packaged_verbs(lemma: str, frame: str | None) -> None:
    assert load_lexicon().verb_frame(lemma) == frame


@pytest.mark.parametrize(
    ("text", "platform", "document"),
    [("Twitter", True, False), ("statement", False, True), ("army", False, False)],
    ids=["platform", "document", "neither"],
)
def test_nouns(text: str, platform: bool, document: bool) -> None:
    lex = load_lexicon()
    assert lex.is_platform(text) is platform
    assert lex.is_document(text) is document


@pytest.mark.parametrize(
    "text",
    [
        "cue\tkind\tframe\nsay\tverb\n",
        "cue\tkind\tframe\nsay\tadverb\tsay\n",
        "cue\tkind\tframe\nsay\tverb\tsay\nclaim\tnoun\tsay\n",
        "cue\tkind\tframe\nsay\tverb\t-\n",
        "cue\tkind\tframe\nsay\tverb\tsay\nsay\tverb\tsay\n",
        "# only comments\n",
        "lemma\tkind\tframe\nsay\tverb\tsay\n",
    ],
    ids=["short-row", "bad-kind", "noun-with-frame", "verb-without-frame", "duplicate", "empty", "bad-header"],
)
def test_bad_lexicon_rejected(text: str) -> None:
    with pytest.raises(ResourceError):
        parse_lexicon(text)
