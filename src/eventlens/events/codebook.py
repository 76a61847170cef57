"""The event codebook: PLOVER types and modes with CAMEO and ACLED codes and trigger rules.

Loaded once from ``eventlens/data/events/codebook.yaml`` (plus ``cameo2plover.tsv``), validated
and cached. API (used by extraction, evaluation and ``eventlens codebook``):

- ``load(path=None, verbs=()) -> Codebook`` (cached for the packaged file); ``verbs`` are the
  user's CAMEO verb dictionaries, read before the packaged verb facts
  (:func:`read_verb_dictionary`); ``eventlens.events.load_codebook(config)`` returns the same
  object (``config.verb_dictionaries``).
- ``codebook.types``: tuple of the 16 PLOVER type names, in codebook order.
- ``codebook.type(name) -> EventType`` (description, target_preps, symmetric, modes, agentive).
- ``codebook.mode(type, mode) -> Mode | None``: a mode by PLOVER mode name or by its key; ``mode=None``
  gives the type's default (first) mode. ``Mode`` has ``cameo`` (tuple, first = default code),
  ``default_cameo``, ``acled`` ("<ACLED event type>/<sub-event type>"), ``acled_type``,
  ``acled_subtype``, ``acled_code`` (CASE 2021 task 2 label, e.g. ``AIR_STRIKE``), definition,
  examples and triggers.
- ``codebook.default_cameo(type, mode=None) -> str``: the CAMEO code an event of that type/mode carries.
- ``codebook.plover_for_cameo(code) -> str | None``: PLOVER type of a CAMEO code (longest known prefix
  of the CAMEO2PLOVER table: ``"1951"`` → ``"195"`` → ``ASSAULT``; root ``"01"`` → None).
- ``codebook.plover_mode_for_cameo(code) -> str | None``: the PLOVER mode of a CAMEO code, if any.
- ``codebook.cameo_roots``: dict two-digit CAMEO root → PLOVER type (or None).
- ``codebook.acled_code_for(acled) -> str | None``: CASE label of an ``Event.acled`` string.
- ``codebook.examples() -> list[(type, mode_key, sentence)]``: all example sentences.
- ``codebook.instrument_mode(lemma, modifiers) -> str | None``: ASSAULT mode key of an instrument.
- ``codebook.content_code(code, governed) -> str | None``: the CAMEO code of a generic intent,
  demand, rejection or threat by the type of the act it governs ("agreed to talks": 036).
- ``codebook.verb_rules`` / ``codebook.noun_rules``: lemma → trigger rules (used by extraction).
  Besides the YAML's own rules they hold the CAMEO verb facts of ``cameo_verbs.tsv`` (see
  :func:`_add_cameo_verbs`): the dictionary's code per verb (``TriggerRule.cameo``), weak
  dyadic rules for verbs the YAML lacks, and verb + object rules.
- ``codebook.classifier``: the learned sentence classifier, when attached by
  ``eventlens.events.load_codebook(config)`` (None from ``load()``).
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventlens.errors import ResourceError

log = logging.getLogger(__name__)

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
_CAMEO_RE = re.compile(r"^\d{2,4}$")
_NEEDS_RE = re.compile(r"^(xcomp|that|dobj|(prep|prt):[a-z]+)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerRule:
    """One trigger pattern; matched on a token's lemma (verb or noun)."""

    type: str
    mode_key: str
    pos: str  # "v" or "n"
    lemma: str
    compound: frozenset[str] = frozenset()  # noun modifiers required ("air" strike)
    obj: frozenset[str] = frozenset()  # direct-object lemmas required (light verb + noun)
    with_: frozenset[str] = frozenset()  # "<prep> <noun>" lemmas required (prep: ``prep``)
    prep: str = "with"  # the preposition of ``with_`` ("went on strike": prep "on")
    not_obj: frozenset[str] = frozenset()  # direct objects that cancel the rule ("seized power")
    needs: str | None = None  # "xcomp", "that" (a that-clause), "dobj", "prep:on", "prt:out"
    target_via: str | None = None  # preposition giving the target/place
    weight: float = 0.8
    cameo: str | None = None  # CAMEO code of this pattern (else the mode's default code)
    dyadic: bool = False  # an event only when both a source and a target are found

    @property
    def specificity(self) -> int:
        return bool(self.compound) + bool(self.obj) + bool(self.with_) + bool(self.needs)


@dataclass(frozen=True, slots=True, kw_only=True)
class Mode:
    key: str
    mode: str | None
    cameo: tuple[str, ...]
    acled_type: str
    acled_subtype: str
    acled_code: str
    definition: str
    examples: tuple[str, ...]
    triggers: tuple[TriggerRule, ...]
    acled_by_actor: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    symmetric: bool = False  # coordinated subjects are each other's partners ("A and B signed")

    @property
    def default_cameo(self) -> str:
        return self.cameo[0]

    @property
    def acled(self) -> str:
        return f"{self.acled_type}/{self.acled_subtype}"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventType:
    name: str
    description: str
    target_preps: frozenset[str]
    symmetric: bool
    modes: tuple[Mode, ...]
    agentive: bool = False  # only an actor does it: a thing as subject is no such act


@dataclass(slots=True)
class Codebook:
    """Validated codebook with precompiled trigger lookups (lemma → rules)."""

    version: str
    sources: tuple[str, ...]
    licence: str
    event_types: dict[str, EventType]
    cameo_table: dict[str, tuple[str | None, str | None]]  # code → (plover, mode)
    words: dict[str, frozenset[str]]
    verb_rules: dict[str, tuple[TriggerRule, ...]] = field(default_factory=dict)
    noun_rules: dict[str, tuple[TriggerRule, ...]] = field(default_factory=dict)
    # ASSAULT instruments: noun lemma → ((required modifiers, mode key), ...)
    instruments: dict[str, tuple[tuple[frozenset[str], str], ...]] = field(default_factory=dict)
    # governing code root ("03") -> governed PLOVER type -> CAMEO code ("036"), see content_code
    content_cameo: dict[str, dict[str, str]] = field(default_factory=dict)
    # optional learned sentence classifier (eventlens.events.classify), attached by
    # eventlens.events.load_codebook(config); used to rank types and pick ACLED sub-events
    classifier: Any = None

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(self.event_types)

    @property
    def cameo_roots(self) -> dict[str, str | None]:
        return {c: p for c, (p, _) in self.cameo_table.items() if len(c) == 2}

    def type(self, name: str) -> EventType:
        try:
            return self.event_types[name]
        except KeyError:
            raise KeyError(f"unknown PLOVER type {name!r}; known: {', '.join(self.types)}") from None

    def mode(self, type_: str, mode: str | None = None) -> Mode | None:
        et = self.event_types.get(type_)
        if et is None:
            return None
        if mode is None:
            return et.modes[0]
        for m in et.modes:
            if m.key == mode:
                return m
        for m in et.modes:
            if m.mode == mode:
                return m
        return None

    def default_cameo(self, type_: str, mode: str | None = None) -> str | None:
        m = self.mode(type_, mode) or self.mode(type_)
        return m.default_cameo if m else None

    def _lookup(self, code: str) -> tuple[str | None, str | None] | None:
        code = code.strip()
        for n in range(len(code), 1, -1):
            hit = self.cameo_table.get(code[:n])
            if hit is not None:
                return hit
        return None

    def plover_for_cameo(self, code: str | None) -> str | None:
        if not code:
            return None
        hit = self._lookup(str(code))
        return hit[0] if hit else None

    def plover_mode_for_cameo(self, code: str | None) -> str | None:
        if not code:
            return None
        hit = self._lookup(str(code))
        return hit[1] if hit else None

    def acled_code_for(self, acled: str | None) -> str | None:
        if not acled:
            return None
        for et in self.event_types.values():
            for m in et.modes:
                if m.acled == acled:
                    return m.acled_code
                for t, s, c in m.acled_by_actor.values():
                    if f"{t}/{s}" == acled:
                        return c
        return None

    def examples(self) -> list[tuple[str, str, str]]:
        return [
            (et.name, m.key, ex)
            for et in self.event_types.values()
            for m in et.modes
            for ex in m.examples
        ]

    def instrument_mode(self, lemma: str, modifiers: frozenset[str]) -> str | None:
        """ASSAULT mode key for an instrument noun ("drone" → drone), or None."""
        for needed, key in self.instruments.get(lemma, ()):
            if not needed or needed & modifiers:
                return key
        return None

    def content_code(self, code: str | None, governed: str) -> str | None:
        """The CAMEO code of a generic intent/demand/rejection/threat (``030``, ``100``...) whose
        content is an act of PLOVER type ``governed`` ("agreed to talks": 036), else None."""
        if not code or len(code) != 3 or not code.endswith("0"):
            return None
        return self.content_cameo.get(code[:2], {}).get(governed)

    def word(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())


def _as_set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset([value.lower()])
    bad = [v for v in value if not isinstance(v, str)]
    if bad:  # YAML 1.1 reads bare on/off/yes/no as booleans: quote them
        raise ResourceError(f"codebook: word lists must hold strings, got {bad!r} in {value!r}")
    return frozenset(v.lower() for v in value)


def _parse_rule(raw: dict[str, Any], type_: str, mode_key: str, where: str) -> TriggerRule:
    if not isinstance(raw, dict) or ("v" in raw) == ("n" in raw):
        raise ResourceError(f"{where}: a trigger needs exactly one of 'v' or 'n': {raw!r}")
    unknown = set(raw) - {"v", "n", "compound", "obj", "with", "needs", "target_via", "weight",
                         "not_obj", "prep", "pobj", "cameo"}
    if unknown:
        raise ResourceError(f"{where}: unknown trigger keys {sorted(unknown)} in {raw!r}")
    pos = "v" if "v" in raw else "n"
    for key in ("v", "n", "target_via", "needs", "prep", "cameo"):
        if key in raw and not isinstance(raw[key], str):
            raise ResourceError(f"{where}: {key!r} must be a string (quote on/off/yes/no): {raw!r}")
    needs = raw.get("needs")
    if needs is not None and not _NEEDS_RE.match(str(needs)):
        raise ResourceError(f"{where}: bad 'needs' {needs!r} (xcomp, that, dobj, prep:<p>, prt:<p>)")
    if "cameo" in raw and not _CAMEO_RE.match(raw["cameo"]):
        raise ResourceError(f"{where}: bad CAMEO code {raw['cameo']!r}: {raw!r}")
    if ("prep" in raw) != ("pobj" in raw) or ("pobj" in raw and "with" in raw):
        raise ResourceError(f"{where}: 'prep' and 'pobj' go together, instead of 'with': {raw!r}")
    weight = float(raw.get("weight", 0.8))
    if not 0.0 < weight <= 1.0:
        raise ResourceError(f"{where}: weight must be in (0, 1], got {weight}")
    return TriggerRule(
        type=type_,
        mode_key=mode_key,
        pos=pos,
        lemma=str(raw[pos]).lower(),
        compound=_as_set(raw.get("compound")),
        obj=_as_set(raw.get("obj")),
        with_=_as_set(raw.get("with", raw.get("pobj"))),
        prep=str(raw.get("prep", "with")).lower(),
        not_obj=_as_set(raw.get("not_obj")),
        needs=str(needs) if needs else None,
        target_via=str(raw["target_via"]).lower() if raw.get("target_via") else None,
        weight=weight,
        cameo=raw.get("cameo"),
    )


def _parse_mode(raw: dict[str, Any], type_: str, where: str) -> Mode:
    for key in ("key", "cameo", "acled_type", "acled_subtype", "acled_code", "definition",
                "examples"):
        if key not in raw:
            raise ResourceError(f"{where}: mode is missing {key!r}")
    key = str(raw["key"])
    cameo = tuple(str(c) for c in raw["cameo"])
    if not cameo or any(not _CAMEO_RE.match(c) for c in cameo):
        raise ResourceError(f"{where}/{key}: CAMEO codes must be 2-4 digit strings, got {cameo}")
    examples = tuple(str(e) for e in raw["examples"])
    if not 2 <= len(examples) <= 4:
        raise ResourceError(f"{where}/{key}: give 2-4 example sentences")
    by_actor: dict[str, tuple[str, str, str]] = {}
    for kind, triple in (raw.get("acled_by_actor") or {}).items():
        if kind not in ("state", "nonstate", "armed_target") or len(triple) != 3:
            raise ResourceError(
                f"{where}/{key}: acled_by_actor needs state/nonstate/armed_target triples")
        by_actor[kind] = (str(triple[0]), str(triple[1]), str(triple[2]))
    triggers = tuple(
        _parse_rule(t, type_, key, f"{where}/{key}") for t in raw.get("triggers") or ()
    )
    return Mode(
        key=key,
        mode=str(raw["mode"]) if raw.get("mode") else None,
        cameo=cameo,
        acled_type=str(raw["acled_type"]),
        acled_subtype=str(raw["acled_subtype"]),
        acled_code=str(raw["acled_code"]),
        definition=str(raw["definition"]),
        examples=examples,
        triggers=triggers,
        acled_by_actor=by_actor,
        symmetric=bool(raw.get("symmetric", False)),
    )


def _read_cameo_table(text: str) -> dict[str, tuple[str | None, str | None]]:
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    table: dict[str, tuple[str | None, str | None]] = {}
    for row in csv.DictReader(rows, delimiter="\t"):
        code = row["code"].strip()
        if not _CAMEO_RE.match(code):
            raise ResourceError(f"cameo2plover.tsv: bad CAMEO code {code!r}")
        plover = row["plover"].strip() or None
        if plover is not None and plover not in PLOVER_TYPES:
            raise ResourceError(f"cameo2plover.tsv: {code}: unknown PLOVER type {plover!r}")
        table[code] = (plover, row["mode"].strip() or None)
    return table


def _mode_for_code(et: EventType, code: str, plover_mode: str | None) -> Mode:
    """The codebook mode of a CAMEO code: listed code, then its 3-digit root, then PLOVER mode."""
    for key in (code, code[:3]):
        for m in et.modes:
            if key in m.cameo:
                return m
    for m in et.modes:
        if plover_mode and m.mode == plover_mode:
            return m
    return et.modes[0]


def _add_cameo_verbs(cb: Codebook, verb: dict[str, list[TriggerRule]], text: str) -> None:
    """Rules from the mined CAMEO verb dictionary (see :mod:`eventlens.events.cameo_verbs`).

    - A codebook verb rule without constraints takes the dictionary's code for its lemma when
      that code has the rule's PLOVER type, whatever the rule's mode (code granularity follows
      the verb: "free" -> 084, "kill" -> 190).
    - Verbs the codebook lacks become weak rules that need both a source and a target actor;
      verbs with a grammatical role in the codebook (attribution, planning, light verbs...)
      are never triggers on their own.
    - Verb + one-word object patterns ("stage" + "protest") become object rules.
    """
    from eventlens.events.cameo_verbs import read_tsv

    try:
        items = read_tsv(text)
    except ValueError as exc:
        raise ResourceError(str(exc)) from exc
    functional = set().union(*(cb.word(k) for k in (
        "attribution_verbs", "planning_words", "hypothetical_words", "light_verbs",
        "negating_words")))
    known = set(verb)
    own = {k: list(v) for k, v in verb.items()}  # the codebook's own rules, before any added here
    listed: dict[str, tuple[str, Mode]] = {}  # code -> (type, mode) where the codebook lists it
    for et in cb.event_types.values():
        for md in et.modes:
            for c in md.cameo:
                listed.setdefault(c, (et.name, md))
    for it in items:
        hit = listed.get(it.cameo) or listed.get(it.cameo[:3])
        if hit is not None:
            ptype, mode = hit
        else:
            found = cb.plover_for_cameo(it.cameo)
            if found is None:
                continue
            ptype = found
            mode = _mode_for_code(cb.event_types[ptype], it.cameo,
                                  cb.plover_mode_for_cameo(it.cameo))
        if it.obj is None:
            if it.lemma in known:
                rules = verb[it.lemma]
                # the code follows the verb, as in CAMEO ("kill" is 190 whatever the mode's
                # ACLED reading); a rule of another PLOVER type keeps its mode's code
                for i, r in enumerate(rules):
                    if r.type == ptype and r.specificity == 0 and r.cameo is None:
                        rules[i] = replace(r, cameo=it.cameo)
                if any(r.specificity == 0 or r.type == ptype for r in own[it.lemma]):
                    continue
                # the codebook knows the verb only in another sense, with some object or
                # preposition ("went on strike"): elsewhere it keeps the dictionary's weak reading
            if it.lemma in functional:
                continue
            rule = TriggerRule(type=ptype, mode_key=mode.key, pos="v", lemma=it.lemma,
                               cameo=it.cameo, weight=0.5, dyadic=True)
        else:
            if it.lemma in ("be", "have", "do"):
                continue
            rule = TriggerRule(type=ptype, mode_key=mode.key, pos="v", lemma=it.lemma,
                               obj=frozenset({it.obj}), cameo=it.cameo, weight=0.55)
        verb.setdefault(it.lemma, []).append(rule)


def _parse_content_cameo(cb: Codebook, raw: Any) -> dict[str, dict[str, str]]:
    """Validate ``content_cameo``: each code has the PLOVER type of its root's generic code."""
    if not isinstance(raw, dict):
        raise ResourceError("codebook/content_cameo: must map a CAMEO root to {type: code}")
    out: dict[str, dict[str, str]] = {}
    for root, table in raw.items():
        root = str(root)
        if not re.fullmatch(r"\d{2}", root) or not isinstance(table, dict):
            raise ResourceError(f"codebook/content_cameo: bad entry {root!r}: {table!r}")
        want = cb.plover_for_cameo(root + "0")
        for governed, code in table.items():
            code = str(code)
            if governed not in PLOVER_TYPES or not _CAMEO_RE.match(code) or not code.startswith(
                    root) or cb.plover_for_cameo(code) != want:
                raise ResourceError(
                    f"codebook/content_cameo/{root}: {governed}: {code} is not a {want} code")
            out.setdefault(root, {})[governed] = code
    return out


def parse_codebook(data: dict[str, Any], cameo_text: str,
                   verbs_text: str | None = None) -> Codebook:
    """Validate the YAML structure and build the lookups. Raises ResourceError on any problem."""
    if not isinstance(data, dict):
        raise ResourceError("codebook: top level must be a mapping")
    for key in ("version", "sources", "licence", "types"):
        if key not in data:
            raise ResourceError(f"codebook: missing header field {key!r}")
    raw_types = data["types"]
    names = list(raw_types)
    bad = [n for n in names if n not in PLOVER_TYPES]
    missing = [n for n in PLOVER_TYPES if n not in raw_types]
    if bad or missing:
        raise ResourceError(f"codebook: unknown types {bad}, missing types {missing}")
    event_types: dict[str, EventType] = {}
    for name in PLOVER_TYPES:
        raw = raw_types[name]
        modes = tuple(_parse_mode(m, name, f"codebook/{name}") for m in raw.get("modes") or ())
        if not modes:
            raise ResourceError(f"codebook/{name}: no modes")
        keys = [m.key for m in modes]
        if len(set(keys)) != len(keys):
            raise ResourceError(f"codebook/{name}: duplicate mode keys {keys}")
        event_types[name] = EventType(
            name=name,
            description=str(raw.get("description", "")),
            target_preps=_as_set(raw.get("target_preps")),
            symmetric=bool(raw.get("symmetric", False)),
            modes=modes,
            agentive=bool(raw.get("agentive", False)),
        )
    word_keys = ("attribution_verbs", "claim_verbs", "planning_words", "negating_words",
                 "preventing_words", "hypothetical_words", "claim_markers", "light_verbs", "nominal_bridges",
                 "group_heads", "conditional_marks", "circumstance_preps", "effort_verbs")
    words = {k: _as_set(data.get(k)) for k in word_keys}
    cb = Codebook(
        version=str(data["version"]),
        sources=tuple(str(s) for s in data["sources"]),
        licence=str(data["licence"]),
        event_types=event_types,
        cameo_table=_read_cameo_table(cameo_text),
        words=words,
    )
    cb.content_cameo = _parse_content_cameo(cb, data.get("content_cameo") or {})
    verb: dict[str, list[TriggerRule]] = {}
    noun: dict[str, list[TriggerRule]] = {}
    for et in event_types.values():
        for m in et.modes:
            for r in m.triggers:
                if r.cameo is not None and cb.plover_for_cameo(r.cameo) != et.name:
                    raise ResourceError(f"codebook/{et.name}/{m.key}: trigger {r.lemma!r} has CAMEO "
                                        f"{r.cameo}, not a {et.name} code")
                (verb if r.pos == "v" else noun).setdefault(r.lemma, []).append(r)
    if verbs_text:
        _add_cameo_verbs(cb, verb, verbs_text)
    # most specific rules first, then the heavier ones
    key = lambda r: (-r.specificity, -r.weight)  # noqa: E731
    assault_keys = {m.key for m in event_types["ASSAULT"].modes}
    inst: dict[str, list[tuple[frozenset[str], str]]] = {}
    for raw in data.get("instruments") or ():
        if not isinstance(raw, dict) or not isinstance(raw.get("n"), str) or raw.get(
                "mode") not in assault_keys:
            raise ResourceError(f"codebook/instruments: need n and an ASSAULT mode key: {raw!r}")
        inst.setdefault(raw["n"].lower(), []).append((_as_set(raw.get("compound")), raw["mode"]))
    # entries with required modifiers first
    cb.instruments = {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in inst.items()}
    cb.verb_rules = {k: tuple(sorted(v, key=key)) for k, v in verb.items()}
    cb.noun_rules = {k: tuple(sorted(v, key=key)) for k, v in noun.items()}
    return cb


def _read_packaged(name: str) -> str:
    return resources.files("eventlens").joinpath("data").joinpath("events").joinpath(name).read_text(encoding="utf-8")


def _packaged_yaml() -> Any:
    try:
        return yaml.safe_load(_read_packaged("codebook.yaml"))
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot read the packaged event codebook: {exc}") from exc


@lru_cache(maxsize=1)
def _load_packaged() -> Codebook:
    try:
        data = _packaged_yaml()
        cameo = _read_packaged("cameo2plover.tsv")
        verbs = _read_packaged("cameo_verbs.tsv")
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot read the packaged event codebook: {exc}") from exc
    cb = parse_codebook(data, cameo, verbs)
    log.debug("event codebook %s: %d types, %d verb and %d noun trigger lemmas",
              cb.version, len(cb.types), len(cb.verb_rules), len(cb.noun_rules))
    return cb


def load(path: Path | None = None, *, verbs: tuple[Path, ...] = ()) -> Codebook:
    """The packaged codebook (cached), or one read from ``path`` (YAML; same CAMEO table).

    ``verbs``: the user's CAMEO verb dictionaries (PETRARCH format, or the TSV of
    :mod:`eventlens.events.cameo_verbs`), read before the packaged verb facts: a verb they list
    takes their code (within its PLOVER type), and verbs the codebook lacks become weak rules.
    """
    if path is None and not verbs:
        return _load_packaged()
    if path is None:
        data = _packaged_yaml()
    else:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ResourceError(f"cannot read codebook {path}: {exc}") from exc
    extra = "".join(read_verb_dictionary(Path(v)) for v in verbs)
    return parse_codebook(data, _read_packaged("cameo2plover.tsv"),
                          extra + _read_packaged("cameo_verbs.tsv"))


def read_verb_dictionary(path: Path) -> str:
    """A user's CAMEO verb dictionary as verb-fact TSV rows: a PETRARCH-format dictionary
    (``####### VERB PATTERNS`` section) is mined, a TSV is checked as it is."""
    from eventlens.events.cameo_verbs import mine, read_tsv, write_tsv

    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ResourceError(f"cannot read verb dictionary {path}: {exc}") from exc
    try:
        if "VERB PATTERNS" in text:
            items = mine(text)
        else:
            items = read_tsv(text)
    except ValueError as exc:
        raise ResourceError(f"verb dictionary {path}: {exc}") from exc
    if not items:
        raise ResourceError(f"verb dictionary {path}: no verb with a CAMEO code found")
    log.info("verb dictionary %s: %d verb facts", path, len(items))
    return write_tsv(items)
