"""The ISA points table (reference form as from 2023-04-01) as data: the one place a number appears.

Every row carries its ISA item number (①–㉑, the evidence numbers of the form [S1]), the category
sheet it belongs to, its points, the date from which the row has been in force in this form, and
its sources [S1]; the dates in force come from the history of the rules [S2; S7; S8; S10].
The scorer (scoring.py), the guide's tables and the calculator's form all read these rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from hsp_core.i18n import N_
from hsp_core.text import yen

Category = Literal["a", "b", "c"]
CATEGORIES: Final[tuple[Category, ...]] = ("a", "b", "c")

CATEGORY_NAMES: Final[dict[Category, str]] = {
    "a": "(i)(a) Advanced academic research",
    "b": "(i)(b) Advanced specialised / technical",
    "c": "(i)(c) Advanced business management",
}
CATEGORY_NAMES_JA: Final[dict[Category, str]] = {
    "a": "高度学術研究活動",
    "b": "高度専門・技術活動",
    "c": "高度経営・管理活動",
}

# The form this table reproduces: 高度専門職ポイント計算表（令和5年4月1日以降） [S1].
RULES_VERSION: Final = "2023-04-01"
RULES_TITLE: Final = "ISA points calculation form, as from 2023-04-01 (令和5年4月1日以降)"

Measure = Literal[
    "education",
    "multiple_degrees",
    "experience",
    "salary",
    "age",
    "research",
    "national_qualifications",
    "innovation_support",
    "innovation_sme",
    "local_support",
    "sme_rnd",
    "foreign_qualification",
    "japanese_university",
    "japanese",
    "growth_field",
    "listed_university",
    "jica_training",
    "investment",
    "position",
    "investment_management",
]

# Short names of the measures: the guide's matrix and the timeline's sheet.
MEASURE_NAMES: Final[dict[Measure, str]] = {
    "education": N_("Education (highest degree)"),
    "multiple_degrees": N_("Two or more graduate degrees"),
    "experience": N_("Work experience"),
    "salary": N_("Annual salary"),
    "age": N_("Age"),
    "research": N_("Research achievements"),
    "national_qualifications": N_("Japanese national qualification"),
    "innovation_support": N_("Employer: innovation support"),
    "innovation_sme": N_("Employer: ⑨ and an SME"),
    "local_support": N_("Employer: local-government support"),
    "sme_rnd": N_("Employer: SME with R&D over 3%"),
    "foreign_qualification": N_("Foreign qualification or award"),
    "japanese_university": N_("Japanese university degree"),
    "japanese": N_("Japanese language"),
    "growth_field": N_("Growth-field project"),
    "listed_university": N_("Listed university"),
    "jica_training": N_("JICA Innovative Asia training"),
    "investment": N_("Investment of ¥100M or more"),
    "position": N_("Position in the company"),
    "investment_management": N_("Investment-management business"),
}

# Dates from which rows have been in force [S2; S7; S8; S10; S11].
START = date(2012, 5, 7)  # points system starts [S2]
REVISION_2013 = date(2013, 12, 24)  # [S7]
GREEN_CARD_2017 = date(2017, 4, 26)  # [S10]; items added per [T1][T2]
FINANCE_2021 = date(2021, 7, 30)  # [S8]
NATIONWIDE_2023 = date(2023, 3, 31)  # ⑪ made nationwide [S11]


@dataclass(frozen=True)
class Row:
    """One scoring row of one category's sheet.

    Within one measure only the best matching row counts: bands are "X以上Y未満" (lower bound
    inclusive) and the higher band always gives more points, so "best match" reproduces them.
    """

    item: str
    measure: Measure
    category: Category
    points: int
    label: str
    label_ja: str
    effective_from: date
    effective_source: str
    source: str = "S1"
    at_least: int | None = None  # inclusive lower bound: yen, years or a count
    option: str | None = None  # the choice this row scores (degree, JLPT level, position)
    under_age: int | None = None  # row applies only below this age (age rows, salary columns)


def _rows(
    categories: Iterable[Category],
    *,
    item: str,
    measure: Measure,
    points: int,
    label: str,
    label_ja: str,
    effective_from: date,
    effective_source: str,
    at_least: int | None = None,
    option: str | None = None,
    under_age: int | None = None,
) -> list[Row]:
    return [
        Row(
            item=item,
            measure=measure,
            category=c,
            points=points,
            label=label,
            label_ja=label_ja,
            effective_from=effective_from,
            effective_source=effective_source,
            at_least=at_least,
            option=option,
            under_age=under_age,
        )
        for c in categories
    ]


ALL: Final[tuple[Category, ...]] = CATEGORIES
A_B: Final[tuple[Category, ...]] = ("a", "b")
B_C: Final[tuple[Category, ...]] = ("b", "c")

_EDUCATION: list[Row] = [
    # ① highest degree only; tiers differ per sheet [S1].
    *_rows(A_B, item="①", measure="education", points=30,
           label="Doctorate (not a professional degree)", label_ja="博士学位（専門職学位を除く）",
           effective_from=START, effective_source="S2", option="doctor"),
    *_rows(("b",), item="①", measure="education", points=25,
           label="Professional degree in business management (MBA, MOT)",
           label_ja="経営管理に関する専門職学位（MBA，MOT）", effective_from=REVISION_2013,
           effective_source="S7", option="mba_mot"),
    # In (a) an MBA/MOT is simply a professional degree: 20 [S1 sheet A].
    *_rows(("a",), item="①", measure="education", points=20,
           label="Professional degree in business management (MBA, MOT)",
           label_ja="経営管理に関する専門職学位（MBA，MOT）", effective_from=START,
           effective_source="S2", option="mba_mot"),
    *_rows(A_B, item="①", measure="education", points=20,
           label="Master's or other professional degree", label_ja="修士又は専門職学位",
           effective_from=START, effective_source="S2", option="master"),
    *_rows(("c",), item="①", measure="education", points=25,
           label="Professional degree in business management (MBA, MOT)",
           label_ja="経営管理に関する専門職学位（MBA，MOT）", effective_from=START,
           effective_source="S2", option="mba_mot"),
    # A doctorate is worth only 20 in (c) [S1 sheet C].
    *_rows(("c",), item="①", measure="education", points=20, label="Doctorate",
           label_ja="博士の学位", effective_from=START, effective_source="S2", option="doctor"),
    *_rows(("c",), item="①", measure="education", points=20,
           label="Master's or other professional degree", label_ja="修士の学位又は専門職学位",
           effective_from=START, effective_source="S2", option="master"),
    *_rows(("a",), item="①", measure="education", points=10,
           label="Bachelor's degree or equivalent education",
           label_ja="大卒又はこれと同等以上の教育", effective_from=GREEN_CARD_2017,
           effective_source="S10", option="bachelor"),
    *_rows(B_C, item="①", measure="education", points=10,
           label="Bachelor's degree or equivalent education",
           label_ja="大卒又はこれと同等以上の教育", effective_from=START, effective_source="S2",
           option="bachelor"),
    *_rows(ALL, item="①", measure="multiple_degrees", points=5,
           label="Two or more doctor's, master's or professional degrees in different fields",
           label_ja="複数の分野における２以上の博士若しくは修士の学位又は専門職学位",
           effective_from=GREEN_CARD_2017, effective_source="S10"),
]

_EXPERIENCE: list[Row] = [
    # ② experience in the intended work; (a) research/education, (c) management [S1].
    *_rows(("a",), item="②", measure="experience", points=15,
           label="7 years or more of research or teaching experience",
           label_ja="実務経験７年以上", effective_from=START, effective_source="S2", at_least=7),
    *_rows(("a",), item="②", measure="experience", points=10,
           label="5 to 7 years of research or teaching experience",
           label_ja="実務経験５年以上７年未満", effective_from=START, effective_source="S2",
           at_least=5),
    *_rows(("a",), item="②", measure="experience", points=5,
           label="3 to 5 years of research or teaching experience",
           label_ja="実務経験３年以上５年未満", effective_from=START, effective_source="S2",
           at_least=3),
    *_rows(("b",), item="②", measure="experience", points=20,
           label="10 years or more of experience in the work", label_ja="実務経験１０年以上",
           effective_from=START, effective_source="S2", at_least=10),
    *_rows(("b",), item="②", measure="experience", points=15,
           label="7 to 10 years of experience in the work", label_ja="実務経験７年以上１０年未満",
           effective_from=START, effective_source="S2", at_least=7),
    *_rows(("b",), item="②", measure="experience", points=10,
           label="5 to 7 years of experience in the work", label_ja="実務経験５年以上７年未満",
           effective_from=START, effective_source="S2", at_least=5),
    *_rows(("b",), item="②", measure="experience", points=5,
           label="3 to 5 years of experience in the work", label_ja="実務経験３年以上５年未満",
           effective_from=START, effective_source="S2", at_least=3),
    *_rows(("c",), item="②", measure="experience", points=25,
           label="10 years or more of management experience",
           label_ja="経営・管理の実務経験１０年以上", effective_from=START, effective_source="S2",
           at_least=10),
    *_rows(("c",), item="②", measure="experience", points=20,
           label="7 to 10 years of management experience",
           label_ja="経営・管理の実務経験７年以上１０年未満", effective_from=START,
           effective_source="S2", at_least=7),
    *_rows(("c",), item="②", measure="experience", points=15,
           label="5 to 7 years of management experience",
           label_ja="経営・管理の実務経験５年以上７年未満", effective_from=START,
           effective_source="S2", at_least=5),
    *_rows(("c",), item="②", measure="experience", points=10,
           label="3 to 5 years of management experience",
           label_ja="経営・管理の実務経験３年以上５年未満", effective_from=START,
           effective_source="S2", at_least=3),
]


# ③ salary, (a) and (b): band × age column; 8M+ counts at any age, 6–8M under 40,
# 5–6M under 35, 4–5M under 30 [S1; S5 Art.1(1)(i)].
_SALARY_AB: list[tuple[int, int, int | None]] = [
    (10_000_000, 40, None),
    (9_000_000, 35, None),
    (8_000_000, 30, None),
    (7_000_000, 25, 40),
    (6_000_000, 20, 40),
    (5_000_000, 15, 35),
    (4_000_000, 10, 30),
]
# ③ salary, (c): flat, no age column [S1 sheet C].
_SALARY_C: list[tuple[int, int]] = [
    (30_000_000, 50),
    (25_000_000, 40),
    (20_000_000, 30),
    (15_000_000, 20),
    (10_000_000, 10),
]


def _salary_label(floor: int, upper: int | None, under_age: int | None) -> str:
    band = f"{yen(floor)} or more" if upper is None else f"{yen(floor)} to under {yen(upper)}"
    return band if under_age is None else f"{band}, if under {under_age}"


_SALARY: list[Row] = [
    *[
        row
        for i, (floor, pts, under) in enumerate(_SALARY_AB)
        for row in _rows(A_B, item="③", measure="salary", points=pts,
                         label=_salary_label(floor, _SALARY_AB[i - 1][0] if i else None, under),
                         label_ja=f"年収{floor // 10_000:,}万円以上"
                         + (f"（{under}歳未満）" if under else ""),
                         effective_from=START, effective_source="S2", at_least=floor,
                         under_age=under)
    ],
    *[
        row
        for i, (floor, pts) in enumerate(_SALARY_C)
        for row in _rows(("c",), item="③", measure="salary", points=pts,
                         label=_salary_label(floor, _SALARY_C[i - 1][0] if i else None, None),
                         label_ja=f"年収{floor // 10_000:,}万円以上", effective_from=START,
                         effective_source="S2", at_least=floor)
    ],
]

_AGE: list[Row] = [
    # Age at application; (a) and (b) only [S1].
    *_rows(A_B, item="年齢", measure="age", points=15, label="Under 30", label_ja="30歳未満",
           effective_from=START, effective_source="S2", under_age=30),
    *_rows(A_B, item="年齢", measure="age", points=10, label="30 to 34", label_ja="30～34歳",
           effective_from=START, effective_source="S2", under_age=35),
    *_rows(A_B, item="年齢", measure="age", points=5, label="35 to 39", label_ja="35～39歳",
           effective_from=START, effective_source="S2", under_age=40),
]

_RESEARCH: list[Row] = [
    # ④–⑦: (a) one kind 20, two or more 25 (merged cells AI35–42); (b) 15 for one or more [S1; S7].
    *_rows(("a",), item="④–⑦", measure="research", points=20,
           label="One kind of research achievement", label_ja="研究実績（いずれか１つ）",
           effective_from=REVISION_2013, effective_source="S7", at_least=1),
    *_rows(("a",), item="④–⑦", measure="research", points=25,
           label="Two or more kinds of research achievement", label_ja="研究実績（２以上に該当）",
           effective_from=REVISION_2013, effective_source="S7", at_least=2),
    *_rows(("b",), item="④–⑦", measure="research", points=15,
           label="One or more kinds of research achievement", label_ja="研究実績（１以上に該当）",
           effective_from=START, effective_source="S2", at_least=1),
]

_BONUSES: list[Row] = [
    *_rows(("b",), item="⑧", measure="national_qualifications", points=5,
           label="One Japanese national qualification (or IT-notice exam) related to the work",
           label_ja="国家資格等（１つ）", effective_from=START, effective_source="S2", at_least=1),
    *_rows(("b",), item="⑧", measure="national_qualifications", points=10,
           label="Two or more Japanese national qualifications (or IT-notice exams)",
           label_ja="国家資格等（複数）", effective_from=START, effective_source="S2", at_least=2),
    *_rows(ALL, item="⑨", measure="innovation_support", points=10,
           label="Employer receives innovation-promotion support (MOJ notice No. 578 of 2014)",
           label_ja="イノベーション促進支援措置を受けている機関", effective_from=START,
           effective_source="S2"),
    *_rows(ALL, item="⑩", measure="innovation_sme", points=10,
           label="Employer meets ⑨ and is a small or medium-sized enterprise",
           label_ja="⑨に該当する中小企業", effective_from=REVISION_2013, effective_source="S7"),
    *_rows(ALL, item="⑪", measure="local_support", points=10,
           label="Employer receives local-government support for HSP hiring, recognised by the MOJ",
           label_ja="地方公共団体の高度人材受入れ支援を受けている機関",
           effective_from=NATIONWIDE_2023, effective_source="S11"),
    *_rows(ALL, item="⑫", measure="sme_rnd", points=5,
           label="Employer is an SME spending more than 3% of sales on R&D",
           label_ja="試験研究費等が売上高の３％超の中小企業", effective_from=REVISION_2013,
           effective_source="S7"),
    *_rows(ALL, item="⑬", measure="foreign_qualification", points=5,
           label="Foreign qualification or award related to the work, recognised by the MOJ",
           label_ja="外国の資格，表彰等", effective_from=START, effective_source="S2"),
    *_rows(ALL, item="⑭", measure="japanese_university", points=10,
           label="Graduated from a Japanese university or graduate school",
           label_ja="本邦の大学を卒業又は大学院の課程を修了", effective_from=REVISION_2013,
           effective_source="S7"),
    *_rows(ALL, item="⑮", measure="japanese", points=15,
           label="JLPT N1 or equivalent (BJT 480+, or a Japanese major at a foreign university)",
           label_ja="日本語能力試験Ｎ１合格相当", effective_from=REVISION_2013,
           effective_source="S7", option="n1"),
    *_rows(ALL, item="⑮", measure="japanese", points=10, label="JLPT N2 or equivalent (BJT 400+)",
           label_ja="日本語能力試験Ｎ２合格相当", effective_from=GREEN_CARD_2017,
           effective_source="S10", option="n2"),
    *_rows(ALL, item="⑯", measure="growth_field", points=10,
           label="Working on a ministry-backed advanced project in a growth field",
           label_ja="成長分野の先端プロジェクトに従事", effective_from=GREEN_CARD_2017,
           effective_source="S10"),
    *_rows(ALL, item="⑰", measure="listed_university", points=10,
           label="Graduated from a listed university (rankings, Top Global, Innovative Asia)",
           label_ja="一定の大学を卒業", effective_from=GREEN_CARD_2017, effective_source="S10"),
    *_rows(ALL, item="⑱", measure="jica_training", points=5,
           label="Completed JICA training under the Innovative Asia project (1 year or more)",
           label_ja="イノベーティブ・アジア事業のＪＩＣＡ研修を修了",
           effective_from=GREEN_CARD_2017, effective_source="S10"),
    *_rows(("c",), item="⑲", measure="investment", points=5,
           label="Invested ¥100,000,000 or more in the business in Japan",
           label_ja="本邦の事業に１億円以上を投資", effective_from=GREEN_CARD_2017,
           effective_source="S10"),
    *_rows(("c",), item="⑳", measure="position", points=10,
           label="Representative director, representative executive officer or "
           "representative partner",
           label_ja="代表取締役，代表執行役又は代表権のある業務執行社員", effective_from=START,
           effective_source="S2", option="representative"),
    *_rows(("c",), item="⑳", measure="position", points=5,
           label="Director, executive officer or managing partner",
           label_ja="取締役，執行役又は業務執行社員", effective_from=START, effective_source="S2",
           option="director"),
    *_rows(B_C, item="㉑", measure="investment_management", points=10,
           label="Working in investment-management business (FIEA registration)",
           label_ja="投資運用業等に係る業務に従事", effective_from=FINANCE_2021,
           effective_source="S8"),
]

ROWS: Final[tuple[Row, ...]] = tuple(
    _EDUCATION + _EXPERIENCE + _SALARY + _AGE + _RESEARCH + _BONUSES
)

# (b) and (c) are not recognised below ¥3,000,000 whatever the points; (a) has no floor
# since 2013-12-24 [S1 sheets B/C note under 年収; S7 item 1].
MINIMUM_SALARY_JPY: Final[dict[Category, int | None]] = {"a": None, "b": 3_000_000, "c": 3_000_000}
PASS_MARK: Final = 70  # [S1][S2][S5 Art.1]


def rows_for(category: Category) -> tuple[Row, ...]:
    return tuple(r for r in ROWS if r.category == category)


def maximum(category: Category) -> int:
    """The theoretical maximum: the best row of every measure, each once [S1]."""
    best: dict[Measure, int] = {}
    for r in rows_for(category):
        best[r.measure] = max(best.get(r.measure, 0), r.points)
    return sum(best.values())


MAXIMUM: Final[dict[Category, int]] = {c: maximum(c) for c in CATEGORIES}


@dataclass(frozen=True)
class StackingRule:
    items: tuple[str, ...]
    text: str
    source: str


# An item that scores only together with another (the STACKING rule on ⑨ and ⑩ below) [S1]:
# read by what must not offer one without the other (evidence.least_paperwork).
ONLY_WITH: Final[dict[Measure, Measure]] = {"innovation_sme": "innovation_support"}

STACKING: Final[tuple[StackingRule, ...]] = (
    StackingRule(("①",), "Only the highest degree counts: a master's and a doctorate score as "
                 "the doctorate alone.", "S1"),
    StackingRule(("①",), "The +5 for two or more graduate degrees in different fields is given "
                 "once, and only to someone who holds a graduate degree.", "S1"),
    StackingRule(("④", "⑤", "⑥", "⑦"), "Research achievements: in (a) one kind gives 20 and two "
                 "or more give 25; in (b) one or more give 15; (c) has no research item.", "S1"),
    StackingRule(("⑨", "⑩"), "⑩ is added only when ⑨ applies and the employer is an SME.", "S1"),
    StackingRule(("⑫",), "⑫ needs the employer to be an SME; it does not need ⑨.", "S1"),
    StackingRule(("⑭", "⑮"), "N2 (⑮ Ⅱ) is not counted for anyone who has ⑭ or N1; N1 (⑮ Ⅰ) "
                 "stacks with ⑭.", "S1"),
    StackingRule(("⑭", "⑰"), "⑰ stacks with ⑭ and is worth 10 at most, however many listed "
                 "universities.", "S1"),
    StackingRule(("⑭", "⑱"), "⑱ is not added to ⑭ when the JICA training used Japanese "
                 "university classes.", "S1"),
    StackingRule(("⑧", "⑲", "⑳", "㉑"), "⑧ counts only in (b); ⑲ and ⑳ only in (c); ㉑ only in "
                 "(b) and (c).", "S1"),
    StackingRule(("③",), "In (b) and (c) a salary under ¥3,000,000 fails whatever the points; "
                 "(a) has no minimum salary.", "S1"),
)
