"""`eventlens codebook` rendering."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from eventlens.errors import ConfigError
from eventlens.events.cli_codebook import FORMATS, print_codebook


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_mentions_every_type(fmt):
    out = print_codebook(fmt)
    for t in ("AGREE", "CONSULT", "ASSAULT", "COERCE", "MOBILIZE", "SANCTION"):
        assert t in out


def test_json_round_trips():
    doc = json.loads(print_codebook("json"))
    assert len(doc["types"]) == 16
    aerial = [m for m in doc["modes"] if m["type"] == "ASSAULT" and m["mode"] == "aerial"]
    assert aerial[0]["cameo"][0] == "195" and aerial[0]["acled_code"] == "AIR_STRIKE"
    assert doc["cameo_roots"]["19"] == "ASSAULT"


def test_yaml_is_the_default_and_parses():
    doc = yaml.safe_load(print_codebook())
    assert doc["version"] and len(doc["types"]) == 16 and doc["cameo_roots"]["04"] == "CONSULT"


def test_csv_has_one_row_per_mode():
    rows = list(csv.DictReader(io.StringIO(print_codebook("csv"))))
    assert len(rows) == len(print_codebook("jsonl").splitlines())
    assert {r["type"] for r in rows} >= {"AGREE", "ASSAULT"}


def test_unknown_format():
    with pytest.raises(ConfigError):
        print_codebook("xml")


def test_table_shows_cameo_codes():
    from eventlens.events.cli_codebook import print_codebook

    line = next(ln for ln in print_codebook("table").splitlines() if ln.startswith("CONSULT/phone"))
    assert "041" in line and "Strategic developments" in line
