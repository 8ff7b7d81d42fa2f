"""Rules that start or end on a date, as data: one row per rule, with its dates and sources.

The engine asks these rows whether a rule applies on a filing date (`applies`, `fee`), and every
result that depends on one names its id and the date it applies from. The guide's "What is
changing" and fee tables are rendered from the same rows (mkdocs_hooks/dated_tables.py).
Facts: the state of knowledge of 2026-12-03 (`checked`); sources are ids of sources.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from hsp_core.history import J_SKIP_START
from hsp_core.i18n import N_, _
from hsp_core.sources import Confidence
from hsp_core.table import GREEN_CARD_2017
from hsp_core.text import date_text, yen

FeeKind = Literal["change_or_extension", "permanent_residence", "hsp_ii_change"]

CHECKED: Final = date(2026, 12, 3)


@dataclass(frozen=True, kw_only=True)
class DatedRule:
    """A rule in force from `effective_from` to `effective_until` (inclusive; None: open)."""

    id: str
    title: str
    summary: str  # what it means for an HSP holder, in plain words
    decided: date | None  # promulgated, approved or announced; None when no source gives it
    effective_from: date | None  # None: earlier than any source read gives a date for
    effective_until: date | None = None
    confidence: Confidence
    confidence_note: str = ""  # when parts of the rule are known more or less firmly
    sources: tuple[str, ...]
    checked: date = CHECKED
    announced_only: bool = False  # a draft or announcement: shown, never calculated with
    amount: int | None = None  # the rule's number, if it has one (days, months, years)
    unit: str | None = None

    def applies(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_until is None or day <= self.effective_until
        )

    @property
    def reported(self) -> bool:
        """M and L facts are "reported": the guide says so and links the page to check."""
        return self.confidence != "H"


GUIDELINE_2017: Final = GREEN_CARD_2017  # the PR guideline's points routes [S10]
J_SKIP_ROUTE: Final = J_SKIP_START  # the J-Skip route, with J-Skip itself [S3; S10]
BUSINESS_MANAGER_REFORM: Final = date(2025, 10, 16)
LONGEST_STAY: Final = date(2027, 4, 1)
PR_REVOCATION: Final = date(2027, 4, 1)

ROUTE_80_1 = DatedRule(
    id="R80",
    title=N_("PR route: 80 points for 1 year"),
    summary="Permanent residence after 1 year with 80 points now and 1 year before the "
    "application, or 1 year as an HSP recognised with 80 points.",
    decided=None,
    effective_from=GUIDELINE_2017,
    confidence="H",
    sources=("S10",),
)
ROUTE_70_3 = DatedRule(
    id="R70",
    title=N_("PR route: 70 points for 3 years"),
    summary="Permanent residence after 3 years with 70 points now and 3 years before the "
    "application, or 3 years as an HSP recognised with 70 points.",
    decided=None,
    effective_from=GUIDELINE_2017,
    confidence="H",
    sources=("S10",),
)
ROUTE_J_SKIP_1 = DatedRule(
    id="RJ",
    title=N_("PR route: J-Skip for 1 year"),
    summary="Permanent residence after 1 year as a J-Skip holder, or meeting the J-Skip "
    "criteria now and 1 year before the application.",
    decided=None,
    effective_from=J_SKIP_ROUTE,
    confidence="H",
    sources=("S3", "S10"),
)

# C1: requirement ウ of the PR guideline, revised 2026-02-24.
LONGEST_STAY_3_YEARS = DatedRule(
    id="C1",
    title="Longest period of stay: 3 years still counts",
    summary="For PR, your period of stay must be the longest your status allows; a 3-year "
    "period counts as the longest for applications filed up to 2027-03-31.",
    decided=None,  # the ISA's practice since 2012; no decision date read
    effective_from=None,  # "for the time being" since 2012; the day is not given
    effective_until=date(2027, 3, 31),
    confidence="H",
    sources=("S10", "P1", "P3"),
    amount=3,
    unit="years",
)
LONGEST_STAY_5_YEARS = DatedRule(
    id="C1",
    title=N_("Longest period of stay: the true maximum"),
    summary="From 2027-04-01 a PR applicant needs the true maximum period of their status "
    "(5 years for most work statuses). HSP (i) is always granted 5 years, so it bites those "
    "who use the points routes without HSP status and hold a 3-year card.",
    decided=date(2026, 2, 24),
    effective_from=LONGEST_STAY,
    confidence="H",
    sources=("S10", "P1", "P2", "P3", "P4"),
    amount=5,
    unit="years",
)
PR_REVOCATION_RULE = DatedRule(
    id="C2",
    title="Permanent residence can be revoked",
    summary="Wilful non-payment of taxes or social-insurance contributions, wilful breach of "
    "duties under the Immigration Act, and some prison sentences can cost PR (usually a "
    "change to Long-Term Resident). Keep paying taxes, pension and health insurance on time "
    "after PR too; minor or inadvertent delays are not the target.",
    decided=date(2024, 6, 14),
    effective_from=PR_REVOCATION,
    confidence="M",
    confidence_note="the law (Act No. 60 of 2024) is confirmed, the date 2027-04-01 reported",
    sources=("S15", "P5", "P6", "P7"),
)
C_GATE = DatedRule(
    id="C3",
    title=N_("Business Manager reform and HSP (i)(c)"),
    summary="While the business does not meet the new Business Manager criteria (capital "
    "¥30M, a full-time employee, Japanese, experience, a checked plan, an office), the ISA "
    "grants no PR to an HSP whose (i)(c) activity rests on business management and no change "
    "from (i)(c) to HSP (ii). Law or accounting practice is not affected. Renewals have a "
    "grace period until 2028-10-16.",
    decided=None,
    effective_from=BUSINESS_MANAGER_REFORM,
    confidence="M",
    confidence_note="the criteria are confirmed; the gate for (i)(c) is relayed by "
    "practitioners",
    sources=("S14", "P8", "P9", "P10", "P11"),
)
C_GATE_GRACE = DatedRule(
    id="C3",
    title="Business Manager reform: grace period for renewals",
    summary="Existing Business Manager and (i)(c) holders who renew are judged on the business "
    "and its prospects of meeting the new criteria until 2028-10-16.",
    decided=None,
    effective_from=BUSINESS_MANAGER_REFORM,
    effective_until=date(2028, 10, 16),
    confidence="M",
    sources=("S14", "P8", "P9"),
)
PR_GUIDELINE_DRAFT = DatedRule(
    id="C5",
    title="Draft overhaul of the PR guideline (announced)",
    summary="Public consultation from 2026-08-04 (household income above the national "
    "average, an expected pension, Japanese at B1 — not for the HSP routes). The HSP routes "
    "keep their terms. The final text and its dates were not read: nothing here is "
    "calculated on it.",
    decided=date(2026, 8, 4),  # the consultation opened; a draft is in force on no date
    effective_from=None,
    confidence="L",
    sources=("S17",),
    announced_only=True,
)
NOTICE_14_DAYS = DatedRule(
    id="C6",
    title="Notice of a job change within 14 days",
    summary="HSP (i) and (ii) holders notify the ISA within 14 days of leaving or changing "
    "the employer (contracting or activity organisation). A permanent resident need not.",
    decided=None,
    effective_from=date(2015, 4, 1),  # HSP status created [S5]
    confidence="H",
    confidence_note="from 2015-04-01, when HSP status was created",
    sources=("P15", "P18", "P19", "P20"),
    amount=14,
    unit="days",
)
HSP_I_JOB_CHANGE = DatedRule(
    id="C6",
    title="HSP (i): change of status before a new job; 3 months without work",
    summary="HSP (i) names the employer: a new employer needs a change of status permission "
    "before you start there (every HSP (i) grant pays the 5-year fee). After 3 months "
    "without the permitted activity the status can be revoked.",
    decided=None,
    effective_from=date(2015, 4, 1),
    confidence="H",
    sources=("P15", "P16", "P17", "P18"),
    amount=3,
    unit="months",
)
HSP_II_INACTIVITY = DatedRule(
    id="C6",
    title="HSP (ii): 6 months without work",
    summary="HSP (ii) needs no permission to change employer, only the 14-day notice; after "
    "6 months without the activity the status can be revoked.",
    decided=None,
    effective_from=date(2015, 4, 1),
    confidence="H",
    sources=("P19", "P20"),
    amount=6,
    unit="months",
)


@dataclass(frozen=True, kw_only=True)
class FeeRow:
    """The fee for one kind of application accepted from `effective_from` to `effective_until`.

    From 2026-10-01 the change/extension fee depends on the period granted: a row covers
    periods from `granted_from_years` (inclusive) to `granted_under_years` (exclusive).
    """

    kind: FeeKind
    effective_from: date | None  # None: the fee before the first change our sources date
    effective_until: date | None
    counter_jpy: int
    online_jpy: int | None  # None: counter only, or no online discount
    granted_from_years: float | None = None
    granted_under_years: float | None = None
    confidence: Confidence
    sources: tuple[str, ...]
    checked: date = CHECKED
    rule: str = "C4"

    def applies(self, day: date, granted_years: float) -> bool:
        return (
            (self.effective_from is None or self.effective_from <= day)
            and (self.effective_until is None or day <= self.effective_until)
            and (self.granted_from_years is None or granted_years >= self.granted_from_years)
            and (self.granted_under_years is None or granted_years < self.granted_under_years)
        )


FEES_2025: Final = date(2025, 4, 1)
FEES_2026: Final = date(2026, 10, 1)
_OLD = ("S16", "P12")
_NEW = ("S13", "P13", "P14")

FEES: Final[tuple[FeeRow, ...]] = (
    FeeRow(kind="change_or_extension", effective_from=None,
           effective_until=date(2025, 3, 31), counter_jpy=4_000, online_jpy=None,
           confidence="H", sources=_OLD),
    FeeRow(kind="permanent_residence", effective_from=None,
           effective_until=date(2025, 3, 31), counter_jpy=8_000, online_jpy=None,
           confidence="H", sources=_OLD),
    FeeRow(kind="change_or_extension", effective_from=FEES_2025,
           effective_until=date(2026, 9, 30), counter_jpy=6_000, online_jpy=5_500,
           confidence="H", sources=_OLD),
    FeeRow(kind="permanent_residence", effective_from=FEES_2025,
           effective_until=date(2026, 9, 30), counter_jpy=10_000, online_jpy=None,
           confidence="H", sources=_OLD),
    FeeRow(kind="change_or_extension", effective_from=FEES_2026, effective_until=None,
           counter_jpy=75_000, online_jpy=65_000, granted_from_years=5,
           confidence="M", sources=_NEW),
    FeeRow(kind="change_or_extension", effective_from=FEES_2026, effective_until=None,
           counter_jpy=64_000, online_jpy=56_000, granted_from_years=3, granted_under_years=5,
           confidence="M", sources=_NEW),
    FeeRow(kind="change_or_extension", effective_from=FEES_2026, effective_until=None,
           counter_jpy=48_000, online_jpy=42_000, granted_from_years=1, granted_under_years=3,
           confidence="M", sources=_NEW),
    FeeRow(kind="permanent_residence", effective_from=FEES_2026, effective_until=None,
           counter_jpy=200_000, online_jpy=None, confidence="H", sources=_NEW),
)
# The change to HSP (ii) (an indefinite period) paid the flat change fee until 2026-09-30; its
# fee under the period-based scale of 2026-10-01 was not found in any source read.
HSP_II_FEE_UNKNOWN_FROM: Final = FEES_2026

FEE_RULE = DatedRule(
    id="C4",
    title="Fees by acceptance date",
    summary="The fee is the one in force on the day the application is accepted. From "
    "2026-10-01 (reported) a change or extension pays by the period granted — HSP (i) is "
    "always 5 years: ¥75,000 at the counter, ¥65,000 online, for every grant, renewal and "
    "job change — and permanent residence ¥200,000.",
    decided=date(2026, 3, 10),  # the Cabinet approved the bill raising the caps
    effective_from=FEES_2026,
    confidence="M",
    confidence_note="that PR rose to ¥200,000 is confirmed; the other amounts are reported",
    sources=("S13", "S16", "P12", "P13", "P14"),
)

# Every dated rule, in the order the guide lists them.
RULES: Final[tuple[DatedRule, ...]] = (
    LONGEST_STAY_5_YEARS,
    PR_REVOCATION_RULE,
    C_GATE,
    C_GATE_GRACE,
    FEE_RULE,
    PR_GUIDELINE_DRAFT,
    NOTICE_14_DAYS,
    HSP_I_JOB_CHANGE,
    HSP_II_INACTIVITY,
    ROUTE_70_3,
    ROUTE_80_1,
    ROUTE_J_SKIP_1,
)

ROUTE_RULES: Final = {
    "80_points_1_year": ROUTE_80_1,
    "70_points_3_years": ROUTE_70_3,
    "j_skip_1_year": ROUTE_J_SKIP_1,
}


def longest_stay_rule(day: date) -> DatedRule:
    """Requirement ウ as it stands for an application filed on `day`."""
    return LONGEST_STAY_5_YEARS if LONGEST_STAY_5_YEARS.applies(day) else LONGEST_STAY_3_YEARS


def longest_stay_years(day: date) -> int:
    """The period of stay that counts as "longest" for someone not in HSP status."""
    years = longest_stay_rule(day).amount
    assert years is not None
    return years


def fee(kind: FeeKind, day: date, granted_years: float = 5) -> FeeRow | None:
    """The fee row for an application of `kind` accepted on `day`; None when no source gives it
    (the change to HSP (ii) from 2026-10-01). An HSP (i) grant is always 5 years."""
    if kind == "hsp_ii_change":
        if day >= HSP_II_FEE_UNKNOWN_FROM:
            return None
        kind = "change_or_extension"
    return next((f for f in FEES if f.kind == kind and f.applies(day, granted_years)), None)


def fee_text(kind: FeeKind, day: date, granted_years: float = 5) -> str:
    """The fee in words, with its rule, date and whether it is reported."""
    row = fee(kind, day, granted_years)
    if row is None:
        what = (_("the change to HSP (ii) (an indefinite period)") if kind == "hsp_ii_change"
                else _("a grant of {years:g} years").format(years=granted_years))
        return _("Fee for an application accepted on {day}: not found — no source read gives "
                 "the fee for {what} under the scale of {scale} (rule C4).").format(
            day=date_text(day), what=what, scale=date_text(FEES_2026))
    amount = yen(row.counter_jpy)
    if row.online_jpy is not None:
        amount = _("{counter} at the counter, {online} online").format(
            counter=amount, online=yen(row.online_jpy))
    elif kind == "permanent_residence":
        amount = _("{counter} at the counter only").format(counter=amount)
    period = (_(" for a grant of {years:g} years").format(years=granted_years)
              if row.granted_from_years else "")
    reported = _(", reported") if row.confidence != "H" else ""
    since = ("" if row.effective_from is None
             else _(", in force from {date}").format(date=date_text(row.effective_from)))
    return _("Fee for an application accepted on {day}: {amount}{period} (rule C4{since}"
             "{reported}).").format(day=date_text(day), amount=amount, period=period, since=since,
                                   reported=reported)
