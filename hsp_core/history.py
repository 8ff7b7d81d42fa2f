"""The history of the points rules as data: what changed when, and on what source [S2; S7; S10].

The scorer applies the current table to every date, as the ISA form's "3年前" checkbox suggests
(which table ISA applies to past dates is not settled by any official text). This history says
where a past score may differ: `claimed_changes` lists the changes after a look-back date that
touch an item the profile scores then. The guide may render CHANGES as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from hsp_core.i18n import N_
from hsp_core.matchers import match, values_of
from hsp_core.profile import Profile, Research
from hsp_core.table import (
    CATEGORIES,
    FINANCE_2021,
    GREEN_CARD_2017,
    NATIONWIDE_2023,
    REVISION_2013,
    START,
    Category,
    Measure,
    rows_for,
)

HSP_STATUS_2015: Final = date(2015, 4, 1)  # 高度専門職1号/2号 created [S5]
FORM_2023: Final = date(2023, 4, 1)  # the current reference form [S1]
J_SKIP_START: Final = date(2023, 4, 21)  # [S2; S3]; some practitioners say 04-01

Kind = Literal["added", "widened", "changed", "info"]


@dataclass(frozen=True)
class Scope:
    """The claim a change touches: a table measure (optionally one option, e.g. N2, or one kind
    of research achievement) in some categories; "j_skip" for the J-Skip criteria; None for any
    scored item."""

    measure: Measure | Literal["j_skip"] | None
    option: str | None = None
    research_kind: Research | None = None
    categories: tuple[Category, ...] = CATEGORIES


@dataclass(frozen=True)
class RuleChange:
    day: date
    items: tuple[str, ...]  # ISA item numbers (①–㉑), empty for changes outside the table
    kind: Kind
    text: str  # what changed on `day`
    source: str  # source ids of hsp_core/sources.toml
    before: str | None = None  # what held before `day`, for a claim in `scope`
    scope: tuple[Scope, ...] = ()
    day_note: str | None = None  # when the day itself is uncertain


ANY: Final = (Scope(None),)

CHANGES: Final[tuple[RuleChange, ...]] = (
    RuleChange(date(2009, 5, 29), (), "info", "The 高度人材受入推進会議 report defines the target "
               "profile.", "S2"),
    RuleChange(START, (), "added", "The points system starts (status 特定活動 '高度人材'), "
               "with the 70-point pass mark and age-based minimum salaries in (a)/(b).", "S2; T5",
               before=N_("there was no points system"), scope=ANY),
    RuleChange(REVISION_2013, ("③",), "info", "(a) minimum salary abolished; the (b)/(c) "
               "age-based minimums replaced by a flat ¥3M; a transferee's foreign pay counts.",
               "S7"),
    RuleChange(REVISION_2013, ("④", "⑤", "⑥", "⑦"), "changed", "(a) research: 15 → 20 for one "
               "kind, 25 for two or more.", "S7",
               before=N_("(a) research achievements were worth 15, not 20/25"),
               scope=(Scope("research", categories=("a",)),)),
    RuleChange(REVISION_2013, ("⑮",), "changed", "Japanese-language bonus (N1) 10 → 15.", "S7",
               before=N_("N1 (⑮ Ⅰ) was worth 10, not 15"), scope=(Scope("japanese", "n1"),)),
    RuleChange(REVISION_2013, ("⑭",), "changed", "Japanese-degree bonus 5 → 10.", "S7",
               before=N_("a Japanese degree (⑭) was worth 5, not 10"),
               scope=(Scope("japanese_university"),)),
    RuleChange(REVISION_2013, ("①",), "changed", "MBA/MOT points extended: 25 in (b).", "S7; T4",
               before=N_("an MBA/MOT in (b) was scored as a master's degree (20, not 25)"),
               scope=(Scope("education", "mba_mot", categories=("b",)),)),
    RuleChange(REVISION_2013, ("⑩",), "added", "Innovation-support SME bonus ⑩ added.", "S7; T4",
               before=N_("there was no ⑩ SME bonus"), scope=(Scope("innovation_sme"),)),
    RuleChange(REVISION_2013, ("⑫",), "added", "SME with R&D over 3% ⑫ added.", "S7; T4",
               before=N_("there was no ⑫ R&D bonus"), scope=(Scope("sme_rnd"),)),
    RuleChange(HSP_STATUS_2015, (), "info", "Status 高度専門職1号/2号 created; HSP(ii) introduced.",
               "S5"),
    RuleChange(GREEN_CARD_2017, (), "info", "PR after 3 years with 70 points, after 1 year with "
               "80 (before: about 5 years as an HSP).", "S10"),
    RuleChange(GREEN_CARD_2017, ("①",), "added", "(a) bachelor's degree 10.", "S10; T1; T2",
               before=N_("a bachelor's degree scored nothing in (a)"),
               scope=(Scope("education", "bachelor", categories=("a",)),)),
    RuleChange(GREEN_CARD_2017, ("①",), "added", "+5 for two graduate degrees in different "
               "fields.", "S10; T1; T2", before=N_("there was no +5 for multiple graduate degrees"),
               scope=(Scope("multiple_degrees"),)),
    RuleChange(GREEN_CARD_2017, ("⑮",), "added", "N2 10 (not with ⑭ or N1).", "S10; T1; T2",
               before=N_("N2 (⑮ Ⅱ) scored nothing"), scope=(Scope("japanese", "n2"),)),
    RuleChange(GREEN_CARD_2017, ("⑯",), "added", "Growth-field project ⑯ 10.", "S10; T1; T2",
               before=N_("there was no ⑯ growth-field item"), scope=(Scope("growth_field"),)),
    RuleChange(GREEN_CARD_2017, ("⑰",), "added", "Listed university ⑰ 10.", "S10; T1; T2",
               before=N_("there was no ⑰ listed-university item"),
               scope=(Scope("listed_university"),)),
    RuleChange(GREEN_CARD_2017, ("⑱",), "added", "JICA Innovative Asia training ⑱ 5.",
               "S10; T1; T2", before=N_("there was no ⑱ JICA item"),
               scope=(Scope("jica_training"),)),
    RuleChange(GREEN_CARD_2017, ("⑲",), "added", "(c) investment of ¥100M or more ⑲ 5.",
               "S10; T1; T2", before=N_("there was no ⑲ investment item"),
               scope=(Scope("investment"),)),
    RuleChange(date(2017, 12, 1), (), "info", "A domestic worker (入国帯同型) may follow the HSP "
               "later.", "T2"),
    RuleChange(date(2019, 4, 1), ("⑰",), "widened", "⑰ widened: a Japanese university ranked in "
               "any one of QS/THE/ARWU qualifies; the SGU グローバル化牽引型 universities added.",
               "T3; S5", before=N_("⑰ was narrower: a Japanese university needed the rankings "
               "foreign ones need, and fewer Top Global universities counted"),
               scope=(Scope("listed_university"),),
               day_note=N_("late March 2019, day not confirmed; 2019-04-01 covers all of March")),
    RuleChange(FINANCE_2021, ("㉑",), "added", "Investment-management business ㉑ 10 in (b)/(c); "
               "domestic workers of the financial type.", "S8; T8",
               before=N_("there was no ㉑ investment-management item"),
               scope=(Scope("investment_management"),)),
    RuleChange(NATIONWIDE_2023, ("⑪",), "widened", "⑪ local-government support made "
               "nationwide.", "S11", before=N_("⑪ counted only for employers supported under the "
               "National Strategic Special Zones programme (国家戦略特区)"),
               scope=(Scope("local_support"),)),
    RuleChange(FORM_2023, ("⑥",), "widened", "New reference form; ⑥ papers count as "
               "corresponding or first author.", "S1; T8",
               before=N_("⑥ papers counted only as corresponding author (責任著者), not as first "
               "author"), scope=(Scope("research", research_kind=Research.papers),),
               day_note=N_("the day of the wording change is inferred from the form's date")),
    RuleChange(J_SKIP_START, (), "added", "J-Skip starts; the PR guideline adds the J-Skip "
               "1-year route; J-Skip → HSP(ii) after 1 year.", "S2; S3; S10",
               before=N_("J-Skip did not exist"), scope=(Scope("j_skip"),)),
    RuleChange(date(2023, 12, 1), (), "info", "PR guideline revised (HSP clauses unchanged).", "T"),
    RuleChange(date(2024, 6, 10), (), "info", "PR guideline revised (HSP clauses unchanged).", "T"),
    RuleChange(date(2024, 11, 18), (), "info", "PR guideline revised (HSP clauses unchanged).",
               "S10"),
    RuleChange(date(2025, 10, 16), (), "info", "Business Manager criteria tightened (capital "
               "¥30M etc.); while they are not met, no PR and no change to HSP (ii) for an "
               "(i)(c) activity resting on business management (rule C3, reported).",
               "S14; P8; P9"),
)


def _touches(s: Scope, p: Profile, category: Category, j_skip: bool) -> bool:
    if category not in s.categories:
        return False
    if s.measure == "j_skip":
        return j_skip
    if s.research_kind is not None and s.research_kind not in p.research_achievements:
        return False
    values = values_of(p)
    return any(match(values, r).ok for r in rows_for(category)
               if s.measure in (None, r.measure) and s.option in (None, r.option))


def claimed_changes(
    p: Profile, category: Category, day: date, *, j_skip: bool = False
) -> list[RuleChange]:
    """Changes after `day` that touch an item `p` scores in `category` (or J-Skip, if met)."""
    return [c for c in CHANGES if c.before is not None and day < c.day
            and any(_touches(s, p, category, j_skip) for s in c.scope)]
