"""Core records of eventlens.

Every record is a frozen dataclass. Every span carries ``start``/``end`` character
offsets into the cleaned ``Article.text``; ``article.text[start:end] == span.text``
always holds. Unknown values are ``None``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "1"
CODER_VERSION = "0.1.0"


def stable_id(prefix: str, *parts: object) -> str:
    """Deterministic id: sha256 over normalized parts plus the coder version.

    Never uses Python's ``hash()``; the same input gives the same id on every run
    and every machine.
    """
    payload = json.dumps([CODER_VERSION, *[_norm(p) for p in parts]], ensure_ascii=False)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
    return f"{prefix}_{digest}"


def _norm(part: object) -> object:
    if isinstance(part, str):
        return " ".join(part.split()).casefold()
    return part


class ActorKind(StrEnum):
    PERSON = "person"
    COUNTRY = "country"
    ORGANIZATION = "organization"  # governments' bodies, companies, media, parties
    GROUP = "group"  # armed groups, militias, forces, factions, crowds
    IGO = "igo"
    ANONYMOUS = "anonymous"  # "two Tripoli officials, speaking on condition of anonymity"


class Sector(StrEnum):
    """CAMEO-style sector codes (role of an actor)."""

    GOV = "GOV"  # government, executive, ministers, diplomats
    MIL = "MIL"  # military, army, armed forces
    REB = "REB"  # rebels, militias
    INS = "INS"  # insurgents
    UAF = "UAF"  # unidentified armed forces
    SPY = "SPY"  # intelligence
    COP = "COP"  # police, security
    LEG = "LEG"  # parliament, legislature
    JUD = "JUD"  # judiciary, courts
    OPP = "OPP"  # opposition
    PTY = "PTY"  # political party
    IGO = "IGO"  # intergovernmental organisation
    NGO = "NGO"  # non-governmental organisation
    MED = "MED"  # media
    BUS = "BUS"  # business
    CVL = "CVL"  # civilians
    REL = "REL"  # religious
    EDU = "EDU"  # education
    HLH = "HLH"  # health
    LAB = "LAB"  # labour
    CRM = "CRM"  # criminals
    REF = "REF"  # refugees
    ELI = "ELI"  # elites


class EventStatus(StrEnum):
    ASSERTED = "asserted"
    NEGATED = "negated"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"
    CLAIMED = "claimed"  # a contested, reported claim ("X alleged that ...")


class PlaceFeature(StrEnum):
    COUNTRY = "country"
    ADMIN = "admin"
    CITY = "city"
    TOWN = "town"
    OTHER = "other"


class LabelKind(StrEnum):
    NAME_CALLING = "name-calling"
    LOADED = "loaded"
    EUPHEMISM = "euphemism"
    HONORIFIC = "honorific"


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Removal:
    """A piece of the raw text that cleaning removed, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    id: str
    text: str  # cleaned text: title paragraph, blank line, body
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    language: str | None = None
    removed: tuple[Removal, ...] = ()
    source: str | None = None  # where it was read from (path, path:line, URL)


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None = None  # ISO3, or None
    sector: Sector | None = None
    code: str | None = None  # CAMEO-style code, e.g. LBYMIL
    affiliation: str | None = None  # id of another actor in the same analysis
    role: str | None = None  # "foreign minister", "spokesman" ...
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    id: str
    name: str
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: PlaceFeature | None = None
    confidence: float | None = None
    relative: str | None = None  # "about 50 kilometers south of the capital"
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    type: str  # PLOVER event type, checked against the codebook
    mode: str | None
    cameo: str | None
    acled: str | None  # "Battles/Armed clash", "Strategic developments/Agreement" ...
    source: str | None  # actor id
    target: str | None  # actor id
    place: str | None  # place id
    date: str | None  # ISO date
    date_text: str | None
    status: EventStatus
    sentence: tuple[int, int]  # (start, end)
    trigger: Span
    according_to: str | None = None  # actor id
    confidence: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    id: str
    speaker: str | None  # actor id
    text: str
    start: int
    end: int
    direct: bool
    cue: Span | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Label:
    id: str
    actor: str | None  # actor id
    text: str
    start: int
    end: int
    kind: LabelKind
    neutral: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    article: Article
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    labels: tuple[Label, ...] = ()
    schema_version: str = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


def to_jsonable(obj: Any) -> Any:
    """Turn records into plain JSON values (enums to strings, tuples to lists)."""
    if hasattr(obj, "__dataclass_fields__"):
        out: dict[str, Any] = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if isinstance(obj, Event) and f.name == "sentence":
                out["sentence"] = {"start": value[0], "end": value[1]}
                continue
            out[f.name] = to_jsonable(value)
        if isinstance(obj, Analysis):
            # schema_version first for readers of the raw JSON
            out = {"schema_version": out.pop("schema_version"), **out}
        return out
    if isinstance(obj, StrEnum):
        return str(obj)
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """Inverse of :meth:`Analysis.to_dict` (used by the store and tests)."""
    a = dict(data["article"])
    article = Article(**{**a, "removed": tuple(Removal(**r) for r in a.get("removed") or ())})

    def mentions(items: list[dict[str, Any]] | None) -> tuple[Mention, ...]:
        return tuple(Mention(**m) for m in items or ())

    actors = tuple(
        Actor(
            **{
                **x,
                "kind": ActorKind(x["kind"]),
                "sector": Sector(x["sector"]) if x.get("sector") else None,
                "mentions": mentions(x.get("mentions")),
            }
        )
        for x in data.get("actors") or ()
    )
    places = tuple(
        Place(
            **{
                **x,
                "feature": PlaceFeature(x["feature"]) if x.get("feature") else None,
                "mentions": mentions(x.get("mentions")),
            }
        )
        for x in data.get("places") or ()
    )
    events = tuple(
        Event(
            **{
                **x,
                "status": EventStatus(x["status"]),
                "sentence": (x["sentence"]["start"], x["sentence"]["end"]),
                "trigger": Span(**x["trigger"]),
            }
        )
        for x in data.get("events") or ()
    )
    quotes = tuple(
        Quote(**{**x, "cue": Span(**x["cue"]) if x.get("cue") else None})
        for x in data.get("quotes") or ()
    )
    labels = tuple(Label(**{**x, "kind": LabelKind(x["kind"])}) for x in data.get("labels") or ())
    return Analysis(
        article=article,
        actors=actors,
        places=places,
        events=events,
        quotes=quotes,
        labels=labels,
        schema_version=data.get("schema_version", SCHEMA_VERSION),
    )


__all__ = [
    "SCHEMA_VERSION",
    "CODER_VERSION",
    "stable_id",
    "ActorKind",
    "Sector",
    "EventStatus",
    "PlaceFeature",
    "LabelKind",
    "Span",
    "Removal",
    "Article",
    "Mention",
    "Actor",
    "Place",
    "Event",
    "Quote",
    "Label",
    "Analysis",
    "Reject",
    "to_jsonable",
    "analysis_from_dict",
    "asdict",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reject:
    """An input or article that could not be processed, and why. Batches go on."""

    source: str | None
    stage: str
    reason: str
    article_id: str | None = None
