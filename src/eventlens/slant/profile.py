"""Outlet profile: which outlet called an actor what, how often, against the neutral term."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from eventlens.types import Actor, Analysis


def _matches(actor: Actor, name: str) -> bool:
    key = " ".join(name.split()).casefold()
    if actor.id == name or " ".join(actor.name.split()).casefold() == key:
        return True
    return False


def profile(
    analyses: Iterable[Analysis],
    actor_name: str,
    *,
    include_affiliated: bool = True,
) -> list[dict[str, Any]]:
    """Labels attached to one actor, counted per outlet.

    ``actor_name`` is the canonical actor name (case-insensitive) or an actor id. With
    ``include_affiliated`` labels on the actors of his side count too: actors affiliated
    with him, and the actor he is affiliated with (his forces, "Haftar's militias"); ``about`` then names the actor the label was attached to.

    Returns rows ``{"outlet", "label", "neutral", "kind", "about", "count"}`` sorted by
    outlet, then by count (descending), then label. ``outlet`` is None when unknown;
    ``label`` is the label text, lower-cased with whitespace collapsed.
    """
    counts: Counter[tuple[str | None, str, str | None, str, str]] = Counter()
    for analysis in analyses:
        targets: dict[str, str] = {}
        for actor in analysis.actors:
            if _matches(actor, actor_name):
                targets[actor.id] = actor.name
        if include_affiliated and targets:
            main = list(targets)
            by_id = {a.id: a for a in analysis.actors}
            for actor in analysis.actors:
                if actor.affiliation in main and actor.id not in targets:
                    targets[actor.id] = actor.name  # his forces, his spokesman
            for aid in main:  # the side he belongs to or leads ("Haftar" -> his army)
                side = by_id[aid].affiliation
                if side in by_id and side not in targets:
                    targets[side] = by_id[side].name
        if not targets:
            continue
        outlet = analysis.article.outlet
        for label in analysis.labels:
            if label.actor in targets:
                text = " ".join(label.text.split()).casefold()
                counts[(outlet, text, label.neutral, str(label.kind), targets[label.actor])] += 1
    rows = [
        {"outlet": o, "label": t, "neutral": n, "kind": k, "about": a, "count": c}
        for (o, t, n, k, a), c in counts.items()
    ]
    rows.sort(key=lambda r: (r["outlet"] is None, r["outlet"] or "", -r["count"], r["label"], r["about"]))
    return rows
