"""CAMEO verb facts mined from the PETRARCH-2 CAMEO verb dictionary (verbs and objects only).

``mine(text) -> list[CameoVerb]`` reads the dictionary format (``CAMEO.2.0.txt`` of
openeventdata/petrarch2, MIT licence): verb blocks ``--- NAME [code] ---``, verb lines
``VERB {forms} [code]`` and patterns ``- * OBJECT [code]``. Only plain one-word verbs, their
block or own code, and patterns (for the verb named in their comment) whose whole content is one direct-object word (or a synonym set
of one-word members) are kept; phrases with prepositions, actors or several words are dropped.
The result is written to ``data/events/cameo_verbs.tsv`` by :func:`write_tsv` (run once by hand:
``python -m eventlens.events.cameo_verbs PATH/CAMEO.2.0.txt``); at run time only the TSV is read
(:func:`read_tsv`). No sentence text is taken from the dictionary: it holds none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_VERB = re.compile(r"^([A-Z][A-Z'-]*)(?:\s*\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*(?:#.*)?$")
_PATTERN = re.compile(r"^-\s+\*\s+(&?[A-Z][A-Z-]*)\s+\[([^\]]*)\]")
_WORD = re.compile(r"^[A-Z][A-Z-]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class CameoVerb:
    lemma: str  # verb lemma, lower case
    obj: str | None  # direct-object word (surface form, lower case) or None
    cameo: str  # CAMEO code of the source -> target reading
    origin: str  # the dictionary block it came from


def _code(raw: str | None) -> str | None:
    """First (source -> target) code of ``[a:b]``; None for ``---``, ``:b`` or junk."""
    if not raw:
        return None
    first = raw.split(":")[0].strip()
    return first if re.fullmatch(r"\d{2,4}", first) else None


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    cur: str | None = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if not s:
            cur = None
            continue
        if s.startswith("&"):
            cur = s.split()[0]
            out[cur] = []
        elif s.startswith("+") and cur is not None:
            w = s[1:].split()[0].rstrip("_")
            if _WORD.match(w):
                out[cur].append(w.lower())
    return out


def mine(text: str) -> list[CameoVerb]:
    lines = text.splitlines()
    try:
        start = next(i for i, ln in enumerate(lines) if ln.startswith("####### VERB PATTERNS"))
    except StopIteration:
        raise ValueError("not a CAMEO verb dictionary: no VERB PATTERNS section") from None
    end = next((i for i, ln in enumerate(lines) if ln.startswith("######## TRANSFORMATIONS")),
               len(lines))
    syn = _synsets(lines[:start])
    out: list[CameoVerb] = []
    seen: set[tuple[str, str | None]] = set()
    block, block_code, verbs = "", None, []

    def add(lemma: str, obj: str | None, code: str | None) -> None:
        if code is None or (lemma, obj) in seen:
            return
        seen.add((lemma, obj))
        out.append(CameoVerb(lemma=lemma, obj=obj, cameo=code, origin=block.lower()))

    for line in lines[start + 1:end]:
        m = _BLOCK.match(line)
        if m:
            block, block_code, verbs = m.group(1), _code(m.group(2)), []
            continue
        if not line.strip() or line.startswith(("#", "+")):
            continue
        m = _PATTERN.match(line)
        if m:
            code = _code(m.group(2))
            word = m.group(1)
            objs = syn.get(word, []) if word.startswith("&") else [word.lower()]
            # the comment names the verb the pattern was found with ("# RUSH")
            note = line.split("#", 1)[1].split() if "#" in line else []
            named = note[0].lower() if note else ""
            for v in ([named] if named in verbs else verbs):
                for o in objs:
                    add(v, o, code)
            continue
        if line.startswith("-"):
            continue
        m = _VERB.match(line.strip())
        if m:
            lemma = m.group(1).lower()
            verbs.append(lemma)
            add(lemma, None, _code(m.group(2)) or block_code)
    return out


HEADER = """\
# CAMEO verb -> code facts mined from the PETRARCH-2 CAMEO verb dictionary.
# version: CAMEO.2.0.txt (last update 2015-04-30), openeventdata/petrarch2 @ 676801cd,
#   petrarch2/data/dictionaries/CAMEO.2.0.txt
# licence: MIT (Copyright (c) 2015 Open Event Data Alliance); facts only: verb lemmas, one-word
#   direct objects and CAMEO codes (no text). Built by eventlens.events.cameo_verbs.mine.
# obj empty = the verb on its own; cameo = code of the source -> target reading.
"""


def write_tsv(items: list[CameoVerb]) -> str:
    rows = ["lemma\tobj\tcameo\torigin"]
    rows += [f"{v.lemma}\t{v.obj or ''}\t{v.cameo}\t{v.origin}" for v in items]
    return HEADER + "\n".join(rows) + "\n"


def read_tsv(text: str) -> list[CameoVerb]:
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("lemma\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not re.fullmatch(r"\d{2,4}", parts[2]):
            raise ValueError(f"cameo_verbs.tsv: bad row {line!r}")
        out.append(CameoVerb(lemma=parts[0], obj=parts[1] or None, cameo=parts[2],
                             origin=parts[3]))
    return out


if __name__ == "__main__":  # pragma: no cover - run by hand to rebuild the TSV
    import sys
    from pathlib import Path

    sys.stdout.write(write_tsv(mine(Path(sys.argv[1]).read_text(encoding="utf-8"))))
