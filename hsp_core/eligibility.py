"""The pass line (70 points, and ¥3M in (b)/(c)), J-Skip, and HSP(ii)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from hsp_core import conditions
from hsp_core.profile import GRADUATE, Profile
from hsp_core.result import HSPII, JSkipResult
from hsp_core.table import (
    CATEGORIES,
    MINIMUM_SALARY_JPY,
    PASS_MARK,
    Category,
)
from hsp_core.text import years, yen


@dataclass(frozen=True)
class PassLine:
    eligible: bool
    minimum_salary_met: bool
    failed: list[str]


def pass_line(profile: Profile, category: Category, total: int) -> PassLine:
    """Total ≥ 70 [S1][S2]; (b) and (c) also need ≥ ¥3,000,000, exactly 3M passes [S1 B/C note]."""
    failed: list[str] = []
    if total < PASS_MARK:
        failed.append(f"{total} points is under the pass mark of {PASS_MARK}")
    floor = MINIMUM_SALARY_JPY[category]
    salary_ok = floor is None or profile.annual_salary_jpy >= floor
    if not salary_ok:
        assert floor is not None
        failed.append(f"annual salary {yen(profile.annual_salary_jpy)} is under the "
                      f"{yen(floor)} minimum for ({category})")
    return PassLine(eligible=not failed, minimum_salary_met=salary_ok, failed=failed)


# J-Skip thresholds [S3; S4 (MOJ Ordinance No. 25 of 2023)].
J_SKIP_SALARY_AB: Final = 20_000_000
J_SKIP_EXPERIENCE_AB: Final = 10
J_SKIP_SALARY_C: Final = 40_000_000
J_SKIP_EXPERIENCE_C: Final = 5


def j_skip(profile: Profile, category: Category) -> JSkipResult:
    pay = profile.annual_salary_jpy
    if category in ("a", "b"):
        # ¥20M and either a master's or higher, or 10 years' experience [S3; S4].
        rich = pay >= J_SKIP_SALARY_AB
        degree = profile.education in GRADUATE
        seasoned = profile.experience_years >= J_SKIP_EXPERIENCE_AB
        meets = rich and (degree or seasoned)
        if meets:
            why = "a master's degree or higher" if degree else f"{J_SKIP_EXPERIENCE_AB}+ years"
            reason = f"annual pay {yen(pay)} ≥ {yen(J_SKIP_SALARY_AB)} with {why}"
        elif not rich:
            reason = f"needs annual pay of {yen(J_SKIP_SALARY_AB)} or more (now {yen(pay)})"
        else:
            reason = (f"needs a master's degree or higher, or {J_SKIP_EXPERIENCE_AB} years of "
                      f"experience (now {profile.experience_years:g})")
    else:
        # ¥40M and 5 years of business management experience [S3; S4].
        rich = pay >= J_SKIP_SALARY_C
        seasoned = profile.experience_years >= J_SKIP_EXPERIENCE_C
        meets = rich and seasoned
        missing = []
        if not rich:
            missing.append(f"annual pay of {yen(J_SKIP_SALARY_C)} or more (now {yen(pay)})")
        if not seasoned:
            missing.append(f"{J_SKIP_EXPERIENCE_C} years of management experience "
                           f"(now {profile.experience_years:g})")
        reason = (f"annual pay {yen(pay)} ≥ {yen(J_SKIP_SALARY_C)} with "
                  f"{profile.experience_years:g} years of management experience"
                  if meets else "needs " + " and ".join(missing))
    return JSkipResult(category=category, meets=meets, reason=reason, source="S3")


HSP_II_YEARS: Final = 3  # years in HSP(i); 1 for J-Skip [S5 Art.2]
HSP_II_YEARS_J_SKIP: Final = 1


def _hsp_i_words(cats: list[Category]) -> str:
    floors = [c for c in cats if MINIMUM_SALARY_JPY[c] is not None]
    if not floors:
        return "70 points"
    where = f" in {'/'.join(f'({c})' for c in floors)}" if len(floors) < len(cats) else ""
    return f"70 points with pay of {yen(MINIMUM_SALARY_JPY['b'] or 0)} or more{where}"


def hsp_ii(profile: Profile, qualifies: dict[Category, bool], j_skip_now: bool,
           category: Category | None = None) -> HSPII:
    """HSP(ii): still meets HSP(i) now, after 3 years in HSP(i), or 1 year as J-Skip [S5 Art.2];
    in (i)(c) from 2025-10-16 also the Business Manager criteria (rule C3). `category` is the
    one judged (assess.category_used); without it, the person's own or any."""
    met: list[str] = []
    missing: list[str] = []
    one = category or profile.category
    cats = [one] if one else list(CATEGORIES)
    held = [c for c in cats if qualifies[c]]
    if held:
        met.append(f"meets HSP(i) now ({_hsp_i_words(held)}, or J-Skip)")
    else:
        missing.append(f"meet HSP(i) now: {_hsp_i_words(cats)}, or J-Skip")
    if profile.hsp_status_years >= HSP_II_YEARS:
        met.append(f"{years(profile.hsp_status_years)} in HSP(i) (3 needed)")
    elif j_skip_now and profile.j_skip_status_years >= HSP_II_YEARS_J_SKIP:
        met.append(f"{years(profile.j_skip_status_years)} as a J-Skip holder (1 needed)")
    else:
        missing.append(f"3 years in HSP(i), or 1 year as J-Skip (now "
                       f"{profile.hsp_status_years:g} in HSP(i), "
                       f"{profile.j_skip_status_years:g} as J-Skip)")
    # The gate concerns a change from (i)(c): the person's category, or the only one they meet.
    in_c = one == "c" or (one is None and held == ["c"])
    gate = conditions.business_gate(profile, profile.on_date, "the change to HSP (ii)")
    conds = [gate] if gate and in_c else []
    return HSPII(eligible=not missing and not conditions.blocks(conds), met=met, missing=missing,
                 conditions=conds, fee=conditions.fee("hsp_ii_change", profile.on_date),
                 source="S5")
