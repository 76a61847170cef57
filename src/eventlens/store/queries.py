"""Filtered queries and exports over the store (the CLI and API call these)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventlens.errors import ConfigError
from eventlens.store.db import TABLES, Store


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    actor: str | None = None  # name substring or actor id
    country: str | None = None  # ISO3
    outlet: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    type: str | None = None  # PLOVER event type
    status: str | None = "asserted"  # events only; None = all statuses
    limit: int | None = None


def _limit(sql: str, params: list[Any], f: Filters) -> tuple[str, list[Any]]:
    if f.limit is not None:
        sql += " LIMIT ?"
        params.append(int(f.limit))
    return sql, params


def _article_filters(f: Filters, params: list[Any]) -> str:
    """SQL for the outlet and date filters on the ``ar`` (articles) alias."""
    sql = ""
    if f.outlet:
        sql += " AND ar.outlet ILIKE ?"
        params.append(f"%{f.outlet}%")
    if f.since:
        sql += " AND ar.published >= ?"
        params.append(f.since)
    if f.until:
        sql += " AND ar.published <= ? || 'z'"
        params.append(f.until)
    return sql


def actors(store: Store, f: Filters) -> list[dict[str, Any]]:
    sql = """
        SELECT a.id, a.name, a.kind, a.country, a.sector, a.code, a.role,
               count(DISTINCT aa.article_id) AS articles, sum(aa.n_mentions) AS mentions
        FROM actors a JOIN article_actors aa ON aa.actor_id = a.id
        JOIN articles ar ON ar.id = aa.article_id WHERE 1=1"""
    params: list[Any] = []
    if f.actor:
        sql += " AND (a.id = ? OR a.name ILIKE ?)"
        params += [f.actor, f"%{f.actor}%"]
    if f.country:
        sql += " AND a.country = ?"
        params.append(f.country.upper())
    sql += _article_filters(f, params)
    sql += " GROUP BY ALL ORDER BY mentions DESC, a.name"
    return store.query(*_limit(sql, params, f))


def articles(store: Store, f: Filters) -> list[dict[str, Any]]:
    sql = """
        SELECT ar.id, ar.published, ar.outlet, ar.title, ar.url, ar.source,
          (SELECT count(*) FROM article_actors x WHERE x.article_id = ar.id) AS actors,
          (SELECT count(*) FROM events x WHERE x.article_id = ar.id) AS events,
          (SELECT count(*) FROM quotes x WHERE x.article_id = ar.id) AS quotes,
          (SELECT count(*) FROM labels x WHERE x.article_id = ar.id) AS labels
        FROM articles ar WHERE 1=1"""
    params: list[Any] = []
    if f.actor:
        sql += """ AND ar.id IN (SELECT aa.article_id FROM article_actors aa
                   WHERE aa.actor_id = ? OR aa.name ILIKE ?)"""
        params += [f.actor, f"%{f.actor}%"]
    if f.country:
        sql += " AND ar.id IN (SELECT article_id FROM article_actors WHERE country = ?)"
        params.append(f.country.upper())
    sql += _article_filters(f, params)
    sql += " ORDER BY ar.published NULLS LAST, ar.title"
    return store.query(*_limit(sql, params, f))


def events(store: Store, f: Filters) -> list[dict[str, Any]]:
    sql = """
        SELECT e.id, e.date, e.type, e.mode, e.cameo, e.acled, e.status,
               s.name AS source, t.name AS target, p.name AS place, e.trigger_text AS trigger,
               g.name AS according_to, ar.outlet, e.article_id,
               substr(ar.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence
        FROM events e JOIN articles ar ON ar.id = e.article_id
        LEFT JOIN article_actors s ON s.actor_id = e.source AND s.article_id = e.article_id
        LEFT JOIN article_actors t ON t.actor_id = e.target AND t.article_id = e.article_id
        LEFT JOIN article_actors g ON g.actor_id = e.according_to AND g.article_id = e.article_id
        LEFT JOIN places p ON p.id = e.place
        WHERE 1=1"""
    params: list[Any] = []
    if f.status:
        sql += " AND e.status = ?"
        params.append(f.status)
    if f.type:
        sql += " AND e.type = ?"
        params.append(f.type.upper())
    if f.actor:
        sql += " AND (e.source = ? OR e.target = ? OR s.name ILIKE ? OR t.name ILIKE ?)"
        params += [f.actor, f.actor, f"%{f.actor}%", f"%{f.actor}%"]
    if f.country:
        sql += " AND (s.country = ? OR t.country = ? OR p.country = ?)"
        params += [f.country.upper()] * 3
    if f.outlet:
        sql += " AND ar.outlet ILIKE ?"
        params.append(f"%{f.outlet}%")
    if f.since:
        sql += " AND coalesce(e.date, ar.published) >= ?"
        params.append(f.since)
    if f.until:
        sql += " AND coalesce(e.date, ar.published) <= ? || 'z'"
        params.append(f.until)
    sql += " ORDER BY e.date NULLS LAST, e.article_id, e.sentence_start"
    return store.query(*_limit(sql, params, f))


def label_profile(store: Store, actor: str, *, include_side: bool = True) -> list[dict[str, Any]]:
    """Which outlet called an actor (and, by default, its side) what, how often, and the neutral term.

    "Its side" is the actors affiliated with it in the same article and the actor it is
    affiliated with ("Haftar's militias" count for Khalifa Haftar).
    """
    side = """
        UNION SELECT x.article_id, x.actor_id FROM article_actors x JOIN target t
            ON x.article_id = t.article_id AND x.affiliation = t.actor_id
        UNION SELECT t.article_id, y.affiliation FROM article_actors y JOIN target t
            ON y.article_id = t.article_id AND y.actor_id = t.actor_id
            WHERE y.affiliation IS NOT NULL""" if include_side else ""
    sql = f"""
        WITH target AS (SELECT article_id, actor_id FROM article_actors
                        WHERE actor_id = ? OR name ILIKE ?),
             scope AS (SELECT article_id, actor_id FROM target {side})
        SELECT coalesce(ar.outlet, '(unknown outlet)') AS outlet, lower(l.text) AS label,
               l.neutral, l.kind, a.name AS about, count(*) AS count,
               count(DISTINCT l.article_id) AS articles
        FROM labels l JOIN scope s ON s.article_id = l.article_id AND s.actor_id = l.actor
        JOIN articles ar ON ar.id = l.article_id
        JOIN article_actors a ON a.actor_id = l.actor AND a.article_id = l.article_id
        GROUP BY ALL ORDER BY outlet, count DESC, label"""
    return store.query(sql, [actor, f"%{actor}%"])


EXPORT_FORMATS = ("jsonl", "csv", "parquet")


def export(store: Store, out_dir: Path, fmt: str, tables: tuple[str, ...] = ()) -> list[Path]:
    """Write each table to ``out_dir/<table>.<fmt>``; returns the files written."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables or TABLES:
        if table not in TABLES:
            raise ConfigError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
        path = out_dir / f"{table}.{fmt}"
        option = {"jsonl": "FORMAT JSON", "csv": "FORMAT CSV, HEADER", "parquet": "FORMAT PARQUET"}[fmt]
        target = str(path).replace("'", "''")
        store.con.execute(f"COPY (SELECT * FROM {table}) TO '{target}' ({option})")
        written.append(path)
    return written
