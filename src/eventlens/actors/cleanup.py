"""After geocoding: unknown organisations that turned out to be places are not actors."""

from __future__ import annotations

from dataclasses import replace

from eventlens.context import SpanIndex
from eventlens.types import Actor, ActorKind


def drop_place_actors(
    actors: tuple[Actor, ...], place_spans: list[tuple[int, int]]
) -> tuple[tuple[Actor, ...], SpanIndex]:
    """Drop unknown organisations that the geocoder found to be places ("El Fasher").

    Only actors the dictionary does not know (no sector, no code) and whose every mention
    is a place mention are dropped; references to them are cleared.
    """
    spans = set(place_spans)
    dropped = {
        a.id for a in actors
        if a.kind is ActorKind.ORGANIZATION and a.sector is None and a.code is None
        and a.mentions and all((m.start, m.end) in spans for m in a.mentions)
    }
    if not dropped:
        index = SpanIndex([(m.start, m.end, a.id) for a in actors for m in a.mentions])
        return actors, index
    kept = tuple(
        a if a.affiliation not in dropped else _replace_affiliation(a)
        for a in actors if a.id not in dropped
    )
    return kept, SpanIndex([(m.start, m.end, a.id) for a in kept for m in a.mentions])


def _replace_affiliation(a: Actor) -> Actor:
    return replace(a, affiliation=None)
