"""The whole assessment of one profile: scores, pass line, J-Skip, PR, HSP(ii), benefits, tips."""

from __future__ import annotations

from hsp_core.benefits import benefits
from hsp_core.dated_rules import C_GATE
from hsp_core.eligibility import hsp_ii, j_skip, pass_line
from hsp_core.evidence import evidence_plan
from hsp_core.i18n import _, _n
from hsp_core.profile import Profile
from hsp_core.residence import Now, holds, permanent_residence, standing
from hsp_core.result import Assessment, CategoryResult, JSkipResult
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
from hsp_core.text import date_text


def _category(p: Profile, c: Category) -> CategoryResult:
    s = score(p, c)
    line = pass_line(p, c, s.total)
    return CategoryResult(
        category=c,
        name=_(CATEGORY_NAMES[c]),
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


def _names(cs: list[Category]) -> str:
    names = [f"({c})" for c in cs]
    if len(names) == 1:
        return names[0]
    return _("{some} and {last}").format(some=_(", ").join(names[:-1]), last=names[-1])


def category_used(p: Profile, cats: dict[Category, CategoryResult],
                  skip: dict[Category, JSkipResult], now: dict[Category, Now]
                  ) -> tuple[Category, str]:
    """The category the PR and HSP (ii) checks use, and why, in words for the person.

    The person's own choice; else one where J-Skip is met, then one that qualifies on points,
    then one where PR can be filed, then the most points; on a tie, the first in table order.
    """
    if p.category:
        return p.category, _("You chose {name}.").format(name=_(CATEGORY_NAMES[p.category]))
    pr = {c: standing(p, now[c], c) for c in CATEGORIES}
    qualifies = {c: cats[c].eligible or skip[c].meets for c in CATEGORIES}
    def rank(c: Category) -> tuple[bool, bool, bool, int]:
        return skip[c].meets, qualifies[c], holds(*pr[c]), cats[c].total

    used = max(CATEGORIES, key=lambda c: (*rank(c), -CATEGORIES.index(c)))
    name, points = _(CATEGORY_NAMES[used]), cats[used].total
    tied = [c for c in CATEGORIES if rank(c) == rank(used)]
    best = (_("{names} tie at {points} points, and ({used}) comes first").format(
        names=_names(tied), points=points, used=used) if len(tied) > 1
            else _("it gives the most points ({points} points)").format(points=points))
    met = [c for c in CATEGORIES if skip[c].meets]
    ok = [c for c in CATEGORIES if qualifies[c]]
    if met:
        why = (_("you meet J-Skip in it") if met == [used]
               else _("you meet J-Skip in {names}").format(names=_names(met)))
    elif len(ok) == 1:
        why = _("it is the only category you qualify in ({points} points)").format(points=points)
    elif ok:
        why = _("you qualify in {names}").format(names=_names(ok))
    else:
        why = _("you qualify in none")
    if len(met) != 1 and len(ok) != 1:
        why = _("{why}; {best}").format(why=why, best=best)
    return used, _("You did not choose a category, so permanent residence and HSP (ii) are "
                   "judged in {name}: {why}. Choose what you will do in Japan to be judged in "
                   "your own category.").format(name=name, why=why)


def _experience_note(p: Profile) -> str | None:
    """One experience figure is read three ways when no category is chosen [S1 ②]."""
    if p.category or not p.experience_years:
        return None
    return _n("Your {years:g} year of experience is counted as research, research guidance or "
              "teaching in (a), as experience in the intended work in (b), and as business "
              "management in (c). Only experience in the work you will do in Japan counts: "
              "choose your category to see the points that apply to you.",
              "Your {years:g} years of experience are counted as research, research guidance or "
              "teaching in (a), as experience in the intended work in (b), and as business "
              "management in (c). Only experience in the work you will do in Japan counts: "
              "choose your category to see the points that apply to you.",
              1 if p.experience_years == 1 else 2).format(years=p.experience_years)


def _warnings(p: Profile, cats: dict[Category, CategoryResult]) -> list[str]:
    """Where the score rests on a reading no primary source settles [S1]."""
    warnings = []
    if p.on_date.isoformat() < RULES_VERSION:
        warnings.append(_("The application date {date} is before the {version} form; it was "
                          "scored with the current table.").format(
            date=date_text(p.on_date), version=RULES_VERSION))
    if p.employer_innovation_support and p.employer_local_support:
        warnings.append(_("⑨ and ⑪ are counted together: they are separate boxes on the form, "
                          "but no ISA text confirms that they stack."))
    if p.employer_innovation_support and p.employer_is_sme and p.employer_rnd_over_3pct:
        warnings.append(_("⑩ and ⑫ are counted together: they are separate items, but no ISA "
                          "text confirms that they stack."))
    gate = C_GATE
    if cats["c"].eligible and p.category in (None, "c") and gate.applies(p.on_date):
        warnings.append(_("(c) and the Business Manager reform (rule {rule}, from {date}, "
                          "reported): while a business does not meet the new Business Manager "
                          "criteria, the ISA grants no change from Business Manager to (i)(c), "
                          "no permanent residence and no change to HSP (ii) on a (c) activity "
                          "that rests on business management. A law or accounting practice is "
                          "not affected.").format(rule=gate.id,
                                                 date=date_text(gate.effective_from)))
    return warnings


def assess(p: Profile) -> Assessment:
    cats = {c: _category(p, c) for c in CATEGORIES}
    skip = {c: j_skip(p, c) for c in CATEGORIES}
    # HSP(i) is met on points (70 and the floor) or, without points, through J-Skip [S5 Art.1].
    qualifies = {c: cats[c].eligible or skip[c].meets for c in CATEGORIES}
    mine = [p.category] if p.category else list(CATEGORIES)
    holds_hsp = any(qualifies[c] for c in mine)
    j_skip_now = any(skip[c].meets for c in mine)
    now = {c: Now(cats[c].total, cats[c].minimum_salary_met, skip[c].meets) for c in CATEGORIES}
    used, reason = category_used(p, cats, skip, now)
    return Assessment(
        rules_version=RULES_VERSION,
        reference_date=p.on_date,
        age=p.current_age,
        category_chosen=p.category,
        category_used=used,
        category_reason=reason,
        experience_note=_experience_note(p),
        categories=cats,
        j_skip={c: skip[c].meets for c in CATEGORIES},
        j_skip_detail=skip,
        permanent_residence=permanent_residence(p, now, used),
        hsp_ii=hsp_ii(p, qualifies, skip[used].meets, used),
        benefits=benefits(p, holds_hsp, j_skip_now),
        warnings=_warnings(p, cats),
        evidence=evidence_plan(p, used, cats[used].items,
                               cats[used].minimum_salary_jpy is not None),
    )
