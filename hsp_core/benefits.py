"""Family benefits of HSP status: parents, a domestic worker, the spouse's work [S6; T6]."""

from __future__ import annotations

from typing import Final

from hsp_core.i18n import _
from hsp_core.profile import Profile
from hsp_core.result import Benefit, Benefits, DomesticWorker
from hsp_core.text import yen

PARENTS_INCOME: Final = 8_000_000  # household: HSP + spouse only [S6]
PARENTS_CHILD_UNDER: Final = 7
WORKER_INCOME: Final = 10_000_000  # household [S6; T6]
WORKER_INCOME_TWO: Final = 30_000_000  # financial type and J-Skip: 2 workers [S8; S3]
WORKER_CHILD_UNDER: Final = 13


def _holds(holds_hsp: bool) -> tuple[list[str], list[str]]:
    return ([_("you hold (or qualify for) HSP status")], []) if holds_hsp else (
        [], [_("hold HSP status: 70 points with the salary floor, or J-Skip")])


def _income(household: int, floor: int) -> tuple[list[str], list[str]]:
    text = _("household income {income} (you and your spouse; {needed} needed)").format(
        income=yen(household), needed=yen(floor))
    return ([text], []) if household >= floor else ([], [text])


def parents(p: Profile, holds_hsp: bool) -> Benefit:
    met, missing = _holds(holds_hsp)
    m, x = _income(p.household_income_jpy, PARENTS_INCOME)
    met += m
    missing += x
    young = [a for a in p.children_ages if a < PARENTS_CHILD_UNDER]
    if young:
        met.append(_("a child under {under} (age {age})").format(under=PARENTS_CHILD_UNDER,
                                                               age=min(young)))
    elif p.pregnancy:
        met.append(_("a pregnancy (yours or your spouse's)"))
    else:
        missing.append(_("a child under {under}, or a pregnancy").format(
            under=PARENTS_CHILD_UNDER))
    return Benefit(
        available=not missing, met=met, missing=missing, source="S6",
        also_required=[
            _("the parent lives with you"),
            _("only one set of parents: yours or your spouse's, not both"),
            _("the stay ends when the child turns 7"),
            _("practitioners report the right ends when you become a permanent resident; "
              "no ISA text says so (an open question on the guide's Sources page)"),
        ],
    )


def domestic_worker(p: Profile, holds_hsp: bool, j_skip: bool) -> DomesticWorker:
    met, missing = _holds(holds_hsp)
    m, x = _income(p.household_income_jpy, WORKER_INCOME)
    met += m
    missing += x
    household = p.household_income_jpy
    types: dict[str, int] = {}
    young = [a for a in p.children_ages if a < WORKER_CHILD_UNDER]
    if young or p.spouse_unable_to_do_housework:
        types[_("family circumstances (a child under 13, or a spouse unable to do "
                "housework)")] = 1
    if p.domestic_worker_employed_1_year_abroad:
        types[_("accompanying (employed by you abroad for 1 year or more; leaves with "
                "you)")] = 1
    if p.investment_management_business:
        # 金融人材型: 1 worker from ¥10M, 2 from ¥30M [S8].
        types[_("financial professional (investment-management business)")] = (
            2 if household >= WORKER_INCOME_TWO else 1)
    if j_skip and household >= WORKER_INCOME_TWO:
        types[_("J-Skip (household income ¥30,000,000 or more)")] = 2  # [S3 via T7]
    if types:
        met.append(_("a qualifying type: {types}").format(types=_("; ").join(types)))
    else:
        missing.append(_("a qualifying type: a child under 13 or a spouse unable to do "
                         "housework; a worker employed by you abroad for a year; "
                         "investment-management work; or J-Skip with ¥30,000,000"))
    available = not missing
    return DomesticWorker(
        available=available, met=met, missing=missing, source="S8",
        max_workers=max(types.values()) if available else 0,
        types=list(types) if available else [],
        also_required=[
            _("the worker is 18 or older and can hold an everyday conversation with you"),
            _("you pay the worker ¥200,000 a month or more"),
            _("renewal is refused if household income later falls below the threshold"),
        ],
    )


def spouse_work(p: Profile, holds_hsp: bool, j_skip: bool) -> Benefit:
    met, missing = _holds(holds_hsp)
    if p.has_spouse:
        met.append(_("a spouse who lives with you"))
    else:
        missing.append(_("a spouse who lives with you"))
    fields = _("research, education, engineering/humanities/international services, or some "
               "entertainment work")
    if j_skip:
        fields = _("a wider range of work (professor, artist, religious, journalist, researcher, "
                   "instructor, engineer/specialist, entertainer, skilled labour)")
    return Benefit(
        available=not missing, met=met, missing=missing, source="S2",
        also_required=[
            _("the spouse works in {fields}, with no education or career requirement").format(
                fields=fields),
            _("the spouse is paid at least what a Japanese employee would get"),
            _("living apart ends the spouse's right to work"),
        ],
    )


def benefits(p: Profile, holds_hsp: bool, j_skip: bool) -> Benefits:
    return Benefits(
        holds_hsp=holds_hsp,
        household_income_jpy=p.household_income_jpy,
        parents=parents(p, holds_hsp),
        domestic_worker=domestic_worker(p, holds_hsp, j_skip),
        spouse_work=spouse_work(p, holds_hsp, j_skip),
    )
