"""The command line over a temporary database: analyze, ingest, queries, export, schema."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli import app

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "articles"

WIRE = """Rebels shell northern town as talks stall

KADUGLI, Sudan (Wire) -- Rebel fighters shelled the northern town of Dilling on Monday, \
residents said, hours after Sudanese Foreign Minister Ali Hassan Osman told reporters that \
talks with the movement had stalled.

"We will not negotiate under fire," Osman said.
"""


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "wire.txt").write_text(WIRE, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 20)
    (d / "dump.jsonl").write_text(
        json.dumps({"text": WIRE.replace("Dilling", "Talodi"), "outlet": "Daily",
                    "published": "2023-04-11", "title": "Shelling hits Talodi"}) + "\n"
        + "{not json\n",
        encoding="utf-8",
    )
    return d


def invoke(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result


def test_analyze_json_contract(corpus):
    r = invoke("analyze", corpus / "wire.txt", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["schema_version"] == "1"
    assert set(d) == {"schema_version", "article", "actors", "places", "events", "quotes", "labels"}
    art = d["article"]
    assert art["title"] == "Rebels shell northern town as talks stall"
    assert art["text"].startswith(art["title"] + "\n\n")
    text = art["text"]
    for a in d["actors"]:
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    osman = [a for a in d["actors"] if a["name"] == "Ali Hassan Osman"]
    assert osman and osman[0]["country"] == "SDN" and osman[0]["sector"] == "GOV"
    again = json.loads(invoke("analyze", corpus / "wire.txt", "--format", "json").stdout)
    assert again == d  # deterministic ids and output


def test_analyze_stdin_and_jsonl():
    r = CliRunner().invoke(app, ["analyze", "-", "--format", "jsonl"], input=WIRE)
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0]["article"]["title"].startswith("Rebels shell")


def test_ingest_records_rejects_and_resumes(corpus, tmp_path):
    db = tmp_path / "t.duckdb"
    r = invoke("ingest", corpus, "--db", db)
    assert r.exit_code == 0, r.output
    assert re.search(r"2 analyzed, 0 already stored, 3 rejected", r.output), r.output
    rejects = json.loads(invoke("articles", "--db", db, "--format", "json").stdout)
    assert len(rejects) == 2
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    reasons = dict(con.execute("SELECT source, reason FROM rejects").fetchall())
    con.close()
    assert any(s.endswith("empty.txt") for s in reasons)
    assert any(s.endswith("binary.txt") for s in reasons)
    assert any(s.endswith("dump.jsonl:2") for s in reasons)
    # re-running is idempotent: nothing new is analyzed, counts stay
    r2 = invoke("ingest", corpus, "--db", db)
    assert "0 analyzed, 2 already stored" in r2.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 3
    con.close()


def test_strict_fails_fast(corpus, tmp_path):
    r = invoke("ingest", corpus / "empty.txt", "--db", tmp_path / "s.duckdb", "--strict")
    assert r.exit_code != 0
    assert "empty.txt" in r.output


def test_queries_and_export(corpus, tmp_path):
    db = tmp_path / "q.duckdb"
    invoke("ingest", corpus, "--db", db)
    rows = json.loads(invoke("actors", "--db", db, "--country", "SDN", "--format", "json").stdout)
    assert rows and all(r["country"] == "SDN" for r in rows)
    out = invoke("articles", "--db", db, "--outlet", "Daily", "--format", "csv").stdout
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert [p["title"] for p in parsed] == ["Shelling hits Talodi"]
    assert json.loads(invoke("articles", "--db", db, "--since", "2024-01-01", "--format", "json").stdout) == []
    r = invoke("events", "--db", db, "--format", "json")
    assert r.exit_code == 0 and isinstance(json.loads(r.stdout), list)
    r = invoke("export", "--db", db, "--format", "parquet", "--out", tmp_path / "exp")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "exp" / "articles.parquet").exists()
    r = invoke("export", "--db", db, "--format", "xml", "--out", tmp_path / "exp")
    assert r.exit_code != 0 and "unknown export format" in r.output


def test_actor_knowledge_grows(tmp_path):
    d = tmp_path / "k"
    d.mkdir()
    (d / "a.txt").write_text(
        "Minister visits border\n\nChadian Defence Minister Issaka Malloum Djamouss visited "
        "the eastern border on Friday, officials said.\n", encoding="utf-8")
    (d / "b.txt").write_text(
        "Talks resume\n\nIssaka Malloum Djamouss met delegates from the rebel movement in "
        "Doha on Sunday.\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    assert invoke("ingest", d / "a.txt", "--db", db).exit_code == 0
    assert invoke("ingest", d / "b.txt", "--db", db).exit_code == 0
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    know = con.execute("SELECT name, country, sector, source_article FROM actor_knowledge").fetchall()
    later = con.execute(
        "SELECT aa.country, aa.sector FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id "
        "WHERE aa.name = 'Issaka Malloum Djamouss' AND ar.title = 'Talks resume'").fetchall()
    con.close()
    assert ("Issaka Malloum Djamouss", "TCD", "GOV") == know[0][:3]
    assert later == [("TCD", "GOV")]


def test_schema_is_json_schema():
    d = json.loads(invoke("schema").stdout)
    assert d["properties"]["schema_version"]["const"] == "1"
    assert {"Article", "Actor", "Event", "Place", "Quote", "Label"} <= set(d["$defs"])


def test_readme_quick_start_matches_makefile():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    make = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", make, re.M) and re.search(r"^test:", make, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_demo_recipe_runs(tmp_path):
    """Run the commands of the Makefile's demo target (without re-creating the venv)."""
    make = (ROOT / "Makefile").read_text()
    recipe = make.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    commands = [ln.strip() for ln in recipe.splitlines()[1:] if ln.startswith("\t")]
    exe = str(Path(sys.executable).parent / "eventlens")
    shutil.copytree(EXAMPLES, tmp_path / "examples" / "articles")
    out = ""
    for cmd in commands:
        cmd = cmd.replace("$(EL)", exe)
        res = subprocess.run(cmd, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stderr
        out += res.stdout
    assert re.search(r"(\d+) articles", out) and "0 articles" not in out


def test_outlet_and_date_fill_missing_fields(corpus):
    r = invoke("analyze", corpus / "wire.txt", "--outlet", "Kadugli Post", "--published", "2023-04-11")
    assert r.exit_code == 0, r.output
    art = json.loads(r.stdout)["article"]
    assert (art["outlet"], art["published"]) == ("Kadugli Post", "2023-04-11")
    r = invoke("analyze", corpus / "dump.jsonl", "--outlet", "Other", "-f", "jsonl")
    first = json.loads(r.stdout.splitlines()[0])["article"]
    assert first["outlet"] == "Daily"  # the source's own outlet wins
    bad = invoke("analyze", corpus / "wire.txt", "--published", "someday")
    assert bad.exit_code != 0 and "not a date" in bad.output


def test_label_profile_includes_the_actors_side(tmp_path):
    text = ("Rebel leader accused\n\nWarlord Idris Kaba ordered new raids on Monday. "
            "Kaba's militias shelled the market, residents said.\n")
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    db = tmp_path / "l.duckdb"
    assert invoke("ingest", f, "--db", db, "--outlet", "Frontline Daily").exit_code == 0
    rows = json.loads(invoke("labels", "--db", db, "--actor", "Idris Kaba", "--format", "json").stdout)
    got = {(r["outlet"], r["label"], r["neutral"]) for r in rows}
    assert ("Frontline Daily", "warlord", "commander") in got
    assert any(r["label"] == "militias" and r["neutral"] == "forces" for r in rows)
