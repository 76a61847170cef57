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
from eventlens.actors.words import (
    LOCATIVE_PREPS,
    PURE_LOCATIVE_PREPS,
    ALLY_WORDS,
    FORCE_FAMILY,
    GOV_FAMILY,
    DOMESTIC_SECTORS,
    FOCUS_SECTORS,
    FOREIGN_WORDS,
    LOADED_GOV,
    MAX_TITLE_TOKENS,
    RANK_ABBREVIATIONS,
    EQUIPMENT_NOUNS,
    PLACE_NOUNS,
    demonym_slot,
    descriptive_nominal,
    party_slot,
)
from eventlens.actors.sentence_country import (
    is_scene, own_country, sentence_countries, short_report_countries, story_country,
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


class _Resolver:
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

    def _mention(self, d: _Draft, start_tok: int, end_tok: int) -> None:
        span = self.doc[start_tok:end_tok]
        s, e = span.start_char, span.end_char
        if (s, e) not in d.mentions:
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
            hits = {k for alias, k in self.kb.names.items() if alias.startswith(n + " ")}
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
            if prep.lower_ in LOCATIVE_PREPS:
                return True
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
        # unknown organisation
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
        if not len(ent):
            return
        iso = self.kb.country_of(ent.text)
        root = ent.root
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

    # -- nominal actors -----------------------------------------------------
    def _is_actor_noun(self, tok: "Token") -> bool:
        return self.kb.sector_term(tok.lower_) is not None or self.kb.sector_term(tok.lemma_.lower()) is not None

    def _sector_of(self, tok: "Token") -> tuple[str, object] | None:
        prev = tok.nbor(-1) if tok.i > 0 else None
        if prev is not None and prev.pos_ in ("NOUN", "ADJ", "PROPN"):
            two = f"{prev.lower_} {tok.lower_}"
            st = self.kb.sector_term(two)
            if st:
                return two, st
        for form in (tok.lower_, tok.lemma_.lower()):
            st = self.kb.sector_term(form)
            if st:
                return form, st
        return None

    def run_nominals(self) -> None:
        for tok in self.doc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in self.token_actor:
                continue
            if tok.dep_ in ("compound",) and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
                continue  # "militia leader": the head decides
            if tok.dep_ == "poss" and self._owner(tok) is not None:
                continue  # "the warlord's forces": a title standing for a named person
            nxt = tok.i + 1
            if nxt < len(self.doc) and nxt in self.token_actor and (
                self.drafts[self.token_actor[nxt]].kind is ActorKind.PERSON
            ):
                continue  # a title before a name: "putschist general Haftar"
            found = self._sector_of(tok) or self._national_equipment(tok)
            if found is None or (tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.pos_ == "PROPN"):
                continue  # "West Bank" is a place, not a bank
            named = self._apposed_actor(tok)
            if named is not None:
                start = self._phrase_start(tok)
                self._mention(named, start, tok.i + 1)
                continue  # "Ahmed al-Mosmari, a spokesman ...", "Wagner, a private military company"
            term, st = found
            self._nominal(tok, term, st)

    def _national_equipment(self, tok: "Token") -> tuple[str, object] | None:
        """"Turkish drones", "Russian warplanes": a country's military, named by its weapons."""
        from eventlens.actors.kb import SectorTerm

        if tok.lemma_.lower() not in EQUIPMENT_NOUNS and tok.lower_ not in EQUIPMENT_NOUNS:
            return None
        for child in tok.lefts:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and self.kb.country_of(child.text):
                return tok.lower_, SectorTerm(term=tok.lower_, sector=Sector.MIL, kind="group")
        return None

    def _apposed_actor(self, tok: "Token") -> _Draft | None:
        """A named actor this noun is in apposition with (either direction)."""
        if tok.dep_ == "appos" and tok.head.i in self.token_actor:
            return self.drafts[self.token_actor[tok.head.i]]
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.token_actor:
                return self.drafts[self.token_actor[child.i]]
        return None

    def _phrase_start(self, tok: "Token") -> int:
        start = tok.i
        for child in tok.lefts:
            if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "npadvmod", "advmod", "punct", "quantmod"):
                start = min(start, child.left_edge.i)
        while start < tok.i and self.doc[start].lower_ in ("the", "a", "an", "their", "its", "his", "her"):
            start += 1
        while start < tok.i and self.doc[start].is_punct:
            start += 1
        return start

    def _nominal(self, tok: "Token", term: str, st: object) -> None:
        from eventlens.actors.kb import SectorTerm

        assert isinstance(st, SectorTerm)
        start = self._phrase_start(tok)
        mods = self.doc[start:tok.i]
        if descriptive_nominal(tok, list(mods), st.sector):
            return  # "the last functioning hospital", "two million people": no actor
        country: str | None = None
        affiliation: str | None = None
        possessor: _Draft | None = None
        capital_side: str | None = None
        for m in mods:
            iso = self.kb.country_of(m.text)
            if iso is None and self.kb.capital_of(m.text):
                iso = self.kb.capital_of(m.text)
                capital_side = iso  # "Tripoli officials": the government seated there
            if iso and country is None:
                country = iso
        # "rebels in Mali": the country of a locative phrase on the noun itself
        if country is None:
            for prep in tok.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "from"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and self.kb.country_of(obj.text):
                            country = self.kb.country_of(obj.text)
        # "government forces": the government is the side
        for m in mods:
            if m.lower_ in GOV_FAMILY and m.dep_ == "compound" and affiliation is None:
                ally = self._actor_for_word(m)
                if ally is not None:
                    affiliation = ally.key
                    country = country or ally.country
        # X-allied / X-backed
        for m in mods:
            if m.lower_ in ALLY_WORDS and m.i >= 2 and self.doc[m.i - 1].text == "-":
                ally_word = self.doc[m.i - 2]
                ally = self._actor_for_word(ally_word)
                if ally is not None:
                    affiliation = ally.key
                    country = country or ally.country
        # possessor: "Haftar's militias", "the warlord's forces", "Haftar forces"
        for child in tok.lefts:
            if child.dep_ == "poss" or (
                child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG")
            ):
                owner = self._owner(child)
                if owner is not None:
                    possessor = owner
        if possessor is not None:
            affiliation = possessor.key
            country = country or possessor.country
        elif capital_side is not None and affiliation is None and (
            tok.lower_ not in GOV_FAMILY and tok.lemma_ not in GOV_FAMILY
        ):
            affiliation = self._government_for(capital_side).key
        family = (
            "forces" if tok.lower_ in FORCE_FAMILY or tok.lemma_ in FORCE_FAMILY
            else "government" if tok.lower_ in GOV_FAMILY or tok.lemma_ in GOV_FAMILY
            else tok.lemma_.lower()
        )
        if (family == "government" and country is None and tok.lemma_.lower() not in LOADED_GOV
                and tok.tag_ != "NNS" and not any(m.lower_ in FOREIGN_WORDS for m in mods)):
            country = self.focus  # "the internationally-recognized government" of the story's country
        if possessor is not None and family == "forces" and possessor.kind in (
            ActorKind.GROUP, ActorKind.ORGANIZATION
        ) and possessor.sector in (Sector.MIL, Sector.REB, Sector.INS, Sector.UAF):
            self._mention(possessor, start, tok.i + 1)  # "LAAF forces" are the LAAF
            return
        if st.sector is Sector.MIL and country and affiliation is None and all(
                self.kb.country_of(m.text) == country or m.dep_ == "det" for m in mods):
            national = self.kb.national_force(country, tok.text)
            if national is not None:  # "Sudan army" (the dictionary has "Sudanese army")
                d = self._kb_draft(national)
                d.family = d.family or "forces"
                self._mention(d, start, tok.i + 1)
                return
        if affiliation is not None and possessor is not None and family == "forces":
            kb_org = self._kb_forces_of(possessor)
            if kb_org is not None:
                self._mention(kb_org, start, tok.i + 1)
                return
        if st.kind == "person":
            kind = ActorKind.ANONYMOUS
        elif family == "government":
            kind = ActorKind.ORGANIZATION
        else:
            kind = ActorKind.GROUP
        sector = st.sector
        if possessor is not None and possessor.sector in (Sector.MIL, Sector.REB) and family == "forces":
            sector = possessor.sector
        # anaphora: "the militia", "the command" refer back to a salient actor
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.lefts)
        bare = all(m.lower_ in ("the", "this", "that") or m.is_punct for m in mods)
        if definite and bare and possessor is None and kind is not ActorKind.ANONYMOUS:
            earlier = [
                d for d in self.drafts.values()
                if d.mentions and min(d.mentions)[0] < tok.idx
                and (d.family == family or (d.kb_key and tok.lower_ in d.name.lower().split()))
            ]
            log.debug("anaphora %s -> %s", tok.text, [d.key for d in earlier])
            if earlier:
                earlier.sort(key=lambda d: (d.kb_key is not None or d.affiliation is not None,
                                            len(d.mentions), max(d.mentions)[0]))
                self._mention(earlier[-1], start, tok.i + 1)
                return
        pronoun = next((c for c in tok.lefts if c.dep_ == "poss" and c.pos_ == "PRON"
                        and c.lower_ in ("their", "its")), None)
        if pronoun is not None and family == "forces":
            prev = self._recent_subject(tok)
            if prev is not None:
                if prev.family == "forces":
                    self._mention(prev, start, tok.i + 1)
                    return
                affiliation, country = prev.key, country or prev.country
        if country is None and affiliation is None and self._takes_focus(tok, mods, sector):
            # "the army" in a story (or a sentence) about Mali is Mali's army
            country = self.focus or self._sentence_country(tok)
        if family == "government" and affiliation is None and country is not None and sector is Sector.GOV:
            d = self._government_for(country)
            self._mention(d, start, tok.i + 1)
            return
        key = f"nom:{family}:{country}:{sector}:{affiliation}:{kind}"
        if country is None and affiliation is None:
            key += f":{tok.lemma_.lower()}"
        if kind is ActorKind.ANONYMOUS:
            key += f":{tok.i}"
        name_start = start
        while name_start < tok.i and (
            self.doc[name_start].dep_ in ("nummod", "quantmod", "advmod")
            or self.doc[name_start].like_num or self.doc[name_start].is_punct
            or self.doc[name_start].lower_ in ("at", "least", "most")
        ):
            name_start += 1  # "at least 43 civilians" is named "civilians"
        text = self.doc[name_start:tok.i + 1].text
        d = self._draft(
            key, name=text, kind=kind, country=country, sector=sector,
            affiliation=affiliation, family=family,
            role=term if st.kind == "person" else None,
        )
        if d.code is None and country and sector:
            d.code = f"{country}{sector}"
        self._mention(d, start, tok.i + 1)
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "from") and d.affiliation is None:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        self._pending_affiliation.append((d.key, obj.i))

    def _takes_focus(self, tok: "Token", mods: "Span", sector: Sector | None) -> bool:
        """A bare domestic-sector or armed-group noun ("the army", "police", "rebels") belongs to
        the story's country, as CAMEO codes domestic insurgents (MLIREB)."""
        if sector not in FOCUS_SECTORS:
            return False
        return not any(m.lower_ in FOREIGN_WORDS or m.ent_type_ == "NORP" for m in mods)

    def _sentence_country(self, tok: "Token") -> str | None:
        if self._sent_country is None:
            self._sent_country = sentence_countries(self.doc, self.kb)
        return self._sent_country.get(tok.sent.start)

    def _recent_subject(self, tok: "Token") -> _Draft | None:
        """The actor that was the subject in this or the previous sentence ("their troops")."""
        sent = tok.sent
        lo = sent.start
        if lo > 0:
            lo = self.doc[lo - 1].sent.start
        for i in range(tok.i - 1, lo - 1, -1):
            t = self.doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") and i in self.token_actor:
                return self.drafts[self.token_actor[i]]
        return None

    def _government_for(self, iso3: str) -> _Draft:
        """The country's government: a dictionary government body named in the article wins."""
        for d in self.drafts.values():
            if d.kb_key and d.country == iso3 and d.sector is Sector.GOV and d.kind is ActorKind.ORGANIZATION:
                return d
        return self._government_draft(iso3)

    def _actor_for_word(self, tok: "Token") -> _Draft | None:
        if tok.i in self.token_actor:
            return self.drafts[self.token_actor[tok.i]]
        iso = self.kb.capital_of(tok.text) or self.kb.country_of(tok.text)
        if iso:
            return self._government_for(iso)
        if tok.lower_ in GOV_FAMILY and self.focus:
            return self._government_for(self.focus)
        return None

    def _owner(self, tok: "Token") -> _Draft | None:
        """The actor a possessor token stands for (name, or a title used as a name)."""
        if tok.i in self.token_actor:
            return self.drafts[self.token_actor[tok.i]]
        word = tok.lower_
        people = [d for d in self.drafts.values() if d.kind is ActorKind.PERSON and word in d.titles]
        if people:
            return max(people, key=lambda d: len(d.mentions))
        return None

    def _kb_forces_of(self, owner: _Draft) -> _Draft | None:
        """"Haftar's forces" → the armed organisation the dictionary ties Haftar to."""
        if owner.kb_key is None:
            return None
        entry = self.kb.entries.get(owner.kb_key)
        if entry is None or not entry.affiliation:
            return None
        org = self.kb.entries.get(entry.affiliation)
        if org is None or org.sector not in (Sector.MIL, Sector.REB, Sector.INS, Sector.UAF):
            return None
        d = self._kb_draft(org)
        d.family = "forces"
        return d

    # -- finishing -------------------------------------------------------------
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
