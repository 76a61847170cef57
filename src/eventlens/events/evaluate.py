"""Score the event stage against public gold (``eventlens eval events --data PATH``).

``data`` is the folder ``benchmarks/events`` of the shared benchmarks. Three sets are scored:

* ``petrarch2-validation``: CAMEO (source, target, code) triples per sentence, matched as the
  PETRARCH-2 baseline in that folder's README does: per sentence the predicted *set* of
  triples against the gold set; event-level TP/FP/FN on triples; a record is "correct" when
  the two sets are equal. Codes are compared exactly (full CAMEO code, actor codes as
  strings, a missing actor is ``---``); a looser ``root`` variant (2-digit CAMEO root) is
  reported beside it. The real-news file is scored on all 78 records and on the 58 records
  the baseline could run on. The unit-test sentences use fictional actors (Arnor, Gondor ...)
  that only the validation actor dictionary knows; as PETRARCH-2 was given that dictionary,
  its entries are overlaid on our resolved actors for that file (and only there).
* ``plover-gsr-cameo``: PLOVER type accuracy per sentence (gold PLOVER 0.5 types mapped to the
  2021 types with the CAMEO2PLOVER-2021 rows, e.g. DEMAND -> REQUEST) and source/target
  country accuracy. A planned cooperative event of ours counts as AGREE, PLOVER's type for
  intent to cooperate (see ``plover_type``).
* ``case2021-task2``: ACLED sub-event type per snippet: weighted and macro F1 and the top
  confusions, for the learned classifier (light and, when installed, embeddings) and for the
  rule extractor's ``acled`` field.

Sentences are analysed as articles on their own (no ingest cleaning). ``limit`` caps the
records per set (first N, deterministic) for quick runs.
"""

from __future__ import annotations

import copy

import json
import logging
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventlens.config import Config
from eventlens.types import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    Event,
    EventStatus,
    Mention,
    stable_id,
)

if TYPE_CHECKING:  # pragma: no cover
    from eventlens.pipeline import Resources

log = logging.getLogger(__name__)

NO_ACTOR = "---"
# Statuses that count as a coded event (PETRARCH-2 does not code negated events).
CODED_STATUSES = frozenset({EventStatus.ASSERTED, EventStatus.CLAIMED, EventStatus.PLANNED})

# PLOVER 0.5b1 types in the gold file -> 2021/POLECAT types, from the CAMEO2PLOVER-2021 rows
# (09 Investigate -> ACCUSE, 10 Demand -> REQUEST, 11 Disapprove -> ACCUSE, 19 Fight -> ASSAULT).
PLOVER_05_TO_2021 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


# --------------------------------------------------------------------------- metrics


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_triple_sets(
    gold: Sequence[Iterable[tuple[str, ...]]], pred: Sequence[Iterable[tuple[str, ...]]]
) -> dict[str, Any]:
    """Per-record set matching of tuples (the PETRARCH-2 baseline's scoring)."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred must have one entry per record")
    tp = fp = fn = correct = n_gold = n_pred = 0
    for g, p in zip(gold, pred):
        gs, ps = set(g), set(p)
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
        n_gold += len(gs)
        n_pred += len(ps)
        correct += gs == ps
    return {
        "records": len(gold),
        "records_correct": correct,
        "gold": n_gold,
        "pred": n_pred,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        **prf(tp, fp, fn),
    }


def classification_scores(
    gold: Sequence[str], pred: Sequence[str | None], *, top: int = 10
) -> dict[str, Any]:
    """Accuracy, weighted and macro F1 (sklearn conventions) and the top confusions."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred must have the same length")
    labels = sorted(set(gold) | {p for p in pred if p is not None})
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
            continue
        fn[g] += 1
        if p is not None:
            fp[p] += 1
        confusions[(g, p if p is not None else "NONE")] += 1
    support = Counter(gold)
    per_class = {lab: {**prf(tp[lab], fp[lab], fn[lab]), "support": support[lab]} for lab in labels}
    n = len(gold)
    weighted = sum(per_class[lab]["f1"] * support[lab] for lab in labels) / n if n else 0.0
    macro = sum(per_class[lab]["f1"] for lab in labels) / len(labels) if labels else 0.0
    return {
        "n": n,
        "accuracy": round(sum(tp.values()) / n, 4) if n else 0.0,
        "weighted_f1": round(weighted, 4),
        "macro_f1": round(macro, 4),
        "per_class": per_class,
        "top_confusions": [
            {"gold": g, "pred": p, "count": c} for (g, p), c in confusions.most_common(top)
        ],
    }


# --------------------------------------------------------------------------- readers


@dataclass(frozen=True, slots=True, kw_only=True)
class CodedSentence:
    id: str
    category: str
    text: str
    gold: tuple[tuple[str, str, str], ...]


_PETR_TOKEN = re.compile(
    r"<(Sentence|EventCoding|Config)\b([^>]*)>|<Text>(.*?)</Text>", re.S
)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_petr_records(path: Path) -> list[CodedSentence]:
    """Records of a PETRARCH validation file (not well-formed XML, so read by tokens).

    Records whose gold is an ``error=`` coding are skipped, as the baseline does.
    """
    text = path.read_text(encoding="utf-8")
    out: list[CodedSentence] = []
    cur: dict[str, Any] | None = None

    def close() -> None:
        if cur is not None and not cur["error"] and cur["text"] is not None:
            out.append(
                CodedSentence(
                    id=cur["id"],
                    category=cur["category"],
                    text=cur["text"],
                    gold=tuple(sorted(set(cur["gold"]))),
                )
            )

    for tag, attrs, body in _PETR_TOKEN.findall(text):
        a = dict(_ATTR.findall(attrs))
        if tag == "Sentence":
            close()
            cur = {
                "id": a.get("id", f"rec{len(out)}"),
                "category": a.get("category") or a.get("source") or "",
                "gold": [],
                "text": None,
                "error": False,
            }
        elif tag == "EventCoding" and cur is not None:
            if "error" in a:
                cur["error"] = True
            elif "eventcode" in a:
                cur["gold"].append(
                    (
                        a.get("sourcecode") or NO_ACTOR,
                        a.get("targetcode") or NO_ACTOR,
                        a["eventcode"],
                    )
                )
        elif not tag and cur is not None and cur["text"] is None:
            cur["text"] = " ".join(body.split())
    close()
    return out


_DICT_LINE = re.compile(r"^\s*([^\s#\[<][^\[#]*?)\s*\[([^\]]+)\]")
_CODE_LINE = re.compile(r"^\s*\[([^\]]+)\]")


def _dict_code(raw: str) -> str | None:
    code = raw.split()[0].split("/")[0].strip().upper() if raw.split() else ""
    return None if not code or code[0] in "-+#" else code


def read_petr_actor_dictionary(path: Path) -> dict[str, str]:
    """Phrase -> code from a PETRARCH actor dictionary (``NAME_WITH_UNDERSCORES [CODE]``).

    ``+ALIAS`` lines take the code of the entry above. An entry whose codes stand on indented
    lines below its name (and aliases) takes its undated code, else its first; date-restricted
    codes keep the first. Codes that PETRARCH treats as discards (``---``, ``+++``, ``###``)
    are dropped.
    """
    phrases: dict[str, str] = {}
    last_code: str | None = None
    pending: list[str] = []  # names (and aliases) waiting for their indented code lines
    codes: list[tuple[str, bool]] = []  # (code, dated) of the pending entry

    def settle() -> None:
        if pending and codes:
            code = next((c for c, dated in codes if not dated), codes[0][0])
            for name in pending:
                phrases.setdefault(_phrase(name), code)
        pending.clear()
        codes.clear()

    in_comment = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!"):
            in_comment = "-->" not in line
            continue
        if not line or line.startswith("#"):
            settle()
            continue
        m = _CODE_LINE.match(line)
        if m and (pending or codes):
            body = m.group(1).strip()
            code = _dict_code(body)
            if code is not None:
                codes.append((code, len(body.split()) > 1))
            continue
        if line.startswith("+"):
            name = line[1:].split("#", 1)[0].strip()
            if pending and not codes:
                pending.append(name)
            elif name and last_code:
                phrases.setdefault(_phrase(name), last_code)
            continue
        settle()
        m = _DICT_LINE.match(line)
        if not m:
            name = line.split("#", 1)[0].strip()
            if name and not name.startswith(("<", "[")):
                pending.append(name)  # its codes follow on indented lines
            last_code = None
            continue
        last_code = _dict_code(m.group(2))
        if last_code:
            phrases.setdefault(_phrase(m.group(1)), last_code)
    settle()
    phrases.pop("", None)
    return phrases


def _phrase(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def read_plover(path: Path) -> list[dict[str, Any]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") not in (None, "DOCUMENT") and r.get("text")]


def read_case2021(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, label) rows of the CASE 2021 task 2 test file."""
    rows = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        parts = line.split("\t")
        if i == 0 or len(parts) < 3:
            continue
        rows.append((parts[0], parts[1], parts[2].strip()))
    return rows


def read_label_set(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


# --------------------------------------------------------------------------- running


def _articles(texts: Sequence[str]) -> list[Article]:
    return [Article(id=stable_id("art", t), text=t) for t in texts]


def run_pipeline(
    texts: Sequence[str], res: "Resources", *, extra_actors: dict[str, str] | None = None
) -> list[Analysis]:
    """Analyse each text as one article; optionally overlay a phrase -> actor-code dictionary."""
    from eventlens import actors as actor_stage
    from eventlens import events as event_stage
    from eventlens.context import DocContext
    from eventlens.pipeline import analyze_doc

    out: list[Analysis] = []
    arts = _articles(texts)
    docs = res.nlp.pipe([a.text for a in arts], batch_size=32)
    for art, doc in zip(arts, docs):
        try:
            if extra_actors is None:
                out.append(analyze_doc(art, doc, res))
                continue
            found, index = actor_stage.resolve_actors(art, doc, res.actor_kb)
            ctx = DocContext(article=art, doc=doc, actors=found, actor_index=index)
            for actor in overlay_actors(art.text, extra_actors):
                m = actor.mentions[0]
                hits = ctx.actor_index.overlapping(m.start, m.end)
                if hits:
                    # "Gondor's army" found by our actor stage without a country: the
                    # dictionary's country code plus our sector ("GONMIL")
                    ids = {h[2] for h in hits}
                    ctx.actors = tuple(
                        replace(a, code=actor.code + (str(a.sector) if a.sector else ""))
                        if a.id in ids and not a.code and not a.country else a
                        for a in ctx.actors)
                    continue
                ctx.actors = (*ctx.actors, actor)
                ctx.actor_index.add(m.start, m.end, actor.id)
            evs = event_stage.extract_events(ctx, res.codebook)
            out.append(Analysis(article=art, actors=ctx.actors, events=evs))
        except Exception as exc:  # scoring goes on; the record counts as no output
            log.warning("record %s failed: %s", art.id, exc)
            out.append(Analysis(article=art))
    return out


def overlay_actors(text: str, phrases: dict[str, str]) -> list[Actor]:
    """Actors for dictionary phrases found in ``text`` (longest match first, word bounded)."""
    folded = text.casefold()
    taken: list[tuple[int, int]] = []
    found: list[Actor] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if len(phrase) < 3:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"\w{0,3}(?!\w)", folded):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            code = phrases[phrase]
            found.append(
                Actor(
                    id=stable_id("act", "petr", code, s),
                    name=text[s:e],
                    kind=ActorKind.GROUP,
                    code=code,
                    mentions=(Mention(start=s, end=e, text=text[s:e]),),
                )
            )
    return found


def actor_code(analysis: Analysis, actor_id: str | None) -> str:
    """CAMEO-style code of an actor: its ``code``, else country+sector, else ``---``."""
    if actor_id is None:
        return NO_ACTOR
    for a in analysis.actors:
        if a.id == actor_id:
            if a.code:
                return a.code
            if a.country:
                return a.country + (str(a.sector) if a.sector else "")
            if a.sector:  # PETRARCH writes an unknown country with a known sector as ---REB
                return NO_ACTOR + str(a.sector)
            return NO_ACTOR
    return NO_ACTOR


def coded_events(analysis: Analysis) -> list[Event]:
    return [e for e in analysis.events if e.status in CODED_STATUSES and e.cameo]


def cameo_triples(analysis: Analysis, *, root: bool = False) -> set[tuple[str, str, str]]:
    out = set()
    for e in coded_events(analysis):
        code = (e.cameo or "").strip()
        out.add(
            (
                actor_code(analysis, e.source),
                actor_code(analysis, e.target),
                code[:2] if root else code,
            )
        )
    return out


def _root(triples: Iterable[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {(s, t, c[:2]) for s, t, c in triples}


def _by_category(
    records: Sequence[CodedSentence], preds: Sequence[set[tuple[str, str, str]]]
) -> dict[str, dict[str, Any]]:
    cats: dict[str, dict[str, Any]] = {}
    for cat in sorted({r.category for r in records}):
        idx = [i for i, r in enumerate(records) if r.category == cat]
        s = score_triple_sets([records[i].gold for i in idx], [preds[i] for i in idx])
        cats[cat] = {k: s[k] for k in ("records", "records_correct", "gold", "pred", "tp", "f1")}
    return cats


def _code_confusions(
    records: Sequence[CodedSentence], preds: Sequence[set[tuple[str, str, str]]], top: int = 10
) -> list[dict[str, Any]]:
    """Most frequent (gold code -> predicted code) mismatches, dyad ignored."""
    c: Counter[tuple[str, str]] = Counter()
    for r, p in zip(records, preds):
        gcodes = sorted({t[2] for t in r.gold})
        pcodes = sorted({t[2] for t in p})
        for g in gcodes:
            if g not in pcodes:
                c[(g, ",".join(pcodes) or "NONE")] += 1
        if not gcodes and pcodes:
            c[("NONE", ",".join(pcodes))] += 1
    return [{"gold": g, "pred": p, "count": n} for (g, p), n in c.most_common(top)]


def _score_petr(
    records: list[CodedSentence], analyses: list[Analysis], subset: set[str] | None = None
) -> dict[str, Any]:
    preds = [cameo_triples(a) for a in analyses]
    out: dict[str, Any] = {
        "exact": score_triple_sets([r.gold for r in records], preds),
        "root": score_triple_sets(
            [_root(r.gold) for r in records], [_root(p) for p in preds]
        ),
        "code_only": score_triple_sets(
            [{("", "", c) for _, _, c in r.gold} for r in records],
            [{("", "", c) for _, _, c in p} for p in preds],
        ),
        "by_category": _by_category(records, preds),
        "code_confusions": _code_confusions(records, preds),
    }
    if subset is not None:
        idx = [i for i, r in enumerate(records) if r.id in subset]
        out["baseline_subset"] = score_triple_sets(
            [records[i].gold for i in idx], [preds[i] for i in idx]
        )
    return out


def _baseline_ids(path: Path) -> set[str] | None:
    if not path.exists():
        return None
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) > 3 and parts[0] != "id":
            ids.add(parts[0])
    return ids


def eval_petrarch(folder: Path, res: "Resources", limit: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "anchor": {"petrarch2_gsr_f1": 0.80, "petrarch2_unittest_f1": 0.52},
        "matching": "per-record set of (source, target, full CAMEO code); '---' = no actor",
    }
    gsr = read_petr_records(folder / "PETR2_GSR_validation.xml")[:limit]
    subset = _baseline_ids(folder / "petrarch2_baseline" / "petrarch2_on_PETR2_GSR_validation.tsv")
    out["real_news"] = _score_petr(gsr, run_pipeline([r.text for r in gsr], res), subset)
    unit = read_petr_records(folder / "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml")
    unit = [r for r in unit if r.category != "ERROR"][:limit]
    phrases = read_petr_actor_dictionary(folder / "dictionaries" / "PETR.Validate.actors.txt")
    out["unit_tests"] = _score_petr(
        unit, run_pipeline([r.text for r in unit], res, extra_actors=phrases)
    )
    out["unit_tests"]["actor_overlay"] = "PETR.Validate.actors.txt (%d phrases)" % len(phrases)
    # as PETRARCH-2 itself is scored there (its 0.52): with the validation verb dictionary the
    # unit-test gold was coded with, read before our packaged verb facts (``--verbs``)
    verbs = folder / "dictionaries" / "PETR.Validate.verbs.2.0.txt"
    if verbs.exists():
        from eventlens.events import load_codebook

        with_verbs = copy.copy(res)
        with_verbs.config = res.config.with_(verb_dictionaries=(verbs,))
        with_verbs.codebook = load_codebook(with_verbs.config)
        scored = _score_petr(unit, run_pipeline([r.text for r in unit], with_verbs, extra_actors=phrases))
        out["unit_tests_validation_verbs"] = {
            k: scored[k] for k in ("exact", "root", "code_only", "code_confusions")
        } | {"verb_overlay": verbs.name}
    return out


# PLOVER's AGREE is "agree to, offer, promise, or otherwise indicate willingness or commitment
# to cooperate" (POLECAT codebook): our planned cooperative events ("will visit", "is ready to
# send troops") are that intent when coded in PLOVER.
INTENT_AS_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})


# ... and its THREATEN is the conflictual counterpart, a declared intent to harm ("vowed to
# strike", "will impose sanctions unless ..."; CAMEO 13: threaten sanctions, protests, force).
INTENT_AS_THREATEN = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})


def plover_type(event: Event) -> str:
    """The PLOVER type of an event as PLOVER codes it (planned cooperation -> AGREE, planned
    harm -> THREATEN)."""
    if event.status == EventStatus.PLANNED and event.type in INTENT_AS_AGREE:
        return "AGREE"
    if event.status == EventStatus.PLANNED and event.type in INTENT_AS_THREATEN:
        return "THREATEN"
    return event.type


def _best_event(analysis: Analysis) -> Event | None:
    evs = [e for e in analysis.events if e.status in CODED_STATUSES] or list(analysis.events)
    if not evs:
        return None
    return max(evs, key=lambda e: (e.confidence or 0.0, -e.trigger.start))


def _actor_country(analysis: Analysis, actor_id: str | None) -> str | None:
    for a in analysis.actors:
        if a.id == actor_id:
            return a.country or (a.code[:3] if a.code and len(a.code) >= 3 else None)
    return None


def eval_plover(
    folder: Path, res: "Resources", limit: int | None, classifiers: dict[str, Any] | None = None
) -> dict[str, Any]:
    records = read_plover(folder / "PLOVER_GSR_CAMEO.json")[:limit]
    gold = [PLOVER_05_TO_2021.get(r["event"], r["event"]) for r in records]
    analyses = run_pipeline([r["text"] for r in records], res)
    best = [_best_event(a) for a in analyses]
    pred = [plover_type(e) if e else None for e in best]
    any_hit = sum(g in {plover_type(e) for e in a.events} for g, a in zip(gold, analyses))
    out: dict[str, Any] = {
        "anchor": {"goal_type_accuracy": 0.80},
        "type_mapping": PLOVER_05_TO_2021,
        "extractor": classification_scores(gold, pred),
        "extractor_any_event_accuracy": round(any_hit / len(gold), 4) if gold else 0.0,
    }
    out["extractor"].pop("per_class")
    for role in ("source", "target"):
        n = hit = 0
        for r, a, e in zip(records, analyses, best):
            items = r.get(role) or ()
            items = [items] if isinstance(items, (str, dict)) else items
            codes = {x.get("code") if isinstance(x, dict) else x for x in items}
            codes = {c.upper() for c in codes if isinstance(c, str)}
            codes = {c for c in codes if len(c) == 3 and c not in {"IGO", "NGO", "MNC"}}
            if not codes:
                continue
            n += 1
            if e is not None:
                hit += _actor_country(a, getattr(e, role)) in codes
        out[f"{role}_country_accuracy"] = round(hit / n, 4) if n else 0.0
        out[f"{role}_country_n"] = n
    for name, clf in (classifiers or {}).items():
        if clf is None:
            out[f"classifier_{name}"] = None
            continue
        preds = clf.predict([r["text"] for r in records])
        s = classification_scores(gold, [p.plover for p in preds])
        s.pop("per_class")
        out[f"classifier_{name}"] = s
    return out


def eval_case2021(
    folder: Path, res: "Resources | None", limit: int | None, classifiers: dict[str, Any]
) -> dict[str, Any]:
    from eventlens.events.classify import ACLED_TO_CASE

    rows = read_case2021(folder / "test_set_final_release_with_labels.tsv")
    seen = read_label_set(folder / "event_types.txt")
    sets = {
        "subtask1": seen,
        "subtask2": seen + ["ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"],
        "subtask3": seen + ["ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"],
    }
    if limit:
        rows = rows[:limit]
    out: dict[str, Any] = {
        "anchor": {"best_weighted_f1": {"subtask1": 0.839, "subtask2": 0.797, "subtask3": 0.771}},
        "goal_weighted_f1": 0.84,
    }
    for name, clf in classifiers.items():
        if clf is None:
            out[name] = None
            continue
        t0 = time.perf_counter()
        res_name: dict[str, Any] = {}
        za, zp = clf.logits([r[1] for r in rows])
        for task, labels in sets.items():
            keep = [i for i, r in enumerate(rows) if r[2] in labels]
            sub = [rows[i] for i in keep]
            preds = clf.decode(za[keep], zp[keep], labels=labels)
            res_name[task] = classification_scores([r[2] for r in sub], [p.code for p in preds])
            res_name[task]["per_class"] = {
                k: v["f1"] for k, v in res_name[task]["per_class"].items()
            }
        res_name["seconds"] = round(time.perf_counter() - t0, 2)
        out[name] = res_name
    if res is not None:
        sub = [r for r in rows if r[2] in sets["subtask1"]]
        analyses = run_pipeline([r[1] for r in sub], res)
        preds = []
        for a in analyses:
            e = _best_event(a)
            code = None
            if e is not None and e.acled:
                lookup = getattr(res.codebook, "acled_code_for", None)
                code = (lookup(e.acled) if lookup else None) or ACLED_TO_CASE.get(e.acled)
            preds.append(code or "OTHER")
        s = classification_scores([r[2] for r in sub], preds)
        s["per_class"] = {k: v["f1"] for k, v in s["per_class"].items()}
        out["extractor_subtask1"] = s
    return out


def evaluate(data: Path, *, res: "Resources | None" = None, limit: int | None = None) -> dict:
    """Scores of the event stage on the benchmarks under ``data`` (see module docstring)."""
    from eventlens.events.classify import load_classifier
    from eventlens.pipeline import Resources

    data = Path(data)
    t0 = time.perf_counter()
    if res is None:
        res = Resources.load(Config(stages=("actors", "events")))
    light = load_classifier(res.config.with_(use_embeddings=False))
    embed = load_classifier(res.config.with_(use_embeddings=True))
    if embed is not None and getattr(embed, "kind", None) != "embeddings":
        embed = None
    out: dict[str, Any] = {"limit": limit}
    if (data / "petrarch2-validation").exists():
        out["petrarch2-validation"] = eval_petrarch(data / "petrarch2-validation", res, limit)
    if (data / "plover-gsr-cameo").exists():
        out["plover-gsr-cameo"] = eval_plover(
            data / "plover-gsr-cameo", res, limit, {"light": light, "embeddings": embed}
        )
    if (data / "case2021-task2").exists():
        out["case2021-task2"] = eval_case2021(
            data / "case2021-task2", res, limit, {"light": light, "embeddings": embed}
        )
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def main(argv: Sequence[str] | None = None) -> None:  # pragma: no cover - manual runs
    import argparse
    import sys

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    json.dump(evaluate(args.data, limit=args.limit), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":  # pragma: no cover
    main()
