"""Learned re-scoring of rule events: the sentence classifier breaks ties the rules leave open.

Called once per article with the events grouped by prose unit; the classifier is run only on
units that need it (one batched call), so it stays cheap:

- type ambiguity: a unit with events of several PLOVER types; each event's confidence is scaled
  by how its type ranks in the sentence's PLOVER distribution (never dropped);
- ACLED sub-event of ASSAULT / PROTEST / COERCE events: when the rule's mode is generic
  (an "attack", a "protest", a "raid"), the most probable ACLED code among the codes that type
  can carry is used, with the codebook mode that carries it; a specific mode ("air strike") is
  kept; clash vs attack and who takes territory stay with the actors.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from eventlens.events.codebook import Codebook
from eventlens.types import Event

log = logging.getLogger(__name__)

ACLED_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# modes whose ACLED sub-event the rules cannot tell (the type's catch-all modes)
GENERIC_MODES = frozenset({("ASSAULT", "attack"), ("ASSAULT", "clash"), ("PROTEST", "demo"),
                           ("COERCE", "seize-property"), ("COERCE", "restrict")})
_BY_ACTORS = frozenset({"ARMED_CLASH", "ATTACK", "GOV_REGAINS_TERIT",
                        "NON_STATE_ACTOR_OVERTAKES_TER"})
_GENERIC_MIN = 0.25  # renormalised probability needed to replace a generic mode's code


def _allowed(cb: Codebook, type_: str) -> dict[str, tuple[str, str, str | None]]:
    """ACLED code -> (mode key, "type/subtype", mode cameo) the codebook gives ``type_``."""
    from eventlens.events.classify import LABELS

    out: dict[str, tuple[str, str, str | None]] = {}
    et = cb.type(type_)
    for m in et.modes:
        out.setdefault(m.acled_code, (m.key, m.acled, m.default_cameo))
    for code, (acled, ptype, _) in LABELS.items():
        if ptype == type_ and acled and code not in out:
            out[code] = (et.modes[0].key, acled, None)
    return out


def rescore(cb: Codebook, units: Sequence[tuple[str, list[Event]]]) -> list[list[Event]]:
    """``units``: (unit text, its events); returns the events, re-scored."""
    clf = cb.classifier
    out = [list(evs) for _, evs in units]
    if clf is None:
        return out
    need = [i for i, (_, evs) in enumerate(units)
            if len({e.type for e in evs}) > 1 or any(_generic(cb, e) for e in evs)]
    if not need:
        return out
    try:
        probs = clf.probabilities([units[i][0][:2000] for i in need])
    except (ValueError, IndexError, FloatingPointError) as exc:  # pragma: no cover - defensive
        log.warning("event classifier failed: %s", exc)
        return out
    for i, (pa, pp) in zip(need, probs):
        evs = out[i]
        types = {e.type for e in evs}
        top = max((pp.get(t, 0.0) for t in types), default=0.0)
        new = []
        for e in evs:
            if len(types) > 1 and top > 0 and e.confidence is not None:
                factor = 0.6 + 0.4 * pp.get(e.type, 0.0) / top
                e = replace(e, confidence=round(e.confidence * factor, 3))
            if _generic(cb, e):
                e = _acled(cb, e, pa)
            new.append(e)
        out[i] = new
    return out


def _generic(cb: Codebook, e: Event) -> bool:
    """An ASSAULT / PROTEST / COERCE event whose mode does not fix its ACLED sub-event."""
    if e.type not in ACLED_TYPES:
        return False
    if e.mode is None:
        return True
    key = next((m.key for m in cb.type(e.type).modes if m.mode == e.mode), None)
    return (e.type, key) in GENERIC_MODES


def _acled(cb: Codebook, e: Event, pa: dict[str, float]) -> Event:
    """The most probable ACLED code the event's type allows, when the classifier is sure enough."""
    allowed = _allowed(cb, e.type)
    cur = cb.acled_code_for(e.acled)
    # clash vs attack and who takes territory follow the actors (extract._acled), not the text
    allowed = {c: v for c, v in allowed.items() if c == cur or c not in _BY_ACTORS}
    total = sum(pa.get(c, 0.0) for c in allowed)
    if total <= 0:
        return e
    best = max(allowed, key=lambda c: pa.get(c, 0.0))
    p_best = pa.get(best, 0.0) / total
    if best == cur or p_best < _GENERIC_MIN:
        return e
    key, acled, _ = allowed[best]
    mode = cb.mode(e.type, key)
    if mode is not None and mode.acled_code == best:
        # the CAMEO code stays the trigger's (CAMEO codes the verb, not the ACLED reading)
        return replace(e, acled=acled, mode=mode.mode)
    return replace(e, acled=acled)
