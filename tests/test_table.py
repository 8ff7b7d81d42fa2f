"""The table data itself: complete, cited, and matching the published maxima."""

from __future__ import annotations

import re

from hsp_core.sources import SOURCES
from hsp_core.table import CATEGORIES, MAXIMUM, ROWS, RULES_VERSION, STACKING, rows_for

ITEM = re.compile(r"^[①-⑳㉑]$|^④–⑦$|^年齢$")
APPLICABLE = {
    # Which items exist on which sheet [S1].
    "a": {"①", "②", "③", "年齢", "④–⑦", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱"},
    "b": {"①", "②", "③", "年齢", "④–⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰",
          "⑱", "㉑"},
    "c": {"①", "②", "③", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳",
          "㉑"},
}


def test_maxima_match_the_reference() -> None:
    assert MAXIMUM == {"a": 220, "b": 235, "c": 220}


def test_each_category_has_exactly_its_items() -> None:
    for c in CATEGORIES:
        assert {r.item for r in rows_for(c)} == APPLICABLE[c]


def test_every_row_is_cited_dated_and_a_multiple_of_5() -> None:
    for r in ROWS:
        assert ITEM.match(r.item), r
        assert r.points > 0 and r.points % 5 == 0, r
        assert r.source in SOURCES and r.effective_source in SOURCES, r
        assert r.effective_from.isoformat() <= RULES_VERSION, r
        assert r.label and r.label_ja, r


def test_stacking_rules_cite_real_items() -> None:
    items = {r.item for r in ROWS} | {"④", "⑤", "⑥", "⑦"}
    for rule in STACKING:
        assert set(rule.items) <= items, rule
        assert rule.source in SOURCES
