"""The requirements besides the points, as conditions: met, missing, or not known.

Each condition comes from the profile's answers and, where a dated rule decides it, from the
rule in force on the filing date (hsp_core.dated_rules), which it names with its date. A question
left unanswered is "not known": never "met".
"""

from __future__ import annotations

from datetime import date

from hsp_core import dated_rules as dr
from hsp_core.i18n import N_, _
from hsp_core.profile import Answer, Profile
from hsp_core.result import Condition, ConditionStatus, Fee
from hsp_core.table import Category
from hsp_core.text import date_text, years


def _status(answer: Answer | None) -> ConditionStatus:
    return "not_known" if answer is None else "met" if answer is Answer.yes else "missing"


def _sources(rule: dr.DatedRule, *more: str) -> str:
    return "; ".join((*more, *rule.sources))


def in_hsp_status(p: Profile) -> bool:
    """Whether the profile describes someone in HSP (i) status now (time in it counts)."""
    return p.hsp_status_years > 0 or p.j_skip_status_years > 0


def period_of_stay(p: Profile, day: date) -> Condition:
    """Requirement ウ: the longest period of stay of the status, as judged on `day` (rule C1)."""
    rule = dr.longest_stay_rule(day)
    needed = dr.longest_stay_years(day)
    when = (_("from {date} the true maximum of your status ({years} years) is needed")
            if rule is dr.LONGEST_STAY_5_YEARS
            else _("until {date} a {years}-year period counts as the longest")).format(
        date=date_text(rule.effective_from if rule is dr.LONGEST_STAY_5_YEARS
                   else rule.effective_until),
        years=needed)
    given = p.period_of_stay_years
    status: ConditionStatus
    if given is None and in_hsp_status(p):
        status, text = "met", _("Period of stay: HSP (i) is always granted 5 years, the "
                                "longest there is ({when}; rule C1).").format(when=when)
    elif given is None:
        status, text = "not_known", _("Period of stay: give the period on your residence card. "
                                      "It must be the longest your status allows: {when} (rule "
                                      "C1).").format(when=when)
    elif given >= needed:
        status, text = "met", _("Period of stay: {years} on your card; {when} (rule C1).").format(
            years=years(given), when=when)
    else:
        status, text = "missing", _("Period of stay: {years} on your card is not the longest; "
                                    "{when} (rule C1). A {needed}-year card first, or a change "
                                    "to HSP (i), would meet it.").format(
            years=years(given), when=when, needed=needed)
    return Condition(id="period_of_stay", status=status, text=text, rule=rule.id,
                     rule_from=rule.effective_from, source=_sources(rule))


def business_gate(p: Profile, day: date, what: str) -> Condition | None:
    """Rule C3 for an (i)(c) applicant on `day`: no PR and no HSP (ii) while a business-based
    (c) activity does not meet the Business Manager criteria of 2025-10-16. None before then."""
    rule = dr.C_GATE
    if not rule.applies(day):
        return None
    status: ConditionStatus
    if p.c_activity_is_law_or_accounting is Answer.yes:
        status, text = "met", _("(c) and the Business Manager reform (rule C3, from {date}, "
                                "reported): your (c) activity is a law or accounting practice, "
                                "which the reform does not affect.").format(
            date=date_text(rule.effective_from))
    else:
        status = _status(p.business_meets_new_criteria)
        text = {"met": _("(c) and the Business Manager reform (rule C3, from {date}, reported): "
                         "{what} needs a business that meets the new Business Manager criteria: "
                         "you say it does."),
                "missing": _("(c) and the Business Manager reform (rule C3, from {date}, "
                             "reported): {what} needs a business that meets the new Business "
                             "Manager criteria: you say it does not, so the ISA grants none "
                             "until it does."),
                "not_known": _("(c) and the Business Manager reform (rule C3, from {date}, "
                               "reported): {what} needs a business that meets the new Business "
                               "Manager criteria (capital ¥30M, a qualifying full-time employee, "
                               "Japanese at about N2, experience or a degree, a checked plan, an "
                               "office not at home): not answered yet.")}[status].format(
            date=date_text(rule.effective_from), what=what)
    return Condition(id="business_manager_criteria", status=status, text=text, rule=rule.id,
                     rule_from=rule.effective_from, source=_sources(rule))


# (field, what it asks, whether rule C2 makes it matter after PR too)
_GENERAL: tuple[tuple[str, str, bool], ...] = (
    ("good_conduct", N_("Good conduct (fines and repeated traffic offences count)"), False),
    ("independent_livelihood", N_("An independent livelihood"), False),
    ("taxes_paid_on_time", N_("Taxes paid in full and on time"), True),
    ("pension_and_health_insurance_paid_on_time",
     N_("Pension and health insurance paid in full and on time"), True),
)
_SAID = {"met": N_("you say so"), "missing": N_("you say not"),
         "not_known": N_("not answered yet")}


def general(p: Profile, day: date) -> list[Condition]:
    """The PR guideline's general requirements that still apply on every HSP route [S10]."""
    out = []
    revocation = dr.PR_REVOCATION_RULE
    for field, title, after_pr in _GENERAL:
        status = _status(getattr(p, field))
        text = _("{title}: {said}.").format(title=_(title), said=_(_SAID[status]))
        if after_pr:
            text += _(" After PR too: from {date} wilful non-payment can lead to PR being revoked "
                      "(rule C2, reported).").format(
                date=date_text(revocation.effective_from))
        out.append(Condition(id=field, status=status, text=text,
                             rule=revocation.id if after_pr else None,
                             rule_from=revocation.effective_from if after_pr else None,
                             source=_sources(revocation, "S10") if after_pr else "S10"))
    out.append(period_of_stay(p, day))
    return out


def pr_conditions(p: Profile, day: date, category: Category | None) -> list[Condition]:
    gate = business_gate(p, day, _("permanent residence")) if category == "c" else None
    return [*general(p, day), *([gate] if gate else [])]


def fee(kind: dr.FeeKind, day: date, granted_years: float = 5) -> Fee:
    row = dr.fee(kind, day, granted_years)
    return Fee(kind=kind, accepted_on=day,
               counter_jpy=None if row is None else row.counter_jpy,
               online_jpy=None if row is None else row.online_jpy,
               reported=row is None or row.confidence != "H",
               text=dr.fee_text(kind, day, granted_years), rule=dr.FEE_RULE.id,
               rule_from=dr.FEES_2026 if row is None else row.effective_from,
               source="; ".join(dr.FEE_RULE.sources if row is None else row.sources))


def blocks(conditions: list[Condition]) -> bool:
    return any(c.status == "missing" for c in conditions)
