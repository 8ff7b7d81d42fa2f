"""Turns validation failures into messages that name the field: one format for CLI and page.

Every message is our own words and names the field by its label (hsp_core.labels); pydantic's
own texts ("Input should be…") never reach a person, whatever the input.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from hsp_core.i18n import _, _n
from hsp_core.labels import label

# Our own validators' messages start with one of these, and read on from the label.
_VERBS = ("must ", "cannot ", "is ", "needs ", "gives ", "lists ")


class FieldError(BaseModel):
    field: str  # a path like "children_ages[1]", or "" for the document itself
    message: str


def _path(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _name(model: type[BaseModel], loc: tuple[int | str, ...], kind: str) -> str:
    """`Children's ages item 2`, `Salary item 2, since`: the label, then the place in it."""
    if not loc:
        return _("The profile")
    if kind == "extra_forbidden":  # no label: the name as written
        return f"'{_path(loc)}'"
    out = label(model, str(loc[0]))
    for part in loc[1:]:
        out += (_(" item {n}").format(n=part + 1) if isinstance(part, int)
                else _(", ") + _(str(part).replace("_", " ")))
    return out


def _bound(v: Any) -> str:
    return f"{v:,}" if isinstance(v, int) and abs(v) >= 10_000 else f"{v:g}"


def _choices(ctx: dict[str, Any]) -> str:
    expected = str(ctx.get("expected", ""))
    return (_("must be one of {choices}").format(choices=expected) if expected
            else _("must be one of the choices offered"))


def _plain(e: ErrorDetails, known: Iterable[str]) -> str:
    """The message after the field's name, in plain words."""
    kind, ctx = e["type"], e.get("ctx") or {}
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(e["loc"][-1]), list(known), n=1)
        return _("is not a field of the profile") + (
            _("; did you mean '{name}'?").format(name=close[0]) if close else "")
    if kind == "missing":
        return _("is required")
    if kind in ("greater_than_equal", "greater_than"):
        return _("must be {bound} or more").format(bound=_bound(ctx.get("ge", ctx.get("gt"))))
    if kind in ("less_than_equal", "less_than"):
        return _("must be {bound} or less").format(bound=_bound(ctx.get("le", ctx.get("lt"))))
    if kind.startswith("int_"):
        return _("must be a whole number, such as 5")
    if kind.startswith("float_"):
        return _("must be a number, such as 5 or 2.5")
    if kind.startswith("bool_"):
        return _("must be yes or no (true or false)")
    if kind.startswith(("date_", "datetime_")):
        return _("must be a date, such as 2026-12-07")
    if kind in ("enum", "literal_error"):
        return _choices(ctx)
    if kind == "too_short" and "min_length" in ctx:
        n = ctx["min_length"]
        return _n("must list at least {n} item", "must list at least {n} items", n).format(n=n)
    if kind in ("list_type", "too_short", "too_long", "tuple_type", "set_type"):
        return _("must be a list")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("must be a group of fields (a JSON object)")
    if kind.startswith("string_"):
        return _("must be text")
    if kind in _OWN:
        return e["msg"]  # our validators' words (hsp_core.profile, hsp_core.dated), translated
    return _("cannot be used here")


# The kinds our validators raise with their own words (PydanticCustomError).
_OWN = frozenset({"inconsistent", "missing_choice", "yen"})


def _join(name: str, text: str) -> str:
    # In ja and zh both read "name：text"; the choice is English grammar.
    joined = _("{name} {text}") if text.startswith(_VERBS) else _("{name}: {text}")
    return joined.format(name=name, text=text)


def field_errors(
    error: ValidationError, model: type[BaseModel], prefix: str = ""
) -> list[FieldError]:
    known = model.model_fields.keys()
    return [
        FieldError(field=_path([*([prefix] if prefix else []), *e["loc"]]),
                   message=_join(_name(model, tuple(e["loc"]), e["type"]), _plain(e, known)))
        for e in error.errors(include_url=False)
    ]
