"""JSON Schema of the output contract, derived from the record dataclasses."""

from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from eventlens import types as t

_DESCRIPTIONS = {
    "start": "character offset into article.text (inclusive)",
    "end": "character offset into article.text (exclusive)",
    "source": "actor id, or null",
    "target": "actor id, or null",
    "speaker": "actor id, or null",
    "actor": "actor id, or null",
    "according_to": "actor id, or null",
    "affiliation": "actor id, or null",
    "place": "place id, or null",
}


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_schema_for(a, defs) for a in args if a is not type(None)]
        base = options[0] if len(options) == 1 else {"anyOf": options}
        if type(None) in args:
            return {"anyOf": [base, {"type": "null"}]}
        return base
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema_for(args[0], defs)}
        # (start, end) pairs are written as objects
        return {
            "type": "object",
            "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}},
            "required": ["start", "end"],
        }
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"},
            bool: {"type": "boolean"}}.get(tp, {})


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(t))
    props = {}
    for f in fields(cls):
        s = _schema_for(hints[f.name], defs)
        if f.name in _DESCRIPTIONS:
            s = {**s, "description": _DESCRIPTIONS[f.name]}
        props[f.name] = s
    return {
        "type": "object",
        "properties": props,
        "required": [f.name for f in fields(cls)],
        "additionalProperties": False,
    }


def analysis_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object(t.Analysis, defs)
    root["properties"]["schema_version"] = {"const": t.SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://eventlens.dev/schema/analysis/{t.SCHEMA_VERSION}",
        "title": "eventlens analysis of one article",
        **root,
        "$defs": defs,
    }
