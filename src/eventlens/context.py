"""What every stage after the spaCy boundary sees of one article."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventlens.types import Actor, Article, Place, Quote

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass(slots=True)
class SpanIndex:
    """Sorted character spans mapped to record ids, for 'which actor is at chars a..b'."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.spans.sort()
        self._starts = [s for s, _, _ in self.spans]

    def add(self, start: int, end: int, rid: str) -> None:
        i = bisect.bisect_left(self._starts, start)
        self.spans.insert(i, (start, end, rid))
        self._starts.insert(i, start)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """All spans overlapping [start, end)."""
        out = []
        i = bisect.bisect_left(self._starts, end)
        for j in range(i - 1, -1, -1):
            s, e, rid = self.spans[j]
            if e > start and s < end:
                out.append((s, e, rid))
            if start - s > 400:  # spans are short; stop scanning far left
                break
        out.reverse()
        return out

    def at(self, start: int, end: int) -> str | None:
        """Id of the longest span overlapping [start, end), or None."""
        hits = self.overlapping(start, end)
        if not hits:
            return None
        return max(hits, key=lambda h: (h[1] - h[0], -h[0]))[2]


@dataclass(slots=True)
class DocContext:
    """One article, its parsed doc and the records of earlier stages.

    ``doc.text == article.text`` always, so token offsets are article offsets.
    """

    article: Article
    doc: Doc
    actors: tuple[Actor, ...] = ()
    actor_index: SpanIndex = field(default_factory=SpanIndex)
    places: tuple[Place, ...] = ()
    place_index: SpanIndex = field(default_factory=SpanIndex)
    quotes: tuple[Quote, ...] = ()

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def actor_at(self, start: int, end: int) -> str | None:
        return self.actor_index.at(start, end)

    def place_at(self, start: int, end: int) -> str | None:
        return self.place_index.at(start, end)
