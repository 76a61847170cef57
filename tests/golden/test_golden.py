"""End-to-end golden files: the bundled sample articles → expected JSON.

Run ``pytest tests/golden --update-golden`` to regenerate after a deliberate change,
then review the diff (``git diff tests/golden``) before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventlens.ingest import read_inputs
from eventlens.pipeline import analyze_doc
from eventlens.types import Article

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
EXPECTED = Path(__file__).parent / "expected"


def canonical(analysis) -> dict:
    """The analysis with lists in a stable order and the names of referenced actors/places inline."""
    d = analysis.to_dict()
    src = d["article"].get("source") or ""
    if src.startswith(str(ROOT)):
        d["article"]["source"] = src[len(str(ROOT)) + 1:]  # checkout-independent
    actors = {a["id"]: a["name"] for a in d["actors"]}
    places = {p["id"]: p["name"] for p in d["places"]}
    d["actors"].sort(key=lambda a: (a["mentions"][0]["start"] if a["mentions"] else -1, a["id"]))
    d["places"].sort(key=lambda p: (p["mentions"][0]["start"] if p["mentions"] else -1, p["id"]))
    for e in d["events"]:
        e["_readable"] = (f"{actors.get(e['source'])} {e['type']} {actors.get(e['target'])}"
                          f" @ {places.get(e['place'])}")
    d["events"].sort(key=lambda e: (e["trigger"]["start"], e["type"], e["id"]))
    d["quotes"].sort(key=lambda q: (q["start"], q["end"], q["id"]))
    d["labels"].sort(key=lambda x: (x["start"], x["end"], x["id"]))
    return d


def _articles():
    return [a for a in read_inputs([str(EXAMPLES)]) if isinstance(a, Article)]


def _name(article: Article) -> str:
    src = Path((article.source or article.id).split(":")[0]).stem
    line = (article.source or "").rsplit(":", 1)[-1]
    return f"{src}-{line}" if line.isdigit() else src


@pytest.fixture(scope="module")
def rules_only_resources():
    """Resources without the locally trained detectors, so the golden files do not depend on
    whether this machine has built them (make label-model / quote-model / role-model)."""
    from eventlens.events import learned_roles
    from eventlens.pipeline import Resources
    from eventlens.quotes import learned_source
    from eventlens.quotes.learned import load_model

    mp = pytest.MonkeyPatch()
    mp.setenv("EVENTLENS_LABEL_MODEL", "off")
    mp.setenv("EVENTLENS_QUOTE_MODEL", "off")
    mp.setenv("EVENTLENS_ROLE_MODEL", "off")
    mp.setenv("EVENTLENS_QUOTE_SOURCE_MODEL", "off")
    load_model.cache_clear()
    learned_roles.load_model.cache_clear()
    learned_source.load_model.cache_clear()
    yield Resources.load()
    mp.undo()
    load_model.cache_clear()
    learned_roles.load_model.cache_clear()
    learned_source.load_model.cache_clear()


def test_golden(rules_only_resources, request):
    resources = rules_only_resources
    update = request.config.getoption("--update-golden")
    EXPECTED.mkdir(exist_ok=True)
    seen = set()
    mismatches = []
    for article in _articles():
        name = _name(article)
        seen.add(f"{name}.json")
        got = canonical(analyze_doc(article, resources.nlp(article.text), resources))
        path = EXPECTED / f"{name}.json"
        if update:
            path.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
            continue
        assert path.exists(), f"no golden file for {name}; run pytest tests/golden --update-golden"
        want = json.loads(path.read_text())
        if got != want:
            mismatches.append(name)
    if not update:
        assert {p.name for p in EXPECTED.glob("*.json")} == seen, "stale golden files"
    assert not mismatches, (
        f"analyses differ from golden files for {mismatches}; if the change is intended run "
        "`pytest tests/golden --update-golden` and review `git diff tests/golden`"
    )
