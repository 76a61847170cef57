"""Geocoding evaluation on TR-News, GeoWebNews and LGL (``eventlens eval geo --data DIR``).

For each corpus, two settings:
- ``e2e``: our own place finding (actors + geo stages on the spaCy doc) against the gold toponyms;
  predicted and gold mentions match when their character spans overlap. Distances are over matched
  pairs (as EUPEG does), next to recall and precision of the mentions.
- ``gold``: resolution of the gold spans themselves ("oracle NER", as Mordecai3 reports); every gold
  toponym counts, an unresolved one with the maximum error (20,039 km).
Metrics: acc@161 km, mean and median error (km), AUC of ln(error+1)/ln(20039) (lower is better).
"""

from __future__ import annotations

import logging
import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventlens.context import DocContext
from eventlens.geo.resolve import haversine_km, resolve, resolve_spans
from eventlens.types import Article

if TYPE_CHECKING:  # pragma: no cover
    from eventlens.pipeline import Resources

log = logging.getLogger(__name__)

MAX_KM = 20039.0
CORPORA = ("tr-news", "geowebnews", "lgl")


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None = None  # the gold's GeoNames id, where the corpus gives one


@dataclass(frozen=True, slots=True)
class Doc:
    id: str
    text: str
    gold: tuple[Gold, ...]


def _anchor(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """Fix shifted offsets by finding the phrase within a few characters of the given start."""
    if text[start:end] == phrase:
        return start, end
    for d in (1, -1, 2, -2, 3, -3, 4, -4, 5, -5):
        s = start + d
        if s >= 0 and text[s:s + len(phrase)] == phrase:
            return s, s + len(phrase)
    return None


def _xml_docs(path: Path) -> list[Doc]:
    """TR-News and LGL: <article><text/><toponyms><toponym><start/><end/><phrase/><gaztag>."""
    root = ET.parse(path).getroot()
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            try:
                s, e = int(t.findtext("start") or ""), int(t.findtext("end") or "")
                lat, lon = float(tag.findtext("lat") or ""), float(tag.findtext("lon") or "")
            except ValueError:
                continue
            span = _anchor(text, s, e, t.findtext("phrase") or "")
            gid = tag.get("geonameid") or ""
            if span:
                gold.append(Gold(span[0], span[1], lat, lon, int(gid) if gid.isdigit() else None))
        docs.append(Doc(art.get("docid") or str(i), text, tuple(gold)))
    return docs


def _gwn_docs(folder: Path) -> list[Doc]:
    """GeoWebNews: texts from GWN.xml, GeoNames-linked gold from gwn_full.txt (one line each)."""
    root = ET.parse(folder / "GWN.xml").getroot()
    texts = [(a.get("file") or str(i), a.findtext("text") or "")
             for i, a in enumerate(root.iter("article"))]
    lines = (folder / "gwn_full.txt").read_text(encoding="utf-8").splitlines()
    docs = []
    for (aid, text), line in zip(texts, lines):
        gold = []
        for item in filter(None, line.split("||")):
            f = item.split(",,")
            if len(f) < 6:
                continue
            try:
                lat, lon, s, e = float(f[2]), float(f[3]), int(f[4]), int(f[5])
            except ValueError:
                continue
            span = _anchor(text, s, e, f[1])
            if span:
                gold.append(Gold(span[0], span[1], lat, lon))
        docs.append(Doc(aid, text, tuple(gold)))
    return docs


def load_corpus(data: Path, name: str) -> list[Doc]:
    if name == "tr-news":
        return _xml_docs(data / "tr-news" / "TR-News.xml")
    if name == "lgl":
        return _xml_docs(data / "lgl" / "lgl.xml")
    if name == "geowebnews":
        return _gwn_docs(data / "geowebnews")
    raise ValueError(f"unknown corpus {name!r}")


def subsample(docs: list[Doc], limit: int | None) -> list[Doc]:
    """Deterministic, evenly spaced subsample of ``limit`` documents."""
    if not limit or limit >= len(docs):
        return docs
    step = len(docs) / limit
    return [docs[int(i * step)] for i in range(limit)]


def distance_metrics(errors: list[float]) -> dict[str, float | int | None]:
    if not errors:
        return {"n": 0, "acc161": None, "mean_km": None, "median_km": None, "auc": None}
    errs = sorted(errors)
    scaled = [math.log(e + 1) / math.log(MAX_KM) for e in errs]
    if len(scaled) > 1:  # trapezoid area under the sorted curve, x scaled to [0, 1]
        auc = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:])) / (len(scaled) - 1)
    else:
        auc = scaled[0]
    return {"n": len(errs), "acc161": round(sum(e <= 161 for e in errs) / len(errs), 4),
            "mean_km": round(statistics.fmean(errs), 1),
            "median_km": round(statistics.median(errs), 1), "auc": round(auc, 4)}


def _match(gold: tuple[Gold, ...], preds: list[tuple[int, int, float, float, int | None]]
           ) -> tuple[list[float], int, int, int]:
    """Errors of overlap-matched pairs, matched gold count, matched prediction count, and how
    many matched pairs are the same GeoNames id as the gold yet more than 161 km from its point
    (the gazetteer moved the entity's reference point since the corpus was annotated)."""
    used: set[int] = set()
    errors = []
    moved = 0
    for g in gold:
        best, best_ov = None, 0
        for j, (s, e, _, _, _) in enumerate(preds):
            ov = min(e, g.end) - max(s, g.start)
            if ov > best_ov and j not in used:
                best, best_ov = j, ov
        if best is not None:
            used.add(best)
            _, _, lat, lon, gid = preds[best]
            km = haversine_km(g.lat, g.lon, lat, lon)
            errors.append(km)
            moved += km > 161 and gid is not None and gid == g.geonameid
    return errors, len(errors), len(used), moved


def evaluate(data: Path, *, res: "Resources | None" = None, limit: int | None = None,
             corpora: tuple[str, ...] = CORPORA) -> dict[str, Any]:
    """Scores per corpus (``limit`` = deterministic subsample of that many articles per corpus)."""
    from eventlens import actors
    from eventlens.config import Config
    from eventlens.pipeline import Resources

    data = Path(data)
    if (data / "geo").is_dir() and not (data / "tr-news").is_dir():
        data = data / "geo"
    res = res or Resources.load(Config(stages=("actors", "geo")))
    gz = res.gazetteer
    out: dict[str, Any] = {"limit": limit}
    for name in corpora:
        t0 = time.monotonic()
        docs = subsample(load_corpus(data, name), limit)
        e2e_err: list[float] = []
        gold_err: list[float] = []
        n_gold = n_pred = m_gold = m_pred = moved = 0
        for d, doc in zip(docs, res.nlp.pipe([d.text for d in docs], batch_size=8)):
            article = Article(id=f"{name}:{d.id}", text=d.text)
            ctx = DocContext(article=article, doc=doc)
            try:
                ctx.actors, ctx.actor_index = actors.resolve_actors(article, doc, res.actor_kb)
            except Exception as exc:  # the actors stage is not under test here
                log.debug("actors failed on %s: %s", article.id, exc)
            places = resolve(ctx, gz)
            preds = [(m.start, m.end, p.lat, p.lon, p.geonames_id) for p in places
                     for m in p.mentions if p.lat is not None]
            errs, mg, mp, mv = _match(d.gold, preds)
            moved += mv
            e2e_err += errs
            n_gold += len(d.gold)
            n_pred += len(preds)
            m_gold += mg
            m_pred += mp
            best = resolve_spans(ctx, gz, [(g.start, g.end) for g in d.gold])
            for g, b in zip(d.gold, best):
                if b is None or b.lat is None:
                    gold_err.append(MAX_KM)
                else:
                    gold_err.append(haversine_km(g.lat, g.lon, b.lat, b.lon))
        out[name] = {
            "articles": len(docs), "gold_toponyms": n_gold,
            "e2e": {**distance_metrics(e2e_err),
                    "recall": round(m_gold / n_gold, 4) if n_gold else None,
                    "precision": round(m_pred / n_pred, 4) if n_pred else None,
                    # a diagnostic, not the headline: acc161 also crediting a toponym resolved to
                    # the gold's own GeoNames id whose reference point has moved since
                    "same_id_moved": moved,
                    "acc161_same_id": round((sum(e <= 161 for e in e2e_err) + moved)
                                            / len(e2e_err), 4) if e2e_err else None},
            "gold_spans": distance_metrics(gold_err),
            "seconds": round(time.monotonic() - t0, 1),
        }
        log.info("geo eval %s: %s", name, out[name])
    return out


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys

    logging.basicConfig(level=logging.INFO)
    lim = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(evaluate(Path(sys.argv[1]), limit=lim), indent=1))  # noqa: T201
