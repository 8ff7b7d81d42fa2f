"""The result models: the public JSON format of an assessment."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from hsp_core.dated_rules import FeeKind
from hsp_core.table import Category


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ItemScore(_Out):
    item: str
    measure: str
    points: int
    reason: str
    source: str
    source_url: str


class Note(_Out):
    """An item the profile claims that does not score here, and why."""

    item: str
    text: str


class Change(_Out):
    """One change to the profile, with the points it is worth on its own."""

    field: str
    value: object
    item: str
    text: str


class Suggestion(_Out):
    changes: list[Change]
    total_after: int
    text: str


class Suggestions(_Out):
    to_70: list[Suggestion]
    to_80: list[Suggestion]


class CategoryResult(_Out):
    category: Category
    name: str
    total: int
    maximum: int
    pass_mark: int
    eligible: bool
    minimum_salary_jpy: int | None
    minimum_salary_met: bool
    failed_conditions: list[str]
    items: list[ItemScore]
    notes: list[Note]
    suggestions: Suggestions


class JSkipResult(_Out):
    category: Category
    meets: bool
    reason: str
    source: str


RouteName = Literal["80_points_1_year", "70_points_3_years", "j_skip_1_year"]
ConditionStatus = Literal["met", "missing", "not_known"]


class Condition(_Out):
    """A requirement besides the points, judged from the answers: "not_known" when unanswered."""

    id: str
    status: ConditionStatus
    text: str
    rule: str | None  # the dated rule it rests on (hsp_core.dated_rules), e.g. "C1"
    rule_from: date | None  # the date that rule applies from
    source: str


class Fee(_Out):
    """The fee for an application accepted on `accepted_on` (rule C4); amounts None when no
    source gives them."""

    kind: FeeKind
    accepted_on: date
    counter_jpy: int | None
    online_jpy: int | None
    reported: bool
    text: str
    rule: str
    rule_from: date | None
    source: str


class PRRoute(_Out):
    route: RouteName
    holds: bool
    met: list[str]
    missing: list[str]


class PermanentResidence(_Out):
    category: Category | None
    # A route holds and no condition is missing (a condition may still be not known).
    eligible: bool
    routes: list[PRRoute]
    conditions: list[Condition]
    fee: Fee
    source: str


class HSPII(_Out):
    eligible: bool
    met: list[str]
    missing: list[str]
    conditions: list[Condition]
    fee: Fee
    source: str


class Benefit(_Out):
    available: bool
    met: list[str]
    missing: list[str]
    also_required: list[str]
    source: str


class DomesticWorker(Benefit):
    max_workers: int
    types: list[str]


class Benefits(_Out):
    holds_hsp: bool
    household_income_jpy: int
    parents: Benefit
    domestic_worker: DomesticWorker
    spouse_work: Benefit


class EvidenceNote(_Out):
    ja: str
    en: str


class EvidenceRow(_Out):
    """One row of the ISA evidence sheet [S1]: the documents in the sheet's Japanese and ours
    (`documents_en`, `topic` and the notes' `en`: our words, in the answer's language)."""

    item: str
    topic: str
    variant: str | None
    documents_ja: str
    documents_en: str
    notes: list[EvidenceNote]
    source: str


class EvidenceItem(_Out):
    """The evidence for one scored item: ``rows`` of the sheet, of which ``needed`` suffice
    (research: any one or two kinds; ⑫: the row for the kind of organisation)."""

    measure: str
    item: str
    points: int
    rows: list[EvidenceRow]
    needed: int
    documents: int  # how many documents it takes, for the least paperwork
    required: bool  # needed whatever the points: the salary, where there is a minimum salary


class EvidencePlan(_Out):
    """What to prove in one category: only enough items to reach the pass line need evidence.

    ``least_70`` and ``least_80`` are the measures of the items that reach 70 (the 3-year PR
    route and HSP (i)) and 80 (the 1-year route) with the fewest documents; None when the items
    claimed do not reach it."""

    category: Category
    items: list[EvidenceItem]
    least_70: list[str] | None
    least_80: list[str] | None


class Assessment(_Out):
    rules_version: str
    reference_date: date
    age: int
    category_chosen: Category | None  # the person's answer; None is "not decided"
    category_used: Category  # the one permanent_residence and hsp_ii are judged in
    category_reason: str  # why that one, in words for the person
    experience_note: str | None  # when one experience figure is read three ways
    categories: dict[Category, CategoryResult]
    j_skip: dict[Category, bool]
    j_skip_detail: dict[Category, JSkipResult]
    permanent_residence: PermanentResidence
    hsp_ii: HSPII
    benefits: Benefits
    warnings: list[str]
    evidence: EvidencePlan  # for category_used
