"""Cheap English detection: writing system, then the share of function words."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from eventlens.ingest.patterns import load_stopwords

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SAMPLE_CHARS = 20_000  # only the start of a long text is looked at
MIN_WORDS = 8  # below this the function-word ratio means little
MIN_EN_RATIO = 0.10


def _script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def language_problem(text: str) -> str | None:
    """Why ``text`` is not usable English, or None when it looks English.

    Rejects text whose letters are mostly not Latin (Arabic, Cyrillic, CJK ...), and
    longer text whose English function-word ratio is low or beaten by another language.
    """
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "no letters in the text"
    scripts = Counter(_script_of(ch) for ch in letters)
    latin = scripts.get("LATIN", 0)
    if latin / len(letters) < 0.6:
        main = scripts.most_common(1)[0][0].title()
        return (f"text is not English (mostly {main} script); eventlens analyzes English news, "
                "translate it first")
    words = [w.casefold() for w in _WORD.findall(sample)]
    if not words:
        return "no words in the text"
    stop = load_stopwords()
    ratios = {
        lang: sum(1 for w in words if w in vocab) / len(words)
        for lang, (_, vocab) in stop.items()
    }
    en = ratios.pop("en")
    best_other, other = max(ratios.items(), key=lambda kv: kv[1]) if ratios else ("", 0.0)
    if len(words) < MIN_WORDS:
        if other > en and other > 0.25:
            return _not_english(stop[best_other][0], en, other)
        return None
    if other > en:
        return _not_english(stop[best_other][0], en, other)
    if en < MIN_EN_RATIO:
        return (f"text does not look like English prose ({en:.0%} English function words, "
                f"expected at least {MIN_EN_RATIO:.0%})")
    return None


def _not_english(name: str, en: float, other: float) -> str:
    return (f"text is not English (looks like {name}: {other:.0%} {name} function words vs "
            f"{en:.0%} English); eventlens analyzes English news, translate it first")
