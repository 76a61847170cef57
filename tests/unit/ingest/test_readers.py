"""read_inputs over files, directories, globs and stdin, and bad inputs → Reject."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import pytest

from eventlens.ingest import read_inputs
from eventlens.ingest.readers import sniff
from eventlens.types import Article, Reject


def _one(path: Path | str, **kw: object) -> Article | Reject:
    items = list(read_inputs([str(path)], **kw))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


def _article(path: Path | str, **kw: object) -> Article:
    item = _one(path, **kw)
    assert isinstance(item, Article), item
    return item


def _reject(path: Path | str, **kw: object) -> Reject:
    item = _one(path, **kw)
    assert isinstance(item, Reject), item
    assert item.stage == "ingest"
    return item


def test_txt_title_and_boilerplate(fixtures: Path) -> None:
    art = _article(fixtures / "article.txt")
    assert art.title == "Army says it retook border crossing from rebels"
    assert art.text.startswith(art.title + "\n\n")
    assert "Contact Us" not in art.text
    assert [(r.text, r.reason) for r in art.removed] == [("Contact Us", "boilerplate")]
    assert art.source == str(fixtures / "article.txt")
    assert art.published is None and art.outlet is None and art.language == "en"


def test_txt_cp1252_is_decoded(fixtures: Path) -> None:
    art = _article(fixtures / "cp1252.txt")
    assert "\u201csecurity vacuum\u201d" in art.text
    assert "\u2013 without naming Mali" in art.text


def test_txt_utf16_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "utf16.txt"
    p.write_bytes("Talks resume in Doha\n\nNegotiators met in Doha on Monday, officials said.".encode("utf-16"))
    assert _article(p).title == "Talks resume in Doha"


def test_html_main_text_and_metadata(fixtures: Path) -> None:
    art = _article(fixtures / "page.html")
    assert art.title == "Rival Libyan delegations meet in Geneva"
    assert art.outlet == "Sahara Bulletin"
    assert art.published == "2021-03-09"
    assert art.url == "https://sahara-bulletin.example/libya/geneva-meeting"
    assert art.text.startswith(art.title + "\n\nDelegations of the two rival")
    assert art.text.count("Rival Libyan delegations meet in Geneva") == 1
    for junk in ("cookies", "Home", "Contact Us", "All rights reserved", "Share this article", "()"):
        assert junk not in art.text, junk
    assert "The talks were held in a hotel" in art.text


def test_broken_html_best_effort(fixtures: Path) -> None:
    art = _article(fixtures / "broken.html")
    assert "Clashes broke out in Aden" in art.text
    assert "At least four people were killed" in art.text


def test_html_without_text_is_rejected(fixtures: Path) -> None:
    rej = _reject(fixtures / "no-text.html")
    assert rej.source == str(fixtures / "no-text.html")
    assert "no article text" in rej.reason


def test_jsonl_good_and_bad_lines(fixtures: Path) -> None:
    src = str(fixtures / "mixed.jsonl")
    items = list(read_inputs([src]))
    summary = [(type(i).__name__, i.source) for i in items]
    assert summary == [
        ("Article", f"{src}:1"),
        ("Reject", f"{src}:2"),
        ("Reject", f"{src}:3"),
        ("Article", f"{src}:4"),
        ("Reject", f"{src}:5"),
        ("Article", f"{src}:7"),
    ]
    first, bad_json, no_text, from_html, not_obj, last = items
    assert isinstance(first, Article)
    assert (first.title, first.url, first.published, first.outlet) == (
        "Ceasefire holds in Tripoli", "https://desert-wire.example/a1", "2020-10-24", "Desert Wire")
    assert "invalid JSON" in bad_json.reason  # type: ignore[union-attr]
    assert "no 'text' or 'html'" in no_text.reason  # type: ignore[union-attr]
    assert isinstance(from_html, Article)
    assert from_html.title == "Sudan talks resume" and from_html.published == "2024-03-03"
    assert "Rapid Support Forces resumed talks" in from_html.text
    assert "JSON object" in not_obj.reason  # type: ignore[union-attr]
    assert isinstance(last, Article) and last.published is None and last.title is None


def test_json_list(fixtures: Path) -> None:
    items = list(read_inputs([str(fixtures / "articles.json")]))
    assert [type(i).__name__ for i in items] == ["Article", "Reject"]
    assert items[0].title == "Envoy arrives in Benghazi"  # type: ignore[union-attr]
    assert items[1].source == f"{fixtures / 'articles.json'}:2"


def test_directory_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story\n\nThe army said it had retaken the town.")
    (tmp_path / "a.txt").write_text("First story\n\nThe rebels said they had shot down a drone.")
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nThe army said it was hidden.")
    items = list(read_inputs([str(tmp_path)]))
    assert [i.title for i in items] == ["First story", "Second story"]  # type: ignore[union-attr]


def test_empty_directory_is_a_reject(tmp_path: Path) -> None:
    assert "no .txt" in _reject(tmp_path).reason


def test_glob(tmp_path: Path) -> None:
    for n in (2, 1):
        (tmp_path / f"s{n}.txt").write_text(f"Story {n}\n\nThe army said it had retaken town number {n}.")
    items = list(read_inputs([str(tmp_path / "s*.txt")]))
    assert [i.title for i in items] == ["Story 1", "Story 2"]  # type: ignore[union-attr]
    assert "no files match" in _reject(tmp_path / "zz*.txt").reason


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _reject(tmp_path / "nope.txt").reason


STDIN_CASES = [
    ("text", b"Strike on Idlib\n\nAircraft struck a market in Idlib on Monday, rescuers said.", "Strike on Idlib"),
    ("html", b"<html><head><title>Strike on Idlib</title></head><body><article><p>Aircraft struck a market in Idlib on Monday, killing at least nine people, rescuers said.</p></article></body></html>", "Strike on Idlib"),
    ("jsonl", b'{"title": "Strike on Idlib", "text": "Aircraft struck a market in Idlib on Monday, rescuers said."}\n', "Strike on Idlib"),
]


@pytest.mark.parametrize("data, title", [c[1:] for c in STDIN_CASES], ids=[c[0] for c in STDIN_CASES])
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, title: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    art = _article("-")
    assert art.title == title


@pytest.mark.parametrize("data, kind", [(c[1], c[0]) for c in STDIN_CASES], ids=[c[0] for c in STDIN_CASES])
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    assert "empty" in _reject("-").reason


BAD_BYTES = [
    ("empty", b"", "empty file"),
    ("whitespace-only", b"   \n\n  \t\n", "empty text"),
    ("binary-nul", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("only-boilerplate", b"Contact Us\n\nShare this article\n\nAll rights reserved.", "no text left once 3 boilerplate"),
    ("title-only", b"A headline alone\n\n", "no body text after the title"),
    ("arabic", "\u0642\u0627\u0644 \u0627\u0644\u062c\u064a\u0634 \u0625\u0646\u0647 \u0627\u0633\u062a\u0639\u0627\u062f \u0627\u0644\u0633\u064a\u0637\u0631\u0629 \u0639\u0644\u0649 \u0627\u0644\u0645\u062f\u064a\u0646\u0629".encode(), "Arabic script"),
]


@pytest.mark.parametrize("data, reason", [c[1:] for c in BAD_BYTES], ids=[c[0] for c in BAD_BYTES])
def test_bad_txt_files_are_rejected(tmp_path: Path, data: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    rej = _reject(p)
    assert rej.source == str(p)
    assert reason in rej.reason


def test_french_is_rejected_with_language_named(fixtures: Path) -> None:
    rej = _reject(fixtures / "french.txt")
    assert "not English" in rej.reason and "French" in rej.reason


def test_huge_file_rejected_fast_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # 50 MB, sparse where the filesystem allows
        fh.seek(50 * 1024 * 1024 - 1)
        fh.write(b"\n")
    read_calls: list[Path] = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read_calls.append(self) or b"")
    t0 = time.perf_counter()
    rej = _reject(p)
    assert time.perf_counter() - t0 < 1.0
    assert read_calls == []
    assert "52.4 MB" in rej.reason and "20.0 MB" in rej.reason


def test_huge_jsonl_line_rejected_rest_read(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    good = json.dumps({"title": "Talks in Doha", "text": "Negotiators met in Doha on Monday, officials said."})
    with p.open("w") as fh:
        fh.write(json.dumps({"text": "x " * 3000}) + "\n")
        fh.write(good + "\n")
    items = list(read_inputs([str(p)], max_bytes=1000))
    assert isinstance(items[0], Reject) and items[0].source == f"{p}:1"
    assert "over the limit of 1000 bytes" in items[0].reason
    assert isinstance(items[1], Article) and items[1].source == f"{p}:2"


def test_batch_goes_on_after_bad_inputs(tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    items = list(read_inputs([str(tmp_path / "bin.txt"), str(tmp_path / "missing.txt"),
                              str(fixtures / "article.txt")]))
    assert [type(i).__name__ for i in items] == ["Reject", "Reject", "Article"]


def test_keep_captions_passes_through(tmp_path: Path) -> None:
    p = tmp_path / "cap.txt"
    p.write_text("Clashes in Sirte\n\nFighters near Sirte. (AFP Photo)\n\nThe army said it had repelled an attack.")
    assert "(AFP Photo)" not in _article(p).text
    assert "(AFP Photo)" in _article(p, keep_captions=True).text


ENCODINGS = [
    ("cp1252-accent", "Talks in Genève resumed on Monday.", "cp1252"),
    ("cp1252-quotes-dashes", "The envoy’s visit – the first since 2019 – ended “abruptly”.", "cp1252"),
    ("latin1", "Officials in Bogotá said the talks would resume.", "latin-1"),
    ("utf8-bom", "The army said it had retaken the town.", "utf-8-sig"),
]


@pytest.mark.parametrize("text, enc", [c[1:] for c in ENCODINGS], ids=[c[0] for c in ENCODINGS])
def test_legacy_encodings_decode_without_loss(text: str, enc: str) -> None:
    from eventlens.ingest.readers import decode_bytes

    assert decode_bytes(text.encode(enc), "x.txt") == text


def test_stdin_over_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"The army said so. " * 100)))
    rej = _reject("-", max_bytes=500)
    assert rej.source == "<stdin>" and "over the limit of 500 bytes" in rej.reason
