"""Quote stage: direct and reported speech with speakers.

``find_attributions`` does the work (quotation marks from a character scan, reporting
verbs and "according to" from the dependency parse, speakers from the actor records);
``extract_quotes`` turns its attributions into :class:`~eventlens.types.Quote` records —
speech and stated belief; attributions of stance, evaluation or desire ("X criticized Y", "X
wants to ...") are found and scored but not emitted as quotes (see ``extract_quotes``).
"""

from __future__ import annotations

import bisect
import logging
import re
from typing import TYPE_CHECKING

from eventlens.context import DocContext
from eventlens.nlp import token_starts
from eventlens.quotes.direct import Piece, find_direct
from eventlens.quotes.learned import CueModel, learned_attributions, load_model
from eventlens.quotes.learned_source import SourceModel, refine_sources
from eventlens.quotes.learned_source import load_model as load_source_model
from eventlens.quotes.lexicon import CueLexicon, load_lexicon
from eventlens.quotes.reported import (
    Attribution,
    cue_kind,
    cue_span,
    doc_text,
    find_source,
    impersonal_attributions,
    trim,
    label_attributions,
    noun_attributions,
    prep_attributions,
    is_cue_verb,
    verb_attributions,
)
from eventlens.quotes.speakers import SpeakerResolver
from eventlens.types import Quote, Span, stable_id

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

__all__ = ["extract_quotes", "find_attributions", "Attribution"]

_MIN_UNCUED_WORDS = 6  # a quote with no cue nearby must look like a sentence, not a scare quote
_MIN_LOOSE_WORDS = 4  # a short quote needs its cue verb to govern it
_CONTINUATION_CHARS = 600


def _words(text: str) -> int:
    return len(text.split())


def _token_flags(doc: "Doc", pieces: list[Piece]) -> list[bool]:
    flags = [False] * len(doc)
    starts = [p.start for p in pieces]
    for k, idx in enumerate(token_starts(doc)):
        i = bisect.bisect_right(starts, idx) - 1
        if i >= 0 and pieces[i].start <= idx < pieces[i].end:
            flags[k] = True
    return flags


def _tokens_in(doc: "Doc", start: int, end: int) -> range:
    lo = bisect.bisect_left(token_starts(doc), start)
    hi = bisect.bisect_left(token_starts(doc), end)
    return range(lo, hi)


def _window_cue(
    doc: "Doc", lex: CueLexicon, piece: Piece, prev_end: int, next_start: int, inside: list[bool]
) -> int | None:
    """Token index of the reporting verb for a direct piece, from its sentence's remainder."""
    text = doc_text(doc)
    mark_end = (piece.close_at + 1) if piece.close_at is not None else piece.end
    para_s = text.rfind("\n", 0, piece.open_at) + 1
    para_e = text.find("\n", mark_end)
    para_e = len(text) if para_e < 0 else para_e
    toks = _tokens_in(doc, piece.open_at, piece.open_at + 1)
    has_sents = doc.has_annotation("SENT_START")
    sent_s = doc[toks.start].sent.start_char if toks and has_sents else para_s
    before = (max(para_s, sent_s, prev_end), piece.open_at)
    after_s = mark_end
    end_ws = [text.find(c, after_s) for c in ".!?\n"]
    stop = min([e for e in end_ws if e >= 0] + [para_e, next_start])
    after = (after_s, stop)
    best: tuple[int, int] | None = None  # (distance, token)
    governed: int | None = None
    piece_toks = _tokens_in(doc, piece.start, piece.end)
    for lo, hi in (after, before):
        for i in _tokens_in(doc, lo, hi):
            tok = doc[i]
            if inside[i] or is_cue_verb(tok, lex) is None:
                continue
            dist = tok.idx - mark_end if lo == after_s else piece.open_at - tok.idx
            if best is None or dist < best[0]:
                best = (dist, i)
            if governed is None and piece_toks:
                mid = doc[piece_toks.start + len(piece_toks) // 2]
                if any(a.i == i for a in mid.ancestors):
                    governed = i
    if governed is not None:
        return governed
    if best is None:
        return None
    if _words(text[piece.start : piece.end]) < _MIN_LOOSE_WORDS:
        return None  # a scare quote next to a verb it does not depend on
    return best[1]


def find_attributions(
    ctx: DocContext, lex: CueLexicon | None = None, *, cue_model: "CueModel | None | str" = "auto",
    source_model: "SourceModel | None | str" = "auto",
) -> list[Attribution]:
    """All attributions of one article, sorted by position, speakers resolved.

    ``cue_model``: the learned cue detector ("auto": the one built in the user cache, if any;
    None: rules only); ``source_model``: likewise, the learned source chooser.
    """
    lex = lex or load_lexicon()
    model = load_model() if cue_model == "auto" else cue_model
    chooser = load_source_model() if source_model == "auto" else source_model
    doc, text = ctx.doc, ctx.article.text
    doc.user_data["_eventlens_text"] = text  # doc.text == article.text
    pieces = find_direct(text)
    inside = _token_flags(doc, pieces)
    attrs = verb_attributions(doc, lex, inside) + prep_attributions(doc, lex, inside)
    cued = {a.cue_token for a in attrs}
    attrs += [a for a in impersonal_attributions(doc, inside) if a.cue_token not in cued]
    attrs += noun_attributions(doc, lex, inside)
    labels = label_attributions(doc, inside)
    labelled = [(s, e) for a in labels for s, e, _ in a.contents]
    attrs = [a for a in attrs if not any(s <= a.start < e for s, e in labelled)] + labels
    if isinstance(model, CueModel):
        attrs += learned_attributions(doc, lex, inside, attrs, model)
    by_cue = {a.cue_token: a for a in attrs if a.kind == "verb"}
    last_direct: Attribution | None = None
    for k, p in enumerate(pieces):
        prev_end = (pieces[k - 1].close_at or pieces[k - 1].end) + 1 if k else 0
        next_start = pieces[k + 1].open_at if k + 1 < len(pieces) else len(text)
        m_start = p.open_at
        m_end = (p.close_at + 1) if p.close_at is not None else p.end
        host = _host(attrs, text, p, m_start, m_end)
        if host is not None:
            a, ci, mixed = host
            if mixed:
                a.nested.append((p.start, p.end))
            else:
                a.contents[ci] = (p.start, p.end, True)
            last_direct = a
            continue
        signed = _dash_signature(doc, text, m_end)
        if signed is not None:  # '"... we don't matter." ― Ana Ruiz': the quote signed by a name
            cue, src, head = signed
            a = Attribution(cue=cue, cue_token=None, source=src, source_head=head, kind="label")
            a.contents.append((p.start, p.end, True))
            attrs.append(a)
            last_direct = a
            continue
        cue_i = _window_cue(doc, lex, p, prev_end, next_start, inside)
        if cue_i is not None:
            a = by_cue.get(cue_i)
            if a is None:
                src, src_head = find_source(doc[cue_i], inside)
                a = Attribution(
                    cue=cue_span(doc[cue_i], lex), cue_token=cue_i, source=src, source_head=src_head,
                    cue_kind=cue_kind(doc[cue_i], lex),
                )
                by_cue[cue_i] = a
                attrs.append(a)
            a.contents.append((p.start, p.end, True))
            last_direct = a
            continue
        if (
            last_direct is not None
            and last_direct.contents
            and 0 <= p.open_at - max(e for _, e, _ in last_direct.contents) <= _CONTINUATION_CHARS
        ):
            last_direct.contents.append((p.start, p.end, True))
            continue
        if _words(text[p.start : p.end]) >= _MIN_UNCUED_WORDS:
            a = Attribution(cue=None, cue_token=None, source=None, source_head=None, kind="none")
            a.contents.append((p.start, p.end, True))
            attrs.append(a)
            last_direct = a
    for a in attrs:
        a.contents.sort()
    attrs = _univocal(attrs, doc)
    if isinstance(chooser, SourceModel):
        refine_sources(doc, attrs, chooser)
    attrs.sort(key=lambda a: (a.start, a.cue or (0, 0)))
    resolver = SpeakerResolver(ctx, lex)
    for a in attrs:
        a.speaker = resolver.resolve(a, _mentions_document(doc, a, lex))
    return attrs


_SIGNATURE = re.compile(
    r"[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4})"
    r"[ \t\u00a0]*(?:[.,]|$)", re.MULTILINE)  # to the end of the line or a comma


def _dash_signature(doc: "Doc", text: str, at: int) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """A quotation signed right after its closing mark by a dash and a capitalised name that ends
    the line or is followed by a comma ('"..." ― Ana Ruiz', '"..." — Omar Haddad, a farmer'):
    (cue = the dash, source = the name, the name's head token)."""
    m = _SIGNATURE.match(text, at)  # the pattern itself never crosses a line
    if m is None:
        return None
    end = m.start(2) + len(m.group(2).rstrip("."))  # 'Jorge Pena.': the sentence's period
    span = doc.char_span(m.start(2), end, alignment_mode="expand")
    if span is None or not len(span) or not any(t.pos_ == "PROPN" for t in span):
        return None
    return (m.start(1), m.end(1)), (m.start(2), end), span.root.i


def _univocal(attrs: list[Attribution], doc: "Doc") -> list[Attribution]:
    """Drop an attribution whose cue lies inside another one's reported content ("She said he
    wants to run": the wanting is part of what she said, not an attribution of its own — each
    word has one role, as in attribution corpora). An attribution carrying direct pieces stays,
    and so does speech inside a stance ("backed the bill, saying ..."). Speech coordinated with
    speech ("four in 10 said ..., while six in 10 said ...") stays too, and the first content
    ends where the second attribution begins."""
    spans = sorted(
        (s, e, id(a), a.cue_kind) for a in attrs for s, e, direct in a.contents if not direct
    )
    starts = [sp[0] for sp in spans]
    by_id = {id(a): a for a in attrs}
    text = doc_text(doc)
    out = []
    for a in attrs:
        if a.cue is None or a.direct:
            out.append(a)
            continue
        c = a.cue[0]
        i = bisect.bisect_right(starts, c)
        hosts = [
            (s, e, owner)
            for s, e, owner, kind in spans[max(0, i - 40) : i]
            if s <= c < e and owner != id(a) and (kind != "attitude" or a.cue_kind == "attitude")
        ]
        if not hosts:
            out.append(a)
            continue
        tok = doc[a.cue_token] if a.cue_token is not None else None
        begin = min(x for x in (a.source[0] if a.source else None, a.cue[0]) if x is not None)
        own_subject = a.source_head is not None and doc[a.source_head].head.i == a.cue_token
        if (
            a.cue_kind == "speech" and tok is not None and tok.dep_ in ("advcl", "conj")
            and own_subject  # "..., while six in 10 said": not a verb sharing the content's subject
            and all(by_id[o].cue_kind == "speech" and s < begin for s, _, o in hosts)
        ):
            for s, e, owner in hosts:
                host = by_id[owner]
                if (s, e, False) not in host.contents:
                    continue  # already cut at an earlier coordinated attribution
                k = host.contents.index((s, e, False))
                ns, ne = trim(text, s, begin)
                for w in ("while", "but", "and", "whereas"):
                    if text[ns:ne].lower().endswith(" " + w):
                        ne = ns + len(text[ns:ne]) - len(w) - 1
                ns, ne = trim(text, ns, ne)
                if ne - ns >= 2:
                    host.contents[k] = (ns, ne, False)
            out.append(a)
    return out


def _mentions_document(doc: "Doc", a: Attribution, lex: CueLexicon) -> bool:
    """Whether the cue's clause names a statement or a platform ("said in a statement")."""
    if a.cue_token is None:
        return False
    tok = doc[a.cue_token]
    for c in tok.subtree:
        if c.dep_ == "pobj" and (lex.is_document(c.lemma_) or lex.is_platform(c.text)):
            return True
    return False


def _host(
    attrs: list[Attribution], text: str, p: Piece, m_start: int, m_end: int
) -> tuple[Attribution, int, bool] | None:
    """The reported attribution whose content holds this direct piece, if any.

    Returns (attribution, content index, mixed): mixed when the content has words of its
    own beyond the quoted piece (a partial quote), else the content is the quote itself.
    """
    for a in attrs:
        for ci, (s, e, direct) in enumerate(a.contents):
            if direct or e <= m_start or s >= m_end:
                continue
            outside = text[s:m_start] + text[m_end:e] if s <= m_start else ""
            extra = sum(ch.isalnum() for ch in outside)
            if s < m_start and extra > 3:
                return a, ci, True
            return a, ci, False
    return None


def extract_quotes(
    ctx: DocContext, *, attitudes: bool = False, cue_model: "CueModel | None | str" = "auto",
    source_model: "SourceModel | None | str" = "auto",
) -> tuple[Quote, ...]:
    """Quotes of one article: every content span of every attribution, direct pieces of
    mixed quotes included, with speaker ids and cues.

    Attributions of stance, evaluation, desire or intention ("X criticized the plan", "X
    wants to run"; lexicon kind ``attitude``) are not speech: their reported contents are left
    out unless ``attitudes`` is set; direct quotes attached to such a cue (X praised the deal:
    "It is fair") are always kept.
    """
    try:
        attrs = find_attributions(ctx, cue_model=cue_model, source_model=source_model)
    except (ValueError, IndexError) as exc:  # never let odd text stop a batch
        log.warning("quotes: article %s skipped: %s", ctx.article.id, exc)
        return ()
    text = ctx.article.text
    seen: set[tuple[int, int]] = set()
    out: list[Quote] = []
    for a in attrs:
        cue = Span(start=a.cue[0], end=a.cue[1], text=text[a.cue[0] : a.cue[1]]) if a.cue else None
        items = [(s, e, d) for s, e, d in a.contents if d or attitudes or a.cue_kind != "attitude"]
        items += [(s, e, True) for s, e in a.nested]
        for s, e, direct in items:
            if (s, e) in seen or not 0 <= s < e <= len(text):
                continue
            seen.add((s, e))
            out.append(
                Quote(
                    id=stable_id("quo", ctx.article.id, s, e),
                    speaker=a.speaker,
                    text=text[s:e],
                    start=s,
                    end=e,
                    direct=direct,
                    cue=cue,
                )
            )
    out.sort(key=lambda q: (q.start, q.end))
    return tuple(out)
