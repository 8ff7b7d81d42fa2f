"""MkDocs hook: ``<!-- evidence-table -->`` becomes the ISA evidence sheet (hsp_core.evidence).

The marker stands alone on a line (its indentation is kept). The table has one row per row of
the sheet: the item number, the documents in our words with the sheet's Japanese under them,
and the categories the item scores in. Its caption paragraph carries the id ``evidence-table``.

Registered before points_tables.py in mkdocs.yml: that hook fails the build on any marker it
does not know, so this one must have replaced its marker first.
"""

from __future__ import annotations

import re
from typing import Any

from md_cells import cell as _cell
from md_cells import ja as _ja

from hsp_core.evidence import EVIDENCE, Evidence

MARKER_RE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*evidence-table\s*-->[ \t]*$", re.MULTILINE)


def topic_label(e: Evidence) -> str:
    """The row's name; the two rows of ⑫ and ⑮ say which is which."""
    return e.topic if e.variant is None else f"{e.topic} ({e.variant})"


def categories_label(e: Evidence) -> str:
    return " ".join(f"({c})" for c in e.categories)


def _evidence_cell(e: Evidence) -> str:
    parts = [f"**{_cell(topic_label(e))}.** {_cell(e.documents_en)}", _ja(e.documents_ja)]
    for note in e.notes:
        parts += [f"*Note:* {_cell(note.en)}", _ja(f"※{note.ja}")]
    return "<br>".join(parts)


def render_evidence_table() -> list[str]:
    rows = [f"| {e.item} | {_evidence_cell(e)} | {categories_label(e)} |" for e in EVIDENCE]
    cited = ", ".join(f"[{tag}]" for tag in dict.fromkeys(e.source for e in EVIDENCE))
    return [
        "The documents the ISA's evidence sheet (疎明資料（基本例）) names for each item, in our "
        f"words, with the sheet's Japanese under them ({cited}). The last column gives the "
        "categories in which the item scores.",
        "{: #evidence-table .hsp-caption }",
        "",
        "| Item | What proves it | Scores in |",
        "| :-- | :-- | :-- |",
        *rows,
    ]


def render_markdown(markdown: str) -> str:
    def block(m: re.Match[str]) -> str:
        indent = m["indent"]
        return "\n".join((indent + line) if line else "" for line in render_evidence_table())

    return MARKER_RE.sub(block, markdown)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return render_markdown(markdown)
