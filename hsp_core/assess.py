"""The whole assessment of one profile: scores, pass line, J-Skip, PR, HSP(ii), benefits, tips."""

from __future__ import annotations

from hsp_core.benefits import benefits
from hsp_core.dated_rules import C_GATE
from hsp_core.eligibility import hsp_ii, j_skip, pass_line
from hsp_core.profile import Profile
from hsp_core.residence import Now, permanent_residence
from hsp_core.result import Assessment, CategoryResult
from hsp_core.scoring import score
from hsp_core.suggestions import suggest
from hsp_core.table import (
    CATEGORIES,
    CATEGORY_NAMES,
    MAXIMUM,
    MINIMUM_SALARY_JPY,
    PASS_MARK,
    RULES_VERSION,
    Category,
)


def _category(p: Profile, c: Category) -> CategoryResult:
    s = score(p, c)
    line = pass_line(p, c, s.total)
    return CategoryResult(
        category=c,
        name=CATEGORY_NAMES[c],
        total=s.total,
        maximum=MAXIMUM[c],
        pass_mark=PASS_MARK,
        eligible=line.eligible,
        minimum_salary_jpy=MINIMUM_SALARY_JPY[c],
        minimum_salary_met=line.minimum_salary_met,
        failed_conditions=line.failed,
        items=s.items,
        notes=s.notes,
        suggestions=suggest(p, c),
    )


def _warnings(p: Profile, cats: dict[Category, CategoryResult]) -> list[str]:
    """Where the score rests on a reading no primary source settles [S1]."""
    warnings = []
    if p.on_date.isoformat() < RULES_VERSION:
        warnings.append(f"The reference date {p.on_date.isoformat()} is before the "
                        f"{RULES_VERSION} form; it was scored with the current table.")
    if p.employer_innovation_support and p.employer_local_support:
        warnings.append("⑨ and ⑪ are counted together: they are separate boxes on the form, "
                        "but no ISA text confirms that they stack.")
    if p.employer_innovation_support and p.employer_is_sme and p.employer_rnd_over_3pct:
        warnings.append("⑩ and ⑫ are counted together: they are separate items, but no ISA "
                        "text confirms that they stack.")
    gate = C_GATE
    if cats["c"].eligible and p.category in (None, "c") and gate.applies(p.on_date):
        warnings.append(f"(c) and the Business Manager reform (rule {gate.id}, from "
                        f"{gate.effective_from}, reported): while a business does not meet the "
                        "new Business Manager criteria, the ISA grants no change from Business "
                        "Manager to (i)(c), no permanent residence and no change to HSP (ii) on "
                        "a (c) activity that rests on business management. A law or accounting "
                        "practice is not affected.")
    return warnings


def assess(p: Profile) -> Assessment:
    cats = {c: _category(p, c) for c in CATEGORIES}
    skip = {c: j_skip(p, c) for c in CATEGORIES}
    # HSP(i) is met on points (70 and the floor) or, without points, through J-Skip [S5 Art.1].
    qualifies = {c: cats[c].eligible or skip[c].meets for c in CATEGORIES}
    mine = [p.category] if p.category else list(CATEGORIES)
    holds = any(qualifies[c] for c in mine)
    j_skip_now = any(skip[c].meets for c in mine)
    now = {c: Now(cats[c].total, cats[c].minimum_salary_met, skip[c].meets) for c in CATEGORIES}
    return Assessment(
        rules_version=RULES_VERSION,
        reference_date=p.on_date,
        age=p.current_age,
        categories=cats,
        j_skip={c: skip[c].meets for c in CATEGORIES},
        j_skip_detail=skip,
        permanent_residence=permanent_residence(p, now),
        hsp_ii=hsp_ii(p, qualifies, j_skip_now),
        benefits=benefits(p, holds, j_skip_now),
        warnings=_warnings(p, cats),
    )
