"""Source, target and attribution of a trigger, from the dependency parse.

- Actors of a noun phrase come from ``ctx.actor_at`` over its head, then its compounds/possessive/
  adjectives ("Haftar's forces" → Haftar's side when no actor covers the whole phrase), then, for
  group heads ("delegates from X", "forces of X"), the object of from/of/for; appositions and
  relative pronouns lead to their antecedent. Coordinated phrases give one actor each.
- Subjects are inherited through xcomp/advcl/conj/pcomp ("agreed to talk", "after launching");
  object control for "asked X to ...", "accused X of ...".
- Passives: nsubjpass is the target, the "by" agent the source.
- A verb with no object whose content is a clause targets that clause's subject ("demanded that
  X withdraw"), before any position fallback.
- Attribution: the subject of a reporting verb above the trigger ("X said Y attacked Z"), a
  reporting parataxis ("..., the ministry said"), or "according to X"; else the sentence's
  reporter read on the word order (an actor followed by a reporting verb, :meth:`Roles.reporters`),
  which is also never a position-filled participant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventlens.context import DocContext
from eventlens.events.codebook import Codebook
from eventlens.events.sentences import Unit
from eventlens.events.triggers import Match, alt_lemma, lemma, names_act
from eventlens.types import ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_OBJECT_CONTROL = frozenset({
    "ask", "urge", "tell", "order", "call", "force", "allow", "invite", "persuade", "press",
    "accuse", "encourage", "request", "instruct", "appeal", "implore", "compel", "charge",
    "blame", "help", "warn", "push", "pressure", "beg", "convince",
})
_SUBJ_DEPS = frozenset({"nsubj", "csubj"})
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
_GROUP_PREPS = frozenset({"from", "of", "for"})
_MAX_ACTORS = 8
_PRONOUNS = frozenset({"it", "he", "she"})  # "they"/"we" often mean a group, not the speaker
_INTENT_TYPES = frozenset({"AGREE", "REJECT", "THREATEN", "REQUEST"})
_OBJECT_PARTNER = frozenset({"with", "for", "to", "against"})
_ACCUSING = frozenset({"accuse", "allege", "blame", "charge", "suspect"})
_ANAPHORS = frozenset({"it", "they", "he", "she"})
_POSSESSIVES = frozenset({"its", "their", "his", "her"})
_LOOSE_DEPS = frozenset({"advcl", "conj", "dep", "ccomp"})


# prepositions whose object is where something happens or goes, not who acts
_WHERE_PREPS = frozenset({"in", "inside", "at", "near", "across", "throughout", "into", "to",
                          "from", "through"})


def _fits_pronoun(pronoun: str, root: "Token | None", singular_country: bool,
                  one_person: bool = False) -> bool:
    """Can a pronoun subject stand for this actor mention? Never one named as where something
    happens; "they" never one person named alone ("spokesman Omar Haddad said only that they
    were shelling ..." — they are his side, not him; "Haddad and Rahimi said they ..." may
    be); and "they" a country named in the singular only when it is a subject ("Avaria
    announced that they had ..."): "the aircraft left Russia and stopped in Syria, where they
    were repainted" — "they" are the aircraft, neither country."""
    if root is None:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in _WHERE_PREPS:
        return False
    if pronoun == "they" and one_person and root.dep_ != "conj" and not any(
            c.dep_ == "conj" for c in root.children):
        return False
    if pronoun != "they" or not singular_country:
        return True
    while root.dep_ in ("conj", "compound", "poss", "appos") and root.head.i != root.i:
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _stray_agent(r: "Roles", noun: "Token", unit: Unit) -> "Token | None":
    """A "by" phrase the parse hung on the verb governing an act noun names the act's agent:
    on the active verb whose object the noun is ("to fend off a siege of the capital by X"),
    or, right after the noun, on the active verb of the phrase the noun ends ("sent aid during
    the siege by X")."""
    verb, adjacent = noun.head, False
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and unit.contains(verb.head):
        verb, adjacent = verb.head, True
    elif noun.dep_ not in ("dobj", "obj"):
        return None
    if verb.i == noun.i or not verb.tag_.startswith("VB") or not unit.contains(verb) or (
            adjacent and any(c.dep_ == "auxpass" for c in verb.children)):
        return None
    by = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" and unit.contains(c)
          and (not adjacent or c.i == noun.right_edge.i + 1)]
    objs = [p for c in by for p in c.children if p.dep_ == "pobj" and unit.contains(p)]
    return objs[0] if objs and r.actors(objs[0], unit) else None


def _control_lemma(tok: "Token") -> bool:
    return lemma(tok) in _OBJECT_CONTROL or alt_lemma(tok) in _OBJECT_CONTROL


class Roles:
    """Syntactic role finder for one article (caches actor look-ups per token)."""

    def __init__(self, ctx: DocContext, cb: Codebook) -> None:
        self.ctx = ctx
        self.cb = cb
        self.group_heads = cb.word("group_heads")
        self.reporting = cb.word("attribution_verbs")
        self._cache: dict[int, str | None] = {}
        self._reporters: dict[int, dict[str, "Token"]] = {}
        self._spans: dict[tuple[int, int], "Span | None"] = {}
        self._roots: dict[tuple[int, int], "Token | None"] = {}
        self._attributions: dict[tuple[int, int], tuple[str | None, str | None]] = {}

    # ----- tokens of mentions -----------------------------------------------------------------

    def span_at(self, start: int, end: int) -> "Span | None":
        """The tokens covering chars [start, end) (spaCy's "expand" alignment), None when no
        token does. Memoised: each actor and place mention of a unit is looked up again for
        every trigger of the unit."""
        key = (start, end)
        if key in self._spans:
            return self._spans[key]
        span = self.ctx.doc.char_span(start, end, alignment_mode="expand")
        found = span if span is not None and len(span) else None
        self._spans[key] = found
        return found

    def root_at(self, start: int, end: int) -> "Token | None":
        """The root token of :meth:`span_at` (memoised too), None when no token covers it."""
        key = (start, end)
        if key in self._roots:
            return self._roots[key]
        span = self.span_at(start, end)
        root = span.root if span is not None else None
        self._roots[key] = root
        return root

    # ----- actors of noun phrases -------------------------------------------------------------

    def actors(self, tok: "Token | None", unit: Unit, *, expand: bool = True) -> list[str]:
        """Actor ids of the phrase headed by ``tok`` and of its coordinated phrases."""
        if tok is None:
            return []
        heads = [tok]
        if expand and not unit.cheap:
            heads += [c for c in tok.conjuncts if unit.contains(c)]
        out: list[str] = []
        for h in heads[:_MAX_ACTORS]:
            if lemma(h) in self.group_heads or h.lower_ in self.group_heads:
                # "delegates from the government and the rebels" → the government, the rebels
                found = []
                for p in self.prep_objects(h, unit, _GROUP_PREPS):
                    for c in [p] + ([x for x in p.conjuncts] if expand and not unit.cheap else []):
                        if unit.contains(c):
                            ca = self.actor(c, unit)
                            if ca is not None and ca not in found:
                                found.append(ca)
                if found:
                    out += [a for a in found if a not in out]
                    continue
            a = self.actor(h, unit)
            if a is not None and a not in out:
                out.append(a)
        return out

    def actor(self, tok: "Token", unit: Unit, depth: int = 0) -> str | None:
        if tok.i in self._cache:
            return self._cache[tok.i]
        result = self._actor(tok, unit, depth)
        self._cache[tok.i] = result
        return result

    def _actor(self, tok: "Token", unit: Unit, depth: int) -> str | None:
        if depth > 3:
            return None
        ctx = self.ctx
        if tok.tag_ in _RELATIVE and tok.head.dep_ == "relcl" and unit.contains(tok.head.head):
            return self.actor(tok.head.head, unit, depth + 1)
        hit = ctx.actor_at(tok.idx, tok.idx + len(tok.text))
        if hit is not None:
            return hit
        if tok.tag_ == "PRP" and tok.lower_ in _PRONOUNS:
            # "Avaria said it had attacked ...": the pronoun is the reporting verb's subject
            rep = self.reporting_ancestor(tok.head, unit) if tok.head.i != tok.i else None
            if rep is not None:
                s = self.child(rep, unit, _SUBJ_DEPS)
                if s is not None and s.i != tok.i and s.tag_ != "PRP":
                    return self.actor(s, unit, depth + 1)
            return None
        if tok.tag_ == "PRP$" and tok.lower_ in _POSSESSIVES:
            return self._clause_subject_actor(tok, unit, depth)
        kids = [c for c in tok.children if unit.contains(c)]
        left = [c for c in kids if c.i < tok.i]
        # compounds next to the head ("Haftar forces"), then possessives, then adjectives
        for deps in (("compound", "nmod"), ("poss",), ("amod", "npadvmod")):
            for c in sorted((c for c in left if c.dep_ in deps), key=lambda c: -c.i):
                sub = c.subtree
                first = min((t for t in sub), key=lambda t: t.i)
                last = max((t for t in c.subtree), key=lambda t: t.i)
                hit = ctx.actor_at(first.idx, last.idx + len(last.text))
                if hit is not None:
                    return hit
        if left:
            first = min(t.i for c in left for t in c.subtree)
            hit = ctx.actor_at(tok.doc[first].idx, tok.idx + len(tok.text))
            if hit is not None:
                return hit
        if lemma(tok) in self.group_heads or tok.lower_ in self.group_heads:
            for c in kids:
                if c.dep_ == "prep" and c.lower_ in _GROUP_PREPS:
                    for p in c.children:
                        if p.dep_ == "pobj" and unit.contains(p):
                            hit = self.actor(p, unit, depth + 1)
                            if hit is not None:
                                return hit
        for c in kids:
            if c.dep_ == "appos":
                hit = self.actor(c, unit, depth + 1)
                if hit is not None:
                    return hit
        if tok.dep_ == "appos" and unit.contains(tok.head):
            return self.actor(tok.head, unit, depth + 1)
        return None

    def _clause_subject_actor(self, tok: "Token", unit: Unit, depth: int) -> str | None:
        """A possessive pronoun stands for the subject of its own clause when that subject is an
        actor ("... when Turkey escalated its air support": Turkey's support)."""
        verb = tok.head
        for _ in range(6):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i or not unit.contains(verb.head):
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subj = self.child(verb, unit, ("nsubj",))
        if subj is None or subj.tag_.startswith("PRP") or subj.i > tok.i:
            return None
        return self.actor(subj, unit, depth + 1)

    # ----- subjects and objects ---------------------------------------------------------------

    @staticmethod
    def child(tok: "Token", unit: Unit, deps: frozenset[str] | tuple[str, ...]) -> "Token | None":
        for c in tok.children:
            if c.dep_ in deps and unit.contains(c):
                return c
        return None

    def prep_objects(self, tok: "Token", unit: Unit, preps: frozenset[str]) -> list["Token"]:
        out = []
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps and unit.contains(c):
                for p in c.children:
                    if p.dep_ == "pobj" and unit.contains(p):
                        out.append(p)
        return out

    def actor_before(self, tok: "Token", unit: Unit, pronoun: str | None = None) -> str | None:
        """The actor of the nearest actor mention ending before ``tok`` in the unit; with
        ``pronoun``, the nearest one a pronoun can stand for (see :func:`_fits_pronoun`)."""
        found = None
        text = self.ctx.article.text
        for s, e, aid in self.ctx.actor_index.overlapping(unit.start_char, tok.idx):
            if e <= tok.idx and (pronoun is None or _fits_pronoun(
                    pronoun, self.root_at(s, e), self._singular_country(aid, text[s:e]),
                    self._person(aid))):
                found = aid
        return found

    def _person(self, aid: str) -> bool:
        actor = self.ctx.actor(aid)
        return actor is not None and actor.kind is ActorKind.PERSON

    def _singular_country(self, aid: str, surface: str) -> bool:
        actor = self.ctx.actor(aid)
        return actor is not None and actor.kind is ActorKind.COUNTRY and not surface.rstrip(
            "'’").endswith("s")  # "the Russians", "the United States" are plural

    def agent(self, tok: "Token", unit: Unit) -> "Token | None":
        for c in tok.children:
            if c.dep_ == "agent" and unit.contains(c):
                return self.child(c, unit, ("pobj",))
        return None

    def subject(self, verb: "Token", unit: Unit, depth: int = 0) -> tuple["Token | None", bool]:
        """(subject token, is_passive_subject) of ``verb``, inherited through control."""
        if depth > 5 or unit.cheap and depth > 0:
            return None, False
        s = self.child(verb, unit, _SUBJ_DEPS)
        if s is not None:
            if s.tag_ in _RELATIVE and verb.dep_ == "relcl" and unit.contains(verb.head):
                return verb.head, False
            return s, False
        sp = self.child(verb, unit, ("nsubjpass",))
        if sp is not None:
            if sp.tag_ in _RELATIVE and verb.dep_ == "relcl" and unit.contains(verb.head):
                return verb.head, True
            return sp, True
        head = verb.head
        if head.i == verb.i or not unit.contains(head):
            return None, False
        dep = verb.dep_
        if dep in ("acl", "relcl") and head.tag_.startswith("NN"):
            # "parties accepting X" / "forces backed by Y"
            return head, verb.tag_ == "VBN"
        if dep == "xcomp" and not head.tag_.startswith("VB"):
            return self.subject(head, unit, depth + 1) if head.dep_ in ("acomp", "attr") and \
                unit.contains(head.head) and head.head.i != head.i else (None, False)
        infinitive = dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                            for c in verb.children)
        if dep == "xcomp" or (infinitive and head.tag_.startswith("VB")):
            if _control_lemma(head):
                o = self.child(head, unit, ("dobj", "obj"))
                if o is None:  # "called on X to ...", "appealed to X to ..."
                    on = self.prep_objects(head, unit, frozenset({"on", "upon", "to"}))
                    o = on[0] if on else None
                if o is None:  # "X was urged by Y to ..."
                    o = self.child(head, unit, ("nsubjpass",))
                if o is not None:
                    return o, False
            # "X is expected to sign": the head's passive is its own; X signs (unless the
            # infinitive is passive itself: "X is expected to be charged")
            s, _ = self.subject(head, unit, depth + 1)
            return s, any(c.dep_ == "auxpass" for c in verb.children)
        if dep == "pcomp" and head.dep_ == "prep" and unit.contains(head.head):
            gov = head.head
            if head.lower_ == "of" and _control_lemma(gov):
                # "accused X of ...", "X was accused by Y of ..."
                o = self.child(gov, unit, ("dobj", "obj")) or self.child(gov, unit, ("nsubjpass",))
                if o is not None:
                    return o, False
            if gov.tag_.startswith("VB"):
                return self.subject(gov, unit, depth + 1)
            return None, False
        if dep in ("advcl", "conj") and head.tag_.startswith("VB"):
            return self.subject(head, unit, depth + 1)
        if dep in ("acomp", "attr") and head.tag_.startswith("VB"):
            return self.subject(head, unit, depth + 1)
        return None, False

    # ----- governing verb of a nominal trigger -------------------------------------------------

    def governor(self, noun: "Token", unit: Unit) -> tuple["Token | None", str | None]:
        """Verb that takes the nominal trigger as object ('launched airstrikes', 'agreed to talks').

        Returns (verb, relation) with relation 'dobj' or the linking preposition.
        """
        bridges = self.cb.word("nominal_bridges")
        tok = noun
        rel: str | None = None
        for _ in range(6):
            dep = tok.dep_
            head = tok.head
            if head.i == tok.i or not unit.contains(head):
                return None, None
            if dep in ("dobj", "obj", "nsubjpass"):
                if head.tag_.startswith("VB"):
                    return head, dep
                if lemma(head) in bridges:
                    tok = head
                    continue
                return None, None
            if dep == "conj" or (dep == "compound" and head.tag_.startswith("NN")):
                tok = head  # "issued arrest warrants": the trigger modifies the light verb's object
                continue
            if dep == "pobj" and head.dep_ in ("prep", "agent"):
                prep = head
                gov = prep.head
                if not unit.contains(gov) or gov.i == prep.i:
                    return None, None
                rel = prep.lower_
                if gov.tag_.startswith("VB"):
                    return gov, rel
                if lemma(gov) in bridges or (gov.lower_ in bridges):
                    tok = gov
                    continue
                return None, None
            return None, None
        return None, None

    # ----- attribution ------------------------------------------------------------------------

    def attribution(self, trig: "Token", unit: Unit) -> tuple[str | None, str | None]:
        """(according_to actor id, reporting verb lemma) for the trigger, if any. Memoised per
        trigger: it reads only the parse and actor look-ups, which are memoised themselves."""
        key = (trig.i, unit.start)
        found = self._attributions.get(key)
        if found is None:
            found = self._attributions[key] = self._attribution(trig, unit)
        return found

    def _attribution(self, trig: "Token", unit: Unit) -> tuple[str | None, str | None]:
        tok = trig
        for _ in range(12):
            acc = self._according_to(tok, unit)
            if acc is not None:
                return acc, "accord"
            for c in tok.children:
                if c.dep_ == "parataxis" and unit.contains(c) and lemma(c) in self.reporting:
                    spk = self._speaker(c, unit)
                    if spk is not None:
                        return spk, lemma(c)
            head = tok.head
            if head.i == tok.i or not unit.contains(head):
                break
            if lemma(head) in _ACCUSING and tok.dep_ in ("prep", "pcomp", "ccomp", "xcomp"):
                return self._speaker(head, unit), lemma(head)
            if lemma(head) in self.reporting and tok.dep_ in ("ccomp", "xcomp", "parataxis",
                                                               "conj", "advcl", "dobj"):
                spk = self._speaker(head, unit)
                return spk, lemma(head)
            tok = head
        return self._adjacent_reporter(trig, unit)

    def reporters(self, unit: Unit) -> dict[str, "Token"]:
        """Actors of the unit directly followed by a reporting verb ("..., the ministry said",
        "X told reporters"): actor id -> that verb. Read on the word order alone, so that the
        reporter of a scraped sentence whose parse leaves the verb unattached is still known."""
        found = self._reporters.get(unit.start)
        if found is not None:
            return found
        doc = self.ctx.doc
        found = {}
        for s, e, aid in self.ctx.actor_index.overlapping(unit.start_char, unit.end_char):
            span = self.span_at(s, e)
            if span is None or aid in found:
                continue
            for t in doc[span.end:min(span.end + 3, unit.end)]:
                if t.tag_.startswith("VB") and (lemma(t) in self.reporting
                                                or alt_lemma(t) in self.reporting):
                    found[aid] = t
                    break
        self._reporters[unit.start] = found
        return found

    def _adjacent_reporter(self, trig: "Token", unit: Unit) -> tuple[str | None, str | None]:
        """The reporter of the trigger's sentence when the parse does not link one: an actor
        followed by a reporting verb that governs the trigger's clause ("X agreed ..., Y said"),
        stands beside it ("...; Y said"), hangs from it without a subject of its own ("X agreed
        ..., Y in said") or closes the sentence unattached."""
        top = _top(trig, unit)
        best: tuple[int, str, "Token"] | None = None
        for aid, verb in self.reporters(unit).items():
            if verb.i == trig.i:
                continue
            vtop = _top(verb, unit)
            loose = verb.i > trig.i and verb.head.i == top.i and verb.dep_ in _LOOSE_DEPS and \
                self.child(verb, unit, _SUBJ_DEPS) is None  # "..., X in said": X not its subject
            if verb.i == top.i or (verb.head.i == top.i and verb.dep_ == "parataxis") or loose or (
                    vtop.i == verb.i and vtop.i != top.i and verb.i > trig.i):
                dist = abs(verb.i - trig.i)
                if best is None or dist < best[0]:
                    best = (dist, aid, verb)
        return (best[1], lemma(best[2])) if best else (None, None)

    def _speaker(self, verb: "Token", unit: Unit) -> str | None:
        s, passive = self.subject(verb, unit)
        if s is None or passive:
            return None
        return self.actor(s, unit)

    def _according_to(self, tok: "Token", unit: Unit) -> str | None:
        for c in tok.children:
            if c.lower_ == "according" and unit.contains(c):
                for p in c.children:
                    if p.lower_ == "to":
                        o = self.child(p, unit, ("pobj",))
                        if o is not None:
                            return self.actor(o, unit)
        return None

    def reporting_ancestor(self, trig: "Token", unit: Unit) -> "Token | None":
        """The nearest reporting verb above the trigger (stops the walk for dates and status)."""
        tok = trig
        for _ in range(12):
            head = tok.head
            if head.i == tok.i or not unit.contains(head):
                return None
            if lemma(head) in self.reporting:
                return head
            tok = head
        return None


def modifies_act(r: Roles, word: "Token", unit: Unit, aid: str | None) -> bool:
    """Does the mention of ``aid`` at ``word`` (or the conjunct it belongs to) modify a noun
    naming another act ("the Joint Commission talks", "X's demands")? Then it is that act's
    participant or topic, not a side of the trigger's act ("the X embassy", a thing of X's, is
    no act)."""
    cur = word
    while cur.dep_ == "conj" and cur.head.i != cur.i and unit.contains(cur.head):
        cur = cur.head
    head = cur.head
    return cur.dep_ in ("compound", "nmod", "amod", "poss") and head.i > cur.i and \
        head.tag_.startswith("NN") and \
        r.ctx.actor_at(head.idx, head.idx + len(head.text)) != aid and names_act(head, r.cb)


def _act_noun(r: Roles, tok: "Token") -> bool:
    """A noun naming another act ("the resumption of the X talks"): the actors modifying it are
    that act's participants or topic, not the target of the governing verb."""
    if not tok.tag_.startswith("NN") or r.ctx.actor_at(tok.idx, tok.idx + len(tok.text)):
        return False
    return names_act(tok, r.cb)


def _top(tok: "Token", unit: Unit) -> "Token":
    """The highest word above ``tok`` inside the unit (its clause tree's root)."""
    for _ in range(40):
        head = tok.head
        if head.i == tok.i or not unit.contains(head):
            return tok
        tok = head
    return tok


def trigger_roles(m: Match, r: Roles, unit: Unit) -> tuple[list[str], list[str], "Token | None"]:
    """(source actor ids, target actor ids, token whose phrase is the target or place)."""
    cb = r.cb
    et = cb.type(m.rule.type)
    tok = m.token
    tpreps = et.target_preps | ({m.rule.target_via} if m.rule.target_via else frozenset())
    src_tok: Token | None = None
    tgt_toks: list[Token] = []
    if not m.nominal:
        subj, passive = r.subject(tok, unit)
        ag = r.agent(tok, unit)
        if passive:
            src_tok = ag
            if subj is not None:
                tgt_toks.append(subj)
        else:
            src_tok = subj if subj is not None else ag
            obj = r.child(tok, unit, ("dobj", "obj", "dative"))
            if m.obj is not None and not r.actors(m.obj, unit):
                # light verb + noun: the noun is not the target; a verb + object pattern whose
                # object is an actor ("arrested Avarian activists") keeps it as the target
                obj = None
            if obj is not None:
                tgt_toks.append(obj)
                if not r.actors(obj, unit):
                    # "signed an accord with X", "voiced support for X": the object's partner;
                    # "shelled positions of X", "froze the assets of X": the object's owner
                    tgt_toks += [p for p in r.prep_objects(obj, unit, tpreps | _OBJECT_PARTNER
                                                           | {"of"}) if not _act_noun(r, p)]
        holder = m.obj if m.obj is not None else tok
        tgt_toks += [p for p in r.prep_objects(
            holder, unit, tpreps | (_OBJECT_PARTNER | {"of"} if holder.i != tok.i else frozenset()))
            if not _act_noun(r, p)]
        if holder.i != tok.i:
            tgt_toks += r.prep_objects(tok, unit, tpreps)
    else:
        poss = r.child(tok, unit, ("poss",))
        by = r.prep_objects(tok, unit, frozenset({"by"}))
        src_tok = by[0] if by else poss
        if src_tok is None and not et.symmetric:
            # "Russian airstrikes", "Avarian jets' raids" - but not "Libya talks" (a topic/place)
            for c in tok.children:
                if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and unit.contains(c):
                    if r.ctx.place_at(c.idx, c.idx + len(c.text)) is not None:
                        continue
                    if r.actor(c, unit) is not None:
                        src_tok = c
                        break
        tgt_toks += r.prep_objects(tok, unit, tpreps)
        if src_tok is None:
            src_tok = _stray_agent(r, tok, unit)
        if src_tok is None or not tgt_toks:
            gov, rel = r.governor(tok, unit)
            if gov is not None and rel is not None:
                light = cb.word("light_verbs") | cb.word("planning_words")
                # "discussed ... in a phone talk": the governor is a trigger of the same type
                same = any(x.type == m.rule.type for x in cb.verb_rules.get(lemma(gov), ()))
                if same or ((lemma(gov) in light or alt_lemma(gov) in light)
                            and rel in ("dobj", "obj", "to", "nsubjpass")):
                    if src_tok is None:
                        subj, passive = r.subject(gov, unit)
                        if passive:
                            subj = r.agent(gov, unit)
                        src_tok = subj
                    if not tgt_toks:
                        tgt_toks += r.prep_objects(gov, unit, et.target_preps)
    if not m.nominal and m.rule.type in _INTENT_TYPES and not tgt_toks and src_tok is not None:
        # "offered to hand them over to X", "refused to meet X": the act's partner is the target
        for c in tok.children:
            if c.dep_ == "xcomp" and unit.contains(c) and c.tag_.startswith("VB"):
                o = r.child(c, unit, ("dobj", "obj", "dative"))
                if o is not None and r.actors(o, unit):
                    tgt_toks.append(o)
                tgt_toks += r.prep_objects(c, unit, _OBJECT_PARTNER | {"on"})
    if not m.nominal and not tgt_toks and src_tok is not None:
        # "demanded that X withdraw", "warned X would pay": the subject of the act's content
        for c in tok.children:
            if c.dep_ == "ccomp" and unit.contains(c) and c.tag_.startswith("VB"):
                s = r.child(c, unit, ("nsubj", "nsubjpass"))
                if s is not None and r.actors(s, unit):
                    tgt_toks.append(s)
    if et.symmetric and src_tok is None and not tgt_toks:
        # "talks between Moscow and Kyiv"
        between = r.prep_objects(tok, unit, frozenset({"between", "among"}))
        if between:
            pair = r.actors(between[0], unit)
            if len(pair) > 1:
                return pair[:1], pair[1:], None
    sources = r.actors(src_tok, unit)
    if not sources and src_tok is not None and src_tok.tag_ == "PRP" and \
            src_tok.lower_ in _ANAPHORS:
        # "Avaria's army said on Monday that they had shelled ...": the pronoun's antecedent is
        # taken to be the nearest actor before it in the sentence that the pronoun fits
        ante = r.actor_before(src_tok, unit, src_tok.lower_)
        sources = [ante] if ante is not None else []
    targets: list[str] = []
    for t in tgt_toks:
        for a in r.actors(t, unit):
            if a not in targets:
                targets.append(a)
    mode = cb.mode(m.rule.type, m.rule.mode_key)
    if (et.symmetric or (mode is not None and mode.symmetric)) and not targets and len(sources) > 1:
        sources, targets = sources[:1], sources[1:]
    place_tok = tgt_toks[0] if tgt_toks else (m.obj if m.obj is not None else None)
    return sources, targets, place_tok
