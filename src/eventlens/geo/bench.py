"""Speed and memory of the geo stage: ``bench(texts)`` or ``bench(res=...)``."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from eventlens.pipeline import Resources

_SAMPLE = ("On Monday officials in Cairo and Istanbul said talks in Geneva would resume, while "
           "fighting near Aleppo, Idlib province and the town of Gharian went on. Delegates from "
           "Texas, Ontario and New South Wales met in Nairobi.")


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024, 1)


def bench(texts: Iterable[str] | "Resources | None" = None, *, res: "Resources | None" = None,
          ) -> dict[str, Any]:
    """Lookups per second (uncached, on the candidate names of the texts), geo-stage time per
    article against spaCy parse time, and peak RSS of this process."""
    from eventlens import actors
    from eventlens.config import Config
    from eventlens.context import DocContext
    from eventlens.geo.gazetteer import Gazetteer
    from eventlens.geo.resolve import find_candidates, resolve
    from eventlens.pipeline import Resources
    from eventlens.types import Article

    if texts is not None and not isinstance(texts, (str, list, tuple)) and hasattr(texts, "nlp"):
        res, texts = texts, None  # bench(res)
    res = res or Resources.load(Config(stages=("actors", "geo")))
    docs_text = list(texts) if texts is not None else [_SAMPLE] * 20
    t0 = time.perf_counter()
    docs = list(res.nlp.pipe(docs_text))
    parse_s = time.perf_counter() - t0

    ctxs = []
    for i, (text, doc) in enumerate(zip(docs_text, docs)):
        article = Article(id=f"bench{i}", text=text)
        ctx = DocContext(article=article, doc=doc)
        ctx.actors, ctx.actor_index = actors.resolve_actors(article, doc, res.actor_kb)
        ctxs.append(ctx)
    t0 = time.perf_counter()
    for ctx in ctxs:
        resolve(ctx, res.gazetteer)
    geo_s = time.perf_counter() - t0
    names = [c.text for ctx in ctxs for c in find_candidates(ctx, res.gazetteer)[0]]

    cold = Gazetteer(res.gazetteer.path, cache_size=1)  # uncached lookups
    uniq = list(dict.fromkeys(names)) or ["Tripoli"]
    reps = max(1, 2000 // len(uniq))
    t0 = time.perf_counter()
    n = 0
    for _ in range(reps):
        for name in uniq:
            cold.lookup(name)  # cache of one entry: every lookup goes to the index
            n += 1
    look_s = time.perf_counter() - t0
    cold.close()
    return {
        "articles": len(docs_text),
        "lookups": n,
        "lookups_per_s": round(n / look_s, 1) if look_s else None,
        "parse_s": round(parse_s, 3),
        "geo_s": round(geo_s, 3),
        "geo_ms_per_article": round(1000 * geo_s / max(1, len(docs_text)), 2),
        "pipeline_parse_ratio": round(parse_s / (parse_s + geo_s), 3) if parse_s else None,
        "peak_rss_mb": peak_rss_mb(),
    }
