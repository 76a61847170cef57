"""The pipeline: articles → spaCy docs → per-article records.

``analyze_doc`` is the one pure per-article function (article + parsed doc +
loaded resources → Analysis). Local batches and the Dask runner both map it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventlens.config import Config
from eventlens.context import DocContext, SpanIndex
from eventlens.errors import EventlensError
from eventlens.nlp import doc_text
from eventlens.types import Analysis, Article, Reject

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Resources:
    """Loaded models and knowledge, created once per process (never pickled)."""

    config: Config
    nlp: Any = None
    actor_kb: Any = None
    gazetteer: Any = None
    codebook: Any = None
    lexicon: Any = None
    _loaded: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, config: Config | None = None) -> "Resources":
        from eventlens import actors, events, geo, slant
        from eventlens.nlp import load_nlp

        config = config or Config()
        res = cls(config=config)
        res.nlp = load_nlp(config.model)
        res.actor_kb = actors.load_kb(config)
        if "geo" in config.stages:
            res.gazetteer = geo.load_gazetteer(config)
        if "events" in config.stages:
            res.codebook = events.load_codebook(config)
        if "labels" in config.stages:
            res.lexicon = slant.load_lexicon(config)
        return res


def analyze_doc(article: Article, doc: "Doc", res: Resources) -> Analysis:
    """Pure per-article function: every stage after the spaCy boundary."""
    from eventlens import actors, events, geo, quotes, slant

    if doc_text(doc) != article.text:
        raise EventlensError("internal: doc text differs from article text")
    stages = res.config.stages
    ctx = DocContext(article=article, doc=doc)
    found_actors, index = actors.resolve_actors(article, doc, res.actor_kb)
    ctx.actors, ctx.actor_index = found_actors, index
    if "geo" in stages:
        ctx.places = geo.resolve_places(ctx, res.gazetteer)
        ctx.actors, ctx.actor_index = actors.drop_place_actors(
            ctx.actors, [(m.start, m.end) for p in ctx.places for m in p.mentions]
        )
        ctx.place_index = SpanIndex(
            [(m.start, m.end, p.id) for p in ctx.places for m in p.mentions]
        )
    if "quotes" in stages:
        ctx.quotes = quotes.extract_quotes(ctx)
    evs = events.extract_events(ctx, res.codebook) if "events" in stages else ()
    labels = slant.extract_labels(ctx, res.lexicon) if "labels" in stages else ()
    return Analysis(
        article=article,
        actors=ctx.actors,
        places=ctx.places,
        events=evs,
        quotes=ctx.quotes,
        labels=labels,
    )


def analyze_articles(
    articles: Iterable[Article | Reject],
    res: Resources,
    *,
    strict: bool = False,
) -> Iterator[Analysis | Reject]:
    """Analyze a stream of articles; rejects pass through, failures become rejects.

    With ``strict=True`` the first failure raises instead.
    """
    nlp: Language = res.nlp
    batch: list[Article] = []

    def flush() -> Iterator[Analysis | Reject]:
        texts = [a.text for a in batch]
        for article, doc in zip(batch, nlp.pipe(texts, batch_size=res.config.batch_size)):
            try:
                yield analyze_doc(article, doc, res)
            except Exception as exc:  # one broken article must not stop a batch
                if strict:
                    raise
                log.warning("article %s failed: %s", article.source or article.id, exc)
                yield Reject(
                    source=article.source,
                    stage="analyze",
                    reason=f"{type(exc).__name__}: {exc}",
                    article_id=article.id,
                )
        batch.clear()

    for item in articles:
        if isinstance(item, Reject):
            if strict:
                raise EventlensError(f"{item.source}: {item.reason}")
            yield item
            continue
        batch.append(item)
        if len(batch) >= res.config.batch_size:
            yield from flush()
    if batch:
        yield from flush()


def analyze_text(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    res: Resources | None = None,
) -> Analysis:
    """Convenience: analyze one raw text (cleaned first) and return its Analysis."""
    from eventlens.ingest import article_from_text

    res = res or Resources.load()
    article = article_from_text(
        text, title=title, published=published, outlet=outlet, url=url, source="<text>",
        keep_captions=res.config.keep_captions,
    )
    doc = res.nlp(article.text)
    return analyze_doc(article, doc, res)
