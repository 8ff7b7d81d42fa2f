"""Permanent residence through HSP points: the three routes of the PR guideline [S10].

Each route needs its condition now **and** either time as a recognised HSP (ア) or the same
condition at the look-back date with that much continuous residence (イ) (hsp-rules.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from hsp_core.profile import Profile
from hsp_core.result import PermanentResidence, PRRoute, RouteName
from hsp_core.table import CATEGORIES, PASS_MARK, Category
from hsp_core.text import years

# Plain names of the routes, for every explanation that names one.
ROUTE_NAMES: Final[dict[RouteName, str]] = {
    "80_points_1_year": "80 points, 1 year",
    "70_points_3_years": "70 points, 3 years",
    "j_skip_1_year": "J-Skip, 1 year",
}

# The general PR requirements that still apply on every route [S10].
ALSO_REQUIRED: Final = [
    "good conduct (no serious offences)",
    "an independent livelihood",
    "taxes, pension and health insurance paid in full and on time",
    "your current period of stay is the longest available (5 years in HSP(i))",
]


@dataclass(frozen=True)
class Now:
    """What the assessment found for one category on the application date."""

    total: int
    qualifies_on_points: bool  # ≥70 and the salary floor
    j_skip: bool


def _or_unknown(value: float | None) -> str:
    return "unknown" if value is None else f"{value:g}"


def _points_route(
    name: RouteName, pass_points: int, span: int, now: Now, past: int | None, p: Profile
) -> PRRoute:
    met: list[str] = []
    missing: list[str] = []
    ago = years(span)
    if now.qualifies_on_points and now.total >= pass_points:
        met.append(f"{now.total} points now ({pass_points} needed)")
    else:
        missing.append(f"{pass_points} points now, with the salary floor (you have {now.total})")
    # ア counts time as an HSP recognised with this many points [S10 note]. Without the score on
    # the points notice, only time in HSP on points counts, at the 70 it implies: a J-Skip holder
    # may have had fewer points.
    if p.hsp_recognised_points is not None:
        as_hsp = p.hsp_status_years >= span and p.hsp_recognised_points >= pass_points
    else:
        on_points = round(p.hsp_status_years - p.j_skip_status_years, 9)  # 5.01 - 2.01 is 3
        as_hsp = on_points >= span and pass_points <= PASS_MARK
    resident = (p.continuous_residence_years or 0) >= span
    if as_hsp:
        met.append(f"{years(p.hsp_status_years)} as an HSP recognised with {pass_points}+ "
                   f"points ({ago} needed)")
    elif resident and past is not None and past >= pass_points:
        met.append(f"{past} points {ago} before the application, and {ago} of continuous "
                   "residence")
    else:
        if not resident:
            missing.append(f"{ago} of continuous residence in Japan "
                           f"(now {_or_unknown(p.continuous_residence_years)})")
        if past is None:
            missing.append(f"{pass_points} points {ago} before the application (give your "
                           f"score then, or {ago} as an HSP recognised with {pass_points}+)")
        elif past < pass_points:
            missing.append(f"{pass_points} points {ago} before the application (you had {past})")
    return PRRoute(route=name, holds=not missing, met=met, missing=missing)


def _j_skip_route(now: Now, p: Profile) -> PRRoute:
    met: list[str] = []
    missing: list[str] = []
    if now.j_skip:
        met.append("meets J-Skip now")
    else:
        missing.append("meet the J-Skip criteria now")
    resident = (p.continuous_residence_years or 0) >= 1
    if p.j_skip_status_years >= 1:
        met.append(f"{years(p.j_skip_status_years)} as a J-Skip holder (1 needed)")
    elif resident and p.j_skip_1_year_ago:
        met.append("met J-Skip 1 year before the application, with 1 year of residence")
    else:
        if not resident:
            missing.append("1 year of continuous residence in Japan "
                           f"(now {_or_unknown(p.continuous_residence_years)})")
        if not p.j_skip_1_year_ago:
            missing.append("meet J-Skip 1 year before the application, or 1 year as J-Skip")
    return PRRoute(route="j_skip_1_year", holds=not missing, met=met, missing=missing)


def routes(p: Profile, now: Now) -> list[PRRoute]:
    return [
        _points_route("80_points_1_year", 80, 1, now, p.points_1_year_ago, p),
        _points_route("70_points_3_years", 70, 3, now, p.points_3_years_ago, p),
        _j_skip_route(now, p),
    ]


def permanent_residence(p: Profile, now: dict[Category, Now]) -> PermanentResidence:
    """The PR answer for the person's category, or for the category that serves them best."""
    cats = [p.category] if p.category else list(CATEGORIES)
    by_cat = {c: routes(p, now[c]) for c in cats}
    # Best: a category where a route holds; else the highest score (fewest points missing).
    best = max(cats, key=lambda c: (any(r.holds for r in by_cat[c]), now[c].total))
    chosen = by_cat[best]
    return PermanentResidence(
        category=best,
        eligible=any(r.holds for r in chosen),
        routes=chosen,
        also_required=ALSO_REQUIRED,
        source="S10",
    )
