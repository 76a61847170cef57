"""Rule/parse-based event extraction over one article's DocContext.

For each prose unit (see :mod:`sentences`), triggers are matched (:mod:`triggers`), roles found
(:mod:`roles`), then status (:mod:`status`), attribution, date (:mod:`dates`) and place. An event
needs a source or a target actor; one event per (source, target) pair of coordinated actors.
A source without a parse-linked target takes the next actor after the trigger as its target
(PETRARCH's left-to-right reading), at a lower confidence.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from eventlens.actors.sentence_country import SCENE_PREPS
from eventlens.context import DocContext
from eventlens.events import dates as dates_mod
from eventlens.events import learned_roles
from eventlens.events.codebook import Codebook, Mode
from eventlens.events.rescore import rescore
from eventlens.events.roles import Roles, modifies_act, trigger_roles
from eventlens.events.sentences import Unit, units
from eventlens.events.status import event_status
from eventlens.events.triggers import Match, alt_lemma, lemma, match_unit
from eventlens.nlp.tokens import TokenTable
from eventlens.types import ActorKind, Event, EventStatus, Sector, Span, stable_id

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

_MAX_PAIRS = 12
_GUESS_WEIGHT = 0.5  # confidence factor of an event whose actors are guessed by position
_FILL_WEIGHT = 0.9  # confidence factor of an event whose target is the next actor in the clause
# an event whose trigger sits below another trigger ("accused X of shelling", "threatened to
# strike") is the content of the governing act: the sentence's main event is the governing one
_EMBEDDED_WEIGHT = 0.4
_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "obj", "acl", "advcl",
                           "compound"})
# ... and an event in a clause of time or cause below another ("..., before police dispersed the
# crowd") is an event of its own, a little below the main clause's event
_SUBORDINATE_WEIGHT = 0.8
# ... and an act told in a relative clause describes a participant of the main act ("freed
# fighters who had attacked X"): background, well below the main act
_BACKGROUND_WEIGHT = 0.5
# (as is an act named in a phrase of time or concession on the main act: "despite attacks by
# X", "amid clashes", "following the arrest of Y")
_BACKGROUND_PREPS = frozenset({"amid", "amidst", "despite", "during", "following", "after",
                               "before", "since", "notwithstanding", "throughout"})
_CONDITION = frozenset({"if", "unless", "lest"})
_CONTRAST = frozenset({"while", "whereas", "although", "though", "whilst"})
_CONTENT_PREPS = frozenset({"of", "for", "to", "on", "against", "over", "about", "with", "into"})
_STATE_SECTORS = frozenset({Sector.GOV, Sector.MIL, Sector.COP, Sector.SPY})
_ARMED_SECTORS = frozenset({Sector.MIL, Sector.REB, Sector.INS, Sector.UAF, Sector.COP})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                         "southwest", "north-east", "north-west", "south-east", "south-west"})
_CLAUSE_BOUNDARIES = frozenset({"relcl", "acl", "ccomp", "parataxis", "csubj"})
_BACKING_TYPES = frozenset({"SUPPORT", "AID"})
_MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "RETREAT", "MOBILIZE", "PROTEST", "AID",
                             "SANCTION"})
_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "into",
                       "throughout", "off", "over", "along", "within", "from", "across", "toward",
                       "towards", "to", "through"})
# "sent aid to X", "withdrew from X": the country there is the other side, as PETRARCH reads it
_DIRECTIONAL = frozenset({"to", "toward", "towards", "from"})
# "through the rebels", "across the region": a path or a means, whoever is named there
_PATH = frozenset({"through", "across", "around", "throughout", "along", "over", "off"})
_PLACE_BOUNDARIES = _CLAUSE_BOUNDARIES | {"advcl"}
_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "dative", "poss"})
_DATE_WORDS = frozenset(dates_mod.WEEKDAYS) | {"yesterday", "today", "tomorrow", "tonight"}
_DATE_PATH_DEPS = frozenset({"prep", "pobj", "npadvmod", "tmod", "advmod", "amod", "compound",
                             "nummod", "appos", "obl", "nmod"})


def extract(ctx: DocContext, cb: Codebook) -> tuple[Event, ...]:
    doc = ctx.doc
    roles = Roles(ctx, cb)
    role_scorer = learned_roles.scorer(ctx, roles)  # None without a trained model: rules only
    events: dict[str, Event] = {}
    ents = [(e.start, e.end, e.root) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    found: list[tuple[str, list[Event]]] = []
    for unit in units(doc):
        matches = _undominated(match_unit(doc, unit, cb, in_names=ctx.actor_at),
                               cb.word("light_verbs"))
        if not matches:
            continue
        unit_events: list[Event] = []
        date_phrases = None if unit.cheap else _date_phrases(doc, unit, ents)
        scene_ids: set[str] = set()
        per_match = [(m, _events_for(ctx, cb, roles, unit, m, date_phrases, scene_ids=scene_ids,
                                     role_scorer=role_scorer))
                     for m in matches]
        coded = [m for m, evs in per_match if evs]
        govs = {m.token.i: g for m, evs in per_match if evs
                and (g := _embedded(m, coded, unit) or _relative(m, coded, unit)) is not None}
        # governing trigger token -> PLOVER type of the (first) act it governs as content
        content = {g[0]: m.rule.type for m, _ in reversed(per_match)
                   if (g := govs.get(m.token.i)) is not None and g[1] == _EMBEDDED_WEIGHT}
        for m, evs in per_match:
            for e in evs:
                if m.token.i in govs:
                    e = replace(e, confidence=round((e.confidence or 0.0) * govs[m.token.i][1], 3))
                if m.token.i in content:
                    e = _promised_harm(ctx, cb, e, content[m.token.i]) or replace(
                        e, cameo=cb.content_code(e.cameo, content[m.token.i]) or e.cameo)
                unit_events.append(_refusal(ctx, cb, m, e) or e)
        if not unit_events:  # no trigger linked to an actor by the parse: guess by position
            for m in sorted(matches, key=lambda m: (-m.rule.weight, m.first)):
                unit_events.extend(_events_for(ctx, cb, roles, unit, m, date_phrases, guess=True,
                                               role_scorer=role_scorer))
                if unit_events:  # one guessed event per sentence
                    break
        if scene_ids:
            unit_events = _unscene(ctx, unit_events, scene_ids)
        if unit_events:
            found.append((ctx.article.text[unit.start_char:unit.end_char], unit_events))
    for unit_events in rescore(cb, found):
        for ev in _dedup(unit_events):
            events.setdefault(ev.id, ev)
    ordered = sorted(events.values(), key=lambda e: (e.trigger.start, e.type, e.id))
    return tuple(merge_repeats(_carry_dates(ctx.article.text, ordered)))


def _carry_dates(text: str, evs: list[Event]) -> list[Event]:
    """An undated act told by the same source in the very next sentence of the same paragraph
    continues the dated account ("On Sunday, X recaptured the town, according to Y. Their troops
    were chasing Z ..., he added."): it takes that account's date. Only asserted or claimed acts,
    only when the sentence names no date of its own."""
    dated: dict[tuple[int, int], dict[str, Event]] = {}
    for e in evs:
        if e.date is not None and e.according_to is not None:
            dated.setdefault(e.sentence, {}).setdefault(e.according_to, e)
    if not dated:
        return evs
    def adjacent(end: int, start: int) -> bool:  # only spaces between, no paragraph break
        return end <= start and not text[end:start].strip() and "\n" not in text[end:start]

    out = []
    for e in evs:
        if e.date is None and e.according_to is not None and e.status in (
                EventStatus.ASSERTED, EventStatus.CLAIMED):
            prev = next((d for (_, end), d in dated.items() if adjacent(end, e.sentence[0])), None)
            donor = prev.get(e.according_to) if prev else None
            if donor is not None and not any(
                    x.date is not None for x in evs if x.sentence == e.sentence):
                e = replace(e, date=donor.date, date_text=donor.date_text)
        out.append(e)
    return out


# "will not accept mediation" rejects it: CAMEO's rejection of what the acceptance would have been
_ACCEPT_VERBS = frozenset({"accept", "agree", "consent"})
_REFUSAL_CODES = {"031": "121", "036": "125", "037": "127", "038": "126"}


def _retyped(ctx: DocContext, cb: Codebook, ev: Event, type_: str, cameo: str,
             **changes: object) -> Event:
    """``ev`` coded as another PLOVER type (its first mode), with that type's ACLED reading."""
    mode = cb.mode(type_)
    assert mode is not None  # the codebook has every PLOVER type
    return replace(ev, type=type_, mode=mode.mode, cameo=cameo,
                   acled=_acled(ctx, mode, ev.source, ev.target), **changes)


def _refusal(ctx: DocContext, cb: Codebook, m: Match, ev: Event) -> Event | None:
    """An acceptance the sentence negates outright ("would not accept any foreign mediation",
    "never agreed to the plan") is a rejection that took place (REJECT, asserted), as CAMEO codes
    it; a refusal verb over it ("refused to agree") is the rejection already."""
    if ev.type != "AGREE" or ev.status is not EventStatus.NEGATED or lemma(
            m.token) not in _ACCEPT_VERBS or not any(c.dep_ == "neg" for c in m.token.children):
        return None
    return _retyped(ctx, cb, ev, "REJECT", _REFUSAL_CODES.get(ev.cameo or "", "120"),
                    status=EventStatus.ASSERTED)


def _promised_harm(ctx: DocContext, cb: Codebook, ev: Event, governed: str) -> Event | None:
    """A promise whose content is harm is a threat (CAMEO 13x): "vowed to retaliate",
    "pledged to crush the revolt" code THREATEN with the threat's own code, not AGREE."""
    code = cb.content_cameo.get("13", {}).get(governed)
    if ev.type != "AGREE" or code is None:
        return None
    return _retyped(ctx, cb, ev, "THREATEN", code)


def _informative(ev: Event) -> int:
    return 3 * (ev.source is not None) + (ev.mode is not None) + (ev.date is not None) + (
        ev.place is not None)


def _repeats(a: Event, b: Event) -> bool:
    if a.sentence == b.sentence or (a.type, a.target, a.status) != (b.type, b.target, b.status):
        return False
    if a.source != b.source and not (  # a headline's "tear gas fired at protesters" (no agent)
            None in (a.source, b.source) and b.target is not None and a.cameo == b.cameo):
        return False
    return (a.source or b.source) is not None and (
        a.date == b.date or None in (a.date, b.date)) and (
        a.place == b.place or None in (a.place, b.place))


def merge_repeats(evs: list[Event]) -> list[Event]:
    """One event per act the article reports several times (headline, lead, a quoted tweet and
    the statement it quotes): events of other sentences with the same type, target and status,
    the same known source (or one without a source and the same CAMEO code and target), and no
    conflicting date or place are one event. The kept one is the most specific (source, mode,
    date, place), else the first in the text; ``evs`` in text order."""
    kept: list[Event] = []
    for ev in evs:
        same = next((i for i, k in enumerate(kept) if _repeats(k, ev)), None)
        if same is None:
            kept.append(ev)
        elif _informative(ev) > _informative(kept[same]):
            kept[same] = ev
    return sorted(kept, key=lambda e: (e.trigger.start, e.type, e.id))


def _embedded(m: Match, matches: list[Match], unit: Unit) -> tuple[int, float] | None:
    """(token of the governing coded trigger, confidence factor) when ``m`` is the content of
    another coded act ("accused X of shelling", "threatened to strike", "agreed to the
    resumption of talks", "..., saying it would retaliate", "... if Y attacked"): factor
    ``_EMBEDDED_WEIGHT``; or an event of its own in a clause of time or cause below it ("...,
    before police dispersed the crowd"): factor ``_SUBORDINATE_WEIGHT``, the main clause's event
    being the sentence's main one; or an act in a phrase of time or concession on it ("after
    launching airstrikes", "despite attacks by X"): background, ``_BACKGROUND_WEIGHT``. None for
    a coordinated, relative or contrasting clause ("..., while Y are supported by Z"; relative
    clauses are weighed by :func:`_relative`) or a governing trigger of the same type (the
    same act)."""
    heads = {x.token.i: x.rule.type for x in matches}
    cur = m.token
    factor = _EMBEDDED_WEIGHT
    for _ in range(12):
        head = cur.head
        if head.i == cur.i or not unit.contains(head) or cur.dep_ not in _CONTENT_DEPS:
            return None
        if cur.dep_ == "prep" and cur.lower_ in _BACKGROUND_PREPS:
            factor = max(factor, _BACKGROUND_WEIGHT)  # "signed a truce despite attacks by X"
        elif cur.dep_ in ("prep", "agent") and cur.lower_ not in _CONTENT_PREPS:
            return None
        if cur.dep_ == "advcl":
            marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
            if marks & _CONTRAST:
                return None
            if marks - _CONDITION:
                factor = max(factor, _SUBORDINATE_WEIGHT)
        if head.i in heads:
            return (head.i, factor) if heads[head.i] != m.rule.type else None
        cur = head
    return None


def _relative(m: Match, matches: list[Match], unit: Unit) -> tuple[int, float] | None:
    """An act told in a relative clause ("arrested protesters who demanded his resignation")
    describes a participant of the sentence's main act: ``_BACKGROUND_WEIGHT`` when a coded
    trigger of the unit lies outside that clause (its token and the factor), else None."""
    cur = m.token
    for _ in range(12):
        if cur.dep_ == "relcl":
            lo, hi = cur.left_edge.i, cur.right_edge.i
            outside = [x for x in matches if not lo <= x.token.i <= hi]
            return (outside[0].token.i, _BACKGROUND_WEIGHT) if outside else None
        if cur.head.i == cur.i or not unit.contains(cur.head):
            return None
        cur = cur.head
    return None


def _undominated(matches: list[Match], light: frozenset[str] = frozenset()) -> list[Match]:
    """Drop a nominal trigger that is the direct object of a verbal trigger ("endorsed the
    agreement", "condemned the attack"): the verb is the event; the noun only names its object.
    A noun with its own agent ("the army's attack", "attacks by X") stays. A light verb matched
    on its own ("expressed support for X", "voiced concern") yields to its trigger noun."""
    nouns = {m.token.i for m in matches if m.nominal}
    matches = [m for m in matches if m.nominal or m.obj is not None
               or lemma(m.token) not in light or not any(
                   c.dep_ in ("dobj", "obj") and c.i in nouns for c in m.token.children)]
    nouns = {m.token.i for m in matches if m.nominal}
    # ... and a light verb + object pattern yields to a trigger modifying its object ("issued
    # arrest warrants" is an arrest, not the generic "issue warrants"); a verb that is an act of
    # its own keeps it as its topic ("rejected the ceasefire proposal" is a rejection)
    matches = [m for m in matches if m.nominal or m.obj is None or (
        lemma(m.token) not in light and alt_lemma(m.token) not in light) or not any(
        c.dep_ == "compound" and c.i in nouns for c in m.obj.children)]
    verbs = {m.token.i for m in matches if not m.nominal}
    if not verbs:
        return matches
    out = []
    for m in matches:
        tok = m.token
        if m.nominal and tok.dep_ in ("dobj", "obj") and tok.head.i in verbs and not any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children):
            continue
        out.append(m)
    return out


def _events_for(ctx: DocContext, cb: Codebook, roles: Roles, unit: Unit, m: Match,
                date_phrases: list[tuple[int, int, "Token"]] | None, *,
                guess: bool = False, scene_ids: set[str] | None = None,
                role_scorer: learned_roles.RoleScorer | None = None) -> list[Event]:
    sources, targets, obj_tok = trigger_roles(m, roles, unit)
    if not sources and cb.type(m.rule.type).agentive and _thing_subject(roles, m.token, unit):
        return []  # 'the battle has threatened to plunge the country into chaos': a risk
    guessed = False
    if guess and not sources and not targets:
        # the reporter of the sentence ("..., X said", "according to X") is not a participant
        sources, targets = _nearby_actors(ctx, roles, unit, m,
                                          roles.attribution(m.token, unit)[0])
        guessed = True
    if not sources and not targets:
        return []
    filled = scened = False
    if sources and not targets and not guessed:
        # PETRARCH codes nearly every event with both sides, reading the first actor after the
        # verb as its target when the parse links none: the position fallback, target only
        # (same clause first, then the rest of the sentence; never a place or the reporter)
        reporter = roles.attribution(m.token, unit)[0]
        after = _nearby_actors(ctx, roles, unit, m, reporter)[1]
        if not after and obj_tok is None and not any(
                c.dep_ in ("dobj", "obj") for c in m.token.children):
            # no object at all ("X retaliated, ... Y"): the next actor in the sentence
            after = _nearby_actors(ctx, roles, unit, m, reporter, any_clause=True)[1]
        targets = [a for a in after if a not in sources]
        filled = bool(targets)
    if sources and not targets and not guessed:
        # nobody acted on: CAMEO codes the country where the act happened as its target
        # ("protesters rallied in Avaria"), as PETRARCH and PLOVER coders do
        scene = _scene_country(ctx, roles, unit, m)
        if scene is not None and scene not in sources:
            targets, filled, scened = [scene], True, True
    if m.rule.dyadic and not (sources and targets and set(sources) != set(targets)):
        return []
    learned = 1.0
    if role_scorer is not None:  # the learned second opinion on both sides (optional model)
        how = "guess" if guessed else "scene" if scened else "fill" if filled else \
            "parse" if targets else "none"
        one_sided, had = not (sources and targets), targets
        sources, targets = role_scorer.refine(unit, m, sources, targets, how)
        scened = scened and targets == had
        if one_sided and sources and targets:
            learned = 0.85  # a side it adds leaves the confidence (the main event) as it was
    doc = ctx.doc
    trig = m.token
    report = roles.reporting_ancestor(trig, unit)
    according, verb = roles.attribution(trig, unit)
    claimed = verb in cb.word("claim_verbs")
    status = event_status(trig, unit, cb, report, claimed_by_report=claimed)
    if according is None:
        according = _quote_speaker(ctx, doc[m.first].idx)
    date = date_text = None
    place = None
    if date_phrases is not None:
        date, date_text = _event_date(ctx, trig, report, unit, date_phrases,
                                      future=status == EventStatus.PLANNED)
        place = _event_place(ctx, roles, trig, obj_tok, report, unit, sources + targets,
                             material=m.rule.type in _MATERIAL_TYPES)
    mode = cb.mode(m.rule.type, _refined_mode(cb, roles, unit, m))
    assert mode is not None  # rules are built from the codebook's own modes
    cameo = m.rule.cameo if m.rule.cameo and mode.key == m.rule.mode_key else mode.default_cameo
    first, last = doc[m.first], doc[m.last - 1]
    span = Span(start=first.idx, end=last.idx + len(last.text),
                text=ctx.article.text[first.idx:last.idx + len(last.text)])
    # "pulled its troops out": the source's own forces as the object are no target of the act
    # (so no pair below has one actor on both sides)
    targets = [t for t in targets if t not in sources]
    pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
    out = []
    for s, t in pairs[:_MAX_PAIRS]:
        t = _backed_side(ctx, m.rule.type, s, t)
        acled = _acled(ctx, mode, s, t)
        conf = m.rule.weight * (1.0 if s and t else 0.85) * (0.9 if m.nominal else 1.0) * (
            _GUESS_WEIGHT if guessed else 1.0) * (_FILL_WEIGHT if filled else 1.0) * learned
        out.append(Event(
            id=stable_id("evt", ctx.article.id, m.rule.type, span.start, s, t),
            type=m.rule.type,
            mode=mode.mode,
            cameo=cameo,
            acled=acled,
            source=s,
            target=t,
            place=place,
            date=date,
            date_text=date_text,
            status=status,
            sentence=(unit.start_char, unit.end_char),
            trigger=span,
            according_to=according if according not in (s, t) else None,
            confidence=round(conf, 3),
        ))
    if scened and scene_ids is not None:
        scene_ids.update(e.id for e in out)
    return out


def _backed_side(ctx: DocContext, type_: str, source: str | None, target: str | None) -> str | None:
    """Foreign backing of a government's forces backs that government: "the government forces
    are supported by Turkey" is Turkey SUPPORT (or AID) the government, the side it takes; the
    forces stay the target of everything else, and a backer of the same country keeps them."""
    if type_ not in _BACKING_TYPES or source is None or target is None:
        return target
    src, tgt = ctx.actor(source), ctx.actor(target)
    if src is None or tgt is None or tgt.sector is not Sector.MIL or tgt.affiliation is None:
        return target
    side = ctx.actor(tgt.affiliation)
    if (side is None or side.sector is not Sector.GOV or side.id == source
            or src.country is None or src.country == tgt.country):
        return target
    return side.id


def _thing_subject(roles: Roles, verb: "Token", unit: Unit) -> bool:
    """The verb's subject is a common noun naming no actor ('the battle', 'the crisis'): a thing
    does no agentive act (codebook ``agentive``): 'threatens to' then means 'risks'."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and unit.contains(c)), None)
    return subj is not None and subj.pos_ == "NOUN" and roles.actor(subj, unit) is None


def _unscene(ctx: DocContext, evs: list[Event], scene_ids: set[str]) -> list[Event]:
    """A scene target is only for an act that has no other side: when another event of the unit
    with the same type and source names its target ("stormed a post in Mali, killing soldiers"),
    the scene-targeted one goes back to one-sided (and is merged into it, see :func:`_dedup`)."""
    sided = {(e.type, e.source, e.status) for e in evs if e.target and e.id not in scene_ids}
    out = []
    for e in evs:
        if e.id in scene_ids and (e.type, e.source, e.status) in sided:
            e = replace(e, target=None, id=stable_id("evt", ctx.article.id, e.type,
                                                     e.trigger.start, e.source, None))
        out.append(e)
    return out


def _nearby_actors(ctx: DocContext, roles: Roles, unit: Unit, m: Match,
                   reporter: str | None = None, *, any_clause: bool = False
                   ) -> tuple[list[str], list[str]]:
    """Fallback when the parse links no actor to the trigger (a pronoun or a bare noun as its
    argument, a misparse): the nearest actor before the trigger in the sentence as source and
    the nearest other actor after it as target, as PETRARCH reads a sentence left to right.
    A reporter of the sentence ("..., X said", see :meth:`Roles.reporters`) is neither; a target
    is never the topic of another act or a circumstance (see :func:`_setting`); after "in",
    "near"... only a country is a place (see :func:`_place_like`), after "to"/"from" none is."""
    doc = ctx.doc
    t0 = doc[m.first].idx
    t1 = doc[m.last - 1].idx + len(doc[m.last - 1].text)
    before = after = None
    home = _clause(m.token, unit)
    reporters = roles.reporters(unit)
    circumstance = roles.cb.word("circumstance_preps")
    for s, e, aid in ctx.actor_index.overlapping(unit.start_char, unit.end_char):
        if aid == reporter or aid in reporters:
            continue
        root = roles.root_at(s, e)
        if root is None:
            continue
        head_word, modifier = root, False
        while root.dep_ in ("conj", "compound") and root.head.i != root.i:
            modifier |= root.dep_ == "compound"
            root = root.head  # "into Burkina Faso and Niger", "near the Kestrel Brigade camp"
        prep = root.head.lower_ if root.dep_ == "pobj" else ""
        if root.dep_ == "dative" or (prep in _LOCATIVE and prep not in _DIRECTIONAL and (
                modifier or prep in _PATH or _place_like(ctx, aid))):
            continue  # "spread into Niger", "told reporters": a place or an audience
        if not any_clause and _clause(root, unit) != home:
            continue  # another clause's participant ("X said a vessel reported an explosion")
        if e <= t0:
            before = aid
        elif s >= t1 and after is None and aid != before:
            if _setting(ctx, roles, head_word, m.token, unit, circumstance):
                continue
            after = aid
    if after == before:
        after = None
    return ([before] if before else []), ([after] if after else [])


def _scene_country(ctx: DocContext, roles: Roles, unit: Unit, m: Match) -> str | None:
    """The country actor named as the scene of the trigger's act ("rallied in Avaria", "launched
    raids inside Avaria"): the object of in/inside/across/throughout on the trigger, or on the
    verb governing a nominal trigger."""
    heads = [m.token]
    if m.nominal:
        gov = roles.governor(m.token, unit)[0]
        if gov is not None:
            heads.append(gov)
    else:  # "shelled a village in Avaria"
        heads += [c for c in m.token.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for p in (p for h in heads for p in roles.prep_objects(h, unit, SCENE_PREPS)):
        aid = ctx.actor_at(p.idx, p.idx + len(p.text))
        a = ctx.actor(aid)
        if a is not None and a.kind is ActorKind.COUNTRY:
            return aid
    return None


def _place_like(ctx: DocContext, aid: str) -> bool:
    """Is the actor after "in", "into", "near"... the event's place? A country (or an actor of
    unknown kind) is; a person, an organisation, an IGO or a group is a participant."""
    a = ctx.actor(aid)
    return a is None or a.kind not in (ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.IGO,
                                       ActorKind.GROUP)


def _setting(ctx: DocContext, roles: Roles, word: "Token", trig: "Token", unit: Unit,
             circumstance: frozenset[str]) -> bool:
    """Is the actor at ``word`` part of the event's setting rather than its other side?

    - a modifier of a noun naming another act: its participant or topic ("the Joint Commission
      talks", "X's demands"; not "the X embassy", a thing of X's);
    - inside a phrase of circumstance ("amid ...", "despite ...") below the trigger.
    """
    if modifies_act(roles, word, unit, ctx.actor_at(word.idx, word.idx + len(word.text))):
        return True
    cur = word
    while cur.dep_ == "conj" and cur.head.i != cur.i and unit.contains(cur.head):
        cur = cur.head
    for _ in range(10):
        head = cur.head
        if head.i == cur.i or not unit.contains(head) or cur.i == trig.i or head.i == trig.i:
            break
        if head.dep_ == "prep" and head.lower_ in circumstance:
            return True
        if cur.dep_ == "prep" and cur.lower_ in circumstance:
            return True
        cur = head
    return False


def _clause(tok: "Token", unit: Unit) -> int:
    """Index of the head of the clause ``tok`` belongs to (its nearest verb, stopping at a
    clause boundary)."""
    cur = tok
    for _ in range(12):
        if cur.tag_.startswith("VB") and cur.i != tok.i:
            return cur.i
        if cur.dep_ in _PLACE_BOUNDARIES or cur.head.i == cur.i or not unit.contains(cur.head):
            return cur.i
        cur = cur.head
    return cur.i


def _refined_mode(cb: Codebook, roles: Roles, unit: Unit, m: Match) -> str:
    """A generic ASSAULT gets the mode of its instrument ("drones struck", "attacked with mortars")."""
    if m.rule.type != "ASSAULT" or m.rule.mode_key not in ("attack", "clash") or m.nominal:
        return m.rule.mode_key
    subj, passive = roles.subject(m.token, unit)
    cands = [] if subj is None or passive else [subj]
    ag = roles.agent(m.token, unit)
    if ag is not None:
        cands.append(ag)
    cands += roles.prep_objects(m.token, unit, frozenset({"with"}))
    for c in cands:
        mods = frozenset(x.lower_ for x in c.children if x.i < c.i)
        key = cb.instrument_mode(c.lemma_.lower(), mods)
        if key is not None:
            return key
    return m.rule.mode_key


def _acled(ctx: DocContext, mode: Mode, source: str | None, target: str | None = None) -> str:
    armed = mode.acled_by_actor.get("armed_target")
    if armed is not None and target is not None:
        t = ctx.actor(target)
        if t is not None and t.sector in _ARMED_SECTORS:
            return f"{armed[0]}/{armed[1]}"
    if mode.acled_by_actor and source is not None:
        actor = ctx.actor(source)
        if actor is not None:
            state = actor.kind == ActorKind.COUNTRY or actor.sector in _STATE_SECTORS
            if actor.sector in (Sector.REB, Sector.INS, Sector.UAF):
                state = False
            triple = mode.acled_by_actor.get("state" if state else "nonstate")
            if triple is not None:
                return f"{triple[0]}/{triple[1]}"
    return mode.acled


def _quote_speaker(ctx: DocContext, start: int) -> str | None:
    for q in ctx.quotes:
        if q.speaker and q.start <= start < q.end:
            return q.speaker
    return None


def _dedup(evs: list[Event]) -> list[Event]:
    """One event per (type, source, target, status) in a unit; prefer a mode, then confidence.

    A one-sided event ("a suicide bomber ...": source only) is dropped when an event of the same
    type and status in the unit has the same source and a target (or the same target and a source);
    its mode is kept if the fuller event has none.
    """
    best: dict[tuple[object, ...], Event] = {}
    for ev in evs:
        key = (ev.type, ev.source, ev.target, ev.status)
        cur = best.get(key)
        if cur is None or (ev.mode is not None, ev.confidence or 0) > (
                cur.mode is not None, cur.confidence or 0):
            best[key] = ev
    out = list(best.values())
    final: list[Event] = []
    for ev in out:
        fuller = [o for o in out if o is not ev and o.type == ev.type and o.status == ev.status
                  and o.source and o.target and (
                      (ev.target is None and o.source == ev.source)
                      or (ev.source is None and o.target == ev.target))]
        if fuller:
            continue
        final.append(ev)
    # carry a specific mode over to the fuller events that lack one
    for i, ev in enumerate(final):
        if ev.mode is None:
            donors = [o for o in out if o.type == ev.type and o.mode is not None and o.status ==
                      ev.status and o not in final and (o.source == ev.source or o.target == ev.target)]
            if donors:
                final[i] = replace(ev, mode=donors[0].mode, cameo=donors[0].cameo,
                                   acled=donors[0].acled)
    return final


# ----- dates -------------------------------------------------------------------------------------

def _date_phrases(doc: "Doc", unit: Unit,
                  ents: list[tuple[int, int, "Token"]]) -> list[tuple[int, int, "Token"]]:
    """(first token, end token, root token) of date phrases in the unit."""
    out: list[tuple[int, int, Token]] = []
    covered: set[int] = set()
    for start, end, root in ents:
        if end <= unit.start or start >= unit.end:
            continue
        out.append((start, end, root))
        covered.update(range(start, end))
    table = TokenTable.of(doc)  # read once per doc, kept on it
    lowers, tags = table.lower, table.tag
    for i in range(unit.start, unit.end):
        if i not in covered and lowers[i] in _DATE_WORDS and tags[i].startswith("NN"):
            out.append((i, i + 1, doc[i]))
    return out


def _anchors(trig: "Token", report: "Token | None", unit: Unit,
             boundaries: frozenset[str] = _CLAUSE_BOUNDARIES) -> list["Token"]:
    """The trigger and the words governing it inside its own clause complex."""
    out = [trig]
    tok = trig
    for _ in range(8):
        head = tok.head
        if head.i == tok.i or not unit.contains(head) or (report is not None and head.i == report.i):
            break
        if tok.dep_ in boundaries:
            break
        out.append(head)
        tok = head
    return out


def _event_date(ctx: DocContext, trig: "Token", report: "Token | None", unit: Unit,
                phrases: list[tuple[int, int, "Token"]], *, future: bool
                ) -> tuple[str | None, str | None]:
    if not phrases:
        return None, None
    anchors = {t.i: n for n, t in enumerate(_anchors(trig, report, unit))}
    best: tuple[int, int, int, Token] | None = None
    for first, end, root in phrases:
        tok = root
        for _ in range(6):
            if tok.i in anchors:
                cand = (anchors[tok.i], first, end, root)
                if best is None or cand[0] < best[0]:
                    best = cand
                break
            if tok.dep_ not in _DATE_PATH_DEPS or tok.head.i == tok.i or not unit.contains(tok.head):
                break
            if tok.i != root.i and tok.tag_.startswith("VB"):
                break
            tok = tok.head
    if best is None:
        return None, None
    _, first, end, root = best
    doc = ctx.doc
    if first > unit.start and doc[first - 1].dep_ == "prep" and doc[first - 1].lower_ in (
            "on", "since", "by", "until"):
        first -= 1
    start_char = doc[first].idx
    end_char = doc[end - 1].idx + len(doc[end - 1].text)
    text = ctx.article.text[start_char:end_char]
    return dates_mod.resolve(text, ctx.article.published, future=future), text


# ----- places ------------------------------------------------------------------------------------

def _event_place(ctx: DocContext, roles: Roles, trig: "Token", obj_tok: "Token | None",
                 report: "Token | None", unit: Unit, actor_ids: list[str], *,
                 material: bool = True) -> str | None:
    """Place of the event: a place attached to the trigger, its object or its governing words.

    For verbal acts (talks, requests, accusations) a place inside the object is a topic
    ("discussed the situation in Syria"), not where the act happened, and is skipped.
    """
    spans = ctx.place_index.overlapping(unit.start_char, unit.end_char)
    if not spans:
        return None
    anchors = _anchors(trig, report, unit, boundaries=_PLACE_BOUNDARIES)
    if obj_tok is not None:
        anchors.insert(1, obj_tok)
    rank = {t.i: n for n, t in enumerate(anchors)}
    best: tuple[int, str] | None = None
    for s, e, pid in spans:
        tok = roles.root_at(s, e)
        if tok is None:
            continue
        if not unit.contains(tok) or tok.ent_type_ in ("DATE", "TIME"):
            continue
        # a participant ("backed by Egypt", "Turkey escalated") is not where the event happened
        role = tok
        while role.dep_ == "conj" and role.head.i != role.i and unit.contains(role.head):
            role = role.head
        if role.dep_ in _PARTICIPANT_DEPS or (role.dep_ == "pobj" and role.head.dep_ == "agent"):
            continue
        # a place that is also an actor ("sanctions on Avaria") is a place only after "in", "near"...
        if ctx.actor_at(s, e) is not None and not (
                role.dep_ == "pobj" and role.head.lower_ in _LOCATIVE):
            continue
        # a place inside an actor's phrase ("Tripoli government") is not the event's place
        if ctx.actor_at(s, e) in actor_ids and ctx.actor_at(s, e) is not None:
            continue
        cur = tok
        for _ in range(8):
            if cur.i in rank:
                if best is None or rank[cur.i] < best[0]:
                    best = (rank[cur.i], pid)
                break
            if cur.i != tok.i and roles.actor(cur, unit) in actor_ids and roles.actor(
                    cur, unit) is not None:
                break
            if cur.i != tok.i and cur.tag_.startswith("VB"):
                break
            if not material and cur.dep_ in ("dobj", "obj") and cur.head.i in rank:
                break
            if cur.lower_ in _DIRECTIONS:  # "40 km south of Varn": Varn is a reference point
                break
            if cur.head.i == cur.i or not unit.contains(cur.head):
                break
            cur = cur.head
    return best[1] if best else None
