"""Actor resolution in context: spaCy doc + actor dictionary → canonical actors.

Resolution is compositional: "Russian Foreign Minister Sergey Lavrov" gives a person
with country RUS from the adjective and sector GOV from the title; "Haftar's militias"
gives a group affiliated with Haftar; "a spokesman for the militia" gets the militia as
its affiliation; "Lavrov" later is the same actor as "Sergey Lavrov".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventlens.actors.kb import ActorKB, Entry, norm
from eventlens.actors.nominals import NominalMixin
from eventlens.actors.words import (
    LOCATIVE_PREPS,
    PURE_LOCATIVE_PREPS,
    DOMESTIC_SECTORS,
    MAX_TITLE_TOKENS,
    RANK_ABBREVIATIONS,
    PLACE_NOUNS,
    demonym_slot,
    party_slot,
)
from eventlens.actors.sentence_country import (
    is_scene, own_country, short_report_countries, story_country,
)
from eventlens.context import SpanIndex
from eventlens.nlp import doc_text
from eventlens.types import Actor, ActorKind, Article, Mention, Sector, stable_id

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Draft:
    """An actor under construction (mutable while the article is read)."""

    key: str  # identity key inside the article
    name: str
    kind: ActorKind
    country: str | None = None
    sector: Sector | None = None
    code: str | None = None
    role: str | None = None
    affiliation: str | None = None  # draft key
    kb_key: str | None = None
    titles: set[str] = field(default_factory=set)
    family: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


class _Resolver(NominalMixin):
    def __init__(self, article: Article, doc: "Doc", kb: ActorKB) -> None:
        self.article = article
        self.doc = doc
        self.kb = kb
        self.drafts: dict[str, _Draft] = {}
        self.token_actor: dict[int, str] = {}  # token index -> draft key
        self._ents = list(doc.ents)
        self._words_in_text = set(norm(doc_text(doc)).split())
        self.focus = story_country(doc, kb)
        self._sent_country: dict[int, str | None] | None = None

    # -- helpers ---------------------------------------------------------
    def _draft(self, key: str, **kwargs: object) -> _Draft:
        d = self.drafts.get(key)
        if d is None:
            d = _Draft(key=key, **kwargs)  # type: ignore[arg-type]
            self.drafts[key] = d
        return d

    def _kb_draft(self, entry: Entry) -> _Draft:
        d = self._draft(
            entry.key,
            name=entry.name,
            kind=entry.kind,
            country=entry.country,
            sector=entry.sector,
            code=entry.code,
            role=entry.role,
            kb_key=entry.key,
        )
        if entry.affiliation and d.affiliation is None and entry.affiliation in self.kb.entries:
            d.affiliation = entry.affiliation  # resolved to a present actor at the end
        return d

    def _line_start(self, start_tok: int, end_tok: int) -> int:
        """The first token of [start_tok, end_tok) after its last line break: no actor name or
        mention runs across a line or paragraph break (a headline and the next paragraph)."""
        for i in range(end_tok - 1, start_tok, -1):
            prev = self.doc[i - 1]
            if "\n" in prev.text or "\n" in prev.whitespace_:
                return i
        return start_tok

    def _mention(self, d: _Draft, start_tok: int, end_tok: int) -> None:
        start_tok = self._line_start(start_tok, end_tok)
        if start_tok >= end_tok:
            return
        span = self.doc[start_tok:end_tok]
        s, e = span.start_char, span.end_char
        if (s, e) not in d.mentions:
            # a longer mention of the same actor replaces one nested in it ("Russian military"
            # inside "Russian military aircraft")
            d.mentions[:] = [m for m in d.mentions if not (s <= m[0] and m[1] <= e)]
            d.mentions.append((s, e))
        for i in range(start_tok, end_tok):
            self.token_actor.setdefault(i, d.key)

    def _country_draft(self, iso3: str) -> _Draft | None:
        entry = self.kb.country_entry(iso3)
        return self._kb_draft(entry) if entry else None

    def _government_draft(self, iso3: str) -> _Draft:
        country = self.kb.countries.get(iso3)
        name = f"{country.name} government" if country else f"{iso3} government"
        return self._draft(
            f"gov:{iso3}", name=name, kind=ActorKind.ORGANIZATION, country=iso3,
            sector=Sector.GOV, code=f"{iso3}GOV", family="government",
        )

    # -- named entities ----------------------------------------------------
    def run_entities(self) -> None:
        for ent in self._ents:
            label = ent.label_
            if label in ("PERSON", "ORG"):
                self._named(ent)
            elif label in ("GPE", "LOC"):
                self._gpe(ent)
            elif label == "NORP":
                self._norp(ent)

    def _strip(self, ent: "Span") -> "Span":
        """Drop leading determiners and trailing prepositions/punctuation from an entity."""
        start, end = ent.start, ent.end
        while start < end and self.doc[start].lower_ in ("the", "a", "an"):
            start += 1
        while end > start and (self.doc[end - 1].pos_ in ("ADP", "PUNCT", "CCONJ") or self.doc[end - 1].tag_ == "POS"):
            end -= 1
        return self.doc[start:end]

    def _lookup_entity(self, ent: "Span") -> Entry | None:
        if ent.ent_id_ and ent.ent_id_ in self.kb.entries:
            return self.kb.entries[ent.ent_id_]
        entry = self.kb.lookup(ent.text)
        if entry is not None:
            return entry
        # "United Nations Support Mission in" (the country got lost): unique prefix match
        n = norm(ent.text)
        if len(n.split()) >= 3:
            hits = self.kb.keys_with_prefix(n + " ")
            if len(hits) == 1:
                return self.kb.entries[hits.pop()]
        return None

    def _extend(self, ent: "Span") -> "Span":
        """Extend a name over following capitalised words ("United Nations" + "Support Mission")."""
        end = ent.end
        while end < len(self.doc) and end - ent.end < 5:
            t = self.doc[end]
            if t.is_title and t.is_alpha and not t.is_sent_start and (t.ent_type_ in ("", "ORG")):
                end += 1
            else:
                break
        return self.doc[ent.start:end] if end > ent.end else ent

    def _is_place_like(self, ent: "Span") -> bool:
        """An unknown name used as a place: "the town of X", "in X", "near X"."""
        root = ent.root
        if root.dep_ == "pobj":
            prep = root.head
            if prep.lower_ in LOCATIVE_PREPS and not (
                    prep.lower_ == "to" and prep.head.lower_ == "according"):
                return True  # "according to X" names a source, never a place
            if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
                return True
        if root.dep_ in ("appos", "compound") and root.head.lemma_.lower() in PLACE_NOUNS:
            return True
        return False

    def _named(self, ent: "Span") -> None:
        label = ent.label_
        ent = self._strip(ent)
        if not len(ent) or not any(t.is_alpha for t in ent):
            return
        if all(self.token_actor.get(i, "").startswith("org:") for i in range(ent.start, ent.end)):
            return  # inside a longer name resolved already ("Libya Red Crescent")
        if ent.text.lower().rstrip(".") in RANK_ABBREVIATIONS:
            return  # "Brig." split off "Brig. Gen. Nabil Abdallah"
        if self.kb.country_of(ent.text) or self.kb.capital_of(ent.text):
            self._gpe(ent)  # the model's PERSON/ORG on a country or capital ("Kiev")
            return
        entry = self._lookup_entity(ent)
        if label == "ORG":
            longer = self._strip(self._extend(ent))
            if longer.end > ent.end:
                longer_entry = self._lookup_entity(longer)
                if longer_entry is not None or "mission" in norm(longer.text).split():
                    ent, entry = longer, longer_entry
        if entry is not None:
            if entry.platform:
                return
            if entry.kind is ActorKind.COUNTRY:
                self._gpe(ent)
                return
            d = self._kb_draft(entry)
            self._mention(d, ent.start, ent.end)
            if entry.kind is ActorKind.PERSON:
                self._compose_person(d, ent)
            return
        if self._is_place_like(ent):
            return
        title = self._title_tokens(ent)
        titled_person = any(
            (st := self.kb.sector_term(t.lower_)) is not None and st.kind == "person" for t in title
        )
        if label == "PERSON" or titled_person or (len(ent) == 1 and self._name_part(ent) is not None):
            d = self._person_by_name(ent)
            self._mention(d, ent.start, ent.end)
            self._compose_person(d, ent)
            return
        if "mission" in norm(ent.text).split():
            self._missions.append(ent)
            return
        # unknown organisation; "of <country>" after it is part of its name
        of_country = self._of_country(ent)
        if of_country is not None:
            ent = self.doc[ent.start:of_country.end]
        d = self._draft(
            f"org:{norm(ent.text)}", name=ent.text, kind=ActorKind.ORGANIZATION,
        )
        self._mention(d, ent.start, ent.end)
        iso = self._modifier_country(ent)
        if iso and d.country is None:
            d.country = iso
        head = self.kb.sector_term(ent[-1].lower_) or self.kb.sector_term(ent[-1].lemma_.lower())
        if head is not None and d.sector is None:
            d.sector = head.sector
            if d.country is None and head.sector in DOMESTIC_SECTORS:
                d.country = self.focus

    def _of_country(self, ent: "Span") -> "Span | None":
        """The country entity right after "<name> of" ("the Law Society of Kenya")."""
        i = ent.end
        if i + 1 >= len(self.doc) or self.doc[i].lower_ != "of":
            return None
        gpe = next((e for e in self._ents if e.start == i + 1 and e.label_ == "GPE"), None)
        return gpe if gpe is not None and self.kb.country_of(gpe.text) else None

    def _name_part(self, ent: "Span") -> _Draft | Entry | None:
        """A lone first or last name of a person named more fully in the article."""
        word = norm(ent.text)
        words_in_text = self._words_in_text
        for d in self.drafts.values():
            parts = norm(d.name).split()
            if d.kind is ActorKind.PERSON and len(parts) > 1 and word in (parts[0], parts[-1]):
                return d
        for other in self._ents:
            if other.label_ == "PERSON" and other.ent_id_ in self.kb.entries:
                parts = norm(self.kb.entries[other.ent_id_].name).split()
                if len(parts) > 1 and word in (parts[0], parts[-1]) and set(parts) & words_in_text:
                    return self.kb.entries[other.ent_id_]
        return None

    def _modifier_country(self, ent: "Span") -> str | None:
        """Country from words before a name or inside it ("Libyan", "Tripoli-based")."""
        for t in [*self._title_tokens(ent), *ent]:
            iso = self.kb.country_of(t.text)
            if iso:
                return iso
        return None

    def _person_by_name(self, ent: "Span") -> _Draft:
        """A person not in the dictionary; a lone first or last name joins a fuller name."""
        if len(norm(ent.text).split()) == 1:
            part = self._name_part(ent)
            if isinstance(part, _Draft):
                return part
            if isinstance(part, Entry):
                return self._kb_draft(part)
        learned = self._learned_person(ent)
        name = learned.name if learned is not None else ent.text
        d = self._draft(f"person:{norm(name)}", name=name, kind=ActorKind.PERSON)
        if learned is not None and d.country is None:
            d.country, d.sector, d.role, d.code = learned.country, learned.sector, learned.role, learned.code
        return d

    def _learned_person(self, ent: "Span") -> Entry | None:
        """A person learned from earlier articles: the full name, or its last two or more words."""
        n = norm(ent.text)
        hit = self.kb.learned.get(n)
        if hit is not None or len(n.split()) < 2:
            return hit
        tails = [e for k, e in self.kb.learned.items() if k.endswith(" " + n)]
        return tails[0] if len(tails) == 1 else None

    def run_missions(self) -> None:
        """"the U.N. Mission" → the one UN mission named in the article, if there is one."""
        missions = [
            d for d in self.drafts.values()
            if d.kb_key and d.kind is ActorKind.IGO and "mission" in d.name.lower()
        ]
        for ent in self._missions:
            if len(missions) == 1:
                self._mention(missions[0], ent.start, ent.end)
            else:
                d = self._draft(f"org:{norm(ent.text)}", name=ent.text, kind=ActorKind.IGO,
                                sector=Sector.IGO)
                self._mention(d, ent.start, ent.end)

    def _title_tokens(self, ent: "Span") -> list["Token"]:
        """Premodifier tokens of a name inside its noun phrase ("Russian Foreign Minister")."""
        toks: list[Token] = []
        i = ent.start - 1
        while i >= 0 and ent.start - i <= MAX_TITLE_TOKENS:
            t = self.doc[i]
            if t.is_punct and t.text not in ("-", "."):
                break
            if t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON", "SCONJ", "NUM") or t.lower_ in ("the", "a", "an"):
                break
            if t.tag_ == "POS":
                break
            toks.insert(0, t)
            i -= 1
        return toks

    def _apply_titles(self, d: _Draft, words: list[str]) -> None:
        text = " ".join(w.lower() for w in words)
        for w in words:
            iso = self.kb.country_of(w)
            if iso and d.country is None:
                d.country = iso
        low = [w.lower().strip(".") for w in words]
        best: tuple[int, str] | None = None
        for i in range(len(low)):
            for j in range(len(low), i, -1):
                term = " ".join(low[i:j])
                st = self.kb.sector_term(term)
                if st and (best is None or j - i > best[0]):
                    best = (j - i, term)
        if best:
            st = self.kb.sector_term(best[1])
            assert st is not None
            if d.sector is None:
                d.sector = st.sector
            if d.role is None and st.kind == "person":
                d.role = best[1]
        if {"un", "u.n", "u.n.", "united"} & set(low) and d.country is None:
            d.sector = d.sector or Sector.IGO
        for w in low:
            if self.kb.sector_term(w):
                d.titles.add(w)
        if text:
            d.titles.add(text)

    def _compose_person(self, d: _Draft, ent: "Span") -> None:
        self._compose_person_titles(d, ent)
        if d.country is None and d.kb_key is None and d.sector in DOMESTIC_SECTORS:
            # "President Salome Zourabichvili" in a story (or a sentence) about Georgia
            d.country = self.focus or self._sentence_country(ent.root)

    def _compose_person_titles(self, d: _Draft, ent: "Span") -> None:
        title = self._title_tokens(ent)
        if title:
            self._apply_titles(d, [t.text for t in title])
        # apposition: "Ahmed al-Mosmari, a spokesman for the militia"
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.i > ent.end - 1:
                self._apply_apposition(d, child)
        if root.dep_ == "appos" and root.head.i < ent.start:
            self._apply_apposition(d, root.head)

    def _apply_apposition(self, d: _Draft, noun: "Token") -> None:
        words = [t.text for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod")] + [noun.text]
        self._apply_titles(d, words)
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "with", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        self._pending_affiliation.append((d.key, obj.i))

    def _gpe(self, ent: "Span") -> None:
        ent = self._strip(ent)
        if not len(ent) or all(i in self.token_actor for i in range(ent.start, ent.end)):
            return  # part of a name resolved already ("the Law Society of Kenya")
        iso = self.kb.country_of(ent.text)
        root = ent.root
        if iso is not None and self._country_led_name(ent, iso):
            return
        if iso is not None:
            if root.dep_ == "pobj" and root.head.lower_ in PURE_LOCATIVE_PREPS:
                self._scene(root, iso, ent)
                return  # only a place: "in Libya"; "weapons to Ukraine" is a recipient
            if root.dep_ in ("compound", "amod") and root.head.pos_ in ("NOUN", "PROPN") and self._is_actor_noun(root.head):
                return  # modifier of an actor noun: handled there ("Libya government")
            d = self._country_draft(iso)
            if d is not None:
                self._mention(d, ent.start, ent.end)
            return
        cap = self.kb.capital_of(ent.text)
        if cap is None:
            return
        if root.dep_ == "pobj" and root.head.lower_ in PURE_LOCATIVE_PREPS:
            self._scene(root, cap, ent)
            return
        if party_slot(root):  # capital as metonym: "Moscow said", "accused Ankara of"
            self._mention(self._government_draft(cap), ent.start, ent.end)

    def _country_led_name(self, ent: "Span", iso: str) -> bool:
        """An unknown organisation whose name starts with its country ("the Kenya Human Rights
        Commission"): the country name modifies a run of capitalised words ending in the head."""
        head = ent.root
        while head.dep_ == "compound" and head.head.i > head.i and head.head.tag_ in ("NNP", "NNPS"):
            head = head.head
        run = self.doc[ent.end:head.i + 1]
        if head.i < ent.end or head.i in self.token_actor or not all(
                t.is_title or t.is_upper for t in run) or any(self._is_actor_noun(t) for t in run):
            return False  # "Nigeria Police Force": an actor noun, the nominal pass decides
        name = self.doc[ent.start:head.i + 1]
        if self.kb.lookup(name.text) is not None:
            return False  # a dictionary name: the entity pass owns it
        d = self._draft(f"org:{norm(name.text)}", name=name.text, kind=ActorKind.ORGANIZATION,
                        country=iso)
        self._mention(d, name.start, name.end)
        return True

    def _scene(self, root: "Token", iso3: str, ent: "Span") -> None:
        """A country (or its capital) as the scene of an act is a mention of the country."""
        scene = self._country_draft(iso3) if is_scene(root) else None
        if scene is not None:
            self._mention(scene, ent.start, ent.end)

    def _norp(self, ent: "Span") -> None:
        root = ent.root
        iso = self.kb.country_of(ent.text)
        if iso is None:
            return
        if root.dep_ in ("amod", "compound", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
            plain = self._sector_of(root.head) is None and demonym_slot(root.head)
            d = self._country_draft(iso) if plain else None
            if d is not None:  # "shelled Avarian positions": the country, coded bare (CAMEO)
                self._mention(d, ent.start, ent.end)
            return  # adjective: used by the phrase it modifies
        if root.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "conj", "appos"):
            d = self._draft(
                f"people:{iso}", name=ent.text, kind=ActorKind.GROUP, country=iso,
                sector=Sector.CVL, code=f"{iso}CVL", family="people",
            )
            self._mention(d, ent.start, ent.end)

    def resolve_pending(self) -> None:
        for key, tok_i in self._pending_affiliation:
            key = self._merged.get(key, key)
            d = self.drafts.get(key)
            if d is None:
                continue
            if d.affiliation is not None and d.affiliation in self.drafts:
                continue
            target = self.token_actor.get(tok_i)
            if target is None:
                # "for the militia" resolved later as a nominal: find by token
                continue
            if target != key:
                d.affiliation = target
                other = self.drafts[target]
                d.country = d.country or other.country
        # spokespeople without an explicit side: nearest preceding group in the sentence
        for d in self.drafts.values():
            if d.kind is ActorKind.PERSON and d.role and "spokes" in d.role and (
                d.affiliation is None or d.affiliation not in self.drafts
            ):
                first = d.mentions[0][0]
                sent = next((s for s in self.doc.sents if s.start_char <= first < s.end_char), None)
                if sent is None:
                    continue
                cands = [
                    o for o in self.drafts.values()
                    if o is not d and o.kind in (ActorKind.GROUP, ActorKind.ORGANIZATION, ActorKind.IGO)
                    and any(sent.start_char <= s < first for s, _ in o.mentions)
                ]
                if cands:
                    best = max(cands, key=lambda o: max(s for s, _ in o.mentions if s < first))
                    d.affiliation = best.key
                    d.country = d.country or best.country

    def merge_surnames(self) -> None:
        """"Lavrov" after "Sergey Lavrov" is one actor."""
        persons = [d for d in self.drafts.values() if d.kind is ActorKind.PERSON]
        for short in persons:
            parts = norm(short.name).split()
            if len(parts) != 1 or short.kb_key is not None:
                continue
            for full in persons:
                fparts = norm(full.name).split()
                if full is not short and len(fparts) > 1 and parts[0] in (fparts[0], fparts[-1]):
                    full.mentions.extend(short.mentions)
                    full.titles |= short.titles
                    for f in ("country", "sector", "role", "affiliation"):
                        if getattr(full, f) is None:
                            setattr(full, f, getattr(short, f))
                    del self.drafts[short.key]
                    self._merged[short.key] = full.key
                    for other in self.drafts.values():
                        if other.affiliation == short.key:
                            other.affiliation = full.key
                    for k, v in list(self.token_actor.items()):
                        if v == short.key:
                            self.token_actor[k] = full.key
                    break

    def finish(self) -> tuple[tuple[Actor, ...], SpanIndex]:
        ids: dict[str, str] = {}
        sole = short_report_countries(self.doc, self.kb)
        for d in self.drafts.values():  # unknown names in a short report: their sentence's country
            if sole and d.country is None and d.kb_key is None and d.affiliation is None \
                    and d.mentions and d.family is None \
                    and d.kind in (ActorKind.PERSON, ActorKind.ORGANIZATION):
                d.country = own_country(self.doc, self.kb, d.mentions[0], sole)
        for key, d in self.drafts.items():
            if not d.mentions and key not in {x.affiliation for x in self.drafts.values()}:
                continue
            if d.kb_key is not None:
                ids[key] = stable_id("act", d.kb_key)
            elif d.kind is ActorKind.PERSON:
                ids[key] = stable_id("act", "person", norm(d.name))
            else:
                ids[key] = stable_id("act", self.article.id, key)
        actors = []
        text = self.article.text
        for key, d in self.drafts.items():
            if key not in ids:
                continue
            if d.code is None and d.country and d.sector:
                d.code = f"{d.country}{d.sector}"
            mentions = tuple(
                Mention(start=s, end=e, text=text[s:e]) for s, e in sorted(set(d.mentions))
            )
            actors.append(
                Actor(
                    id=ids[key],
                    name=d.name,
                    kind=d.kind,
                    country=d.country,
                    sector=d.sector,
                    code=d.code,
                    affiliation=ids.get(d.affiliation) if d.affiliation else None,
                    role=d.role,
                    mentions=mentions,
                )
            )
        actors.sort(key=lambda a: (a.mentions[0].start if a.mentions else len(text), a.id))
        index = SpanIndex([(m.start, m.end, a.id) for a in actors for m in a.mentions])
        return tuple(actors), index

    _pending_affiliation: list[tuple[str, int]]
    _missions: list["Span"]
    _merged: dict[str, str]


def resolve(article: Article, doc: "Doc", kb: ActorKB) -> tuple[tuple[Actor, ...], SpanIndex]:
    r = _Resolver(article, doc, kb)
    r._pending_affiliation = []
    r._missions = []
    r._merged = {}
    r.run_entities()
    r.run_missions()
    r.merge_surnames()
    r.run_nominals()
    r.resolve_pending()
    return r.finish()
