"""Entity ruler fed from the actor dictionary.

Known names are matched before the statistical NER runs, so the model's errors on
them are corrected ("Haftar" as ORG, "Twitter" as PERSON, "al-Asabaa" as ORG). Each
pattern carries the dictionary key as its entity id.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

RULER_NAME = "eventlens_ruler"
_STOP = frozenset({"us", "it", "so", "no", "is", "as", "be", "he", "we", "me", "an", "or", "in", "on", "at"})


def patterns() -> list[dict[str, object]]:
    """Entity-ruler patterns from the actor dictionary (case-sensitive phrases)."""
    from eventlens.actors.kb import load_default_kb

    kb = load_default_kb()
    out: list[dict[str, object]] = []
    seen: set[tuple[str, str]] = set()
    for key, aliases in kb.aliases.items():
        for alias, label in aliases:
            if alias.lower() in _STOP and not alias.isupper():
                continue
            if len(alias) < 2 or not re.search(r"[A-Z]", alias):
                continue  # lowercase words are left to the resolver's sector terms
            if (alias, label) in seen:
                continue
            seen.add((alias, label))
            out.append({"label": label, "pattern": alias, "id": key})
    return out


def add_entity_ruler(nlp: "Language") -> None:
    if RULER_NAME in nlp.pipe_names:
        return
    before = "ner" if "ner" in nlp.pipe_names else None
    config = {"phrase_matcher_attr": "ORTH", "overwrite_ents": True}
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before=before, config=config)
    with nlp.select_pipes(enable=[]):  # ORTH patterns need the tokenizer only
        ruler.add_patterns(patterns())  # type: ignore[attr-defined]
