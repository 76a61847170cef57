"""Label-span evaluation on the PTC (SemEval-2020 Task 11) dev articles.

Gold: the spans of the two techniques ``Name_Calling,Labeling`` and ``Loaded_Language``
(``dev-task-TC.labels.trimmed``, the v2-trimmed dev gold). Predictions: every span our
label stage finds (lexicon hits and learned detector spans — span model and, when built, the
MiniLM tagger on the tokens the span model flags), attached to an actor or not.

Scores:
- ``partial``: the official SemEval-2020 SI formula. Overlapping spans of one article are
  merged (gold and predicted alike), then with S the predicted and T the gold spans,
  ``P = 1/|S| * sum_{s,t} |s∩t| / |s|`` and ``R = 1/|T| * sum_{s,t} |s∩t| / |t|``
  (sums over pairs in the same article), ``F1 = 2PR / (P + R)``.
- ``exact``: a predicted span counts only when its offsets equal a gold span's.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventlens.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from eventlens.pipeline import Resources

log = logging.getLogger(__name__)

TECHNIQUES = ("Name_Calling,Labeling", "Loaded_Language")
Spans = dict[str, list[tuple[int, int]]]


def read_articles(folder: Path) -> dict[str, str]:
    """``article<ID>.txt`` files → {id: text} (text exactly as read, offsets are into it)."""
    out: dict[str, str] = {}
    for f in sorted(folder.glob("article*.txt")):
        out[f.stem.removeprefix("article")] = f.read_text(encoding="utf-8")
    return out


def read_gold(path: Path, techniques: Iterable[str] = TECHNIQUES) -> dict[str, list[tuple[int, int, str]]]:
    """A TC labels file (id, technique, start, end) → {id: [(start, end, technique)]}."""
    keep = set(techniques)
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise InputError(f"{path}:{lineno}: expected 4 tab-separated columns")
        aid, tech, start, end = cols
        if tech in keep:
            out[aid].append((int(start), int(end), tech))
    return dict(out)


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted union of overlapping (or touching) character spans."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def si_scores(pred: Spans, gold: Spans) -> dict[str, float]:
    """SemEval-2020 SI partial-overlap precision / recall / F1 (spans merged per article)."""
    p_num = r_num = 0.0
    n_s = n_t = 0
    for aid in set(pred) | set(gold):
        ss, ts = merge(pred.get(aid, ())), merge(gold.get(aid, ()))
        n_s += len(ss)
        n_t += len(ts)
        for s0, s1 in ss:
            for t0, t1 in ts:
                inter = min(s1, t1) - max(s0, t0)
                if inter > 0:
                    p_num += inter / (s1 - s0)
                    r_num += inter / (t1 - t0)
    return _prf(p_num, n_s, r_num, n_t)


def exact_scores(pred: Spans, gold: Spans) -> dict[str, float]:
    """Exact-offset span precision / recall / F1 (duplicates counted once)."""
    tp = n_s = n_t = 0
    for aid in set(pred) | set(gold):
        ss, ts = set(pred.get(aid, ())), set(gold.get(aid, ()))
        n_s += len(ss)
        n_t += len(ts)
        tp += len(ss & ts)
    return _prf(tp, n_s, tp, n_t)


def _prf(p_num: float, n_s: int, r_num: float, n_t: int) -> dict[str, float]:
    p = p_num / n_s if n_s else 0.0
    r = r_num / n_t if n_t else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n_pred": n_s, "n_gold": n_t}


def evaluate(data: Path, *, res: "Resources | None" = None, limit: int | None = None) -> dict[str, Any]:
    """Score the label stage on the PTC dev articles (``data`` = the ptc_semeval2020 folder).

    ``limit`` takes the first N dev articles in id order (deterministic subsample).
    """
    from eventlens.context import DocContext
    from eventlens.pipeline import Resources
    from eventlens.slant import detect_spans, load_lexicon
    from eventlens.types import Article

    data = Path(data)
    folder = data / "dev-articles"
    gold_file = data / "dev-task-TC.labels.trimmed"
    if not folder.is_dir() or not gold_file.is_file():
        raise InputError(f"{data}: expected dev-articles/ and dev-task-TC.labels.trimmed (PTC folder)")
    if res is None:
        from eventlens.config import Config
        from eventlens.nlp import load_nlp

        cfg = Config()
        res = Resources(config=cfg, nlp=load_nlp(cfg.model), lexicon=load_lexicon(cfg))
    lexicon = res.lexicon if res.lexicon is not None else load_lexicon(res.config)
    articles = read_articles(folder)
    ids = sorted(articles)[: limit if limit else None]
    gold_all = read_gold(gold_file)
    gold: Spans = {a: [(s, e) for s, e, _ in gold_all.get(a, ())] for a in ids}
    by_source: dict[str, Spans] = {"all": {}, "lexicon": {}, "model": {}}
    t0 = time.perf_counter()
    texts = [articles[a] for a in ids]
    for aid, doc in zip(ids, res.nlp.pipe(texts, batch_size=16)):
        ctx = DocContext(article=Article(id=aid, text=doc.text), doc=doc)
        for hit in detect_spans(ctx, lexicon):
            by_source["all"].setdefault(aid, []).append((hit.start, hit.end))
            by_source[hit.source].setdefault(aid, []).append((hit.start, hit.end))
    seconds = time.perf_counter() - t0
    out: dict[str, Any] = {
        "articles": len(ids),
        "techniques": list(TECHNIQUES),
        "model_version": getattr(getattr(lexicon, "model", None), "version", None),
        "tagger_version": getattr(getattr(lexicon, "tagger", None), "version", None),
        "seconds": round(seconds, 1),
    }
    for name, pred in by_source.items():
        out[name] = {"partial": si_scores(pred, gold), "exact": exact_scores(pred, gold)}
    out["partial_f1"] = out["all"]["partial"]["f1"]
    out["exact_f1"] = out["all"]["exact"]["f1"]
    return out
