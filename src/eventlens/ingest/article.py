"""Raw text (plus metadata) → a cleaned, checked :class:`~eventlens.types.Article`."""

from __future__ import annotations

import logging

from eventlens.errors import InputError
from eventlens.ingest.clean import clean_text
from eventlens.ingest.dates import normalize_date
from eventlens.ingest.language import language_problem
from eventlens.types import Article, Removal, stable_id

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 300
MAX_CONTROL_SHARE = 0.01  # share of control characters above which text counts as binary


def article_from_text(
    raw: str,
    *,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    source: str | None = None,
    keep_captions: bool = False,
) -> Article:
    """Clean ``raw`` and build an Article; raise InputError when it is not usable text.

    When ``title`` is None and the first line of ``raw`` is followed by a blank line,
    that line is the title (the .txt convention). ``article.text`` is the title, a
    blank line, then the cleaned body. A body paragraph repeating the title is dropped.
    """
    if not isinstance(raw, str):
        raise InputError(source, f"expected text (str), got {type(raw).__name__}")
    if "\x00" in raw:
        raise InputError(source, "binary data (contains NUL characters), not text")
    controls = sum(1 for ch in raw[:100_000] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if raw and controls / min(len(raw), 100_000) > MAX_CONTROL_SHARE:
        raise InputError(source, "binary data (too many control characters), not text")
    if not raw.strip():
        raise InputError(source, "empty text")

    removed: list[Removal] = []
    body_raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if title is None:
        title, body_raw = _split_title(body_raw, keep_captions, removed)
    else:
        title = " ".join(clean_text(title, keep_captions=True)[0].split()) or None

    body, found = clean_text(body_raw, keep_captions=keep_captions)
    removed.extend(found)
    if title and body:
        first, _, rest = body.partition("\n\n")
        if first.casefold() == title.casefold():
            removed.append(Removal(text=first, reason="duplicate-title"))
            body = rest
    if not body:
        n = sum(1 for r in removed if r.reason != "whitespace")
        gone = f" once {n} boilerplate/caption pieces were removed" if n else ""
        if title:
            raise InputError(source, f"no body text after the title{gone}")
        raise InputError(source, f"no text left{gone}")
    text = f"{title}\n\n{body}" if title else body
    problem = language_problem(text)
    if problem:
        raise InputError(source, problem)
    return Article(
        id=stable_id("art", text),
        text=text,
        title=title,
        url=url or None,
        outlet=" ".join(outlet.split()) if outlet and outlet.strip() else None,
        published=normalize_date(published),
        language="en",
        removed=tuple(removed),
        source=source,
    )


def _split_title(
    raw: str, keep_captions: bool, removed: list[Removal]
) -> tuple[str | None, str]:
    """Take the first line as the title when a blank line follows it.

    Leading lines that cleaning removes entirely (a "Skip to content" line, a caption)
    are dropped (and recorded) before looking for the title.
    """
    lines = raw.split("\n")
    i = 0
    while True:
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i + 1 >= len(lines) or lines[i + 1].strip():
            return None, "\n".join(lines[i:])
        candidate = lines[i].strip()
        if len(candidate) > MAX_TITLE_CHARS:
            return None, "\n".join(lines[i:])
        cleaned, found = clean_text(candidate, keep_captions=keep_captions)
        removed.extend(r for r in found if r.reason != "whitespace")
        if cleaned:
            return cleaned, "\n".join(lines[i + 1:])
        i += 1
