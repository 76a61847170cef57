"""Status of an event from the words around its trigger.

Walks from the trigger up its governing words (stopping at a reporting verb, whose own modality
belongs to the report) and looks at negation, modal auxiliaries, conditional clauses, planning,
refusing and claiming words. Priority: negated > hypothetical > planned > claimed > asserted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventlens.events.codebook import Codebook
from eventlens.events.sentences import Unit
from eventlens.events.triggers import alt_lemma, lemma
from eventlens.types import EventStatus

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPO_AUX = frozenset({"would", "could", "may", "might", "should", "can", "'d", "must"})
# "would" in a clause a reporting verb governs is the future of the report ("warned it would
# attack", "said the leaders would meet"): planned; elsewhere it is a condition
_REPORTED_FUTURE = frozenset({"would", "'d"})
_PLANNED_MODS = frozenset({"planned", "proposed", "upcoming", "future", "scheduled", "expected",
                           "possible", "potential", "next"})
_NEG_DET = frozenset({"no", "never"})
# nouns whose infinitive names an act asked for, not done ("calls to end the war")
_REQUEST_NOUNS = frozenset({"call", "demand", "appeal", "plea", "request", "urging", "bid",
                            "attempt", "effort", "offer", "proposal", "push"})
# nouns whose that-clause is a claim, not a fact ("allegations that the army shelled ..."); the
# claim denied or rejected did not happen as far as the sentence goes
_CLAIM_NOUNS = frozenset({"accusation", "allegation", "claim", "charge", "report", "rumour",
                          "rumor", "suggestion", "assertion"})
# verbs of wishing: a clause they govern with its own subject is wished for, not done or planned
# ("hopes that the parties will end the war", "it is hoped that ...", "wants X to withdraw")
_WISH_VERBS = frozenset({"hope", "wish", "want", "desire", "pray", "long", "yearn", "dream"})


def _lemmas(tok: "Token") -> frozenset[str]:
    """Lemma, a second guess for a cut "-e" verb ("hoped" -> "hop" / "hope") and the word."""
    alt = alt_lemma(tok)
    return frozenset({lemma(tok), tok.lower_} | ({alt} if alt else set()))


def event_status(trig: "Token", unit: Unit, cb: Codebook, stop: "Token | None",
                 claimed_by_report: bool = False) -> EventStatus:
    negating = cb.word("negating_words")
    preventing = cb.word("preventing_words")
    planning = cb.word("planning_words")
    hypo = cb.word("hypothetical_words")
    markers = cb.word("claim_markers")
    conds = cb.word("conditional_marks")
    neg = hyp = plan = claim = would = False
    tok = trig
    first = True
    same_pred = True  # still inside the trigger's own predicate ("will conduct the talks")
    for _ in range(10):
        for c in tok.children:
            if not unit.contains(c):
                continue
            if not same_pred and c.dep_ in ("neg", "aux", "auxpass", "det", "amod", "compound"):
                continue
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ == "det" and low in _NEG_DET):
                neg = True
            elif c.dep_ in ("aux", "auxpass"):
                if low in _FUTURE_AUX:
                    plan = True
                elif low in _REPORTED_FUTURE and first:
                    would = True
                elif low in _HYPO_AUX:
                    hyp = True
            elif c.dep_ == "mark" and low in conds:
                hyp = True
            elif c.dep_ in ("advmod", "amod") and low in markers:
                claim = True
            elif first and c.dep_ in ("amod", "compound") and low in _PLANNED_MODS:
                plan = True
            elif c.dep_ == "advmod" and low in ("likely", "possibly", "perhaps", "probably"):
                hyp = True
        head = tok.head
        if would and tok.dep_ == "ccomp" and (
                (stop is not None and head.i == stop.i) or _lemmas(head) & cb.word("attribution_verbs")):
            would, plan = False, True  # the report's future: "warned (that) it would attack"
        if tok.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and lemma(head) in _CLAIM_NOUNS and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            claim = True  # "accusations that it had bombed the market"
            if head.dep_ in ("dobj", "obj") and _lemmas(head.head) & negating:
                neg = True  # "denied accusations that ..."
            break
        if head.i == tok.i or not unit.contains(head) or (stop is not None and head.i == stop.i):
            break
        if tok.dep_ == "acl" and tok.tag_ == "VB" and (
                lemma(head) in _REQUEST_NOUNS or lemma(head) in planning or lemma(head) in hypo):
            hyp = hyp or lemma(head) in _REQUEST_NOUNS or lemma(head) in hypo
            plan = plan or lemma(head) in planning  # "calls to end the war", "a plan to withdraw"
        if tok.dep_ in ("relcl", "acl"):
            break
        hls = _lemmas(head)
        if tok.dep_ == "prep" and tok.lower_ == "from" and hls & preventing:
            neg = True  # "prevented the rebels from seizing the town"
        elif tok.dep_ in ("xcomp", "pcomp", "pobj", "prep", "ccomp", "dobj", "acomp", "advcl"):
            if hls & negating:
                # "refused to meet", "denies targeting" (not "halt the siege": it goes on)
                neg = neg or tok.dep_ in ("xcomp", "pcomp") or (
                    tok.dep_ == "ccomp" and "deny" in hls and tok.i > head.i)
            elif tok.dep_ == "ccomp" and hls & _WISH_VERBS:
                hyp = True
            elif hls & planning:
                plan = True
            elif hls & hypo:
                hyp = True
            elif hls & {"accuse", "allege", "claim", "charge", "blame", "suspect"}:
                claim = True
        if tok.dep_ not in ("dobj", "pobj", "prep", "xcomp", "conj", "nsubjpass", "obj"):
            same_pred = False
        first = False
        tok = head
    hyp = hyp or would
    if claimed_by_report:
        claim = True
    if neg:
        return EventStatus.NEGATED
    if hyp:
        return EventStatus.HYPOTHETICAL
    if plan:
        return EventStatus.PLANNED
    if claim:
        return EventStatus.CLAIMED
    return EventStatus.ASSERTED
