"""Terminal tables: one line per row, the listing's chosen columns, long cells cut with '…'
(json and csv keep every column)."""

from __future__ import annotations

import json

import pytest

from eventlens.cli import CELL_CHARS, QueryFormat, _emit

ROWS = [
    {"id": "evt_1", "date": "2020-05-31", "type": "ASSAULT", "source": "Libyan National Army",
     "trigger": "launched a wave of airstrikes\non the town " + "x" * 80, "sentence": "long"},
    {"id": "evt_2", "date": None, "type": "CONSULT", "source": "Avaria", "trigger": "talks",
     "sentence": "short"},
]


def _table_lines(capsys, rows, columns):
    _emit(rows, QueryFormat.table, "events", columns)
    return [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("│")]


@pytest.mark.parametrize(
    ("columns", "shown", "hidden"),
    [
        (("date", "type", "source", "trigger"), ["2020-05-31", "ASSAULT", "Avaria"], ["evt_1"]),
        (None, ["evt_1", "long"], []),
        (("date", "missing-column"), ["2020-05-31"], ["ASSAULT"]),
    ],
    ids=["chosen-columns", "all-columns", "unknown-column-ignored"],
)
def test_table_rows(capsys, columns, shown, hidden):
    lines = _table_lines(capsys, ROWS, columns)
    assert len(lines) == len(ROWS)  # one line per row, newlines in cells included
    body = "\n".join(lines)
    for s in shown:
        assert s in body
    for s in hidden:
        assert s not in body


def test_long_cells_are_cut(capsys):
    lines = _table_lines(capsys, ROWS, ("trigger",))
    cell = lines[0].strip("│ ")
    assert cell.endswith("…") and len(cell) == CELL_CHARS


def test_json_keeps_every_column(capsys):
    _emit(ROWS, QueryFormat.json, "events", ("date",))
    assert json.loads(capsys.readouterr().out)[0]["sentence"] == "long"


def test_no_rows(capsys):
    _emit([], QueryFormat.table, "events", ("date",))
    assert "events" in capsys.readouterr().out
