"""Readers: files, directories, globs, stdin, URLs and RSS/Atom feeds → Article | Reject.

A bad input never raises inside a batch: it becomes a :class:`~eventlens.types.Reject`
naming the input (``file`` or ``file:line``) and the reason, and reading goes on.
"""

from __future__ import annotations

import glob
import io
import json
import logging
import os
import sys
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from eventlens.errors import InputError
from eventlens.ingest.article import article_from_text
from eventlens.ingest.dates import normalize_date
from eventlens.types import Article, Reject

log = logging.getLogger(__name__)

EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".json")
USER_AGENT = "eventlens/0.1 (+https://github.com/eventlens)"
FETCH_TIMEOUT = 30.0
_SNIFF = 8192
_GLOB_CHARS = set("*?[")

Item = Article | Reject


def read_inputs(
    paths: Sequence[str],
    *,
    urls: Sequence[str] = (),
    feeds: Sequence[str] = (),
    keep_captions: bool = False,
    max_bytes: int = 20_000_000,
) -> Iterator[Item]:
    """Read every input in order and yield an Article or a Reject for each article.

    ``paths`` are files, directories (recursive, sorted, only files ending in
    .txt .html .htm .jsonl .json), glob patterns or ``-`` (stdin, sniffed as HTML,
    JSONL or text). ``urls`` are fetched pages; ``feeds`` are RSS/Atom feeds whose
    items' links are fetched and read. A file (or, for JSONL, one line) over
    ``max_bytes`` is rejected without being read.
    """
    opts = _Opts(keep_captions=keep_captions, max_bytes=max_bytes)
    for p in paths:
        yield from _guard(str(p), lambda p=p: _read_path(str(p), opts))
    for u in urls:
        yield from _guard(u, lambda u=u: _read_url(u, opts))
    for f in feeds:
        yield from _guard(f, lambda f=f: _read_feed(f, opts))


class _Opts:
    __slots__ = ("keep_captions", "max_bytes")

    def __init__(self, *, keep_captions: bool, max_bytes: int) -> None:
        self.keep_captions = keep_captions
        self.max_bytes = max_bytes


def _reject(source: str | None, reason: str) -> Reject:
    log.info("rejected %s: %s", source, reason)
    return Reject(source=source, stage="ingest", reason=reason)


def _guard(source: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run one reader; turn an unexpected failure into a Reject so the batch goes on."""
    try:
        yield from read()
    except InputError as exc:
        yield _reject(exc.source or source, exc.reason)
    except Exception as exc:  # a reader bug or library failure must not stop the batch
        log.exception("unexpected failure reading %s", source)
        yield _reject(source, f"unexpected error while reading: {type(exc).__name__}: {exc}")


def _build(raw: str, source: str, opts: _Opts, **meta: Any) -> Item:
    try:
        return article_from_text(raw, source=source, keep_captions=opts.keep_captions, **meta)
    except InputError as exc:
        return _reject(source, exc.reason)


# ---------------------------------------------------------------- paths


def _read_path(p: str, opts: _Opts) -> Iterator[Item]:
    if p == "-":
        yield from _read_stdin(opts)
        return
    path = Path(p)
    if path.is_dir():
        files = sorted(
            f for f in path.rglob("*")
            if f.is_file() and f.suffix.lower() in EXTENSIONS
            and not any(part.startswith(".") for part in f.relative_to(path).parts)
        )
        if not files:
            yield _reject(p, f"directory has no {'/'.join(EXTENSIONS)} files")
        for f in files:
            yield from _guard(str(f), lambda f=f: _read_file(f, opts))
        return
    if path.is_file():
        yield from _read_file(path, opts)
        return
    if _GLOB_CHARS & set(p):
        matches = sorted(m for m in glob.glob(p, recursive=True) if Path(m).is_file())
        if not matches:
            yield _reject(p, "no files match this pattern")
        for m in matches:
            yield from _guard(m, lambda m=m: _read_file(Path(m), opts))
        return
    yield _reject(p, "no such file or directory")


def _too_big(size: int, limit: int) -> str:
    return (f"input is {size / 1e6:.1f} MB ({size} bytes), over the limit of "
            f"{limit / 1e6:.1f} MB ({limit} bytes); split it or raise max_bytes")


def _read_file(path: Path, opts: _Opts) -> Iterator[Item]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open("rb") as fh:
            yield from _read_jsonl(fh, source, opts)
        return
    size = path.stat().st_size
    if size > opts.max_bytes:
        yield _reject(source, _too_big(size, opts.max_bytes))
        return
    if size == 0:
        yield _reject(source, "empty file")
        return
    data = path.read_bytes()
    if suffix in (".html", ".htm"):
        yield _from_html_bytes(data, source, opts)
    elif suffix == ".json":
        yield from _read_json(data, source, opts)
    elif suffix == ".txt":
        yield _build(decode_bytes(data, source), source, opts)
    else:
        yield from _sniffed(data, source, opts)


def _read_stdin(opts: _Opts) -> Iterator[Item]:
    stream: BinaryIO = getattr(sys.stdin, "buffer", None) or io.BytesIO(
        sys.stdin.read().encode("utf-8"))
    data = stream.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        yield _reject("<stdin>", f"input is over the limit of {opts.max_bytes} bytes; "
                                 "split it or raise max_bytes")
        return
    if not data.strip():
        yield _reject("<stdin>", "empty input")
        return
    yield from _sniffed(data, "<stdin>", opts)


def _sniffed(data: bytes, source: str, opts: _Opts) -> Iterator[Item]:
    """Guess HTML, JSONL or text from the content (for stdin and unknown extensions)."""
    kind = sniff(data)
    if kind == "html":
        yield _from_html_bytes(data, source, opts)
    elif kind == "jsonl":
        yield from _read_jsonl(io.BytesIO(data), source, opts)
    else:
        yield _build(decode_bytes(data, source), source, opts)


def sniff(data: bytes) -> str:
    """'html', 'jsonl' or 'text' from the first bytes of an input."""
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        head.startswith(b"<") and any(t in head for t in (b"<body", b"<p", b"<div", b"<head"))
    ):
        return "html"
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0]
        try:
            obj = json.loads(first)
        except ValueError:
            return "text"
        if isinstance(obj, dict):
            return "jsonl"
    return "text"


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes, source: str) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 when
    it reads as plausible Latin text, else the encoding charset-normalizer detects (if
    installed), else latin-1. Nothing is dropped: every byte becomes a character.

    Raises InputError for binary data (NUL bytes without a UTF-16 BOM).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"broken UTF-16 text: {exc.reason}") from exc
    if b"\x00" in data[: 1 << 16]:
        raise InputError(source, "binary file (contains NUL bytes); give text, HTML or JSONL")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # English news that is not UTF-8 is nearly always Windows-1252 (curly quotes, dashes);
    # short texts fool statistical detectors, so cp1252 goes first when it reads cleanly.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_latin(text):
        log.info("%s: not UTF-8, decoded as cp1252", source)
        return text
    detected = _detect(data)
    if detected is not None:
        return detected
    log.info("%s: not UTF-8, decoded as latin-1", source)
    return text if text is not None else data.decode("latin-1")


_TYPOGRAPHIC = set("“”‘’–—…«»€£°·•×§¶©®™")


def _plausible_latin(text: str) -> bool:
    """Few non-ASCII characters, mostly Latin letters or typographic punctuation."""
    odd = [ch for ch in text if ord(ch) > 127]
    if not odd:
        return True
    if len(odd) > 0.3 * max(1, sum(1 for ch in text if ch.isalpha())):
        return False
    good = sum(
        1 for ch in odd
        if ch in _TYPOGRAPHIC or (ch.isalpha() and "LATIN" in unicodedata.name(ch, ""))
    )
    return good / len(odd) >= 0.9


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional
        return None
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


# ---------------------------------------------------------------- HTML


def _from_html_bytes(data: bytes, source: str, opts: _Opts, **meta: Any) -> Item:
    try:
        html = decode_bytes(data, source)
    except InputError as exc:
        return _reject(source, exc.reason)
    return _from_html(html, source, opts, **meta)


def html_to_fields(html: str) -> dict[str, Any] | None:
    """Main text and metadata of an HTML page via trafilatura (None when no text)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        doc2 = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_recall=True
        )
        if doc2 is not None and getattr(doc2, "text", None):
            doc, text = doc2, doc2.text
    if not text or not text.strip():
        text = _plain_html_text(html)
    if not text or not text.strip():
        return None
    return {
        # trafilatura puts one paragraph per line; make them blank-line paragraphs
        "text": "\n\n".join(line for line in text.split("\n") if line.strip()),
        "title": getattr(doc, "title", None) if doc is not None else None,
        "outlet": getattr(doc, "sitename", None) if doc is not None else None,
        "published": getattr(doc, "date", None) if doc is not None else None,
        "url": getattr(doc, "url", None) if doc is not None else None,
    }


def _plain_html_text(html: str) -> str | None:
    """Last resort for pages trafilatura finds nothing in: the visible text of <body>."""
    try:
        import lxml.html
    except ImportError:  # pragma: no cover - lxml comes with trafilatura
        return None
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None
    for bad in root.xpath("//script|//style|//nav|//footer|//header|//noscript"):
        bad.drop_tree()
    body = root.find("body")
    node = body if body is not None else root
    parts = [" ".join(t.split()) for t in node.itertext()]
    return "\n".join(p for p in parts if p) or None


def _from_html(html: str, source: str, opts: _Opts, **meta: Any) -> Item:
    fields = html_to_fields(html)
    if fields is None:
        return _reject(source, "no article text found in the HTML (broken or empty page)")
    merged = {k: v for k, v in fields.items() if k != "text"}
    merged.update({k: v for k, v in meta.items() if v})
    return _build(fields["text"], source, opts, **merged)


# ---------------------------------------------------------------- JSON / JSONL


_META_FIELDS = ("title", "url", "published", "outlet")


def _read_jsonl(fh: BinaryIO, source: str, opts: _Opts) -> Iterator[Item]:
    """One article per line; a bad line is a Reject naming ``file:line``."""
    n = 0
    seen_any = False
    while True:
        line = fh.readline(opts.max_bytes + 1)
        if not line:
            break
        n += 1
        where = f"{source}:{n}"
        if len(line) > opts.max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line without keeping it
                chunk = fh.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield _reject(where, f"line is over the limit of {opts.max_bytes} bytes; "
                                 "split it or raise max_bytes")
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            text = decode_bytes(line, where).strip()
            obj = json.loads(text)
        except InputError as exc:
            yield _reject(where, exc.reason)
            continue
        except json.JSONDecodeError as exc:
            yield _reject(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _from_record(obj, where, opts)
    if not seen_any:
        yield _reject(source, "empty file" if n == 0 else "no JSON lines in the file")


def _read_json(data: bytes, source: str, opts: _Opts) -> Iterator[Item]:
    """A .json file: one object, a list of objects, or (if that fails) JSON lines."""
    text = decode_bytes(data, source)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        yield from _read_jsonl(io.BytesIO(data), source, opts)
        return
    if isinstance(obj, list):
        if not obj:
            yield _reject(source, "empty JSON list")
        for i, rec in enumerate(obj, 1):
            yield _from_record(rec, f"{source}:{i}", opts)
    else:
        yield _from_record(obj, source, opts)


def _from_record(obj: Any, where: str, opts: _Opts) -> Item:
    if not isinstance(obj, dict):
        return _reject(where, f"expected a JSON object, got {type(obj).__name__}")
    meta: dict[str, Any] = {}
    for key in _META_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return _reject(where, f"field {key!r} must be a string")
        meta[key] = value or None
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return _build(text, where, opts, **meta)
    if isinstance(html, str) and html.strip():
        return _from_html(html, where, opts, **meta)
    return _reject(where, "no 'text' or 'html' field with content")


# ---------------------------------------------------------------- URLs and feeds


def fetch(url: str, max_bytes: int) -> tuple[bytes, str]:
    """GET ``url`` (http/https only) → (body, content type). Raises InputError."""
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(url, "only http:// and https:// URLs can be fetched")
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=FETCH_TIMEOUT) as resp:  # noqa: S310
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(url, _too_big(int(length), max_bytes))
            body = resp.read(max_bytes + 1)
            ctype = resp.headers.get_content_type() or ""
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP error {exc.code} ({exc.reason})") from exc
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(url, f"could not fetch: {reason}") from exc
    if len(body) > max_bytes:
        raise InputError(url, f"response is over the limit of {max_bytes} bytes")
    return body, ctype


def _read_url(url: str, opts: _Opts, **meta: Any) -> Iterator[Item]:
    body, ctype = fetch(url, opts.max_bytes)
    if not body.strip():
        yield _reject(url, "empty response")
        return
    if "html" in ctype or "xml" in ctype or sniff(body) == "html":
        item = _from_html(decode_bytes(body, url), url, opts, **meta)
        if isinstance(item, Article) and item.url is None:
            item = replace(item, url=url)  # no canonical link: the fetched URL
        yield item
    else:
        yield _build(decode_bytes(body, url), url, opts, url=url, **meta)


def _read_feed(feed: str, opts: _Opts) -> Iterator[Item]:
    import feedparser

    headers: dict[str, str] = {}
    if os.path.isfile(feed):
        if os.path.getsize(feed) > opts.max_bytes:
            yield _reject(feed, _too_big(os.path.getsize(feed), opts.max_bytes))
            return
        data = Path(feed).read_bytes()
    else:
        data, _ = fetch(feed, opts.max_bytes)
        headers["content-location"] = feed  # resolves relative item links
    parsed = feedparser.parse(data, response_headers=headers)
    entries = list(parsed.get("entries") or ())
    if not entries:
        why = parsed.get("bozo_exception")
        yield _reject(feed, "not an RSS/Atom feed, or a feed without items"
                            + (f" ({why})" if why else ""))
        return
    for i, entry in enumerate(entries, 1):
        link = entry.get("link")
        title = entry.get("title") or None
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        published_s = normalize_date(published) if published is not None else None
        if not link:
            yield _reject(f"{feed}:{i}", "feed item has no link")
            continue
        yield from _guard(link, lambda link=link, t=title, p=published_s: _read_url(
            link, opts, title=t, published=p))
