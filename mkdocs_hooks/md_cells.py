"""Markdown table pieces the hooks share: an escaped cell, a Japanese span and a whole table.

Not a hook itself: the hooks import it by name, as MkDocs puts their folder on sys.path while it
loads them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

_ALIGN = {"l": ":--", "r": "--:", "c": ":-:"}


def cell(text: str) -> str:
    """Text for a Markdown table cell: HTML-escaped, with pipes escaped."""
    return html.escape(text, quote=False).replace("|", "\\|")


def ja(text: str) -> str:
    return f'<span class="hsp-ja" lang="ja">{cell(text)}</span>'


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]],
             align: str | None = None) -> list[str]:
    """A table's lines; `align` gives one of l, r, c per column (default: none given)."""
    rule = ("|" + "---|" * len(header) if align is None
            else "| " + " | ".join(_ALIGN[a] for a in align) + " |")
    return ["| " + " | ".join(header) + " |", rule, *("| " + " | ".join(r) + " |" for r in rows)]
