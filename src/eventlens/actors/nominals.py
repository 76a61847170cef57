"""Nominal actors: descriptions that name an actor ("the army", "Haftar's militias", "forces
loyal to Haftar", "two Tripoli officials", "Turkish drones"), their country, side and sector.

A mixin of the resolver in :mod:`eventlens.actors.resolve` (it reads and extends the resolver's
drafts and token map); kept apart so each module stays readable.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from eventlens.actors.sentence_country import sentence_countries
from eventlens.actors.words import (
    ALLY_WORDS,
    EQUIPMENT_NOUNS,
    FOCUS_SECTORS,
    FOREIGN_WORDS,
    FORCE_FAMILY,
    GOV_FAMILY,
    LOADED_GOV,
    descriptive_nominal,
)
from eventlens.types import ActorKind, Sector

# sectors of an armed organisation ("LAAF forces", "Haftar's forces" are such a group)
ARMED_SECTORS = (Sector.MIL, Sector.REB, Sector.INS, Sector.UAF)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from eventlens.actors.resolve import _Draft

log = logging.getLogger(__name__)


class NominalMixin:
    """Nominal-phrase methods of the resolver (see the module docstring)."""

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

    def _nominal_candidates(self) -> list[int]:
        """Tokens that may name a nominal actor: a sector term (alone or after the word before
        it) or a piece of equipment, by form or lemma; read from the doc's attribute table, so
        the other tokens cost no Token object."""
        from eventlens.nlp.tokens import TokenTable

        tb = TokenTable.of(self.doc)
        lower, lemma = tb.lower, tb.lemma
        term = self.kb.sector_term
        return [i for i, (low, lem) in enumerate(zip(lower, lemma))
                if low in EQUIPMENT_NOUNS or lem in EQUIPMENT_NOUNS or term(low) or term(lem)
                or (i and term(f"{lower[i - 1]} {low}"))]

    def run_nominals(self) -> None:
        doc = self.doc
        for i in self._nominal_candidates():
            tok = doc[i]
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
            if named is not None and not (named.kind is ActorKind.PERSON and tok.tag_ == "NNS"):
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
        return self._line_start(start, tok.i + 1)

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
                        if obj.dep_ == "pobj" and (iso := self.kb.country_of(obj.text)
                                                   or self.kb.capital_of(obj.text)):
                            country = iso  # "the government in Tripoli" too
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
        # "forces loyal to X", "militias allied with X": X's side, as a possessor would be
        if tok.lower_ in FORCE_FAMILY or tok.lemma_ in FORCE_FAMILY:
            for r in tok.rights:
                ally = self._loyal_to(r)
                if ally is not None:
                    possessor = ally
                    break
        # possessor: "Haftar's militias", "the warlord's forces", "Haftar forces"
        for child in tok.lefts:
            if child.dep_ == "poss" or (
                child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG")
            ):
                owner = self._owner(child)
                if owner is not None:
                    possessor = owner
        if possessor is None and (tok.lower_ in FORCE_FAMILY or tok.lemma_ in FORCE_FAMILY) and start == tok.i and tok.i > 0:
            # "LAAF forces" whatever the parse made of it (an all-caps name tagged as a verb):
            # an armed group's name right before the noun, on its line, is its owner
            prev = tok.i - 1
            owner = self.drafts.get(self.token_actor.get(prev, ""))
            if owner is not None and owner.kind in (ActorKind.GROUP, ActorKind.ORGANIZATION) and (
                    owner.sector in ARMED_SECTORS) and "\n" not in self.doc[prev].whitespace_:
                possessor = owner
                start = next(i for i in range(prev, -1, -1)
                             if i == 0 or self.token_actor.get(i - 1) != owner.key)
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
        own_country = country  # named in the phrase itself, not the story's focus
        if (family == "government" and country is None and tok.lemma_.lower() not in LOADED_GOV
                and tok.tag_ != "NNS" and not any(m.lower_ in FOREIGN_WORDS for m in mods)):
            country = self.focus  # "the internationally-recognized government" of the story's country
        if possessor is not None and family == "forces" and possessor.kind in (
            ActorKind.GROUP, ActorKind.ORGANIZATION
        ) and possessor.sector in ARMED_SECTORS:
            self._mention(possessor, start, tok.i + 1)  # "LAAF forces" are the LAAF
            return
        if st.sector is Sector.MIL and country and affiliation is None and possessor is None and (
                tok.lower_ in EQUIPMENT_NOUNS or tok.lemma_.lower() in EQUIPMENT_NOUNS):
            # "Russian warplanes", "Turkish drones": the country's armed forces, by their weapons
            national = next((n for noun in ("military", "armed forces", "army")
                             if (n := self.kb.national_force(country, noun)) is not None), None)
            if national is not None:
                d = self._kb_draft(national)
                d.family = d.family or "forces"
                self._mention(d, start, tok.i + 1)
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
                # of the country the phrase names, and a bare "the government" is the story's
                # own (its focus), not a foreign one named in passing ("Moscow denies ...")
                and (own_country if family != "government" else country) in (None, d.country)
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

    def _loyal_to(self, mod: "Token") -> _Draft | None:
        """The actor of "loyal to X" / "allied with X" / "aligned with X" after a force noun."""
        if mod.dep_ not in ("amod", "acl") or mod.lower_ not in ALLY_WORDS:
            return None
        for prep in mod.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "with"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return self._owner(obj)
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
        if org is None or org.sector not in ARMED_SECTORS:
            return None
        d = self._kb_draft(org)
        d.family = "forces"
        return d

    # -- finishing -------------------------------------------------------------
