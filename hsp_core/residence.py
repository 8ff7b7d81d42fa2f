"""Permanent residence through HSP points: the three routes of the PR guideline [S10].

Each route needs its condition now **and** either time as a recognised HSP (ア) or the same
condition at the look-back date with that much continuous residence (イ) [S10]. A route holds
only on a filing date on or after its start (rules R80, R70, RJ of hsp_core.dated_rules). The
general requirements and the dated ones (period of stay, the (c) gate) are conditions
(hsp_core.conditions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from hsp_core import conditions
from hsp_core.dated_rules import ROUTE_RULES
from hsp_core.i18n import N_, _
from hsp_core.profile import Profile
from hsp_core.result import Condition, PermanentResidence, PRRoute, RouteName
from hsp_core.table import CATEGORIES, MINIMUM_SALARY_JPY, PASS_MARK, Category
from hsp_core.text import date_text, years, yen

# Plain names of the routes, for every explanation that names one.
ROUTE_NAMES: Final[dict[RouteName, str]] = {
    "80_points_1_year": N_("80 points, 1 year"),
    "70_points_3_years": N_("70 points, 3 years"),
    "j_skip_1_year": N_("J-Skip, 1 year"),
}


@dataclass(frozen=True)
class Now:
    """What the assessment found for one category on one date."""

    total: int
    floor_met: bool  # the ¥3,000,000 minimum of (b)/(c); always True in (a)
    j_skip: bool

    @property
    def qualifies_on_points(self) -> bool:
        return self.total >= PASS_MARK and self.floor_met


@dataclass(frozen=True)
class Past:
    """The score on a look-back date; `pay` is known when the dated facts give it, and then the
    salary floor is applied on that date too (see `_floor_then`)."""

    total: int
    pay: int | None = None


def _or_unknown(value: float | None) -> str:
    return _("unknown") if value is None else f"{value:g}"


def _floor(c: Category) -> int | None:
    return MINIMUM_SALARY_JPY[c]


def _route_start(name: RouteName, day: date) -> str | None:
    rule = ROUTE_RULES[name]
    if rule.applies(day):
        return None
    return _("a filing date on or after {start}, when this route started (rule {rule}); {day} "
             "is before it").format(start=date_text(rule.effective_from), rule=rule.id,
                                      day=date_text(day))


def _points_route(
    name: RouteName, pass_points: int, span: int, now: Now, past: Past | None, p: Profile,
    c: Category,
) -> PRRoute:
    met: list[str] = []
    missing: list[str] = []
    ago = years(span)
    floor = _floor(c)
    if now.total >= pass_points and now.floor_met:
        met.append((_("{total} points now ({needed} needed)") if floor is None
                    else _("{total} points now ({needed} needed), with pay of {floor} or more"))
                   .format(total=now.total, needed=pass_points, floor=yen(floor or 0)))
    else:
        if now.total < pass_points:
            missing.append(_("{needed} points now (you have {total})").format(
                needed=pass_points, total=now.total))
        if not now.floor_met and floor is not None:
            missing.append(_("pay of {floor} or more now, the minimum in ({category}) (you have "
                             "{pay})").format(floor=yen(floor), category=c,
                                              pay=yen(p.annual_salary_jpy)))
    # ア counts time as an HSP recognised with this many points [S10 note]. Without the score on
    # the points notice, only time in HSP on points counts, at the 70 it implies: a J-Skip holder
    # may have had fewer points.
    if p.hsp_recognised_points is not None:
        as_hsp = p.hsp_status_years >= span and p.hsp_recognised_points >= pass_points
    else:
        on_points = round(p.hsp_status_years - p.j_skip_status_years, 9)  # 5.01 - 2.01 is 3
        as_hsp = on_points >= span and pass_points <= PASS_MARK
    resident = (p.continuous_residence_years or 0) >= span
    # The look-back is a points calculation on the past facts, and the (b)/(c) sheets do not
    # recognise pay under ¥3M, so the floor applies then too: no text read settles it, and this
    # reading never says someone may file when they may not [S1; S10].
    floor_then = (floor is None or past is None or past.pay is None or past.pay >= floor)
    if as_hsp:
        met.append(_("{years} as an HSP recognised with {needed}+ points ({ago} needed)").format(
            years=years(p.hsp_status_years), needed=pass_points, ago=ago))
    elif resident and past is not None and past.total >= pass_points and floor_then:
        then = (_("{total} points {ago} before the application, and {ago} of continuous "
                  "residence") if floor is None or past.pay is None
                else _("{total} points {ago} before the application, with pay of {floor} or "
                       "more then, and {ago} of continuous residence"))
        met.append(then.format(total=past.total, ago=ago, floor=yen(floor or 0)))
    else:
        if not resident:
            missing.append(_("{ago} of continuous residence in Japan (now {now})").format(
                ago=ago, now=_or_unknown(p.continuous_residence_years)))
        if past is None:
            missing.append(_("{needed} points {ago} before the application (give your score "
                             "then, or {ago} as an HSP recognised with {needed}+)").format(
                needed=pass_points, ago=ago))
        else:
            if past.total < pass_points:
                missing.append(_("{needed} points {ago} before the application (you had "
                                 "{total})").format(needed=pass_points, ago=ago,
                                                    total=past.total))
            if not floor_then:
                assert floor is not None and past.pay is not None
                missing.append(_("pay of {floor} or more {ago} before the application (you had "
                                 "{pay}): the minimum of ({category}) is applied on the "
                                 "look-back date too — no official text settles this, and it "
                                 "is the reading that never says you may file too early").format(
                    floor=yen(floor), ago=ago, pay=yen(past.pay), category=c))
    start = _route_start(name, p.on_date)
    if start:
        missing.append(start)
    return PRRoute(route=name, holds=not missing, met=met, missing=missing)


def _j_skip_route(now: Now, p: Profile) -> PRRoute:
    met: list[str] = []
    missing: list[str] = []
    if now.j_skip:
        met.append(_("meets J-Skip now"))
    else:
        missing.append(_("meet the J-Skip criteria now"))
    resident = (p.continuous_residence_years or 0) >= 1
    if p.j_skip_status_years >= 1:
        met.append(_("{years} as a J-Skip holder (1 needed)").format(
            years=years(p.j_skip_status_years)))
    elif resident and p.j_skip_1_year_ago:
        met.append(_("met J-Skip 1 year before the application, with 1 year of residence"))
    else:
        if not resident:
            missing.append(_("1 year of continuous residence in Japan (now {now})").format(
                now=_or_unknown(p.continuous_residence_years)))
        if not p.j_skip_1_year_ago:
            missing.append(_("meet J-Skip 1 year before the application, or 1 year as J-Skip"))
    start = _route_start("j_skip_1_year", p.on_date)
    if start:
        missing.append(start)
    return PRRoute(route="j_skip_1_year", holds=not missing, met=met, missing=missing)


def routes(p: Profile, now: Now, c: Category, past: dict[int, Past] | None = None) -> list[PRRoute]:
    """The three routes in category `c`; `past` gives the look-back scores (by years before) when
    the dated facts are known, else the profile's own answers are used."""
    if past is None:
        past = {n: Past(v) for n, v in ((1, p.points_1_year_ago), (3, p.points_3_years_ago))
                if v is not None}
    return [
        _points_route("80_points_1_year", 80, 1, now, past.get(1), p, c),
        _points_route("70_points_3_years", 70, 3, now, past.get(3), p, c),
        _j_skip_route(now, p),
    ]


def holds(found: list[PRRoute], conds: list[Condition]) -> bool:
    """A route holds and no condition is missing (one may still be not known)."""
    return any(r.holds for r in found) and not conditions.blocks(conds)


def standing(p: Profile, now: Now, c: Category) -> tuple[list[PRRoute], list[Condition]]:
    """The PR routes and conditions in category `c` on the profile's date."""
    return routes(p, now, c), conditions.pr_conditions(p, p.on_date, c)


def permanent_residence(p: Profile, now: dict[Category, Now],
                        category: Category | None = None) -> PermanentResidence:
    """The PR answer in `category` (assess.category_used); without it, in the person's own
    category or the one that serves them best."""
    one = category or p.category
    cats: list[Category] = [one] if one else list(CATEGORIES)
    day = p.on_date
    by_cat = {c: standing(p, now[c], c) for c in cats}
    # Best: a category where PR holds; else one where a route holds; else the highest score.
    best = max(cats, key=lambda c: (holds(*by_cat[c]), any(r.holds for r in by_cat[c][0]),
                                    now[c].total))
    chosen, conds = by_cat[best]
    return PermanentResidence(
        category=best,
        eligible=holds(chosen, conds),
        routes=chosen,
        conditions=conds,
        fee=conditions.fee("permanent_residence", day),
        source="S10",
    )
