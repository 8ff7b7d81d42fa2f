"""The pass line (70 points, and ¥3M in (b)/(c)), J-Skip, and HSP(ii)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from hsp_core import conditions
from hsp_core.i18n import _
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
        failed.append(_("{total} points is under the pass mark of {mark}").format(
            total=total, mark=PASS_MARK))
    floor = MINIMUM_SALARY_JPY[category]
    salary_ok = floor is None or profile.annual_salary_jpy >= floor
    if not salary_ok:
        assert floor is not None
        failed.append(_("annual salary {pay} is under the {floor} minimum for ({category})")
                      .format(pay=yen(profile.annual_salary_jpy), floor=yen(floor),
                              category=category))
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
            why = (_("a master's degree or higher") if degree
                   else _("{years}+ years").format(years=J_SKIP_EXPERIENCE_AB))
            reason = _("annual pay {pay} ≥ {needed} with {why}").format(
                pay=yen(pay), needed=yen(J_SKIP_SALARY_AB), why=why)
        elif not rich:
            reason = _("needs annual pay of {needed} or more (now {pay})").format(
                needed=yen(J_SKIP_SALARY_AB), pay=yen(pay))
        else:
            reason = _("needs a master's degree or higher, or {years} years of experience (now "
                       "{now:g})").format(years=J_SKIP_EXPERIENCE_AB, now=profile.experience_years)
    else:
        # ¥40M and 5 years of business management experience [S3; S4].
        rich = pay >= J_SKIP_SALARY_C
        seasoned = profile.experience_years >= J_SKIP_EXPERIENCE_C
        meets = rich and seasoned
        missing = []
        if not rich:
            missing.append(_("annual pay of {needed} or more (now {pay})").format(
                needed=yen(J_SKIP_SALARY_C), pay=yen(pay)))
        if not seasoned:
            missing.append(_("{years} years of management experience (now {now:g})").format(
                years=J_SKIP_EXPERIENCE_C, now=profile.experience_years))
        reason = (_("annual pay {pay} ≥ {needed} with {years:g} years of management experience")
                  .format(pay=yen(pay), needed=yen(J_SKIP_SALARY_C),
                          years=profile.experience_years)
                  if meets else _("needs {what}").format(what=_(" and ").join(missing)))
    return JSkipResult(category=category, meets=meets, reason=reason, source="S3")


HSP_II_YEARS: Final = 3  # years in HSP(i); 1 for J-Skip [S5 Art.2]
HSP_II_YEARS_J_SKIP: Final = 1


def _hsp_i_words(cats: list[Category]) -> str:
    floors = [c for c in cats if MINIMUM_SALARY_JPY[c] is not None]
    if not floors:
        return _("70 points")
    pay = yen(MINIMUM_SALARY_JPY["b"] or 0)
    if len(floors) == len(cats):
        return _("70 points with pay of {pay} or more").format(pay=pay)
    return _("70 points with pay of {pay} or more in {where}").format(
        pay=pay, where="/".join(f"({c})" for c in floors))


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
        met.append(_("meets HSP(i) now ({what}, or J-Skip)").format(what=_hsp_i_words(held)))
    else:
        missing.append(_("meet HSP(i) now: {what}, or J-Skip").format(what=_hsp_i_words(cats)))
    if profile.hsp_status_years >= HSP_II_YEARS:
        met.append(_("{years} in HSP(i) (3 needed)").format(
            years=years(profile.hsp_status_years)))
    elif j_skip_now and profile.j_skip_status_years >= HSP_II_YEARS_J_SKIP:
        met.append(_("{years} as a J-Skip holder (1 needed)").format(
            years=years(profile.j_skip_status_years)))
    else:
        missing.append(_("3 years in HSP(i), or 1 year as J-Skip (now {hsp:g} in HSP(i), "
                         "{j_skip:g} as J-Skip)").format(hsp=profile.hsp_status_years,
                                                         j_skip=profile.j_skip_status_years))
    # The gate concerns a change from (i)(c): the person's category, or the only one they meet.
    in_c = one == "c" or (one is None and held == ["c"])
    gate = conditions.business_gate(profile, profile.on_date, _("the change to HSP (ii)"))
    conds = [gate] if gate and in_c else []
    return HSPII(eligible=not missing and not conditions.blocks(conds), met=met, missing=missing,
                 conditions=conds, fee=conditions.fee("hsp_ii_change", profile.on_date),
                 source="S5")
