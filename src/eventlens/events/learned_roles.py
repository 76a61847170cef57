"""Learned source/target choice: a second opinion on the rules' actors of one event.

For an event the rules of :mod:`eventlens.events.roles` (and the position fallbacks of
:mod:`eventlens.events.extract`) gave at least one side, every actor mention of its sentence is
a candidate for the source and for the target. Each candidate is described by cheap features
(its dependency relation and path to the trigger, the preposition governing it, its side of
the trigger and distance, the actor's kind and sector, whether the rules chose it and how —
parse, position fill, scene country, guess —, the trigger's type, voice and lemma) and scored
by one hashed-feature logistic regression per slot. The rules' choice is kept unless:

- the slot is empty and the best candidate scores at least ``fill`` (it fills the slot);
- the rules' choice is a guess by position (the next actor, the scene's country, a guessed
  pair), every actor of it scores below ``keep`` and another one scores at least ``swap`` (it
  replaces them). A side the parse gave is never replaced: the model learned from the main
  event of each training sentence, and a side the parse gives an embedded act ("accused X of
  shelling": X shelled) is the parse's to say.

As in the rules' position fill, a mention that is a topic of another act ("the X talks") or
inside a phrase of circumstance ("amid calls by X") is never made a side.

The three thresholds are per slot, chosen on a held-out fifth of the training sentences.

The weights are trained by ``scripts/train_event_roles.py`` on the ConfliBERT CAMEO
source/target tagging *train* split only (third-party data in a GPL-3.0 repository), so they
are never shipped: the script writes them to ``cache_dir() / "events" / "role_model.npz"``
(numbers only: hashed feature weights, no words). When that file is missing (or
``$EVENTLENS_ROLE_MODEL`` is ``off``) the stage runs on the rules alone.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from eventlens.config import (
    local_model_path,
    read_local_model,
    read_versioned_npz,
    save_versioned_npz,
)
from eventlens.errors import ResourceError
from eventlens.actors.sentence_country import SCENE_PREPS
from eventlens.events.roles import modifies_act
from eventlens.events.triggers import names_act

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from eventlens.context import DocContext
    from eventlens.events.roles import Roles
    from eventlens.events.sentences import Unit
    from eventlens.events.triggers import Match

log = logging.getLogger(__name__)

MODEL_FORMAT = 1
FEATURES = "r1"  # bump whenever RoleScorer.candidates changes: old weights are then ignored
MODEL_NAME = "role_model.npz"
_MAX_MENTIONS = 16  # candidates scored per sentence (a list of forty names is not a dyad)
_DIST = (1, 3, 6, 11, 21)


def model_path() -> Path:
    """Where the trained role model lives: ``$EVENTLENS_ROLE_MODEL`` (a path, or ``off``), else
    the user cache (built by the training script)."""
    return local_model_path("EVENTLENS_ROLE_MODEL", "events", MODEL_NAME)


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleModel:
    """Per-slot hashed-feature weights and the decision thresholds."""

    weights: np.ndarray  # (2, dim) float32: source, target
    # per slot (source, target): (fill, keep, swap). ``fill``: min P for a candidate to fill
    # an empty slot; the rules' choice stays when one of its actors scores at least ``keep``,
    # else another candidate scoring at least ``swap`` replaces it
    thresholds: tuple[tuple[float, float, float], ...]

    @property
    def dim(self) -> int:
        return int(self.weights.shape[1])

    @classmethod
    def load(cls, path: Path) -> "RoleModel":
        z = read_versioned_npz(path, what="event role model", fmt=MODEL_FORMAT, features=FEATURES,
                               rebuild="scripts/train_event_roles.py", keys=("weights", "thresholds"))
        weights = z["weights"].astype(np.float32)
        ths = tuple(tuple(float(x) for x in row) for row in np.atleast_2d(z["thresholds"]))
        if weights.ndim != 2 or len(weights) != 2 or len(ths) != 2 or any(len(t) != 3 for t in ths):
            raise ResourceError(f"event role model {path} has the wrong shape; rebuild it with "
                                "scripts/train_event_roles.py")
        return cls(weights=weights, thresholds=ths)

    def save(self, path: Path) -> None:
        save_versioned_npz(path, fmt=MODEL_FORMAT, features=FEATURES,
                           weights=self.weights.astype(np.float32),
                           thresholds=np.array(self.thresholds, dtype=np.float64))

    def proba(self, ids: list[tuple[int, ...]]) -> list[list[float]]:
        """P(the candidate fills the slot) per slot (source, target) and candidate, from each
        candidate's hashed features (all candidates have the same number)."""
        if not ids:
            return [[], []]
        z = self.weights[:, np.array(ids, dtype=np.int64) % self.dim].sum(axis=2)
        return (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).tolist()


@lru_cache(maxsize=1)
def load_model() -> RoleModel | None:
    """The trained role model from the user cache, or None (the rules alone then)."""
    return read_local_model(model_path(), RoleModel.load, "event role model")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One actor mention of the event's sentence: character span, actor id, hashed features."""

    start: int
    end: int
    actor: str
    ids: tuple[int, ...]
    setting: bool = False  # a topic or circumstance of the act: never made a side


def _bucket(n: int) -> int:
    return sum(n >= b for b in _DIST)


def _ancestors(tok: "Token", unit: "Unit") -> list["Token"]:
    out = [tok]
    for _ in range(12):
        head = out[-1].head
        if head.i == out[-1].i or not unit.contains(head):
            break
        out.append(head)
    return out


def _path(word: "Token", down: list["Token"], unit: "Unit", circumstance: frozenset[str]
          ) -> tuple[str, bool]:
    """The dependency path from the mention's head up to the common ancestor with the trigger,
    then down to the trigger ("nsubj^", "pobj^prep^", "nsubj^|vxcomp"; "far" when none), and
    whether the way up passes a preposition of circumstance ("amid", "despite").
    ``down``: the trigger and its ancestors."""
    up = _ancestors(word, unit)
    pos = {t.i: k for k, t in enumerate(down)}
    for k, t in enumerate(up):
        if t.i in pos:
            a = "^".join(x.dep_ for x in up[:k][:3])
            b = "v".join(x.dep_ for x in down[:pos[t.i]][:2])
            amid = any(x.dep_ == "prep" and x.lower_ in circumstance for x in up[:k])
            return (f"{a}|{b}" if b else a or "self"), amid
    return "far", False


def _of_another_act(roles: "Roles", root: "Token", trig: "Token") -> bool:
    """An "of" phrase on a noun naming another act ("respond to the calls of the Libyan people
    to end the war"): that act's participant, not a side of the trigger's ("the killing of
    protesters" keeps its victims when the trigger is "killing")."""
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    noun = root.head.head
    return noun.i != trig.i and noun.tag_.startswith("NN") and names_act(noun, roles.cb)


@dataclass(frozen=True, slots=True)
class _Mention:
    """What the features need of a mention that does not depend on the trigger."""

    first: int  # token span
    last: int
    root: "Token"  # the phrase's head, above conj/compound/appos
    topic: bool  # modifies a noun naming another act ("the X talks")
    dep: str
    prep: str
    kind: str
    reporter: bool  # followed by a reporting verb ("..., the ministry said")
    ids: tuple[int, ...]  # hashed trigger-independent features


def _where_another_is(ctx: "DocContext", root: "Token", aid: str) -> bool:
    """A place phrase on another actor's noun ("the parties in Libya", "rebels inside Mali"):
    where that actor is, not a side of the act."""
    if root.dep_ != "pobj" or root.head.lower_ not in SCENE_PREPS:
        return False
    noun = root.head.head
    other = ctx.actor_at(noun.idx, noun.idx + len(noun.text))
    return noun.tag_.startswith("NN") and other is not None and other != aid


class RoleScorer:
    """The role model bound to one article (caches each mention's trigger-independent part)."""

    __slots__ = ("model", "ctx", "roles", "_mentions", "_ids")

    def __init__(self, model: RoleModel, ctx: "DocContext", roles: "Roles") -> None:
        self.model, self.ctx, self.roles = model, ctx, roles
        self._mentions: dict[tuple[int, int], _Mention | None] = {}
        self._ids: dict[str, int] = {}  # feature string -> its hash (they repeat a lot)

    def _crc(self, feats: list[str]) -> tuple[int, ...]:
        ids = self._ids
        out = []
        for f in feats:
            h = ids.get(f)
            if h is None:
                h = ids[f] = zlib.crc32(f.encode("utf-8"))
            out.append(h)
        return tuple(out)

    def _mention(self, unit: "Unit", s: int, e: int, aid: str) -> _Mention | None:
        key = (s, e)
        if key in self._mentions:
            return self._mentions[key]
        span = self.ctx.doc.char_span(s, e, alignment_mode="expand")
        out = None
        if span is not None and len(span):
            word = root = span.root
            via = ""
            while root.dep_ in ("conj", "compound", "appos") and root.head.i != root.i \
                    and unit.contains(root.head):
                via = via or root.dep_
                root = root.head
            dep = root.dep_
            prep = root.head.lower_ if dep == "pobj" else ""
            actor = self.ctx.actor(aid)
            kind = actor.kind.value if actor is not None else "?"
            sector = str(actor.sector) if actor is not None and actor.sector else "-"
            rep = aid in self.roles.reporters(unit)
            wdep = word.dep_ if word.i != root.i else "="
            topic = modifies_act(self.roles, word, unit, aid) or _where_another_is(
                self.ctx, root, aid)
            out = _Mention(span.start, span.end, root, topic, dep, prep, kind, rep, self._crc([
                "bias", f"dep={dep}", f"prep={prep}", f"via={via}", f"wdep={wdep}",
                f"kind={kind}", f"sector={sector}", f"rep={rep}"]))
        self._mentions[key] = out
        return out

    def candidates(self, unit: "Unit", m: "Match", sources: list[str], targets: list[str],
                   how: str) -> list[Candidate]:
        """Every actor mention of the unit (at most ``_MAX_MENTIONS``) with its features as a
        candidate side of the trigger ``m``; ``how``: see :meth:`refine`."""
        spans = self.ctx.actor_index.overlapping(unit.start_char, unit.end_char)[:_MAX_MENTIONS]
        trig = m.token
        down = _ancestors(trig, unit)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.children)
        typ, lem = m.rule.type, trig.lemma_.lower()
        common = self._crc([f"how={how}", f"type={typ}", f"nom={m.nominal}",
                            f"pass={passive}", f"lemma={lem}"])
        before = [sp for sp in spans if sp[1] <= trig.idx]
        ranks = {sp: k for k, sp in enumerate(reversed(before))}
        ranks.update({sp: k for k, sp in enumerate(sp for sp in spans if sp[1] > trig.idx)})
        out = []
        for sp in spans:
            s, e, aid = sp
            mt = self._mention(unit, s, e, aid)
            if mt is None:
                continue
            side = "in" if mt.first <= trig.i < mt.last else "before" if e <= trig.idx else \
                "after"
            dist = _bucket(abs(trig.i - (mt.last - 1 if side == "before" else mt.first)))
            rank = f"{side}{min(ranks[sp], 3)}"
            path, setting = _path(mt.root, down, unit, self.roles.cb.word("circumstance_preps"))
            setting = setting or _of_another_act(self.roles, mt.root, trig)
            chosen = f"{'S' if aid in sources else ''}{'T' + how if aid in targets else ''}" \
                or "no"
            dep, rep = mt.dep, mt.reporter
            out.append(Candidate(s, e, aid, mt.ids + common + self._crc([
                f"side={side}", f"dist={dist}", f"rank={rank}", f"path={path}",
                f"chosen={chosen}", f"dep,side={dep},{side}", f"dep,pass={dep},{passive}",
                f"prep,type={mt.prep},{typ}", f"path,pass={path},{passive}",
                f"path,nom={path},{m.nominal}", f"chosen,dep={chosen},{dep}",
                f"chosen,side={chosen},{side}", f"side,dist={side},{dist}",
                f"kind,side={mt.kind},{side}", f"path,type={path},{typ}",
                f"rank,chosen={rank},{chosen}", f"rep,side={rep},{side}",
                f"lemma,dep={lem},{dep}"]), setting or mt.topic or rep))
        return out

    def refine(self, unit: "Unit", m: "Match", sources: list[str], targets: list[str],
               how: str) -> tuple[list[str], list[str]]:
        """(sources, targets) of the event after the model's second opinion. ``how`` says
        where the rules' target came from: "parse", "fill" (next actor), "scene" (country of
        the scene), "guess" (both sides by position) or "none"."""
        if sources and targets and how == "parse":
            return sources, targets  # both sides from the parse: they stay (see :func:`choose`)
        spans = self.ctx.actor_index.overlapping(unit.start_char, unit.end_char)
        if sources and targets and {a for _, _, a in spans} <= set(sources) | set(targets):
            return sources, targets  # both sides given and no other actor: nothing to decide
        cands = self.candidates(unit, m, sources, targets, how)
        if not cands:
            return sources, targets
        return choose(self.model, cands, sources, targets, how)


def scorer(ctx: "DocContext", roles: "Roles") -> RoleScorer | None:
    """The trained role model bound to this article, or None when there is none."""
    model = load_model()
    return None if model is None else RoleScorer(model, ctx, roles)


def choose(model: RoleModel, cands: list[Candidate], sources: list[str], targets: list[str],
           how: str) -> tuple[list[str], list[str]]:
    """(sources, targets) after the model's second opinion on the scored candidates."""
    p = model.proba([c.ids for c in cands])
    src = decide(model, 0, cands, p[0], sources, targets, fixed=how != "guess")
    return src, decide(model, 1, cands, p[1], targets, src, fixed=how == "parse")


def decide(model: RoleModel, slot: int, cands: list[Candidate], probs: list[float],
           chosen: list[str], other: list[str], *, fixed: bool = False) -> list[str]:
    """The slot's actors after the model's second opinion (see the module's docstring);
    ``fixed``: the rules' choice, if any, stays."""
    if chosen and fixed:
        return chosen
    fill, keep, swap = model.thresholds[slot]
    best: dict[str, float] = {}
    for c, p in zip(cands, probs):
        if c.actor not in other and not c.setting:
            best[c.actor] = max(p, best.get(c.actor, 0.0))
    if not best:
        return chosen
    top = max(best, key=lambda a: best[a])
    if not chosen:
        return [top] if best[top] >= fill else chosen
    if top in chosen or max(best.get(a, 0.0) for a in chosen) >= keep:
        return chosen
    return [top] if best[top] >= swap else chosen
