"""Render the event codebook for ``eventlens codebook --format FORMAT``.

``print_codebook(format) -> str`` returns the text (the CLI writes it); formats: ``yaml``
(header, types, modes), ``table`` (one line per mode), ``markdown``, ``json``, ``jsonl`` (one mode
per line), ``csv``, ``tsv``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import yaml

from eventlens.errors import ConfigError
from eventlens.events.codebook import Codebook, TriggerRule, load

FORMATS = ("yaml", "table", "markdown", "json", "jsonl", "csv", "tsv")
_COLUMNS = ("type", "mode", "key", "cameo", "acled", "acled_code", "definition", "triggers",
            "examples")


def _trigger_text(r: TriggerRule) -> str:
    parts = []
    if r.compound:
        parts.append("/".join(sorted(r.compound)))
    parts.append(r.lemma)
    text = " ".join(parts)
    if r.obj:
        text += " +" + "/".join(sorted(r.obj))
    if r.with_:
        text += " with " + "/".join(sorted(r.with_))
    if r.needs:
        text += f" [{r.needs}]"
    return f"{text} ({'verb' if r.pos == 'v' else 'noun'})"


def rows(cb: Codebook) -> list[dict[str, Any]]:
    out = []
    for name in cb.types:
        for m in cb.type(name).modes:
            out.append({
                "type": name,
                "mode": m.mode,
                "key": m.key,
                "cameo": list(m.cameo),
                "acled": m.acled,
                "acled_code": m.acled_code,
                "definition": m.definition,
                "triggers": [_trigger_text(r) for r in m.triggers],
                "examples": list(m.examples),
            })
    return out


def print_codebook(format: str = "yaml", codebook: Codebook | None = None) -> str:  # noqa: A002
    """The codebook as text in ``format`` (see FORMATS)."""
    cb = codebook or load()
    fmt = format.lower()
    data = rows(cb)
    if fmt in ("json", "yaml", "yml"):
        doc = {"version": cb.version, "licence": cb.licence, "sources": list(cb.sources),
               "types": {n: cb.type(n).description for n in cb.types}, "modes": data,
               "cameo_roots": cb.cameo_roots}
        if fmt == "json":
            return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(_COLUMNS)
        for r in data:
            w.writerow([
                "; ".join(v) if isinstance(v, list) else ("" if v is None else v)
                for v in (r[c] for c in _COLUMNS)
            ])
        return buf.getvalue()
    if fmt in ("markdown", "md"):
        lines = [f"# eventlens event codebook {cb.version}", "",
                 f"Licence: {cb.licence}. Sources: {'; '.join(cb.sources)}.", ""]
        for name in cb.types:
            lines += [f"## {name}", "", cb.type(name).description, "",
                      "| mode | CAMEO | ACLED | definition | triggers |",
                      "|---|---|---|---|---|"]
            for r in (r for r in data if r["type"] == name):
                lines.append(
                    f"| {r['mode'] or '-'} ({r['key']}) | {', '.join(r['cameo'])} | {r['acled']} "
                    f"| {r['definition']} | {', '.join(r['triggers'])} |"
                )
            lines.append("")
        return "\n".join(lines)
    if fmt == "table":
        width = max(len(f"{r['type']}/{r['key']}") for r in data)
        lines = [f"eventlens event codebook {cb.version} ({cb.licence})",
                 f"{'TYPE/MODE':<{width}}  {'CAMEO':<20}  ACLED"]
        for r in data:
            cameo = ", ".join(r["cameo"])
            lines.append(f"{r['type'] + '/' + r['key']:<{width}}  {cameo:<20}  {r['acled']}")
        return "\n".join(lines) + "\n"
    raise ConfigError(f"unknown codebook format {format!r}; use one of {', '.join(FORMATS)}")
