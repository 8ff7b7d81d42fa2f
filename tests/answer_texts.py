"""An answer's texts and its codes, for the language tests (test_i18n, test_timeline_i18n):
`keys` names the fields that hold text a person reads; everything else is a code or a number,
the same in every language."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any


def texts(value: Any, keys: Collection[str], key: str = "") -> list[str]:
    """Every text of the answer, in order."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in texts(v, keys, k)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v, keys, key)]
    return [value] if key in keys and isinstance(value, str) else []


def codes(value: Any, keys: Collection[str], key: str = "") -> Any:
    """The answer with each text replaced by a marker: what must not change with the language."""
    if isinstance(value, dict):
        return {k: codes(v, keys, k) for k, v in value.items()}
    if isinstance(value, list):
        return [codes(v, keys, key) for v in value]
    return "<text>" if key in keys and isinstance(value, str) else value
