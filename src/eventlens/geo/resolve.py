"""Place finding and disambiguation for one article (pure; the gazetteer is passed in).

Candidates: spaCy GPE/LOC/FAC entities, plus other entities and proper-noun runs that the gazetteer
knows and that stand in a locative context ("in X", "the town of X", "X province"), plus names found
by news conventions (patterns.py: 'Salem, Ore.', datelines). A name-prefix word the model split off
('New' + 'Jersey', 'Baja' + 'California') is joined back when the gazetteer knows the longer name;
alone at the head of an organisation's name it is no place. GPE subjects of speech/action verbs that
name a country or capital are actors (metonymy), not places. Demonyms count as evidence for the
article's country focus; an adjectival one ('Libyan coast') is also a mention of its country, a
plural one ('Libyans', people) never is. ORG entities that exactly name a town (PERSON entities: a
city of 100,000+), and untagged or ORG/PERSON names that resolve to a town, are kept only when the
article's own places support them (same first-level region, or near an unambiguous place); an
unknown organisation name containing a country, region or town ('Indiana Department of Health',
'University of Ohio', 'Dayton Police Department') yields that place, and so does an untagged
proper-noun run that starts with one ('Ohio Governor ...'). A PERSON entity is a region or town
candidate only outside a person's roles (not a subject, possessor or apposition). A town chosen
among same-name readings by a small margin, near nothing else the article names, is dropped.

Disambiguation scores each gazetteer candidate by population prior, feature (countries first), how
the name matched (a town reached only by a GeoNames alternate name or by dropping a type word is not
used), the article's country focus (countries, admin regions and unambiguous places named, demonyms,
actor countries: each country's actors together weigh at most one demonym), qualifiers ("Tripoli,
Lebanon"), spatial coherence with the article's unambiguous places, and mutual coherence: the
readings of the other names that lie nearby.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from eventlens.geo import patterns
from eventlens.geo.gazetteer import Entry, Gazetteer
from eventlens.geo.normalize import ARTICLES
from eventlens.types import Mention, Place, PlaceFeature, stable_id

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from eventlens.context import DocContext

log = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
NON_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                              "QUANTITY"})
MAX_SPAN_CHARS = 80
MAX_CANDIDATE_TOKENS = 6
SMALL_TOWN = 20_000
COHERENCE = 0.3
ADMIN_FOCUS = 0.8
# GPE subjects of speech/action verbs naming a country or capital are actors, not places
METONYMY_AS_ACTORS = True
PERSON_CITY_MIN_POP = 100_000  # a PERSON entity exactly naming a city this big: a candidate
PERSON_TOWN_MIN_POP = 1000  # ... a smaller town: only outside the roles of a person
# ORG entities that exactly name a town of at least this size are "weak" candidates: kept only
# when the town lies in a first-level region the article is about, or near one of its places
WEAK_LABELS = frozenset({"ORG"})
WEAK_MIN_POP = 1000
NEAR_KM = 250
# a country whose name is also a sizeable first-level region elsewhere ('Georgia') loses this much
# of its country prior unless the article's country focus is on it
SHARED_NAME_PENALTY = 1.5
SHARED_NAME_MIN_POP = 100_000
LOCAL_REGION_MIN = 2.0  # admin focus of the article's main region for a local namesake to count
# each actor of a country is evidence of the article's country focus, but actors of one country
# mostly share one source (a name, an affiliation): together they weigh at most one demonym
ACTOR_FOCUS = 0.5
ACTOR_FOCUS_MAX = 1.0


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Cue word lists from data/geo/cues.tsv (validated once, cached)."""
    out: dict[str, set[str]] = {"metonymy": set(), "locative": set(), "placeword": set(),
                                "nameprefix": set(), "partword": set(), "generic": set(),
                                "stative": set()}
    text = resources.files("eventlens.data.geo").joinpath("cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, word = (c.strip() for c in line.split("\t")[:2])
        if kind not in out:
            raise ValueError(f"cues.tsv: unknown kind {kind!r}")
        out[kind].add(word)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    text: str
    source: str  # "ner" | "dict" | "given"
    label: str | None = None
    entries: tuple[Entry, ...] = ()
    best: Entry | None = None
    confidence: float = 0.0
    place_word: bool = False  # "X province", "the town of X"


# ------------------------------------------------------------------ candidates

def _trim(doc: "Doc", start: int, end: int) -> tuple[int, int] | None:
    """Token range without leading determiners/punctuation and trailing possessives/punctuation."""
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'"} or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def _chars(doc: "Doc", start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def _locative(doc: "Doc", start: int, end: int) -> tuple[bool, bool]:
    """(in a locative context, next to a place word)."""
    c = cues()
    i = start - 1
    while i >= 0 and doc[i].lower_ in {"the", "of"} and i >= start - 2:
        if doc[i].lower_ == "of" and i > 0 and doc[i - 1].lower_ in c["placeword"]:
            return True, True
        i -= 1
    prev = doc[start - 1].lower_ if start > 0 else ""
    if start > 1 and prev == "the":
        prev = doc[start - 2].lower_
    nxt = doc[end].lower_ if end < len(doc) else ""
    if nxt in c["placeword"]:
        return True, True
    return prev in c["locative"], False


def _is_metonymy(span: "Span") -> bool:
    root: Token = span.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    head = root.head
    return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in cues()["metonymy"]


def _actor_subject(ctx: "DocContext", span: "Span", start: int, end: int) -> bool:
    """The actors stage read this name as a country actor, and it is the active subject of a
    verb ("Russia invaded ..."). The subject of "be" ("Kenya is home to ..."), of a stative verb
    (cues.tsv "stative": "Syria has seen a decade of war") or of a passive ("Syria was hit by
    ...") is the place itself."""
    from eventlens.actors.words import active_subject

    if not active_subject(span.root, frozenset({"VERB", "AUX"})):
        return False
    actor = ctx.actor(ctx.actor_at(start, end))
    return actor is not None and str(actor.kind) == "country"


def _propn_runs(doc: "Doc") -> list[tuple[int, int]]:
    """Proper-noun runs, joining 'al' + '-' + 'Name' written without spaces."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        starts = t.pos_ == "PROPN" or (
            t.lower_ in ARTICLES and i + 2 < n and doc[i + 1].text in {"-", "‑", "–"}
            and not t.whitespace_ and not doc[i + 1].whitespace_ and doc[i + 2].text[:1].isupper())
        if not starts:
            i += 1
            continue
        j = i + 1
        while j < n and j - i < MAX_CANDIDATE_TOKENS:
            tj = doc[j]
            if tj.pos_ == "PROPN" and tj.text[:1].isupper():
                j += 1
            elif (tj.text in {"-", "‑"} and not doc[j - 1].whitespace_ and not tj.whitespace_
                  and j + 1 < n and doc[j + 1].text[:1].isalpha()):
                j += 2
            else:
                break
        runs.append((i, min(j, n)))
        i = j
    return runs


def _names_region(gz: Gazetteer, text: str, *, person: bool) -> bool:
    """True when a capitalised name is exactly a country (or, unless it may be a person's name,
    a first-level region): such names are places even without a locative cue. A populous
    region named in several words ("Tamil Nadu", "Uttar Pradesh") is one whatever the model's
    label: the person reading is for one-word names ("Georgia", "Victoria")."""
    if not text[:1].isupper():
        return False
    entries = gz.lookup(text)
    if not entries:
        return False
    top = entries[0]
    if top.match not in {"exact", "alternate"}:
        return False
    if person and top.feature == "admin" and top.match == "exact" and len(text.split()) > 1:
        person = top.population < PERSON_REGION_MIN_POP
    return top.feature == "country" or (top.feature in {"admin", "other"} and not person)


def _adjectival_demonym(doc: "Doc", span: tuple[int, int]) -> bool:
    """'Turkish police', 'the Libyan coast': a singular demonym modifying a noun (a place of
    origin), not a group of people ('Libyans')."""
    last = doc[span[1] - 1]
    if last.text.endswith("s"):
        return False
    if last.dep_ in {"amod", "compound", "nmod"}:
        return True
    # 'US and Chinese officials': the second of two coordinated modifiers
    return (last.dep_ == "conj" and last.head.dep_ in {"amod", "compound", "nmod"}
            and last.head.head.pos_ in {"NOUN", "PROPN"})


def _region_adjective(gz: Gazetteer, doc: "Doc", start: int, end: int) -> bool:
    """'European', 'Latin American' modifying a noun: curated region names (continents, world
    regions) whose adjective is listed as an alias in places.tsv."""
    if not _adjectival_demonym(doc, (start, end)):
        return False
    entries = gz.lookup_exact(doc[start:end].text)
    return bool(entries) and entries[0].feature == "other" and entries[0].match == "exact"


_TYPE_TITLES = frozenset({"County", "Parish", "Borough", "Province", "Governorate", "District",
                          "Region", "Oblast", "Prefecture"})


def _with_type_word(gz: Gazetteer, doc: "Doc", start: int, end: int) -> int:
    """End of the name including a following capitalised type word that the model left out of
    the entity ('Lafourche' + 'Parish'), when the gazetteer knows the longer name as a region."""
    if end >= len(doc) or doc[end].text not in _TYPE_TITLES or not doc[end - 1].whitespace_:
        return end
    es = gz.lookup_exact(doc[start:end + 1].text)
    return end + 1 if es and es[0].feature == "admin" else end


def _with_head_word(gz: Gazetteer, doc: "Doc", start: int, end: int) -> int:
    """End of a demonym entity extended by the capitalised word right after it when the two
    are exactly a name of the gazetteer ('Indian' + 'Ocean'); else ``end``."""
    if end >= len(doc) or not doc[end].is_title or doc[end].ent_type_ or not doc[end - 1].whitespace_:
        return end
    es = gz.lookup_exact(doc[start:end + 1].text)
    return end + 1 if es and es[0].match == "exact" else end


def _with_name_prefix(gz: Gazetteer, doc: "Doc", start: int, end: int) -> int:
    """Start of the name including a capitalised prefix word that the model left out of the
    entity ('New' + 'Jersey', 'Central' + 'America'), when the gazetteer knows the longer name
    exactly and the prefix belongs to no other entity."""
    if start == 0:
        return start
    prev = doc[start - 1]
    if (prev.text not in cues()["nameprefix"] or prev.ent_type_ or not prev.whitespace_
            or prev.text.isupper()):
        return start
    return start - 1 if gz.lookup_exact(doc[start - 1:end].text) else start


def _entities(gz: Gazetteer, doc: "Doc") -> list["Span"]:
    """The model's entities, with a one-word entity that is a name prefix joined to the entity
    right after it when the gazetteer knows the joined name ('Baja' + 'California'), and left
    out when it heads any other capitalised word ('Eastern' split off 'Eastern Aleppo': a longer
    name's first word, which the proper-noun runs then read whole)."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        prefix = (ent.end - ent.start == 1 and ent.text in cues()["nameprefix"]
                  and doc[ent.start].whitespace_)
        if (prefix and nxt is not None and nxt.start == ent.end
                and gz.lookup_exact(doc[ent.start:nxt.end].text)):
            out.append(Span(doc, ent.start, nxt.end, label=nxt.label_))
            i += 2
            continue
        if not (prefix and ent.end < len(doc) and doc[ent.end].is_title):
            out.append(ent)
        i += 1
    return out


PERSON_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "appos", "agent"})
PERSON_REGION_MIN_POP = 1_000_000  # a region this populous, named in several words, is no person


def _person_may_be_town(doc: "Doc", start: int, end: int) -> bool:
    """A name the model read as a person is a town candidate only where a person is unlikely:
    not the subject of a verb, not a possessor, not next to a title or an apposition."""
    root = doc[start:end].root
    if root.dep_ in PERSON_SUBJECT_DEPS or any(t.dep_ in {"appos", "case"} for t in root.children):
        return False
    return not (end < len(doc) and doc[end].text in {"'s", "’s"})


def _person_town(gz: Gazetteer, doc: "Doc", start: int, end: int, text: str) -> bool:
    """A PERSON entity exactly naming a big city, or a town outside the roles of a person."""
    return _names_town(gz, text, min_pop=PERSON_CITY_MIN_POP) or (
        _person_may_be_town(doc, start, end) and _names_town(gz, text, min_pop=PERSON_TOWN_MIN_POP))


def _names_town(gz: Gazetteer, text: str, *, min_pop: int = 0) -> bool:
    """A capitalised name that is exactly the name of a town or city (not an acronym)."""
    if not text[:1].isupper() or (text.isupper() and len(text) <= 4):
        return False
    entries = gz.lookup_exact(text)
    if not entries:
        return False
    top = entries[0]
    return (top.match in {"exact", "alternate"} and top.feature in {"city", "town"}
            and top.population >= max(WEAK_MIN_POP, min_pop))


def find_candidates(ctx: "DocContext", gz: Gazetteer) -> tuple[list[Candidate], list[str]]:
    """Place-mention candidates of one article and the demonym countries (ISO2) seen."""
    doc = ctx.doc
    text_all = ctx.article.text  # == doc.text, which spaCy rebuilds on every access
    out: list[Candidate] = []
    demonyms: list[str] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for ent in _entities(gz, doc):
        if ent.label_ == "NORP" and _with_head_word(gz, doc, ent.start, ent.end) > ent.end:
            # 'Indian' + 'Ocean', 'Arabian' + 'Sea': a demonym heading a name the gazetteer knows
            s, e = _chars(doc, ent.start, ent.end + 1)
            out.append(Candidate(start=s, end=e, text=text_all[s:e], source="ner", label="LOC"))
            taken.append((s, e))
            continue
        if ent.label_ == "NORP":
            ns = _with_name_prefix(gz, doc, ent.start, ent.end)  # 'Central' + 'American'
            cc = gz.demonym(doc[ns:ent.end].text)
            if cc:
                demonyms.append(cc)
                trimmed = _trim(doc, ns, ent.end)
                if trimmed is not None:
                    s, e = _chars(doc, *trimmed)
                    if gz.demonym(text_all[s:e]) == cc and _adjectival_demonym(doc, trimmed):
                        out.append(Candidate(start=s, end=e, text=text_all[s:e], source="demonym",
                                             label="NORP"))
                        taken.append((s, e))
            elif _region_adjective(gz, doc, ns, ent.end):
                s, e = _chars(doc, ns, ent.end)
                out.append(Candidate(start=s, end=e, text=text_all[s:e], source="dict",
                                     label="NORP"))
                taken.append((s, e))
            continue
        trimmed = _trim(doc, ent.start, ent.end)
        if trimmed is None:
            continue
        ts, te = trimmed
        te = _with_type_word(gz, doc, ts, te)
        ts = _with_name_prefix(gz, doc, ts, te)
        s, e = _chars(doc, ts, te)
        text = text_all[s:e]
        if e - s > MAX_SPAN_CHARS or not any(ch.isalpha() for ch in text):
            continue
        if ent.label_ in PLACE_LABELS:
            if METONYMY_AS_ACTORS and ent.label_ == "GPE" and (_is_metonymy(doc[ts:te])
                                        or _actor_subject(ctx, doc[ts:te], s, e)):
                entries = gz.lookup(text)
                if entries and (entries[0].feature == "country" or any(
                        x.capital or x.feature == "country" for x in entries[:3])):
                    taken.append((s, e))
                    continue
            loc, pw = _locative(doc, ts, te)
            out.append(Candidate(start=s, end=e, text=text, source="ner", label=ent.label_,
                                 place_word=pw))
            taken.append((s, e))
        elif ent.label_ in OTHER_LABELS:
            loc, pw = _locative(doc, ts, te)
            if (loc and (text[:1].isupper() or text.split("-")[0].lower() in ARTICLES)) or (
                    te - ts <= 3 and _names_region(gz, text, person=ent.label_ == "PERSON" and not (
                        _person_may_be_town(doc, ts, te))) and not (
                        ent.label_ == "PERSON" and _is_metonymy(doc[ts:te]))):
                out.append(Candidate(start=s, end=e, text=text, source="dict", label=ent.label_,
                                     place_word=pw))
            elif te - ts <= 3 and (ent.label_ in WEAK_LABELS and _names_town(gz, text) or (
                    ent.label_ == "PERSON" and _person_town(gz, doc, ts, te, text))):
                out.append(Candidate(start=s, end=e, text=text, source="weak", label=ent.label_))
            elif ent.label_ == "ORG" and text[:1].isupper() and not gz.lookup_exact(text):
                lead = Candidate(start=s, end=e, text=text, source="dict", label=ent.label_)
                _leading_place(lead, gz)
                if lead.entries:
                    out.append(lead)
            taken.append((ent.start_char, ent.end_char))

    for ent in doc.ents:  # 'in August', 'by Friday': dates and numbers are no place names
        if ent.label_ in NON_PLACE_LABELS:
            taken.append((ent.start_char, ent.end_char))
    for s, e in patterns.datelines(doc, gz, taken, min_pop=WEAK_MIN_POP):
        out.append(Candidate(start=s, end=e, text=text_all[s:e], source="dict",
                             label="DATELINE"))
        taken.append((s, e))
    for ts, te in _propn_runs(doc):
        trimmed = _trim(doc, ts, te)
        if trimmed is None:
            continue
        ts, te = trimmed
        s, e = _chars(doc, ts, te)
        if not free(s, e) or e - s > MAX_SPAN_CHARS:
            continue
        loc, pw = _locative(doc, ts, te)
        if loc or _names_region(gz, text_all[s:e], person=False):
            out.append(Candidate(start=s, end=e, text=text_all[s:e], source="dict", place_word=pw))
            taken.append((s, e))
        elif te - ts <= 3 and _names_town(gz, text_all[s:e]):
            out.append(Candidate(start=s, end=e, text=text_all[s:e], source="weak"))
            taken.append((s, e))
        elif te - ts > 1 and text_all[s:s + 1].isupper() and not gz.lookup_exact(
                text_all[s:e]):
            lead = Candidate(start=s, end=e, text=text_all[s:e], source="dict")
            _leading_place(lead, gz)  # 'Texas Governor ...': the region inside a longer run
            if lead.entries:  # a leading town stays weak (kept only where supported)
                out.append(lead)
                taken.append((lead.start, lead.end))
    spans = {(c.start, c.end): c for c in out}
    for s, e, label, entries in patterns.state_qualified(doc, gz, taken):
        if label == "STATE" and (s, e) in spans:
            spans[(s, e)].entries = entries  # the model's span of 'Tenn.': the state
        elif all(e <= x or s >= y for x, y in taken):
            out.append(Candidate(start=s, end=e, text=text_all[s:e], source="dict",
                                 label=label, entries=entries))
            taken.append((s, e))
    out.sort(key=lambda c: c.start)
    return out, demonyms


_CONVENTION_LABELS = frozenset({"STATE", "STATE-Q", "DATELINE"})  # found by patterns.py


# ------------------------------------------------------------------ disambiguation

_MATCH_PENALTY = {"exact": 0.0, "alternate": 0.05, "bare": 0.1, "type": 0.15, "fuzzy": 0.6,
                  "demonym": 0.0}


def _prior(e: Entry) -> float:
    pop = e.population / 10 if e.feature == "admin" else e.population
    p = math.log10(pop + 1) / 7
    if e.feature == "other" and e.match in {"exact", "alternate"}:
        p = max(p, 0.6)  # curated regions, bases, continents: specific names
    if e.feature == "country" and e.match in {"exact", "alternate", "bare", "demonym"}:
        p += 2.0
    if e.capital:
        p += 0.3
    return p - _MATCH_PENALTY.get(e.match, 0.3)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _usable(c: Candidate) -> tuple[Entry, ...]:
    """Entries a candidate may resolve to (dict candidates need an exact-ish or strong match)."""
    es = tuple(e for e in c.entries if e.lat is not None)
    if not c.place_word:
        # a town reached only by one of its GeoNames alternate names, or by dropping a type word
        # from the mention, is rarely the place meant (alternate names of small places are noisy)
        es = tuple(e for e in es if e.feature != "town" or e.match not in {"alternate", "type"})
    if c.source == "dict":
        es = tuple(e for e in es if e.match != "fuzzy" or c.place_word)
        if c.label in {"PERSON"}:
            es = tuple(e for e in es if e.population >= 1000 or e.feature != "town")
    return es


def actor_focus(countries: list[str]) -> Counter[str]:
    """Country-focus weight of the article's actors: ACTOR_FOCUS each, at most ACTOR_FOCUS_MAX
    per country."""
    return Counter({cc: min(ACTOR_FOCUS * n, ACTOR_FOCUS_MAX)
                    for cc, n in Counter(countries).items()})


def disambiguate(cands: list[Candidate], gz: Gazetteer, *, demonyms: list[str] = (),
                 actor_countries: list[str] = (), text: str = "") -> None:
    """Pick ``best`` (and ``confidence``) for every candidate, in place."""
    focus: Counter[str] = Counter()
    for cc in demonyms:
        focus[cc] += 1.0
    focus.update(actor_focus(actor_countries))
    afocus: Counter[tuple[str, str]] = Counter()  # first-level regions the article is about
    # the countries each name's likeliest reading lies in, and the demonyms' countries: what
    # else in the article points at a country (see :func:`_local_namesake`)
    named_in: dict[str, set[str]] = {cc: {""} for cc in demonyms}
    for c in cands:
        es = _usable(c)
        if not es or c.source == "weak":  # weak: no evidence
            continue
        top = max(es, key=_prior)
        if top.cc:
            named_in.setdefault(top.cc, set()).add(c.text)
        if c.source == "demonym":  # counted already
            continue
        if top.feature == "country" and top.cc and _shared_country_name(es, top):
            continue  # 'Georgia': the country or a US state; the rest of the article decides
        if top.feature == "country" and top.cc:
            focus[top.cc] += 2.0
        elif top.cc and (len({e.cc for e in es}) == 1 or top.population >= 10 * max(
                (e.population for e in es if e.cc != top.cc), default=0)):
            focus[top.cc] += 1.0
            if top.admin1:
                afocus[(top.cc, top.admin1)] += 2.0 if top.feature == "admin" else 1.0
    fmax = max(focus.values(), default=0.0)
    amax = max(afocus.values(), default=0.0)
    by_start = {c.start: c for c in cands}

    # spatial coherence: the unambiguous places named in the article are anchors (a second pass
    # anchoring on every first-pass choice was tried and did not help)
    anchors: list[tuple[float, float, str]] = []
    for c in cands:
        es = _usable(c)
        if len({(e.cc, e.name) for e in es}) == 1 and es[0].feature != "country" and (
                c.source != "weak"):
            anchors.append((es[0].lat, es[0].lon, c.text))  # type: ignore[arg-type]
    mutual = _mutual_points(cands) if MUTUAL else []
    contain = _containment(cands)
    for c in cands:
        _score(c, focus, fmax, afocus, amax, anchors, cands, by_start, text, mutual, named_in,
               contain)


MUTUAL = 0.5
# a name this short that is only another name of a place (GeoNames alternate names hold many
# languages' spellings) is that place only in a country the article is about
SHORT_ALTERNATE = 4
# a town chosen among same-name readings with less confidence than this, near no other place of
# the article and outside its focus regions, is dropped (its readings are mostly wrong)
ISOLATED_TOWN_CONF = 0.55
MUTUAL_TOP = 10
MUTUAL_EXP = 1.0


def _mutual_points(cands: list[Candidate]) -> list[tuple[str, float, list[Entry]]]:
    """For every distinct name in the article: the points it may stand for (its most populous
    readings below country level) and a weight, lower the more readings it has. A reading of
    another name near one of these points is supported by the article's geography even when no
    place in it is unambiguous ('Paris' next to 'Memphis' and 'Jackson')."""
    seen: dict[str, list[Entry]] = {}
    for c in cands:
        if c.source in {"weak", "demonym"} or c.text in seen:
            continue
        es = sorted((e for e in _usable(c) if e.feature != "country" and e.lat is not None),
                    key=lambda e: -e.population)[:MUTUAL_TOP]
        if es:
            seen[c.text] = es
    return [(t, 1 / len(es) ** MUTUAL_EXP, es) for t, es in seen.items()]


# a town lying inside a county the article also names (and that county): 'Hall County' and
# 'Gainesville' are Georgia's, whichever state has the larger namesakes
CONTAIN = 1.0
CONTAIN_KM = 40.0
DWARFED = 100


def _is_county(e: Entry) -> bool:
    return e.feature == "admin" and bool(e.admin1) and e.name.rsplit(" ", 1)[-1] in _TYPE_TITLES


Containment = dict[str, tuple[list[Entry], list[Entry]]]


def _containment(cands: list[Candidate]) -> Containment:
    """Per distinct name of the article: its county readings and its town/city readings; empty
    when the article names no county."""
    out: Containment = {}
    for c in cands:
        if c.source in {"weak", "demonym"} or c.text in out:
            continue
        es = [e for e in _usable(c) if e.lat is not None]
        # a hamlet dwarfed by a namesake city of its own country is not the one meant, wherever
        # it lies ('Atlanta', Indiana, in a story naming Hamilton County)
        top = Counter[str]()
        for e in es:
            top[e.cc or ""] = max(top[e.cc or ""], e.population)
        out[c.text] = ([e for e in es if _is_county(e)],
                       [e for e in es if e.feature in {"town", "city"}
                        and e.population * DWARFED >= top[e.cc or ""]])
    return out if any(counties for counties, _ in out.values()) else {}


def _contained(e: Entry, text: str, contain: Containment) -> bool:
    """``e``, a reading of the name ``text``, is a town lying in a county reading of another
    name, or a county holding a town reading of another name."""
    counties, towns = contain.get(text, ([], []))
    if e.feature in {"town", "city"} and any(e.pid == x.pid for x in towns):
        others = [cs for t, (cs, _) in contain.items() if t != text]
    elif any(e.pid == x.pid for x in counties):
        others = [ts for t, (_, ts) in contain.items() if t != text]
    else:
        return False  # neither (or a dwarfed hamlet)
    dlat = CONTAIN_KM / 111.0
    lat, lon = e.lat or 0.0, e.lon or 0.0
    return any(abs((p.lat or 0.0) - lat) < dlat and haversine_km(lat, lon, p.lat or 0.0, p.lon or 0.0)
               < CONTAIN_KM for pts in others for p in pts)


def _near_any(e: Entry, pts: list[Entry]) -> bool:
    """One of ``pts`` lies near ``e`` (or, for a region, inside it)."""
    dlat = NEAR_KM / 111.0
    lat, lon = e.lat or 0.0, e.lon or 0.0
    for p in pts:
        if e.feature == "admin" and e.admin1 and p.cc == e.cc and p.admin1 == e.admin1:
            return True
        plat, plon = p.lat or 0.0, p.lon or 0.0
        if abs(plat - lat) < dlat and haversine_km(lat, lon, plat, plon) < NEAR_KM:
            return True
    return False


def _score(c: Candidate, focus: Counter[str], fmax: float, afocus: Counter[tuple[str, str]],
           amax: float, anchors: list[tuple[float, float, str]], cands: list[Candidate],
           by_start: dict[int, Candidate], text: str,
           mutual: list[tuple[str, float, list[Entry]]] = (),
           named_in: dict[str, set[str]] | None = None,
           contain: Containment | None = None) -> None:
    """Pick ``c.best`` and ``c.confidence``; ``named_in``: country -> names of the article whose
    likeliest reading lies there (and "" for a demonym of it)."""
    c.best, c.confidence = None, 0.0
    es = _usable(c)
    if not es:
        return
    qual = _qualifier(c, cands, by_start, text)
    if es[0].match == "fuzzy":  # spelling variants only inside countries the article is about
        es = tuple(e for e in es if e.cc and focus.get(e.cc, 0.0) >= (
            fmax if e.feature == "town" else 1.0)) or (
            es if c.place_word else ())
        if not es:
            return
    if fmax and len(c.text) <= SHORT_ALTERNATE:  # 'Boni' (Mali) is also a name of Bonn
        es = tuple(e for e in es if e.match != "alternate" or focus.get(e.cc or "", 0.0))
        if not es:
            return
    if any(e.feature == "other" and e.match == "exact" for e in es):
        # a curated feature of exactly this name ('White House') outranks the places that have
        # it only as one of their other names (Casablanca's translated name)
        es = tuple(e for e in es if e.match != "alternate" or e.feature == "other")
    scored: list[tuple[float, Entry]] = []
    linked: set[int] = set()  # entries near another place of the article (anchor or reading)
    shared = any(e.feature == "country" and _shared_country_name(es, e) for e in es)
    named_in = named_in or {}
    inside = {e.pid for e in es if contain and _contained(e, c.text, contain)}
    local = _local_namesake(es, afocus, amax) or next(
        (e for e in es if e.pid in inside and e.feature in {"town", "city"} and e.match == "exact"),
        None)
    for e in es:
        s = _prior(e)
        if shared and e.feature == "country" and fmax and focus.get(e.cc or "", 0.0) < fmax:
            s -= SHARED_NAME_PENALTY
        elif local is not None and e.cc != local.cc and not (
                named_in.get(e.cc or "", set()) - {c.text}):
            s -= SHARED_NAME_PENALTY  # 'Lebanon', 'Moscow' in a Tennessee story naming nothing abroad
        if fmax and e.cc:
            s += 1.2 * focus.get(e.cc, 0.0) / fmax
        elif fmax and e.feature == "other":
            s += 1.2  # an ocean or a continent lies in every article's scope, not abroad
        if amax and e.cc and e.admin1 and e.feature != "country":
            s += ADMIN_FOCUS * afocus.get((e.cc, e.admin1), 0.0) / amax
        if qual and e.cc in qual[0] and e.feature != "country":
            s += 3.0
            if qual[1] and e.admin1 in qual[1]:
                s += 1.0
        if c.place_word and e.feature == "admin" and c.entries and c.entries[0].match == "type":
            s += 0.3
        if anchors and e.feature != "country" and e.lat is not None and e.lon is not None:
            near = sum(1 for la, lo, t in anchors  # (a latitude gap alone can rule one out)
                       if t != c.text and abs(e.lat - la) < NEAR_KM / 111.0
                       and haversine_km(e.lat, e.lon, la, lo) < NEAR_KM)
            s += COHERENCE * min(near, 3)
            if near:
                linked.add(e.pid)
        if mutual and e.feature != "country" and e.lat is not None and e.lon is not None:
            sup = sum(w for t, w, pts in mutual if t != c.text and _near_any(e, pts))
            s += MUTUAL * min(sup, 3.0)
            if sup:
                linked.add(e.pid)
        if e.pid in inside:
            s += CONTAIN
            linked.add(e.pid)
        scored.append((s, e))
    scored.sort(key=lambda x: -x[0])
    top = scored[0][1]
    if (top.feature == "town" and fmax and not focus.get(top.cc or "", 0.0)
            and top.population < SMALL_TOWN and not c.place_word):
        return  # a small town abroad, unrelated to anything else named: likely a false hit
    if (top.feature == "admin" and fmax and focus.get(top.cc or "", 0.0) < fmax and not qual
            and top.pid not in linked and not c.place_word and _descriptive(c.text)):
        return  # 'the West Coast' in a story about California: not New Zealand's region
    needs_support = c.source == "weak" or (
        c.source == "dict" and top.feature == "town" and not c.place_word
        and c.label not in _CONVENTION_LABELS)  # an untagged or ORG/PERSON name that is a town
    if needs_support and not _supported(top, afocus, anchors, c.text):
        return  # a name that is also a town, with nothing else in the article near it
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 2.0
    conf = 1 / (1 + math.exp(-2.5 * margin))
    if (ISOLATED_TOWN_CONF and top.feature == "town" and len(scored) > 1 and not c.place_word
            and c.source != "given"  # a given span is a place: its best reading beats none
            and c.label not in _CONVENTION_LABELS and top.pid not in linked
            and not (top.admin1 and afocus.get((top.cc or "", top.admin1), 0.0))
            and conf < ISOLATED_TOWN_CONF):
        return  # one of several same-name towns, near nothing else named, chosen by a hair
    c.best = top
    if top.match == "fuzzy":
        conf *= 0.7
    c.confidence = round(min(0.99, conf), 3)


def _local_namesake(es: tuple[Entry, ...], afocus: Counter[tuple[str, str]],
                    amax: float) -> Entry | None:
    """A town or city of the name inside the article's main first-level region, when the
    article names places there more than once: a local story's 'Lebanon' or 'Jordan' is the
    town nearby unless something else in it points abroad. (The country's own mentions raise
    its focus, so the region decides, not the country focus.)"""
    if amax < LOCAL_REGION_MIN:
        return None
    for e in es:
        if (e.feature in {"town", "city"} and e.match == "exact" and e.cc and e.admin1
                and afocus.get((e.cc, e.admin1), 0.0) >= amax):
            return e
    return None


def _descriptive(name: str) -> bool:
    """A part word and a generic noun ('West Coast', 'Northern Region'): a description that
    some country's region happens to have as its name."""
    words = name.split()
    return len(words) == 2 and words[0] in cues()["partword"] and words[1].lower() in cues()["generic"]


def _shared_country_name(es: tuple[Entry, ...], country: Entry) -> bool:
    """A country's name is also exactly the name of a first-level region elsewhere."""
    return any(e.feature == "admin" and e.cc != country.cc and e.match in {"exact", "alternate"}
               and e.population >= SHARED_NAME_MIN_POP for e in es)


def _supported(e: Entry, afocus: Counter[tuple[str, str]],
               anchors: list[tuple[float, float, str]], text: str) -> bool:
    """A weak candidate's choice lies in a first-level region the article is about, or near one
    of its unambiguous places."""
    if e.cc and e.admin1 and afocus.get((e.cc, e.admin1), 0.0) >= 1.0:
        return True
    return e.lat is not None and e.lon is not None and any(
        t != text and haversine_km(e.lat, e.lon, la, lo) < NEAR_KM / 2 for la, lo, t in anchors)


def _qualifier(c: Candidate, cands: list[Candidate], by_start: dict[int, Candidate],
               text: str) -> tuple[set[str], set[str]] | None:
    """Countries/admin codes named right after 'X, ' ('Tripoli, Lebanon'; 'Paris, Texas')."""
    if not text:
        return None
    tail = text[c.end:c.end + 4]
    m = re.match(r"\s*,\s*", tail)
    if not m:
        return None
    nxt = by_start.get(c.end + m.end())
    if nxt is None:
        return None
    es = _usable(nxt)
    ccs = {e.cc for e in es if e.feature in {"country", "admin"} and e.cc}
    admins = {e.admin1 for e in es if e.feature == "admin" and e.admin1}
    return (ccs, admins) if ccs else None


# ------------------------------------------------------------------ records

_DIRECTION = (r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?")
_RELATIVE = re.compile(
    r"^\s*,?\s*((?:(?:about|some|around|nearly|roughly|approximately|almost|just|more than|less than"
    r"|over|under)\s+)?\d[\d,.]*\s*(?:-\s*)?(?:kilometers|kilometres|km|miles|mi)\b"
    r"(?:\s*\([^)]{0,40}\))?\s+(?:to the\s+|due\s+)?" + _DIRECTION
    + r"\s+of\s+(?:the\s+)?[\w-]+(?:\s+[A-Z][\w-]+){0,3})", re.IGNORECASE)


def relative_after(text: str, end: int) -> str | None:
    m = _RELATIVE.match(text[end:end + 160])
    return m.group(1).strip() if m else None


_FEATURES = {f.value: f for f in PlaceFeature}


def to_places(cands: list[Candidate], gz: Gazetteer, text: str) -> tuple[Place, ...]:
    groups: dict[int, list[Candidate]] = {}
    for c in cands:
        if c.best is not None:
            groups.setdefault(c.best.pid, []).append(c)
    places = []
    for members in groups.values():
        e = members[0].best
        assert e is not None
        rel = next((r for c in members if (r := relative_after(text, c.end))), None)
        mentions = tuple(Mention(start=c.start, end=c.end, text=text[c.start:c.end])
                         for c in sorted(members, key=lambda c: c.start))
        places.append(Place(
            id=stable_id("plc", e.geonameid if e.geonameid is not None else e.name),
            name=e.name, country=gz.iso3(e.cc), admin1=gz.admin1_name(e.cc, e.admin1),
            lat=e.lat, lon=e.lon, geonames_id=e.geonameid, feature=_FEATURES.get(e.feature),
            confidence=max(c.confidence for c in members), relative=rel, mentions=mentions))
    places.sort(key=lambda p: p.mentions[0].start)
    return tuple(places)


def actor_countries(ctx: "DocContext", gz: Gazetteer) -> list[str]:
    out = []
    for a in ctx.actors:
        cc = gz.iso2(a.country) if a.country else None
        if cc:
            out.append(cc)
    return out


_WORD_END = re.compile(r"[\w.'’-]+")


def _leading_place(c: Candidate, gz: Gazetteer) -> None:
    """'Marion County Sheriff's Office', 'Texas Department of Health', 'University of Ohio': when
    the whole name is unknown, the place inside it becomes the mention: its longest leading words,
    else the capitalised words after an inner 'of'/'at'/'in', that exactly name a country or region
    (or a town or city: then the candidate is weak, kept only where the article supports it).
    A lone name-prefix word leading a non-place name ('East' of 'East Lansing Police
    Department') is the start of a longer name, not a region called 'East'."""
    if c.source == "demonym" or c.label == "PERSON":
        return
    words = list(_WORD_END.finditer(c.text))
    subs = [(0, w.end()) for w in reversed(words[:-1][:MAX_CANDIDATE_TOKENS])]
    for i, w in enumerate(words[:-1]):
        if w.group() in _INNER_OF and words[i + 1].group()[:1].isupper():
            last = i + 1
            while (last + 1 < len(words) and last - i < MAX_CANDIDATE_TOKENS
                   and words[last + 1].group()[:1].isupper()):
                last += 1
            subs += [(words[i + 1].start(), words[j].end()) for j in range(last, i, -1)]
    town: tuple[int, int, tuple[Entry, ...]] | None = None
    for start, end in subs:
        sub = c.text[start:end].rstrip(".'’-")
        if sub.endswith(("'s", "’s")):
            sub = sub[:-2]
        if len(sub) < 3 or not sub[:1].isupper() or sub in cues()["nameprefix"]:
            continue  # 'East' of 'East Lansing Police Department': a longer name's first word
        es = gz.lookup_exact(sub)
        if not es or es[0].match not in {"exact", "alternate"}:
            continue
        if es[0].feature in LEADING_REGION_FEATURES:
            _narrow(c, start, sub, es)
            return
        if (town is None and es[0].feature in {"city", "town"}
                and es[0].population >= WEAK_MIN_POP and not (sub.isupper() and len(sub) <= 4)):
            town = (start, start + len(sub), es)
    if town is not None:
        _narrow(c, town[0], c.text[town[0]:town[1]], town[2])
        c.source = "weak"
        return
    # 'West Mosul', 'Eastern Aleppo': a part, named by its direction, of a place the gazetteer
    # knows: that place, the mention kept whole
    if len(words) >= 2 and words[0].group().capitalize() in cues()["partword"]:
        rest = c.text[words[1].start():].rstrip(".'’-")
        es = gz.lookup_exact(rest) if rest[:1].isupper() else ()
        if es and es[0].match in {"exact", "alternate"} and (
                es[0].feature in LEADING_REGION_FEATURES or es[0].population >= WEAK_MIN_POP):
            c.entries = es


_INNER_OF = frozenset({"of", "at", "in"})
LEADING_REGION_FEATURES = frozenset({"country", "admin", "other"})


def _narrow(c: Candidate, offset: int, sub: str, es: tuple[Entry, ...]) -> None:
    c.start += offset
    c.end, c.text, c.entries = c.start + len(sub), sub, es


def demonym_entries(gz: Gazetteer, text: str) -> tuple[Entry, ...]:
    """The country of a demonym ('Libyan', 'Libyans') as a one-entry candidate list, else ()."""
    country = gz.country(gz.demonym(text))
    if country is None:
        return ()
    return (Entry(**{**{f: getattr(country, f) for f in Entry.__slots__}, "match": "demonym"}),)


def resolve(ctx: "DocContext", gz: Gazetteer) -> tuple[Place, ...]:
    cands, demonyms = find_candidates(ctx, gz)
    for c in cands:
        if not c.entries:
            c.entries = demonym_entries(gz, c.text) if c.source == "demonym" else gz.lookup(c.text)
        if not c.entries:
            _leading_place(c, gz)
    cands = [c for c in cands if c.entries]
    disambiguate(cands, gz, demonyms=demonyms, actor_countries=actor_countries(ctx, gz),
                 text=ctx.article.text)
    return to_places(cands, gz, ctx.article.text)


def resolve_spans(ctx: "DocContext", gz: Gazetteer,
                  spans: list[tuple[int, int]]) -> list[Entry | None]:
    """Resolve given mention spans (evaluation with gold spans); demonyms resolve to countries."""
    text = ctx.article.text
    own, demonyms = find_candidates(ctx, gz)
    preset = {(c.start, c.end): c.entries for c in own if c.label == "STATE"}
    given = []
    for s, e in spans:
        c = Candidate(start=s, end=e, text=text[s:e], source="given")
        c.entries = preset.get((s, e)) or demonym_entries(gz, c.text) or gz.lookup(c.text)
        given.append(c)
    spans_set = {(c.start, c.end) for c in given}
    context = [c for c in own if (c.start, c.end) not in spans_set]
    for c in context:
        if not c.entries:
            c.entries = demonym_entries(gz, c.text) if c.source == "demonym" else gz.lookup(c.text)
    allc = sorted([c for c in given + context if c.entries], key=lambda c: c.start)
    disambiguate(allc, gz, demonyms=demonyms, actor_countries=actor_countries(ctx, gz), text=text)
    focus = focus_place(allc, gz, demonyms)
    return [c.best if c.best is not None else focus for c in given]


def focus_place(cands: list[Candidate], gz: Gazetteer, demonyms: list[str]) -> Entry | None:
    """Where the article is: its most-mentioned resolved place below country level, else its most
    mentioned country. Used for names the gazetteer does not know (a street, a church, a county)
    when a caller insists on a point for every given span."""
    local = Counter(c.best.pid for c in cands if c.best is not None and c.best.feature != "country")
    if local:
        pid = local.most_common(1)[0][0]
        return next(c.best for c in cands if c.best is not None and c.best.pid == pid)
    countries = Counter(c.best.cc for c in cands if c.best is not None and c.best.cc)
    countries.update(demonyms)
    if countries:
        return gz.country(countries.most_common(1)[0][0])
    return None
