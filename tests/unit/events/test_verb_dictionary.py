"""A user's CAMEO verb dictionary (``--verbs``, ``Config.verb_dictionaries``): its codes come
before the packaged verb facts, its new verbs become triggers, a bad file is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.config import Config
from eventlens.errors import ResourceError
from eventlens.events import load_codebook
from eventlens.events.codebook import load, read_verb_dictionary
from eventlens.events.extract import extract

from eventkit import C, make_ctx

# written here in the PETRARCH dictionary layout (synonym sets, then verb blocks and patterns)
DICTIONARY = """\
# a tiny test dictionary
&GREETING
+WELCOME
+RECEPTION

####### VERB PATTERNS #######

--- PRAISE [050] ---
PRAISE
FETE  {FETED FETES FETING}
- * &GREETING [043]  # FETE

--- WOO [036] ---
WOO

######## TRANSFORMATIONS ########
"""

ACTORS = {
    "gon": ("Gondor", C, None, ("Gondor",)),
    "roh": ("Rohan", C, None, ("Rohan",)),
}


@pytest.fixture()
def dictionary(tmp_path: Path) -> Path:
    p = tmp_path / "verbs.txt"
    p.write_text(DICTIONARY, encoding="utf-8")
    return p


def _codes(text: str, cb) -> list[tuple[str, str | None, str | None, str]]:
    evs = extract(make_ctx(text, ACTORS), cb)
    return [(e.type, e.source, e.target, e.cameo) for e in evs]


@pytest.mark.parametrize(
    "sentence, packaged, overlaid",
    [
        # a verb both know: the user's code wins within its PLOVER type
        ("Gondor praised Rohan on Monday.", ("SUPPORT", "gon", "roh", "051"),
         ("SUPPORT", "gon", "roh", "050")),
        # a verb only the user's dictionary has becomes a (two-sided) trigger
        ("Gondor feted Rohan on Monday.", None, ("SUPPORT", "gon", "roh", "050")),
    ],
)
def test_user_codes_come_first(dictionary: Path, sentence: str, packaged, overlaid) -> None:
    plain = _codes(sentence, load_codebook(Config()))
    assert (packaged in plain) if packaged else not [c for c in plain if c[0] == "SUPPORT"]
    assert overlaid in _codes(sentence, load(verbs=(dictionary,)))


def test_config_reaches_the_codebook(dictionary: Path) -> None:
    cb = load_codebook(Config(verb_dictionaries=(dictionary,)))
    assert any(r.cameo == "050" for r in cb.verb_rules["fete"])
    assert "fete" not in load_codebook(Config()).verb_rules  # the packaged one is untouched


def test_patterns_and_synonym_sets_are_read(dictionary: Path) -> None:
    rows = read_verb_dictionary(dictionary).splitlines()
    assert "fete\twelcome\t043\tpraise" in rows and "fete\treception\t043\tpraise" in rows
    assert "woo\t\t036\twoo" in rows


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "cannot read verb dictionary"),
        ("####### VERB PATTERNS #######\n--- EMPTY [---] ---\n", "no verb with a CAMEO code"),
        ("lemma\tobj\tcameo\torigin\npraise\t\tabc\tx\n", "bad row"),
    ],
)
def test_bad_dictionaries_are_clear_errors(tmp_path: Path, content: str | None, message: str) -> None:
    p = tmp_path / "bad.txt"
    if content is not None:
        p.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError, match=message):
        load(verbs=(p,))


def test_cli_option(dictionary: Path, tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Chile feted Peru\n\nChile feted Peru on Monday in a long ceremony in Santiago.\n",
                   encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["analyze", str(art), "-f", "jsonl"])
    used = runner.invoke(app, ["analyze", str(art), "-f", "jsonl", "--verbs", str(dictionary)])
    assert plain.exit_code == 0 and used.exit_code == 0, used.output
    assert '"cameo": "050"' in used.stdout and '"cameo": "050"' not in plain.stdout
    missing = runner.invoke(app, ["analyze", str(art), "--verbs", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "cannot read verb dictionary" in missing.output
