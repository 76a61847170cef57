"""Evaluation of the quote stage on PolNeAR (brat standoff: Source / Cue / Content spans).

``evaluate(data)`` scores the dev and test splits of ``data`` (the ``polnear`` folder):
cue, source and content span F1, exact and overlap, for all attributions and for direct ones
(gold: content contains a quotation mark; predicted: a direct piece is part of it), and, as a
diagnostic only, "speech": gold attributions whose cue is a speech cue of our lexicon (PolNeAR
also annotates beliefs, stances and evaluations: "attacked Trump", "opposed Assad") against
the predictions whose cue is one too (before the learned cue model, against all predictions:
every right attitude found then counted as a false positive).

* exact (as in BBC citron's evaluator): a predicted cue is right if a gold cue has the same
  span; a predicted source (content) is right if a gold attribution with an overlapping cue
  has exactly the same source (content) spans. Sources are scored only where a source exists.
* overlap (citron's token overlap, set-based): precision = predicted tokens of a role that are
  also gold tokens of that role / predicted tokens; recall likewise over gold tokens.
  Tokens are ``\\w+`` runs and single punctuation marks.

Conventions normalised here, not in the product output: a verb cue is scored with its
auxiliaries, adverbs, weekday, "in a statement" and colon (``cue_extent``: "has also said:"),
while the product's cue is the verb; PolNeAR's direct content includes the
quotation marks, so predicted direct pieces are widened over their marks; pieces quoted inside
a reported content (mixed quotes) are part of that content, not attributions of their own.
One annotator file per article (the first by name).

Subsets: ``all`` scores every attribution the stage finds, attitudes included (stance,
evaluation, desire, intention: "X criticized Y", "X wants to ..."), which is PolNeAR's task;
``quotes`` scores only what :func:`~eventlens.quotes.extract_quotes` emits by default (speech
and belief; attitude attributions keep only their direct pieces) against the same gold — the
product's view, reported as a diagnostic.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventlens.context import DocContext
from eventlens.quotes.edges import QUOTE_CHARS
from eventlens.types import Article

if TYPE_CHECKING:  # pragma: no cover
    from eventlens.pipeline import Resources

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+|[^\w\s]")
ROLES = ("cue", "source", "content")


@dataclass(slots=True)
class Attr:
    cue: list[tuple[int, int]]
    source: list[tuple[int, int]]
    content: list[tuple[int, int]]
    direct: bool = False
    attitude: bool = False  # a stance/evaluation/desire cue (not emitted as a quote by the product)


@dataclass(slots=True)
class _Counts:
    exact: dict[str, list[int]] = field(default_factory=lambda: {r: [0, 0, 0, 0] for r in ROLES})
    overlap: dict[str, list[int]] = field(default_factory=lambda: {r: [0, 0, 0] for r in ROLES})
    n_gold: int = 0
    n_pred: int = 0


def read_gold(ann: str, text: str) -> list[Attr]:
    """Attributions of one brat .ann file (spans may be discontinuous: 'a b;c d')."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[str] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offs = parts[1].partition(" ")
            segs = []
            for seg in offs.split(";"):
                a, b = seg.split()
                segs.append((int(a), int(b)))
            spans[parts[0]] = (label, segs)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1])
    out = []
    for ev in events:
        roles: dict[str, list[tuple[int, int]]] = {"Cue": [], "Source": [], "Content": []}
        for arg in ev.split():
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789")
            if role in roles and tid in spans:
                roles[role].extend(spans[tid][1])
        if not roles["Content"] and not roles["Cue"]:
            continue
        content_text = "".join(text[s:e] for s, e in roles["Content"])
        out.append(
            Attr(
                cue=sorted(roles["Cue"]),
                source=sorted(roles["Source"]),
                content=sorted(roles["Content"]),
                direct=any(ch in QUOTE_CHARS - {"'", "’"} for ch in content_text),
            )
        )
    return out


def predicted(ctx: DocContext, *, cue_model: Any = "auto", source_model: Any = "auto") -> list[Attr]:
    """The quote stage's attributions of one article, in the benchmark's conventions
    (``cue_model`` and ``source_model`` as in :func:`~eventlens.quotes.find_attributions`)."""
    from eventlens.quotes import find_attributions
    from eventlens.quotes.lexicon import load_lexicon
    from eventlens.quotes.reported import cue_extent

    text = ctx.article.text
    lex = load_lexicon()
    out = []
    for a in find_attributions(ctx, cue_model=cue_model, source_model=source_model):
        cue = a.cue
        if a.kind == "verb" and a.cue_token is not None:
            cue = cue_extent(ctx.doc[a.cue_token], lex)
        contents = []
        for s, e, direct in a.contents:
            if direct:  # over the marks, doubled ones ('' or ``) included
                for _ in range(2):
                    if s > 0 and text[s - 1] in QUOTE_CHARS | {"`"}:
                        s -= 1
                    if e < len(text) and text[e] in QUOTE_CHARS:
                        e += 1
            contents.append((s, e))
        out.append(
            Attr(
                cue=[cue] if cue else [],
                source=[a.source] if a.source else [],
                content=sorted(contents),
                direct=a.direct or bool(a.nested),
                attitude=a.cue_kind == "attitude" and not (a.direct or a.nested),
            )
        )
    return out


def _speech_cue(doc: Any, g: Attr, lex: Any) -> bool:
    """Whether an attribution's cue is a speech cue of our lexicon (a diagnostic subset)."""
    if not g.cue:
        return False
    text = doc.text if "_eventlens_text" not in doc.user_data else doc.user_data["_eventlens_text"]
    cue = " ".join(text[s:e] for s, e in g.cue).lower().strip()
    if cue in (":", "according to"):
        return True
    span = doc.char_span(g.cue[0][0], g.cue[-1][1], alignment_mode="expand")
    return span is not None and any(
        t.lemma_.lower() in lex.verbs and t.lemma_.lower() not in lex.beliefs for t in span
    )


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


def _token_set(tokens: list[tuple[int, int]], spans: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        for i, (ts, te) in enumerate(tokens):
            if ts >= e:
                break
            if te > s:
                out.add(i)
    return out


def score_doc(text: str, gold: list[Attr], pred: list[Attr], counts: _Counts) -> None:
    """Add one document's exact and overlap counts."""
    counts.n_gold += len(gold)
    counts.n_pred += len(pred)
    ex = counts.exact
    # exact: [tp_pred, n_pred, tp_gold, n_gold]; the same test from each side
    for items, others, hit, total in ((pred, gold, 0, 1), (gold, pred, 2, 3)):
        for a in items:
            if a.cue:
                ex["cue"][total] += 1
                ex["cue"][hit] += any(b.cue == a.cue for b in others)
            for role in ("source", "content"):
                if role == "content" or a.source:
                    ex[role][total] += 1
                    ex[role][hit] += any(
                        _overlaps(b.cue, a.cue) and getattr(b, role) == getattr(a, role)
                        for b in others
                    )
    tokens = _tokens(text)
    for role in ROLES:
        ps = _token_set(tokens, [s for p in pred for s in getattr(p, role)])
        gs = _token_set(tokens, [s for g in gold for s in getattr(g, role)])
        ov = counts.overlap[role]
        ov[0] += len(ps & gs)
        ov[1] += len(ps)
        ov[2] += len(gs)


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _report(c: _Counts) -> dict[str, Any]:
    out: dict[str, Any] = {"gold": c.n_gold, "pred": c.n_pred}
    for role in ROLES:
        tp_p, n_p, tp_g, n_g = c.exact[role]
        ov, np_, ng = c.overlap[role]
        out[role] = {"exact": _prf(tp_p, n_p, tp_g, n_g), "overlap": _prf(ov, np_, ov, ng)}
    return out


def load_split(data: Path, split: str, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(name, text, ann) of a split, sorted by name, one annotator per article."""
    text_dir, ann_dir = data / split / "text", data / split / "attributions"
    anns: dict[str, Path] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], p)
    out = []
    for tp in sorted(text_dir.glob("*.txt")):
        if tp.stem not in anns:
            continue
        out.append((tp.stem, tp.read_text(encoding="utf-8"), anns[tp.stem].read_text(encoding="utf-8")))
        if limit is not None and len(out) >= limit:
            break
    return out


def evaluate(
    data: Path,
    *,
    res: "Resources | None" = None,
    limit: int | None = None,
    splits: tuple[str, ...] = ("dev", "test"),
) -> dict:
    """Scores on each split of PolNeAR at ``data``; ``limit`` takes the first N articles of each."""
    from eventlens import actors
    from eventlens.config import Config
    from eventlens.quotes.lexicon import load_lexicon

    lex = load_lexicon()
    if res is None:
        from eventlens.pipeline import Resources

        res = Resources.load(Config(stages=("actors", "quotes")))
    data = Path(data)
    result: dict[str, Any] = {"data": str(data), "limit": limit}
    for split in splits:
        docs = load_split(data, split, limit)
        if not docs:
            continue
        counts, direct, speech, product = _Counts(), _Counts(), _Counts(), _Counts()
        t_parse = t_quotes = 0.0
        actor_failures = 0
        t0 = time.perf_counter()
        parsed = list(res.nlp.pipe([t for _, t, _ in docs], batch_size=8))
        t_parse = time.perf_counter() - t0
        for (name, text, ann), doc in zip(docs, parsed):
            article = Article(id=name, text=text, source=name)
            ctx = DocContext(article=article, doc=doc)
            if "actors" in res.config.stages:
                try:
                    ctx.actors, ctx.actor_index = actors.resolve_actors(article, doc, res.actor_kb)
                except Exception as exc:  # an actor-stage bug must not stop the quote scores
                    log.warning("actors failed on %s (%s: %s); scoring without actors",
                                name, type(exc).__name__, exc)
                    actor_failures += 1
            t1 = time.perf_counter()
            pred = predicted(ctx)
            t_quotes += time.perf_counter() - t1
            gold = read_gold(ann, text)
            score_doc(text, gold, pred, counts)
            score_doc(text, [g for g in gold if g.direct], [p for p in pred if p.direct], direct)
            score_doc(text, [g for g in gold if _speech_cue(doc, g, lex)],
                      [p for p in pred if _speech_cue(doc, p, lex)], speech)
            score_doc(text, gold, [p for p in pred if not p.attitude], product)
        result[split] = {
            "articles": len(docs),
            "all": _report(counts),
            "direct": _report(direct),
            "speech": _report(speech),
            "quotes": _report(product),
            "seconds_parse": round(t_parse, 2),
            "seconds_quotes": round(t_quotes, 3),
            "actor_failures": actor_failures,
        }
    return result
