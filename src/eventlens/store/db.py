"""The embedded DuckDB store: one table per record type, upserts on deterministic ids.

Writing the same analysis twice changes nothing. Each article's full analysis is also
kept as JSON, so reading it back is lossless; the relational tables are for queries.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from eventlens.errors import StoreError
from eventlens.types import Analysis, Reject, analysis_from_dict, stable_id, to_jsonable

log = logging.getLogger(__name__)

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
        CREATE TABLE IF NOT EXISTS articles (
            id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR,
            published VARCHAR, language VARCHAR, text VARCHAR, source VARCHAR,
            removed JSON, analysis JSON, run_id VARCHAR, ingested_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS actors (
            id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, country VARCHAR,
            sector VARCHAR, code VARCHAR, role VARCHAR);
        CREATE TABLE IF NOT EXISTS article_actors (
            article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR,
            sector VARCHAR, code VARCHAR, role VARCHAR, affiliation VARCHAR, n_mentions INTEGER,
            PRIMARY KEY (article_id, actor_id));
        CREATE TABLE IF NOT EXISTS mentions (
            article_id VARCHAR, actor_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
            PRIMARY KEY (article_id, actor_id, start, "end"));
        CREATE TABLE IF NOT EXISTS places (
            id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, admin1 VARCHAR,
            lat DOUBLE, lon DOUBLE, geonames_id BIGINT, feature VARCHAR);
        CREATE TABLE IF NOT EXISTS place_mentions (
            article_id VARCHAR, place_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
            confidence DOUBLE, relative VARCHAR, PRIMARY KEY (article_id, place_id, start, "end"));
        CREATE TABLE IF NOT EXISTS events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, mode VARCHAR, cameo VARCHAR,
            acled VARCHAR, source VARCHAR, target VARCHAR, place VARCHAR, date VARCHAR,
            date_text VARCHAR, status VARCHAR, sentence_start INTEGER, sentence_end INTEGER,
            trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
            according_to VARCHAR, confidence DOUBLE);
        CREATE TABLE IF NOT EXISTS quotes (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, speaker VARCHAR, text VARCHAR,
            start INTEGER, "end" INTEGER, direct BOOLEAN, cue_start INTEGER, cue_end INTEGER,
            cue_text VARCHAR);
        CREATE TABLE IF NOT EXISTS labels (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, actor VARCHAR, text VARCHAR,
            start INTEGER, "end" INTEGER, kind VARCHAR, neutral VARCHAR);
        CREATE TABLE IF NOT EXISTS rejects (
            id VARCHAR PRIMARY KEY, source VARCHAR, stage VARCHAR, reason VARCHAR,
            article_id VARCHAR, run_id VARCHAR, rejected_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS runs (
            id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
            command VARCHAR, settings JSON, versions JSON, counts JSON);
        CREATE TABLE IF NOT EXISTS actor_knowledge (
            name_norm VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, sector VARCHAR,
            role VARCHAR, code VARCHAR, source_article VARCHAR, learned_at TIMESTAMP);
        """,
    ),
]

TABLES = (
    "articles", "actors", "article_actors", "mentions", "places", "place_mentions",
    "events", "quotes", "labels", "rejects", "runs", "actor_knowledge",
)
_CHILD_TABLES = ("article_actors", "mentions", "place_mentions", "events", "quotes", "labels")


# primary-key column positions of each table's rows, as built by _rows()
_KEYS: dict[str, tuple[int, ...]] = {
    "articles": (0,), "actors": (0,), "article_actors": (0, 1), "mentions": (0, 1, 2, 3),
    "places": (0,), "place_mentions": (0, 1, 2, 3), "events": (0,), "quotes": (0,), "labels": (0,),
}


def _rows(an: Analysis, run_id: str | None) -> Iterator[tuple[str, tuple[Any, ...]]]:
    art = an.article
    aid = art.id
    data = an.to_dict()
    yield "articles", (aid, art.url, art.outlet, art.title, art.published, art.language, art.text,
                       art.source, json.dumps(data["article"]["removed"]), json.dumps(data), run_id,
                       _now())
    for a in an.actors:
        sector = str(a.sector) if a.sector else None
        yield "actors", (a.id, a.name, str(a.kind), a.country, sector, a.code, a.role)
        yield "article_actors", (aid, a.id, a.name, str(a.kind), a.country, sector, a.code, a.role,
                                 a.affiliation, len(a.mentions))
        for m in a.mentions:
            yield "mentions", (aid, a.id, m.start, m.end, m.text)
    for p in an.places:
        yield "places", (p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.geonames_id,
                         str(p.feature) if p.feature else None)
        for m in p.mentions:
            yield "place_mentions", (aid, p.id, m.start, m.end, m.text, p.confidence, p.relative)
    for e in an.events:
        yield "events", (e.id, aid, e.type, e.mode, e.cameo, e.acled, e.source, e.target, e.place,
                         e.date, e.date_text, str(e.status), e.sentence[0], e.sentence[1],
                         e.trigger.start, e.trigger.end, e.trigger.text, e.according_to,
                         e.confidence)
    for q in an.quotes:
        yield "quotes", (q.id, aid, q.speaker, q.text, q.start, q.end, q.direct,
                         q.cue.start if q.cue else None, q.cue.end if q.cue else None,
                         q.cue.text if q.cue else None)
    for lab in an.labels:
        yield "labels", (lab.id, aid, lab.actor, lab.text, lab.start, lab.end, str(lab.kind),
                         lab.neutral)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Store:
    """A DuckDB file holding analyses. Use as a context manager or call ``close``."""

    def __init__(self, path: str | Path = "eventlens.duckdb", *, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except Exception as exc:  # duckdb raises several unrelated types here
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()

    # -- lifecycle -----------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
        )
        done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        for version, description, sql in MIGRATIONS:
            if version in done:
                continue
            self.con.execute("BEGIN")
            try:
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, description, _now()]
                )
                self.con.execute("COMMIT")
            except Exception as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"migration {version} ({description}) failed: {exc}") from exc
            log.info("database %s migrated to version %d", self.path, version)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- writing -------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def write(self, analysis: Analysis, *, run_id: str | None = None) -> None:
        """Upsert one analysis (idempotent)."""
        self.write_many([analysis], run_id=run_id)

    def write_many(self, analyses: Iterable[Analysis], *, run_id: str | None = None) -> int:
        """Upsert analyses in one transaction, table by table (idempotent)."""
        rows: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {t: {} for t in _KEYS}
        article_ids: list[str] = []
        for an in analyses:
            article_ids.append(an.article.id)
            for table, row in _rows(an, run_id):
                rows[table][tuple(row[i] for i in _KEYS[table])] = row
        if not article_ids:
            return 0
        with self.transaction():
            ids = [[a] for a in article_ids]
            for table in _CHILD_TABLES:
                self.con.executemany(f"DELETE FROM {table} WHERE article_id = ?", ids)
            for table, by_key in rows.items():
                if by_key:
                    self._insert(table, list(by_key.values()))
        return len(article_ids)

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        import pyarrow as pa

        cols = [d[0] for d in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})
        self.con.register("_incoming", data)
        try:
            quoted = ", ".join(f'"{c}"' for c in cols)
            self.con.execute(f"INSERT OR REPLACE INTO {table} ({quoted}) SELECT {quoted} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def reject(self, rej: Reject, *, run_id: str | None = None) -> None:
        rid = stable_id("rej", rej.source, rej.stage, rej.reason)
        self.con.execute(
            "INSERT OR REPLACE INTO rejects VALUES (?, ?, ?, ?, ?, ?, ?)",
            [rid, rej.source, rej.stage, rej.reason, rej.article_id, run_id, _now()],
        )

    def start_run(self, command: str, settings: dict[str, Any], versions: dict[str, Any]) -> str:
        started = _now()
        run_id = stable_id("run", command, started.isoformat())
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, NULL, ?, ?, ?, NULL)",
            [run_id, started, command, json.dumps(settings, default=str), json.dumps(versions)],
        )
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, int]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
            [_now(), json.dumps(counts), run_id],
        )

    def learn_actor(self, name_norm: str, name: str, country: str | None, sector: str | None,
                    role: str | None, code: str | None, source_article: str) -> None:
        """Record what an article taught about a person (first source wins)."""
        self.con.execute(
            "INSERT OR IGNORE INTO actor_knowledge VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [name_norm, name, country, sector, role, code, source_article, _now()],
        )

    def knowledge(self) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM actor_knowledge ORDER BY name_norm")

    # -- reading -------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def analysis(self, article_id: str) -> Analysis | None:
        row = self.con.execute("SELECT analysis FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            return None
        return analysis_from_dict(json.loads(row[0]))

    def analyses(self) -> Iterator[Analysis]:
        for (raw,) in self.con.execute("SELECT analysis FROM articles ORDER BY id").fetchall():
            yield analysis_from_dict(json.loads(raw))

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def to_json_value(value: Any) -> Any:
    return to_jsonable(value)
