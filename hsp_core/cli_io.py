"""What both commands (cli.py, timeline_cli.py) share: reading the input and reporting bad fields.

Its own module so that neither command imports the other at load time.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hsp_core.errors import FieldError
from hsp_core.i18n import _
from hsp_core.jsonapi import parse_json

BAD_INPUT = 2


def read_input(name: str) -> tuple[Any, list[FieldError]]:
    """The parsed JSON of a file or stdin, or the errors that say why it cannot be read."""
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return None, [FieldError(field="", message=_("cannot read {name}: {why}").format(
            name=name, why=e))]
    data, error = parse_json(text)
    return data, [] if error is None else [error]


def report_errors(errors: Sequence[FieldError]) -> int:
    for e in errors:
        print(_("error: {field}: {message}").format(field=e.field or _("input"),
                                                    message=e.message), file=sys.stderr)
    return BAD_INPUT
