"""The guide's tables of dated rules and fees (mkdocs_hooks/dated_tables.py): each generated
table equals its data in hsp_core.dated_rules, and a misspelt marker still fails the build."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import dated_tables
import points_tables
import pytest
from mkdocs.exceptions import PluginError

from hsp_core import dated_rules as dr

TODAY = date(2026, 12, 7)
LINK = re.compile(r"\[(\w+)\]\(sources\.md#(\w+)\)")


def _rows(lines: list[str]) -> list[list[str]]:
    body = [line for line in lines if line.startswith("| ")][1:]  # without the header
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in body]


def _links(cell: str) -> list[str]:
    found = LINK.findall(cell)
    assert all(a.lower() == b for a, b in found), cell
    return [a for a, _ in found]


def test_the_dated_rules_table_is_the_data() -> None:
    rows = _rows(dated_tables.render_dated_rules("faq.md"))
    assert len(rows) == len(dr.RULES)
    for row, rule in zip(rows, dr.RULES, strict=True):
        what, means, decided, start, confidence, sources, checked = row
        assert what == f"**{rule.id}** {rule.title}"
        assert means == rule.summary.replace("|", "\\|")
        assert decided == (str(rule.decided) if rule.decided else "—")
        if rule.announced_only:
            assert start.startswith("not in force") and confidence.startswith("announced")
        else:
            assert start.startswith(str(rule.effective_from))
            assert confidence.startswith("reported" if rule.confidence in "ML" else "confirmed")
        assert _links(sources) == list(rule.sources)
        assert checked == str(rule.checked)


def test_the_fees_table_is_the_data() -> None:
    rows = _rows(dated_tables.render_fees_table("faq.md"))
    by_start = {f.effective_from for f in dr.FEES}
    assert len(rows) == len(by_start)
    cells = {row[0].split(" until ")[0]: row for row in rows}
    for f in dr.FEES:
        row = cells["until 2025-03-31" if f.effective_from is None else str(f.effective_from)]
        column = row[1] if f.kind == "change_or_extension" else row[2]
        amount = f"¥{f.counter_jpy:,}" + ("" if f.online_jpy is None
                                          else f" at the counter, ¥{f.online_jpy:,} online")
        assert amount in column.split("<br>")[0] or any(
            part.endswith(amount) for part in column.split("<br>")), (f, column)
        assert set(f.sources) <= set(_links(row[5]))
        # One cell per date: reported if any amount of that date is only reported.
        group = [g for g in dr.FEES if g.effective_from == f.effective_from]
        assert row[4] == ("reported" if any(g.confidence != "H" for g in group) else "confirmed")
    assert rows[-1][3] == "not found in any source read"


@pytest.mark.parametrize(("kind", "day", "text"), [
    ("permanent_residence", date(2026, 12, 7), "¥200,000 at the counter only (as of December "
     "2026; "),
    ("permanent_residence", date(2025, 6, 1), "¥10,000 at the counter only (as of June 2025; "),
    ("change_or_extension", date(2026, 12, 7), "¥75,000 at the counter, ¥65,000 online for a "
     "5-year grant (reported, as of December 2026; "),
])
def test_the_inline_fee_is_the_one_in_force_on_the_build_date(kind: str, day: date,
                                                              text: str) -> None:
    out = dated_tables.render_markdown(f"Fee: <!-- fee: {kind} -->.", "guide/x.md", day)
    assert out.startswith(f"Fee: {text}") and "](../sources.md#" in out


@pytest.mark.parametrize("page", ["<!-- dated-rule -->", "<!-- fees-tables -->",
                                  "x <!-- fee: pr --> y"])
def test_a_misspelt_marker_fails_the_build(page: str) -> None:
    with pytest.raises(PluginError):
        points_tables.render_markdown(dated_tables.render_markdown(page, "faq.md", TODAY),
                                      "faq.md")


def test_the_markers_leave_nothing_for_points_tables_to_reject() -> None:
    page = "<!-- dated-rules -->\n\n<!-- fees-table -->\n\nPR <!-- fee: permanent_residence -->.\n"
    out = points_tables.render_markdown(dated_tables.render_markdown(page, "faq.md", TODAY),
                                        "faq.md")
    assert "<!--" not in out and "| **C1** " in out


def test_the_hook_runs_before_points_tables() -> None:
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text("utf-8")
    assert config.index("mkdocs_hooks/dated_tables.py") < config.index(
        "mkdocs_hooks/points_tables.py")
