"""Turns validation failures into messages that name the field: one format for CLI and page."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails


class FieldError(BaseModel):
    field: str  # a path like "children_ages[1]", or "" for the document itself
    message: str


def _path(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _message(e: ErrorDetails, known: Iterable[str]) -> str:
    if e["type"] == "extra_forbidden":
        name = str(e["loc"][-1])
        close = difflib.get_close_matches(name, list(known), n=1)
        return "unknown field" + (f"; did you mean '{close[0]}'?" if close else "")
    if e["type"] == "missing":
        return "required" if e["msg"] == "Field required" else e["msg"]
    return e["msg"]


def field_errors(
    error: ValidationError, model: type[BaseModel], prefix: str = ""
) -> list[FieldError]:
    known = model.model_fields.keys()
    return [
        FieldError(field=_path([*([prefix] if prefix else []), *e["loc"]]),
                   message=_message(e, known))
        for e in error.errors(include_url=False)
    ]
