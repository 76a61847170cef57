"""Ingest stage: readers (txt, html, jsonl, stdin, URL, feeds) and cleaning → Article.

Public API::

    article_from_text(raw, *, title=None, published=None, outlet=None, url=None,
                      source=None, keep_captions=False) -> Article
    clean_text(raw, *, keep_captions=False) -> (text, removals)
    read_inputs(paths, *, urls=(), feeds=(), keep_captions=False,
                max_bytes=20_000_000) -> Iterator[Article | Reject]
"""

from __future__ import annotations

from eventlens.ingest.article import article_from_text
from eventlens.ingest.clean import clean_text
from eventlens.ingest.dates import normalize_date
from eventlens.ingest.language import language_problem
from eventlens.ingest.readers import read_inputs

__all__ = [
    "article_from_text",
    "clean_text",
    "read_inputs",
    "normalize_date",
    "language_problem",
]
