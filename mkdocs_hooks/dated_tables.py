"""MkDocs hook: the guide's tables of dated rules and fees, generated from hsp_core.dated_rules.

Registered before points_tables.py, whose check for leftover markers then still catches a
misspelt one. Markers:

* ``<!-- dated-rules -->`` (block): every rule of ``RULES``: what changes, what it means for an
  HSP holder, decided, in force from, confidence ("reported" for M and L), sources, last checked.
* ``<!-- fees-table -->`` (block): the fees by acceptance date, from ``FEES``.
* ``<!-- fee: permanent_residence -->``, ``<!-- fee: change_or_extension -->`` (inline): the fee in
  force on the build date, "as of <Month YYYY>", with links to its sources.

Sources link to the Sources page's anchors (``[S10](sources.md#s10)``), relative to the page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from datetime import date
from typing import Any, get_args

from md_cells import cell as _cell
from md_cells import md_table as _md_table
from mkdocs.exceptions import PluginError

from hsp_core import dated_rules as dr
from hsp_core.text import yen
from mkdocs_hooks import page_lang  # importable once the repo root is on sys.path

SOURCES_PAGE = "sources.md"
BLOCK_RE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*(?P<name>dated-rules|fees-table)\s*-->[ \t]*$",
                      re.MULTILINE)
FEE_RE = re.compile(r"<!--\s*fee\s*:\s*(?P<kind>[a-z_]+)\s*-->")
INLINE_KINDS: tuple[dr.FeeKind, ...] = ("permanent_residence", "change_or_extension")
KIND_NAMES: dict[dr.FeeKind, str] = {
    "change_or_extension": "Change or extension of status",
    "permanent_residence": "Permanent residence",
    "hsp_ii_change": "Change to HSP (ii)",
}
assert set(KIND_NAMES) == set(get_args(dr.FeeKind))


def source_links(ids: Iterable[str], page_uri: str) -> str:
    target = posixpath.relpath(SOURCES_PAGE, posixpath.dirname(page_uri) or ".")
    return ", ".join(f"[{i}]({target}#{i.lower()})" for i in ids)


def confidence_text(rule: dr.DatedRule) -> str:
    if rule.announced_only:
        return "announced (draft)"
    word = "reported" if rule.reported else "confirmed"
    return f"{word}: {rule.confidence_note}" if rule.confidence_note else word


def in_force_text(start: date | None, until: date | None) -> str:
    if start is None:
        return f"until {until}" if until else "—"
    return f"{start} until {until}" if until else str(start)


def render_dated_rules(page_uri: str) -> list[str]:
    rows = [
        (
            f"**{r.id}** {_cell(r.title)}",
            _cell(r.summary),
            str(r.decided) if r.decided else "—",
            "not in force (a draft)" if r.announced_only
            else in_force_text(r.effective_from, r.effective_until),
            _cell(confidence_text(r)),
            source_links(r.sources, page_uri),
            str(r.checked),
        )
        for r in dr.RULES
    ]
    return [
        "Rules that start or end on a date, from the calculator's own data. \"Reported\": "
        "practitioners or news agree, but the official text was not read; check the linked "
        "page.",
        "{: #dated-rules .hsp-caption }",
        "",
        *_md_table(("What changes", "What it means for an HSP holder", "Decided",
                    "In force from", "Confidence", "Sources", "Last checked"), rows),
    ]


def _amount(row: dr.FeeRow, span: bool = True) -> str:
    text = yen(row.counter_jpy)
    if row.online_jpy is not None:
        text += f" at the counter, {yen(row.online_jpy)} online"
    elif row.kind == "permanent_residence":
        text += " at the counter only"
    if span and row.granted_from_years is not None:
        under = row.granted_under_years
        span = (f"{row.granted_from_years:g} years or more" if under is None
                else f"{row.granted_from_years:g} to under {under:g} years")
        text = f"{span} granted: {text}"
    return text


def render_fees_table(page_uri: str) -> list[str]:
    starts = sorted({f.effective_from for f in dr.FEES}, key=lambda d: d or date.min)
    rows = []
    for start in starts:
        group = [f for f in dr.FEES if f.effective_from == start]
        until = group[0].effective_until
        change = "<br>".join(_amount(f) for f in group if f.kind == "change_or_extension")
        pr = "<br>".join(_amount(f) for f in group if f.kind == "permanent_residence")
        hsp_ii = ("not found in any source read" if start is not None
                  and start >= dr.HSP_II_FEE_UNKNOWN_FROM else "the change-of-status fee")
        reported = any(f.confidence != "H" for f in group)
        sources = list(dict.fromkeys(s for f in group for s in f.sources))
        rows.append((in_force_text(start, until), change, pr, hsp_ii,
                     "reported" if reported else "confirmed", source_links(sources, page_uri)))
    return [
        "Fees by the date the application is accepted (rule C4). HSP (i) is always granted 5 "
        "years, so every HSP (i) grant, renewal and job change pays the 5-year fee.",
        "{: #fees-table .hsp-caption }",
        "",
        *_md_table(("Accepted", "Change or extension of status", "Permanent residence",
                    "Change to HSP (ii)", "Confidence", "Sources"), rows),
    ]


def render_fee(kind: str, page_uri: str, today: date) -> str:
    if kind not in INLINE_KINDS:
        raise PluginError(f"{page_uri}: <!-- fee: {kind} --> needs one of "
                          f"{', '.join(INLINE_KINDS)}")
    row = dr.fee(kind, today)
    if row is None:  # pragma: no cover - both inline kinds have a fee on every date
        raise PluginError(f"{page_uri}: no fee for {kind} on {today}")
    reported = "reported, " if row.confidence != "H" else ""
    period = " for a 5-year grant" if row.granted_from_years is not None else ""
    return (f"{_amount(row, span=False)}{period} ({reported}as of {today:%B %Y}; "
            f"{source_links(row.sources, page_uri)})")


_BLOCKS = {"dated-rules": render_dated_rules, "fees-table": render_fees_table}


def render_markdown(markdown: str, page_uri: str, today: date | None = None) -> str:
    """Replace this hook's markers in a page's Markdown. Public so tests can call it."""
    day = today or date.today()

    def block(m: re.Match[str]) -> str:
        indent = m["indent"]
        return "\n".join((indent + line) if line else "" for line in
                         _BLOCKS[m["name"]](page_uri))

    out = BLOCK_RE.sub(block, markdown)
    return FEE_RE.sub(lambda m: render_fee(m["kind"], page_uri, day), out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return render_markdown(markdown, page_lang.source_uri(page))
