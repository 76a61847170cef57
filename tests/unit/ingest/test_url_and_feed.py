"""Reading URLs and RSS/Atom feeds from a local HTTP server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from eventlens.ingest import read_inputs
from eventlens.types import Article, Reject


def test_url_html_page(http_base: str) -> None:
    items = list(read_inputs([], urls=[f"{http_base}/news/page.html"]))
    assert len(items) == 1
    art = items[0]
    assert isinstance(art, Article), art
    assert art.title == "Rival Libyan delegations meet in Geneva"
    assert art.outlet == "Sahara Bulletin"
    assert art.published == "2021-03-09"
    assert art.url == "https://sahara-bulletin.example/libya/geneva-meeting"  # canonical link
    assert art.source == f"{http_base}/news/page.html"
    assert "Share this article" not in art.text


def test_url_without_canonical_keeps_fetched_url(http_base: str) -> None:
    (art,) = read_inputs([], urls=[f"{http_base}/news/second.html"])
    assert isinstance(art, Article)
    assert art.url == f"{http_base}/news/second.html"


def test_url_plain_text(http_base: str) -> None:
    (art,) = read_inputs([], urls=[f"{http_base}/plain.txt"])
    assert isinstance(art, Article)
    assert art.title == "Niger junta expels French ambassador"


def test_url_errors_are_rejects(http_base: str) -> None:
    items = list(read_inputs([], urls=[f"{http_base}/missing", "ftp://example.org/x", "http://127.0.0.1:1/x"]))
    assert all(isinstance(i, Reject) for i in items)
    reasons = [i.reason for i in items]  # type: ignore[union-attr]
    assert "HTTP error 404" in reasons[0]
    assert "only http://" in reasons[1]
    assert "could not fetch" in reasons[2]


def test_url_over_size_limit(http_base: str) -> None:
    (rej,) = read_inputs([], urls=[f"{http_base}/news/page.html"], max_bytes=100)
    assert isinstance(rej, Reject) and "over the limit" in rej.reason


def test_rss_feed_items_are_fetched(http_base: str) -> None:
    items = list(read_inputs([], feeds=[f"{http_base}/feed.xml"]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Reject"]
    first, second, gone = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Rival Libyan delegations meet in Geneva for army talks"  # item title wins
    assert first.published == "2021-03-09"
    assert second.published == "2021-03-12"  # page has no date; the item's is used
    assert second.outlet == "Sahara Bulletin"
    assert gone.source == f"{http_base}/news/gone.html" and "404" in gone.reason  # type: ignore[union-attr]


def test_atom_feed(http_base: str) -> None:
    (art,) = read_inputs([], feeds=[f"{http_base}/atom.xml"])
    assert isinstance(art, Article)
    assert art.title == "Protesters rally in Bamako"
    assert art.published == "2021-03-12"


def test_not_a_feed_is_rejected(http_base: str) -> None:
    (rej,) = read_inputs([], feeds=[f"{http_base}/notafeed"])
    assert isinstance(rej, Reject) and "not an RSS/Atom feed" in rej.reason


def test_feed_from_local_file_with_bad_links(fixtures: Path) -> None:
    items = list(read_inputs([], feeds=[str(fixtures / "feed.xml")]))
    assert len(items) == 3 and all(isinstance(i, Reject) for i in items)


def test_feed_relative_links_resolve_against_feed_url(http_base: str) -> None:
    (art,) = read_inputs([], feeds=[f"{http_base}/rel-feed.xml"])
    assert isinstance(art, Article), art
    assert art.source == f"{http_base}/news/second.html"
    assert art.published is None
