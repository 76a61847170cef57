"""Speed and memory figures (`eventlens bench`): parse-only vs full pipeline, per stage."""

from __future__ import annotations

import resource
import sys
import time
from collections import defaultdict
from typing import Any

from eventlens.config import Config
from eventlens.context import DocContext, SpanIndex
from eventlens.errors import InputError
from eventlens.types import Article


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _stage_times(article: Article, doc: Any, res: Any, acc: dict[str, float]) -> None:
    """Run the stages one by one (as analyze_doc does), timing each."""
    from eventlens import actors, events, geo, quotes, slant

    ctx = DocContext(article=article, doc=doc)
    t = time.perf_counter()
    ctx.actors, ctx.actor_index = actors.resolve_actors(article, doc, res.actor_kb)
    acc["actors"] += time.perf_counter() - t
    t = time.perf_counter()
    ctx.places = geo.resolve_places(ctx, res.gazetteer)
    ctx.place_index = SpanIndex([(m.start, m.end, p.id) for p in ctx.places for m in p.mentions])
    acc["geo"] += time.perf_counter() - t
    t = time.perf_counter()
    ctx.quotes = quotes.extract_quotes(ctx)
    acc["quotes"] += time.perf_counter() - t
    t = time.perf_counter()
    events.extract_events(ctx, res.codebook)
    acc["events"] += time.perf_counter() - t
    t = time.perf_counter()
    slant.extract_labels(ctx, res.lexicon)
    acc["labels"] += time.perf_counter() - t


def run_bench(paths: list[str], *, repeat: int = 3, config: Config | None = None) -> dict[str, Any]:
    from eventlens.ingest import read_inputs
    from eventlens.pipeline import Resources, analyze_doc

    config = config or Config()
    t0 = time.perf_counter()
    res = Resources.load(config)
    load_s = time.perf_counter() - t0
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    if not articles:
        raise InputError(", ".join(paths), "no readable articles to benchmark")
    arts = articles * repeat
    n_tokens = 0
    # warm-up over every article (first-use caches, lazy index opening, and spaCy's own
    # first-pass costs: timing the parse cold would flatter the ratio by several points)
    for a, d in zip(articles, res.nlp.pipe([a.text for a in articles], batch_size=config.batch_size)):
        analyze_doc(a, d, res)

    # parse-only and full passes alternate, so drift in the machine's speed (other processes,
    # clock changes) falls on both sides of the ratio alike; each pass is timed on its own
    one = [a.text for a in articles]
    parse_runs: list[float] = []
    full_runs: list[float] = []
    docs: list[Any] = []
    for _ in range(repeat):
        t = time.perf_counter()
        docs = list(res.nlp.pipe(one, batch_size=config.batch_size))
        parse_runs.append(time.perf_counter() - t)
        t = time.perf_counter()
        for a, d in zip(articles, res.nlp.pipe(one, batch_size=config.batch_size)):
            analyze_doc(a, d, res)
        full_runs.append(time.perf_counter() - t)
    parse_s, full_s = sum(parse_runs), sum(full_runs)
    n_tokens = sum(len(d) for d in docs) * repeat
    docs = docs * repeat

    stage: dict[str, float] = defaultdict(float)
    for a, d in zip(arts, docs):
        _stage_times(a, d, res, stage)

    out: dict[str, Any] = {
        "articles": len(arts),
        "tokens": n_tokens,
        "resources_load_s": round(load_s, 2),
        "parse_only_articles_per_s": round(len(arts) / parse_s, 2),
        "full_pipeline_articles_per_s": round(len(arts) / full_s, 2),
        "pipeline_parse_ratio": round(parse_s / full_s, 3),
        "pipeline_parse_ratio_per_pass": [round(p / f, 3) for p, f in zip(parse_runs, full_runs)],
        "parse_tokens_per_s": round(n_tokens / parse_s, 1),
        "stage_ms_per_article": {k: round(1000 * v / len(arts), 2) for k, v in stage.items()},
        "stage_share_of_parse": {k: round(v / parse_s, 3) for k, v in stage.items()},
        # the ratio each stage (or the quote and label stages together) would leave on its own
        # over the parse: parse / (parse + stage); the whole pipeline's is pipeline_parse_ratio
        "ratio_with_stage_alone": {
            **{k: round(parse_s / (parse_s + v), 3) for k, v in stage.items()},
            "quotes+labels": round(parse_s / (parse_s + stage["quotes"] + stage["labels"]), 3),
        },
        "peak_rss_mb": _peak_rss_mb(),
        "model": config.model,
    }
    try:
        from eventlens.geo.bench import bench as geo_bench

        out["geo"] = geo_bench(res)
    except ImportError:
        pass
    return out
