"""Entity ruler fed from the actor dictionary (corrects the model on known names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


def add_entity_ruler(nlp: "Language") -> None:
    """STUB: filled in with the actor dictionary patterns."""
    return None
