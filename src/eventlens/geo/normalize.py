"""Name normalization for gazetteer keys: the same function builds the index and queries it.

``normalize`` folds case and accents, drops apostrophe-like marks (ʿ ‘ ’ ' ` ʾ), turns hyphens and
other punctuation into spaces and collapses whitespace. ``variants`` adds the form without an Arabic
article prefix (al-, el-, ad-, ash-, ...), and ``skeleton`` gives a consonant skeleton used as a
last, fuzzy tier for transliteration variants (Gharian / Gharyan, Tarhouna / Tarhuna).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_NAME = 120  # longer strings are not place names; normalization truncates them

_APOSTROPHES = "ʿʾ‘’'`´ʻʼ′"
_DROP = str.maketrans("", "", _APOSTROPHES)
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ı": "i",
                          "þ": "th", "ð": "d", "ħ": "h"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_UNDERSCORE = re.compile(r"_+")

# Arabic definite article as transliterated in news and in GeoNames names.
ARTICLES = frozenset({"al", "el", "ad", "ed", "ash", "esh", "as", "es", "at", "et", "az", "ez",
                      "ar", "er", "an", "en", "ag", "adh", "ath", "aj", "ul", "il"})
# Words that describe the kind of place, stripped for a second lookup ("Idlib province").
TYPE_WORDS = frozenset({"province", "provinces", "state", "region", "governorate", "district",
                        "county", "city", "town", "village", "oblast", "prefecture", "municipality",
                        "department", "territory", "republic", "emirate", "parish", "borough",
                        "shabiyat", "muhafazat", "wilayat", "of", "the"})
# Qualifiers in front of a name ("northern Syria", "downtown Tripoli"), stripped as a last exact tier.
QUALIFIERS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                        "western", "central", "northeast", "northwest", "southeast", "southwest",
                        "northeastern", "northwestern", "southeastern", "southwestern", "downtown",
                        "greater", "upper", "lower", "rural", "coastal", "occupied", "mainland"})


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name; '' if nothing is left."""
    if not name:
        return ""
    s = name[: MAX_NAME * 2].translate(_DROP)
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", s).casefold())
    s = s.translate(_SPECIAL)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _UNDERSCORE.sub(" ", _NON_WORD.sub(" ", s))
    return " ".join(s.split())[:MAX_NAME].strip()


def strip_article(key: str) -> str:
    """'al asabiah' -> 'asabiah'; keys of one word or without an article are returned unchanged."""
    parts = key.split(" ")
    if len(parts) > 1 and parts[0] in ARTICLES:
        return " ".join(parts[1:])
    return key


def strip_type_words(key: str) -> str:
    """'idlib province' -> 'idlib'; '' when only type words remain."""
    parts = [p for p in key.split(" ") if p not in TYPE_WORDS]
    return " ".join(parts)


def strip_qualifiers(key: str) -> str:
    """'northern syria' -> 'syria'; unchanged if nothing would be left."""
    parts = key.split(" ")
    i = 0
    while i < len(parts) - 1 and parts[i] in QUALIFIERS:
        i += 1
    return " ".join(parts[i:])


def variants(name: str) -> tuple[str, ...]:
    """Index keys of a name: the normalized form and, if different, the form without article."""
    key = normalize(name)
    if not key:
        return ()
    bare = strip_article(key)
    return (key,) if bare == key else (key, bare)


_VOWELS = str.maketrans("", "", "aeiouy ")
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """Consonant skeleton of a normalized key (article stripped, q->k, vowels and final h dropped).

    Only ASCII keys get a skeleton; others return ''.
    """
    bare = strip_article(key)
    if not bare.isascii():
        return ""
    s = bare.replace("q", "k").replace("ph", "f").replace("ou", "u")
    s = _DOUBLE.sub(r"\1", s.translate(_VOWELS))
    if s.endswith("h") and len(s) > 2:
        s = s[:-1]
    return s
