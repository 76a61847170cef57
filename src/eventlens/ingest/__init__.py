"""Ingest stage: readers (txt, html, jsonl, stdin, URL, feeds) and cleaning → Article."""

from __future__ import annotations

from eventlens.types import Article


def article_from_text(raw: str, *, title=None, published=None, outlet=None, url=None,
                      source=None, keep_captions=False) -> Article:  # STUB
    raise NotImplementedError
