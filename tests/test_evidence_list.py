"""The evidence to gather for a result, and the least paperwork that reaches 70 and 80 [S1]."""

from __future__ import annotations

import json
from typing import Any

from hsp_core.assess import assess
from hsp_core.evidence import least_paperwork
from hsp_core.jsonapi import assess_json
from hsp_core.result import EvidenceItem
from tests.conftest import make

# 80 in (b): master 20, 6y 10, ¥7.5M at 31 25, age 10, N1 15 (as in test_residence_benefits).
EIGHTY: dict[str, Any] = {"age": 31, "education": "master", "experience_years": 6,
                          "annual_salary_jpy": 7_500_000, "japanese_level": "n1", "category": "b"}


def _item(measure: str, points: int, documents: int = 1, required: bool = False) -> EvidenceItem:
    return EvidenceItem(measure=measure, item="?", points=points, rows=[], needed=documents,
                        documents=documents, required=required)


def test_every_item_scored_has_its_sheet_rows_in_japanese_and_english() -> None:
    plan = assess(make(**EIGHTY)).evidence
    assert plan.category == "b"
    rows = {i.measure: i.rows for i in plan.items}
    assert set(rows) == {"education", "experience", "salary", "age", "japanese"}
    assert rows["education"][0].documents_ja.startswith("該当する学歴の卒業証明書")
    assert rows["salary"][0].documents_en.startswith("A document proving the annual salary")
    assert rows["age"] == []  # the sheet names no document for age


def test_japanese_gives_the_row_of_the_level_scored() -> None:
    n1 = {i.measure: i for i in assess(make(**EIGHTY)).evidence.items}["japanese"]
    n2 = {i.measure: i for i in assess(make(**{**EIGHTY, "japanese_level": "n2"}))
          .evidence.items}["japanese"]
    assert [r.variant for r in n1.rows] == ["Ⅰ"] and [r.variant for r in n2.rows] == ["Ⅱ"]


def test_research_lists_each_kind_claimed_and_needs_one_in_b_two_for_25_in_a() -> None:
    kinds = ["patent", "papers"]
    b = {i.measure: i for i in assess(make(**EIGHTY, research_achievements=kinds))
         .evidence.items}["research"]
    assert [r.item for r in b.rows] == ["④", "⑥"] and b.needed == 1 and b.documents == 1
    a = {i.measure: i for i in assess(make(**{**EIGHTY, "category": "a"},
                                           research_achievements=kinds)).evidence.items}
    assert a["research"].points == 25 and a["research"].needed == 2


def test_the_salary_needs_proof_where_there_is_a_minimum_salary() -> None:
    b = {i.measure: i for i in assess(make(**EIGHTY)).evidence.items}
    a = {i.measure: i for i in assess(make(**{**EIGHTY, "category": "a"})).evidence.items}
    assert b["salary"].required and not a["salary"].required


def test_least_paperwork_for_80_is_everything_at_exactly_80() -> None:
    plan = assess(make(**EIGHTY)).evidence
    assert plan.least_80 == ["education", "experience", "salary", "age", "japanese"]
    # 70: salary (required) 25 + age 10 + degree 20 + ⑮ 15; the work record ② is left out.
    assert plan.least_70 == ["education", "salary", "age", "japanese"]


def test_least_paperwork_is_none_under_the_line() -> None:
    plan = assess(make(**{**EIGHTY, "japanese_level": "none"})).evidence  # 65 in (b)
    assert plan.least_70 is None and plan.least_80 is None


def test_fewest_documents_beats_fewest_items() -> None:
    items = [_item("big", 70, documents=3), _item("x", 35), _item("y", 35)]
    assert least_paperwork(items, 70) == ["x", "y"]


def test_on_equal_documents_fewer_items_win() -> None:
    items = [_item("x", 35), _item("y", 35), _item("pair", 70, documents=2), _item("z", 10)]
    assert least_paperwork(items, 70) == ["pair"]


def test_required_items_are_always_in() -> None:
    items = [_item("salary", 10, required=True), _item("big", 70)]
    assert least_paperwork(items, 70) == ["salary", "big"]


def test_innovation_sme_never_comes_without_innovation_support() -> None:
    items = [_item("innovation_support", 10), _item("innovation_sme", 10), _item("x", 60, 5)]
    assert least_paperwork(items, 70) == ["innovation_support", "x"]
    assert least_paperwork(items, 80) == ["innovation_support", "innovation_sme", "x"]
    # ⑩ alone would make 70 with x in 2 documents; without ⑨ it scores nothing, so x + y.
    costly = [_item("innovation_support", 10, documents=4), _item("innovation_sme", 10),
              _item("x", 60), _item("y", 10, documents=2)]
    assert least_paperwork(costly, 70) == ["x", "y"]


def test_the_answer_json_carries_the_evidence() -> None:
    got = json.loads(assess_json(json.dumps(EIGHTY)))["result"]["evidence"]
    assert got["least_80"] and got["items"][0]["rows"][0]["documents_ja"]
