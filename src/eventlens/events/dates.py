"""Resolve a date phrase of a sentence against the article's publication date.

``resolve(phrase, published, future=False) -> str | None`` gives an ISO date (YYYY-MM-DD) or None.

Rules (news conventions):
- Weekday names ("Sunday", "early Tuesday", "late Monday", "last Friday"): the most recent such day on
  or before the publication day (same weekday = publication day); for future events ("will meet on
  Thursday", "next Thursday") the next such day on or after it.
- "today", "tonight", "this morning/afternoon/evening" → publication day; "yesterday", "last night" →
  the day before; "tomorrow" → the day after; "last week" → seven days before (a documented
  approximation); "N days ago" → N days before.
- Explicit dates: "May 17", "17 May", "May 17, 2014", "3 March 2021", "2021-03-03". Without a year the
  publication year is used, and the year before when that would put a past event more than a week
  after publication.
- Anything vaguer ("last month", "in recent weeks", a bare year) → None. No publication date and a
  relative phrase → None. Events whose sentence has no date phrase get ``date=None`` (not the
  publication date): the date of an event is unknown unless the text says it.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
}
_WORD = re.compile(r"[a-z]+|\d+")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(phrase: str, published: str | None, *, future: bool = False) -> str | None:
    """ISO date of ``phrase`` relative to ``published`` (ISO date or datetime), or None."""
    pub = parse_published(published)
    low = phrase.lower()
    m = _ISO.search(low)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d.isoformat() if d else None
    words = _WORD.findall(low.replace(".", " "))
    if not words:
        return None
    explicit = _explicit(words, pub, future)
    if explicit is not None:
        return explicit.isoformat()
    if pub is None:
        return None
    for w in words:
        if w in _RELATIVE_DAYS:
            return (pub + dt.timedelta(days=_RELATIVE_DAYS[w])).isoformat()
    joined = " ".join(words)
    if "last night" in joined or "overnight" in joined:
        return (pub - dt.timedelta(days=1)).isoformat()
    if re.search(r"\bthis (morning|afternoon|evening)\b", joined):
        return pub.isoformat()
    if "last week" in joined:
        return (pub - dt.timedelta(days=7)).isoformat()
    ago = re.search(r"\b(\d+|one|two|three|four|five|six|seven) days? ago\b", joined)
    if ago:
        n = ago.group(1)
        days = int(n) if n.isdigit() else _NUMBERS[n]
        return (pub - dt.timedelta(days=days)).isoformat()
    for i, w in enumerate(words):
        if w in WEEKDAYS and not (w in ("sat", "sun", "wed") and len(words) > 1 and i > 0
                                  and words[i - 1].isdigit()):
            prev = words[i - 1] if i else ""
            want = WEEKDAYS[w]
            if prev == "next" or (future and prev != "last"):
                delta = (want - pub.weekday()) % 7
                if prev == "next" and delta == 0:
                    delta = 7
                return (pub + dt.timedelta(days=delta)).isoformat()
            delta = (pub.weekday() - want) % 7
            if prev == "last" and delta == 0:
                delta = 7
            return (pub - dt.timedelta(days=delta)).isoformat()
    return None


def _explicit(words: list[str], pub: dt.date | None, future: bool) -> dt.date | None:
    for i, w in enumerate(words):
        month = MONTHS.get(w)
        if month is None or (w == "may" and not _near_number(words, i)):
            continue
        day = year = None
        if i + 1 < len(words) and words[i + 1].isdigit() and len(words[i + 1]) <= 2:
            day = int(words[i + 1])  # May 17 (, 2014)
            if i + 2 < len(words) and words[i + 2].isdigit() and len(words[i + 2]) == 4:
                year = int(words[i + 2])
        elif i > 0 and words[i - 1].isdigit() and len(words[i - 1]) <= 2:
            day = int(words[i - 1])  # 17 May (2014)
            if i + 1 < len(words) and words[i + 1].isdigit() and len(words[i + 1]) == 4:
                year = int(words[i + 1])
        if day is None:
            continue
        if year is None:
            if pub is None:
                return None
            d = _safe_date(pub.year, month, day)
            if d is not None and not future and d > pub + dt.timedelta(days=7):
                d = _safe_date(pub.year - 1, month, day)
            return d
        return _safe_date(year, month, day)
    return None


def _near_number(words: list[str], i: int) -> bool:
    before = i > 0 and words[i - 1].isdigit() and len(words[i - 1]) <= 2
    after = i + 1 < len(words) and words[i + 1].isdigit() and len(words[i + 1]) <= 2
    return before or after
