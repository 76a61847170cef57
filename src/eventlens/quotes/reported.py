"""Attributions from the dependency parse: cue, source and content spans.

An :class:`Attribution` is one act of saying: a cue ("said", "according to"), an optional
source span (the speaker as written: "Maria Lopez, a spokeswoman for the Red Cross", "he",
"the statement") and one or more content spans. Content spans are direct (the inside of
quotation marks) or reported (a clause). ``nested`` holds direct pieces quoted inside a
reported content ("X said that the plan was "a disaster"") — they are part of that content,
and are also emitted as direct quotes of their own.

Beyond speech, attributions of belief and attitude (stance, evaluation, desire, intention:
"X criticized the plan as reckless", "X wants to run", "the mayor's claim that ...", "the deal
is expected to hold") are found too, with ``cue_kind`` telling them apart (lexicon kinds
``verb``/``belief``/``attitude``/``noun``); the quote stage emits only speech and belief as
quotes. Spans follow the attribution-corpus conventions (PolNeAR): the source is the whole
noun phrase with appositions and their closing comma, the content includes "that", each word
has one role (an attitude inside another attribution's content is not an attribution).
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventlens.nlp import doc_text, tokens_tagged
from eventlens.nlp.tokens import TokenTable
from eventlens.quotes.edges import QUOTE_CHARS as _QUOTE_CHARS
from eventlens.quotes.edges import trim
from eventlens.quotes.lexicon import CueLexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

_SUBJ = {"nsubj", "csubj"}
_CLAUSE_CONTENT = {"ccomp"}
_BLOCKERS = {"decline", "refuse", "fail"}  # "declined to say whether ..."
_INVERTED_DEPS = {"parataxis", "ccomp", "advcl", "conj"}
_MAX_CLIMB = 3
_INVERTED_SUBJ = {"dobj", "attr", "npadvmod", "dative", "oprd", "nsubjpass"}
_OBJECTS = {"dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "pobj"}
_INVERTED_CHILDREN = {"punct", "aux", "advmod", "npadvmod", "prep", "advcl"}


@dataclass(slots=True)
class Attribution:
    """One act of saying, in character offsets of the article text."""

    cue: tuple[int, int] | None
    cue_token: int | None  # index of the cue's head token in the doc
    source: tuple[int, int] | None
    source_head: int | None  # index of the source's head token
    contents: list[tuple[int, int, bool]] = field(default_factory=list)  # (start, end, direct)
    nested: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "verb"  # verb | prep | none | label
    speaker: str | None = None
    cue_kind: str = "speech"  # speech | belief | attitude (the lexicon kind of the cue verb)
    cue_score: float | None = None  # the learned cue detector's probability (None: a rule's cue)

    @property
    def start(self) -> int:
        starts = [s for s, _, _ in self.contents]
        if self.cue:
            starts.append(self.cue[0])
        return min(starts) if starts else 0

    @property
    def direct(self) -> bool:
        return any(d for _, _, d in self.contents)


def is_cue_verb(tok: "Token", lex: CueLexicon) -> str | None:
    if tok.pos_ not in ("VERB",) or tok.text in _QUOTE_CHARS:
        return None
    frame = lex.verb_frame(lex.fix_lemma(tok.lemma_, tok.text))
    if frame is None:
        if _phrasal_prep(tok, lex) is None:
            return None
        frame = "phrasal"
    if any(c.dep_ == "neg" for c in tok.children):
        return None
    head = tok.head
    if head.i != tok.i and head.lemma_.lower() in _BLOCKERS and tok.dep_ == "xcomp":
        return None  # "declined to say whether ..." (but not "declined, saying ...")
    if any(c.dep_ == "neg" for c in head.children) and tok.dep_ == "xcomp":
        return None
    return frame


def _phrasal_prep(tok: "Token", lex: CueLexicon) -> tuple["Token", str] | None:
    """The preposition of a phrasal cue ("called for", "pointed to") and its frame."""
    for c in tok.children:
        if c.dep_ == "prep" and c.i > tok.i:
            frame = lex.verb_frame(f"{lex.fix_lemma(tok.lemma_, tok.text).lower()} {c.lower_}")
            if frame is not None:
                return c, frame
    return None


def cue_kind(tok: "Token", lex: CueLexicon) -> str:
    """The lexicon kind of a cue verb ("speech", "belief", "attitude"); phrasal cues ("called
    for", "railed against") by their two-word entry."""
    lemma = lex.fix_lemma(tok.lemma_, tok.text)
    kind = lex.verb_kind(lemma)
    found = _phrasal_prep(tok, lex)
    if found is not None and (kind is None or not _has_object(tok)):
        kind = lex.verb_kind(f"{lemma.lower()} {found[0].lower_}") or kind
    return kind or "speech"


def _has_object(tok: "Token") -> bool:
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > tok.i for c in tok.children)


def cue_span(tok: "Token", lex: CueLexicon | None = None) -> tuple[int, int]:
    """The cue verb plus an adjacent particle ("pointed out") or phrasal preposition ("called for")."""
    start, end = tok.idx, tok.idx + len(tok)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c)
    if lex is not None:
        found = _phrasal_prep(tok, lex)
        if found is not None and found[0].i == tok.i + 1:
            end = found[0].idx + len(found[0])
    return start, end


_CUE_ADVERBS = {
    "also", "repeatedly", "later", "now", "just", "often", "then", "recently", "still", "even",
    "strongly", "publicly", "previously", "initially", "first", "long", "widely", "already",
    "again", "once", "openly", "privately", "explicitly", "frequently", "quickly", "immediately",
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def cue_extent(tok: "Token", lex: CueLexicon) -> tuple[int, int]:
    """The cue as attribution corpora mark it: the verb with its auxiliaries and adverbs
    ("has also said"), a weekday ("said Sunday"), a document or interview ("said in a
    statement"), a colon ("said:"). The product's cue stays :func:`cue_span`."""
    doc = tok.doc
    start, end = cue_span(tok, lex)
    i = tok.i - 1
    kids = {c.i: c for c in tok.children}
    while i >= 0 and i in kids and (
        kids[i].dep_ in ("aux", "auxpass") or kids[i].dep_ == "advmod" and kids[i].lower_ in _CUE_ADVERBS
    ):
        start = doc[i].idx
        i -= 1
    j = tok.i + 1
    while j < len(doc) and doc[j].idx < end:  # past a particle or phrasal preposition
        j += 1
    if j < len(doc):
        nxt = doc[j]
        if nxt.lower_ in _WEEKDAYS and nxt.head.i == tok.i:
            end = nxt.idx + len(nxt)
            j += 1
        elif nxt.lower_ in ("in", "on") and nxt.head.i == tok.i:
            pobj = next((p for p in nxt.children if p.dep_ == "pobj"), None)
            if pobj is not None and (lex.is_document(pobj.lemma_) or lex.is_platform(pobj.text)):
                end = pobj.idx + len(pobj)
                j = pobj.i + 1
        if j < len(doc) and doc[j].text == ":":
            end = doc[j].idx + 1
    return start, end


def find_source(tok: "Token", inside_quote: list[bool] | None = None
                ) -> tuple[tuple[int, int] | None, int | None]:
    """Source span and head token index of a cue verb (climbing xcomp/conj/advcl chains).

    With ``inside_quote`` (a flag per token: inside a direct quote) the parser's habit of
    reading the quoted words into the sentence is undone: a subject inside a quote is never
    the speaker ("..., telling the crowd, “Some people get carried away”": "telling" hangs on
    the quote's verb), and a participle set off by a comma ("X shared the news, writing “...”")
    takes the subject of the nearest verb before it."""
    found = _find_subject(tok)
    if inside_quote is not None:
        if found[1] is not None and inside_quote[found[1]]:
            found = (None, None)
        if found[0] is None:
            found = _participle_source(tok, inside_quote)
    if found[0] is not None:
        return found
    # inverted order the parser missed: '"...," said the aid worker.'
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and (prev.text == "," or prev.text in _QUOTE_CHARS):
        for c in tok.children:
            if c.i > tok.i and c.dep_ in _INVERTED_SUBJ and c.pos_ in ("NOUN", "PROPN"):
                return _subtree_span(c, exclude=tok), c.i
    return None, None


def _participle_source(tok: "Token", inside_quote: list[bool]
                       ) -> tuple[tuple[int, int] | None, int | None]:
    """"X shared the news on Friday, writing ...": a participle after a comma, with no subject
    of its own, speaks for the subject of the nearest verb before the comma (same sentence,
    outside quotes)."""
    doc = tok.doc
    j = tok.i - 1
    while j >= 0 and doc[j].dep_ == "advmod":
        j -= 1
    if tok.tag_ != "VBG" or j < 1 or doc[j].text != ",":
        return None, None
    start = tok.sent.start if doc.has_annotation("SENT_START") else 0
    for k in range(j - 1, start - 1, -1):
        verb = doc[k]
        if inside_quote[k] or verb.pos_ not in ("VERB", "AUX"):
            continue
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i and not inside_quote[c.i]:
                return _subtree_span(c, exclude=tok), c.i
    return None, None


def _find_subject(tok: "Token") -> tuple[tuple[int, int] | None, int | None]:
    cur = tok
    for _ in range(_MAX_CLIMB + 1):
        for c in cur.children:
            # a governing verb's passive subject controls the cue too ("after saying ..., she
            # was taken to hospital", "was asked to explain", "was arrested and said"); the
            # cue's own is its addressee ("he was told")
            if c.dep_ in _SUBJ or c.dep_ == "nsubjpass" and cur is not tok:
                return _subtree_span(c, exclude=tok), c.i
        for c in cur.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return _subtree_span(p, exclude=tok), p.i
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("xcomp", "conj", "advcl") or cur.dep_ == "acomp" and cur.pos_ == "ADJ":
            cur = cur.head  # "was quick to point out", "is reluctant to endorse"
            continue
        head = cur.head
        if cur.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX", "ADJ"):
            cur = head.head  # "dismissed the charge by pointing out ...", "keen on telling ..."
            continue
        if cur.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return _acl_source(cur, head)
        break
    return None, None


def _acl_source(verb: "Token", noun: "Token") -> tuple[tuple[int, int] | None, int | None]:
    """The source of a verb modifying a noun: the noun itself ("a new poll showing ...",
    "voters saying ..."), or, for a statement-like noun or an infinitive ("issued a statement
    saying ...", "had a chance to praise ..."), the subject of the verb governing the noun."""
    from eventlens.quotes.lexicon import load_lexicon

    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive or load_lexicon().is_document(noun.lemma_):
        gov = noun.head
        if noun.dep_ == "pobj" and gov.dep_ == "prep":
            gov = gov.head
        if noun.dep_ in ("dobj", "pobj", "attr", "npadvmod") and gov.pos_ in ("VERB", "AUX"):
            for c in gov.children:
                if c.dep_ in _SUBJ:
                    return _subtree_span(c, exclude=gov), c.i
        return None, None
    if noun.i > verb.i:
        return None, None
    doc = noun.doc
    left = noun.left_edge.i
    right = verb.left_edge.i - 1
    if right < noun.i:
        return None, None
    text = doc_text(doc)
    s, e = trim(text, doc[left].idx, doc[right].idx + len(doc[right]))
    ps, pe = para_bounds(text, noun.idx)
    s, e = max(s, ps), min(e, pe)
    if e <= s:
        return None, None
    return (s, e), noun.i


def _subtree_span(tok: "Token", *, exclude: "Token | None" = None) -> tuple[int, int]:
    """The token's subtree as a trimmed char span (the benchmark's source convention:
    appositions and relative clauses included; a time phrase, a participle set off by commas,
    a trailing "also"/"all" and a dateline left out), clipped to its paragraph."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    if exclude is not None and left <= exclude.i <= right:
        right = max(tok.i, exclude.i - 1)
    for c in tok.children:
        # a participle set off by commas ("Clinton, clearly frustrated,") or a time phrase
        # ("the allies on Monday") describes the speaker's moment, not the speaker
        if c.i > tok.i and c.left_edge.i <= right and (
            c.dep_ == "acl" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
            or c.dep_ in ("prep", "npadvmod") and _temporal(c)
        ):
            right = max(tok.i, c.left_edge.i - 1)
            break
    while right > tok.i and (
        doc[right].dep_ in _TRAILING_DEPS and doc[right].lower_ in _TRAILING_ADVERBS
        or doc[right].text == ","
    ):
        right -= 1  # "the lawyers also", "Bush, Christie and Paul all"
    while left < tok.i and doc[left].dep_ == "advmod" and doc[left].head.i == tok.i:
        left += 1  # "even the mayor"
    ps, pe = para_bounds(doc_text(doc), tok.idx)
    text = doc_text(doc)
    s = max(doc[left].idx, ps)
    e = min(doc[right].idx + len(doc[right]), pe)
    for dash in (" — ", " -- ", " – ", " - "):  # a dateline: "CITY (AP) — The minister"
        cut = text.find(dash, s, tok.idx)
        if cut >= 0:
            s = cut + len(dash)
    while s < e and (text[s] in _QUOTE_CHARS or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in _QUOTE_CHARS or text[e - 1].isspace()):
        e -= 1  # the opening mark of the quote that follows ("Jane Roe, who ..., “We ...")
    if e <= s:
        return tok.idx, tok.idx + len(tok)
    last_end = doc[right].idx + len(doc[right])
    s, e = trim(text, s, e)
    if e == last_end - 1 and text[e] == "." and len(doc[right]) > 1:
        e = last_end  # an abbreviation's own period ("R-Ky.", "the F.B.I.")
    if e < len(text) and text[e] == "," and "," in text[s:e]:
        e += 1  # "Jane Roe, a spokeswoman for the group," — the closing comma of an apposition
    return s, e


_TRAILING_ADVERBS = {"also", "all", "both", "too", "alone", "themselves", "himself", "herself"}
# how the parser attaches a floating quantifier ("Bush, Christie and Paul all"): as an adverb, a
# determiner or an apposition
_TRAILING_DEPS = {"advmod", "det", "appos", "dep", "npadvmod", "predet"}


def _temporal(phrase: "Token") -> bool:
    """A time phrase ("on Monday", "last week") hanging on a source noun."""
    if phrase.dep_ == "npadvmod":
        return phrase.ent_type_ in ("DATE", "TIME")
    pobj = next((c for c in phrase.children if c.dep_ == "pobj"), None)
    return (
        pobj is not None and pobj.ent_type_ in ("DATE", "TIME")
        and phrase.lower_ in ("on", "in", "at", "during")
    )



def para_bounds(text: str, pos: int) -> tuple[int, int]:
    """The paragraph (newline-delimited line) around char ``pos``."""
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def content_pieces(
    doc: "Doc", left: int, right: int, holes: list[tuple[int, int]], anchor: "Token"
) -> list[tuple[int, int]]:
    """Char pieces of tokens left..right minus token ranges in ``holes`` (inclusive),
    clipped to the paragraph of the cue ``anchor``."""
    ps, pe = para_bounds(doc_text(doc), anchor.idx)
    pieces: list[tuple[int, int]] = []
    cur = left
    for hs, he in sorted(holes):
        if hs > cur:
            pieces.append((cur, hs - 1))
        cur = max(cur, he + 1)
    if cur <= right:
        pieces.append((cur, right))
    out = []
    for a, b in pieces:
        if b < a:
            continue
        s = max(doc[a].idx, ps)
        e = min(doc[b].idx + len(doc[b]), pe)
        if e <= s:
            continue
        s, e = trim(doc_text(doc), s, e)
        if e - s >= 2:
            out.append((s, e))
    return out


def _extend_right(tok: "Token", comp: "Token") -> int:
    """Right edge of a content clause, stretched over a stray tail the parser hung elsewhere
    ("... saying that they were targeting | rebel forces on the edge.")."""
    right = comp.right_edge.i
    if not tok.doc.has_annotation("SENT_START"):
        return right
    sent_end = tok.sent.end - 1
    while sent_end > right and tok.doc[sent_end].is_punct:
        sent_end -= 1
    if sent_end <= right:
        return right
    own = {t.i for t in tok.subtree}
    for i in range(right + 1, sent_end + 1):
        t = tok.doc[i]
        if i in own or t.text in ",;:" or t.text in _QUOTE_CHARS:
            return right
    return sent_end


def _animate_subject(tok: "Token") -> bool:
    """Whether the verb's subject can be a speaker (a name, a pronoun, an organisation).

    "The battle has threatened to plunge the country into chaos" is not a threat anyone made.
    """
    _, head = find_source(tok)
    if head is None:
        return False
    subj = tok.doc[head]
    return subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _active_subject(tok: "Token") -> bool:
    """Whether the verb (or the verb it is chained to) has an active subject: a stance needs a
    holder ("The senator opposed the bill"), not a passive ("The bill was opposed")."""
    _, head = find_source(tok)
    return head is not None and tok.doc[head].dep_ != "pobj" and tok.doc[head].lower_ != "it"


def _phrasal_content(tok: "Token", lex: CueLexicon) -> list[tuple[int, int]]:
    """"called for a ban on ..." → "a ban on ..."; "called on X to ..." → "X to ..."."""
    found = _phrasal_prep(tok, lex)
    if found is None:
        return []
    prep, frame = found
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None or pobj.pos_ == "PRON":
        return []
    right = pobj.right_edge.i
    if frame == "request":
        for c in tok.children:
            if c.dep_ == "xcomp" and c.i > right:
                right = c.right_edge.i
    return content_pieces(tok.doc, pobj.left_edge.i, right, [], tok)


def verb_content(tok: "Token", frame: str, lex: CueLexicon) -> list[tuple[int, int]]:
    doc = tok.doc
    if frame == "phrasal":
        return _phrasal_content(tok, lex)
    for c in tok.children:
        if c.dep_ in _CLAUSE_CONTENT and c.i > tok.i:
            found = content_pieces(doc, c.left_edge.i, _extend_right(tok, c), [], tok)
            if found:
                return found
    for c in tok.children:
        if c.dep_ in _CLAUSE_CONTENT and c.i < tok.i and not any(
                t.text == ";" for t in doc[c.right_edge.i + 1:tok.i]):
            # "The rebels have seized the airport, the spokesman said." (a clause before a
            # semicolon is a sentence of its own: "X says ...; dozens reported dead")
            found = content_pieces(doc, c.left_edge.i, c.right_edge.i, [], tok)
            if found:
                return found
    if frame == "say":  # a clause the parser read as object + participle: "said the taxes paid for ..."
        for c in tok.children:
            if c.dep_ == "dobj" and c.i > tok.i and any(
                k.dep_ in ("acl", "relcl") and k.pos_ == "VERB" and k.i == c.i + 1 for k in c.children
            ):
                return content_pieces(doc, c.left_edge.i, c.right_edge.i, [], tok)
    if frame in ("request", "both", "intent"):
        for c in tok.children:
            if c.dep_ == "xcomp" and c.i > tok.i and any(a.dep_ == "aux" for a in c.children):
                objs = [o for o in tok.children if o.dep_ in ("dobj", "dative") and o.i < c.i]
                if objs and frame != "intent":  # "asked Paris to send ..."
                    return content_pieces(doc, objs[0].left_edge.i, c.right_edge.i, [], tok)
                if not objs and frame == "intent" and _animate_subject(tok):  # "vowed to ..."
                    return content_pieces(doc, c.left_edge.i, c.right_edge.i, [], tok)
    if frame == "object":
        for c in tok.children:
            if c.dep_ == "dobj" and c.i > tok.i and c.pos_ != "PRON":
                return content_pieces(doc, c.left_edge.i, c.right_edge.i, [], tok)
    if frame == "any" and _active_subject(tok):
        found = _complements(tok)
        if found:
            return found
    phrasal = _phrasal_content(tok, lex)
    if phrasal:
        return phrasal
    deps = [c.dep_ for c in tok.children if c.i > tok.i]
    if "dobj" in deps and "oprd" in deps and _active_subject(tok):
        found = _complements(tok)  # "called the plan a disgrace", "labelled him a liar"
        if found:
            return found
    # inverted: "The rebels, the spokesman said, have seized the airport" / "..., UN says"
    head = tok.head
    if (
        tok.dep_ in _INVERTED_DEPS
        and head.i != tok.i
        and head.pos_ in ("VERB", "AUX")
        and any(c.dep_ in _SUBJ for c in tok.children)
        and all(
            c.dep_ in _SUBJ or c.dep_ in _INVERTED_CHILDREN or c.i < tok.left_edge.i
            for c in tok.children
        )
    ):
        hole = _comma_bounded(tok, need_right=head.i > tok.i)
        if hole is not None:
            return content_pieces(doc, head.left_edge.i, head.right_edge.i, [hole], tok)
    return _tail_cue(tok)


_COMPLEMENTS = {"dobj", "dative", "xcomp", "ccomp", "oprd", "prep", "acomp", "attr"}
_COMPLEMENT_PREPS = {"as", "for", "of", "about", "against", "over", "into", "to", "from", "with", "on"}
_NO_PREP_ENTS = {"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL"}


def states_subject(c: "Token") -> bool:
    """A verb's first complement that is a state of its subject ("dozens reported dead",
    "two reported missing"): nothing was said."""
    return c.dep_ in ("oprd", "acomp") or (c.dep_ == "xcomp" and c.pos_ == "ADJ")


def _complements(tok: "Token") -> list[tuple[int, int]]:
    """The verb's complements to its right as one content: "criticized the plan as too costly",
    "blamed the mayor for the delays", "wants to run". Needs an object, a clause or an
    infinitive; stops at the first adjunct (a comma, a conjunct, a time or place phrase)."""
    doc = tok.doc
    first = last = None
    has_core = False
    for c in tok.children:
        if c.i <= tok.i:
            continue
        if c.dep_ in ("advmod", "prt"):
            continue  # "accused Russia openly of ..."
        if c.dep_ not in _COMPLEMENTS:
            break
        if c.dep_ == "prep":
            pobj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
            if pobj is None and c.lower_ == "as" and any(True for _ in c.children):
                pobj = next(iter(c.children))  # "criticized the plan as reckless"
            if c.lower_ not in _COMPLEMENT_PREPS or pobj is None or pobj.ent_type_ in _NO_PREP_ENTS:
                break
        elif c.dep_ == "xcomp" and not any(a.dep_ == "aux" for a in c.children):
            if first is None:
                break
        elif first is None and states_subject(c):
            break
        else:
            has_core = True
        first = c if first is None else first
        last = c
    if first is None or last is None or not has_core:
        return []
    return content_pieces(doc, first.left_edge.i, last.right_edge.i, [], tok)


def _comma_bounded(tok: "Token", *, need_right: bool) -> tuple[int, int] | None:
    """Token range of a cue clause set off by commas (", the minister said,"), commas included."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    if doc[lo].text != ",":
        if lo == 0 or doc[lo - 1].text != ",":
            return None
        lo -= 1
    if need_right and doc[hi].text != ",":
        if hi + 1 >= len(doc) or doc[hi + 1].text != ",":
            return None
        hi += 1
    return lo, hi


def _tail_cue(tok: "Token") -> list[tuple[int, int]]:
    """A paragraph ending in ", X said." whose clause the parser joined to another line."""
    doc, text = tok.doc, doc_text(tok.doc)
    subj = [c for c in tok.children if c.dep_ in _SUBJ and c.i < tok.i]
    if not subj or any(c.dep_ in _OBJECTS for c in tok.children):
        return []
    left = subj[0].left_edge.i
    ps, pe = para_bounds(text, tok.idx)
    if left == 0 or doc[left - 1].text != "," or doc[left - 1].idx < ps:
        return []
    own = {t.i for t in tok.subtree}
    for t in doc[tok.i + 1 :]:
        if t.idx >= pe:
            break
        if t.i not in own and not t.is_punct:
            return []
    s, e = trim(text, ps, doc[left - 1].idx)
    return [(s, e)] if e - s >= 2 else []


def _passive_content(tok: "Token") -> list[tuple[int, int]]:
    """"The deal was first reported by the Herald": the passive subject, when an agent names
    the source."""
    if not any(c.dep_ == "agent" for c in tok.children):
        return []
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    if subj is None or subj.pos_ == "PRON":
        return []
    return content_pieces(tok.doc, subj.left_edge.i, subj.right_edge.i, [], tok)


def verb_attributions(doc: "Doc", lex: CueLexicon, inside_quote: list[bool]) -> list[Attribution]:
    """Reported-speech attributions anchored on reporting verbs (content from the parse)."""
    out: list[Attribution] = []
    for tok in tokens_tagged(doc, "VERB"):  # a cue is a VERB (see is_cue_verb)
        frame = is_cue_verb(tok, lex)
        if frame is None or inside_quote[tok.i]:
            continue
        contents = verb_content(tok, frame, lex)
        kind = cue_kind(tok, lex)
        if not contents:
            contents = _passive_content(tok)
            kind = "attitude"  # what was reported, not what was said
        if not contents:
            continue
        src, src_head = find_source(tok, inside_quote)
        if frame == "any" and not any(c.dep_ == "ccomp" for c in tok.children):
            kind = "attitude"  # "described the plan as reckless", "tweeted a photo": no clause said
        out.append(
            Attribution(
                cue=cue_span(tok, lex),
                cue_token=tok.i,
                source=src,
                source_head=src_head,
                contents=[(s, e, False) for s, e in contents],
                cue_kind=kind,
            )
        )
    return out


_RAISING = {"seem", "appear"}  # "The deal seems to hold": an attribution without a source
_PASSIVE_BELIEF = {"expect", "believe", "think", "report", "say", "consider", "know", "rumor"}


def impersonal_attributions(doc: "Doc", inside_quote: list[bool]) -> list[Attribution]:
    """Sourceless attributions of belief: "X seems/appears to ...", "X is expected/believed to
    ..." — content the subject plus the infinitive; cue the verb (with its auxiliary when
    passive). Kept as attitudes: not quotes, since nobody is quoted."""
    out: list[Attribution] = []
    for tok in tokens_tagged(doc, "VERB"):
        if inside_quote[tok.i]:
            continue
        lemma = tok.lemma_.lower()
        passive = lemma in _PASSIVE_BELIEF and any(c.dep_ == "auxpass" for c in tok.children)
        if lemma not in _RAISING and not passive:
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        comp = next(
            (c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i
             and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
            None,
        )
        if subj is None or comp is None or subj.lower_ == "it" or subj.i > tok.i:
            continue
        if any(c.dep_ == "agent" for c in tok.children):
            continue
        pieces = content_pieces(doc, subj.left_edge.i, subj.right_edge.i, [], tok)
        pieces += content_pieces(doc, comp.left_edge.i, comp.right_edge.i, [], tok)
        if len(pieces) != 2:
            continue
        start = tok.idx
        if passive:
            aux = [c for c in tok.children if c.dep_ == "auxpass" and c.i < tok.i]
            if aux and aux[0].i == tok.i - 1:
                start = aux[0].idx
        out.append(
            Attribution(
                cue=(start, tok.idx + len(tok)),
                cue_token=tok.i,
                source=None,
                source_head=None,
                contents=[(a, b, False) for a, b in pieces],
                kind="impersonal",
                cue_kind="attitude",
            )
        )
    return out


_NOUN_PREPS = {"of", "for", "against", "on", "about", "over", "to", "with"}


def noun_attributions(doc: "Doc", lex: CueLexicon, inside_quote: list[bool]) -> list[Attribution]:
    """Positions named by a noun with a possessive holder: "the mayor's claim that ...", "the
    senator's criticism of the plan", "in the governor's view, ..." (lexicon kind ``noun``).
    Source the possessive (with its "'s"); content the noun's clause or prepositional object,
    or, for "in X's view", the clause the phrase opens. Kept as attitudes (not quotes)."""
    out: list[Attribution] = []
    for tok in tokens_tagged(doc, "NOUN"):
        if inside_quote[tok.i] or tok.lemma_.lower() not in lex.nouns:
            continue
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.i < tok.i), None)
        if poss is None:
            continue
        contents: list[tuple[int, int]] = []
        for c in tok.children:
            if c.i <= tok.i:
                continue
            if c.dep_ in ("acl", "ccomp"):
                contents = content_pieces(doc, c.left_edge.i, c.right_edge.i, [], tok)
                break
            if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS:
                pobj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    contents = content_pieces(doc, pobj.left_edge.i, pobj.right_edge.i, [], tok)
                break
        if not contents:
            head = tok.head
            if (
                tok.dep_ == "pobj" and head.lower_ in ("in", "to") and head.dep_ == "prep"
                and head.head.pos_ in ("VERB", "AUX") and head.i < head.head.i
            ):  # "In the governor's view, the plan is dead."
                verb = head.head
                hole = (head.i, tok.right_edge.i)
                contents = content_pieces(doc, verb.left_edge.i, verb.right_edge.i, [hole], tok)
        if not contents:
            continue
        src = _subtree_span(poss)
        out.append(
            Attribution(
                cue=(tok.idx, tok.idx + len(tok)),
                cue_token=tok.i,
                source=src,
                source_head=poss.i,
                contents=[(a, b, False) for a, b in contents],
                kind="noun",
                cue_kind="attitude",
            )
        )
    return out


def prep_attributions(doc: "Doc", lex: CueLexicon, inside_quote: list[bool]) -> list[Attribution]:
    """"according to X": source X, content the clause it modifies minus the phrase."""
    out: list[Attribution] = []
    lowers = TokenTable.of(doc).lower  # read once per doc, shared with other stages
    at: dict[str, list[int]] = {}
    for i, w in enumerate(lowers):
        at.setdefault(w, []).append(i)
    for prep in lex.preps:
        n = len(prep)
        for i in at.get(prep[0], ()):
            if i + n > len(doc) or inside_quote[i]:
                continue
            if any(lowers[i + k] != prep[k] for k in range(n)):
                continue
            tok = doc[i]
            last = doc[tok.i + n - 1]
            pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            src = _subtree_span(pobj)
            phrase_l = tok.i
            phrase_r = max(pobj.right_edge.i, last.i)
            head = tok.head
            # the clause: the head's subtree, or the sentence if the phrase hangs outside it
            left, right = head.left_edge.i, head.right_edge.i
            if not (left <= phrase_l and phrase_r <= right) or head.i == tok.i:
                if not doc.has_annotation("SENT_START"):
                    continue
                sent = tok.sent
                left, right = sent.start, sent.end - 1
            contents = content_pieces(doc, left, right, [(phrase_l, phrase_r)], tok)
            if not contents:
                continue
            end_tok = doc[tok.i + n - 1]
            out.append(
                Attribution(
                    cue=(tok.idx, end_tok.idx + len(end_tok)),
                    cue_token=tok.i,
                    source=src,
                    source_head=pobj.i,
                    contents=[(s, e, False) for s, e in contents],
                    kind="prep",
                )
            )
    return out


# what may open a line that is a quoted passage: blanks and every mark but the closing-only ones
_OPENING_MARKS = " \t" + "".join(sorted(_QUOTE_CHARS - {"”", "’", "»"}))
_LABEL_STOP = {
    "update", "note", "editor", "photo", "watch", "related", "read", "source", "video",
}


def label_attributions(doc: "Doc", inside_quote: list[bool]) -> list[Attribution]:
    """Speaker labels: a line that opens with (or, after a dash, carries) a short capitalised
    label and a colon — transcripts ("SMITH: We will ...") and headlines ("Smith: No Deal").
    The rest of the line is the content; it counts as reported unless it is in quote marks."""
    text = doc_text(doc)
    out: list[Attribution] = []
    pos = 0
    toks = doc
    starts = doc.to_array("IDX").tolist()  # token offsets without making Token objects
    for line in text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        colon = line.find(":", 0, 120)
        if colon <= 0:
            continue
        lab_from = max(line.rfind(d, 0, colon) for d in (" - ", " — ", " – "))
        lab_from = 0 if lab_from < 0 else lab_from + 3
        opened = False  # a quoted transcript passage: '"SMITH: We will ...' (the mark opens it)
        if lab_from == 0:
            lab_from = len(line) - len(line.lstrip(_OPENING_MARKS))
            opened = any(ch not in " \t" for ch in line[:lab_from])
        label = line[lab_from:colon].strip()
        words = label.split()
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            continue
        if words[0].lower().strip(".'’s") in _LABEL_STOP or any(ch.isdigit() for ch in label):
            continue
        rest_s, rest_e = trim(text, ls + colon + 1, le)
        if rest_e - rest_s < 10 or len(text[rest_s:rest_e].split()) < 3:
            continue
        i = bisect.bisect_left(starts, ls + lab_from)
        if i < len(toks) and inside_quote[i] and not opened:
            continue
        head = None
        for j in range(i, len(toks)):
            if toks[j].idx >= ls + colon:
                break
            head = j
        if head is None:
            continue
        lab_s = ls + lab_from + len(line[lab_from:colon]) - len(line[lab_from:colon].lstrip())
        out.append(
            Attribution(
                cue=(ls + colon, ls + colon + 1),
                cue_token=None,
                source=(lab_s, ls + colon),
                source_head=head,
                contents=[(rest_s, rest_e, opened)],
                kind="label",
            )
        )
    return out
