"""JSON in, JSON out: the boundary the CLI and the browser worker both use.

Input is parsed as JSON data, never evaluated; the answer is either a result or field errors.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from hsp_core.assess import assess
from hsp_core.errors import FieldError, field_errors
from hsp_core.i18n import LANGS, _, language
from hsp_core.profile import YEN_FIELDS, Profile, parse_yen
from hsp_core.result import Assessment


class Outcome(BaseModel):
    ok: bool
    result: Assessment | None = None
    errors: list[FieldError] = []
    # Each amount of yen given, as read ("750万" → 7500000), whether or not the rest is valid:
    # the form shows it next to the field.
    understood: dict[str, int] = {}


def _understood(data: dict[str, Any]) -> dict[str, int]:
    out = {}
    for name in YEN_FIELDS:
        try:
            value = parse_yen(data.get(name))
        except PydanticCustomError:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            out[name] = value
    return out


def assess_data(data: Any, where: str = "") -> Outcome:
    if not isinstance(data, dict):
        return Outcome(ok=False, errors=[FieldError(field=where, message=_(
            "The profile must be a JSON object with the profile fields"))])
    understood = _understood(data)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as e:
        return Outcome(ok=False, errors=field_errors(e, Profile, where), understood=understood)
    return Outcome(ok=True, result=assess(profile), understood=understood)


def parse_json(text: str) -> tuple[Any, FieldError | None]:
    try:
        return json.loads(text), None
    except json.JSONDecodeError as e:
        return None, FieldError(field="", message=_(
            "not valid JSON: line {line} column {column}: {why}").format(
                line=e.lineno, column=e.colno, why=e.msg))


def request_lang(data: Any, lang: str | None) -> str:
    """The answer's language: the argument, else the request's "lang" key, else English. An
    unknown code falls back to English: a page must get an answer, if not in its language."""
    asked = lang or (data.pop("lang", None) if isinstance(data, dict) else None)
    return asked if isinstance(asked, str) and asked in LANGS else "en"


def assess_json(text: str, lang: str | None = None) -> str:
    """One profile as JSON text → {"ok": true, "result": …} or {"ok": false, "errors": […]}.

    The texts are in `lang`, or in the request's "lang" ("en", "ja", "zh", "zh-TW"); codes and
    numbers are the same in every language."""
    with language(request_lang(None, lang)):  # a text that is not JSON has no "lang" key
        data, error = parse_json(text)
    with language(request_lang(data, lang)):
        outcome = assess_data(data) if error is None else Outcome(ok=False, errors=[error])
        return outcome.model_dump_json(exclude_none=True)


def schemas() -> dict[str, Any]:
    return {
        "profile": Profile.model_json_schema(),
        "result": Assessment.model_json_schema(),
    }
