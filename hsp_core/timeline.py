"""Look-back scores and the earliest PR filing date, from a dated profile [S10].

The PR guideline's points routes need a score now and on the same calendar day 1 or 3 years
before the application (29 February → 28 February) [S10]. Each date's plain profile comes from
`DatedProfile.on`, is scored by hsp_core.scoring and judged by hsp_core.residence.routes and
hsp_core.conditions, so the rules live in one place; this module only chooses the dates (among
them the days a dated rule starts or ends, hsp_core.dated_rules) and explains them.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, ValidationError

from hsp_core import conditions
from hsp_core.assess import assess
from hsp_core.conditions import blocks
from hsp_core.dated import DAY, HORIZON_YEARS, DatedProfile, Event, add_years, parse, turns
from hsp_core.dated_rules import C_GATE, LONGEST_STAY_5_YEARS, ROUTE_RULES
from hsp_core.eligibility import (
    HSP_II_YEARS,
    HSP_II_YEARS_J_SKIP,
    J_SKIP_EXPERIENCE_AB,
    J_SKIP_EXPERIENCE_C,
    hsp_ii,
    j_skip,
    pass_line,
)
from hsp_core.errors import FieldError, field_errors
from hsp_core.history import RuleChange, claimed_changes
from hsp_core.i18n import _, _n, language
from hsp_core.jsonapi import parse_json, request_lang
from hsp_core.profile import MAX_AGE, MIN_AGE, Profile, age_on
from hsp_core.residence import ROUTE_NAMES, Now, Past, holds, routes
from hsp_core.result import HSPII, Assessment, Condition, PRRoute, RouteName
from hsp_core.scoring import total
from hsp_core.table import CATEGORIES, ROWS, RULES_TITLE, RULES_VERSION, Category
from hsp_core.text import date_text

# How far back each PR route looks, and how long it needs of residence or status [S10].
ROUTE_YEARS: Final[dict[RouteName, int]] = {
    "80_points_1_year": 1,
    "70_points_3_years": 3,
    "j_skip_1_year": 1,
}
LOOK_BACKS: Final = tuple(sorted(set(ROUTE_YEARS.values())))
# The conditions a dated profile decides (rules C1 and C3); an earliest date's reason names
# those not known.
DATED_CONDITIONS: Final = frozenset({"period_of_stay", "business_manager_criteria"})
# Months from a PR application to the decision, for the birthday warning. ISA's standard
# processing period for PR is 4 months, but decisions commonly take a year or more; 12 is an
# assumption (no source gives a figure), configurable.
DECISION_MONTHS: Final = 12
MAX_DECISION_MONTHS: Final = 60


def table_note() -> str:
    """How past dates are scored, in the current language."""
    return _("Every date is scored with the current table ({title}) applied to your facts on "
             "that date, as the ISA form's '3年前' box does; which table ISA applies to past "
             "dates is not settled by any official text. Warnings flag items that did not exist "
             "or were narrower on a look-back date. On a look-back date (b) and (c) also need "
             "pay of ¥3,000,000 or more, as on the application date: no official text settles "
             "this either, and it is the reading that never says you may file too early."
             ).format(title=_(RULES_TITLE))


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class DateScore(_Out):
    label: str
    years_before: int  # 0 on the application date, else the look-back (the label's code)
    date: date
    age: int
    totals: dict[Category, int]
    passes: dict[Category, bool]  # 70 points and the salary floor [S1]
    j_skip: dict[Category, bool]


class CategoryRoutes(_Out):
    category: Category
    holds: bool  # a route holds and no condition is missing
    routes: list[PRRoute]
    conditions: list[Condition]


class Earliest(_Out):
    date: date | None
    category: Category | None
    route: RouteName | None
    reason: str
    look_back: list[DateScore]  # the scores on that date and 1 and 3 years before


class HSPIIDate(_Out):
    date: date | None
    reason: str


class Timeline(_Out):
    application_date: date
    category: Category | None
    rules_version: str
    table_note: str
    assumptions: list[str]
    look_back: list[DateScore]
    continuous_residence_years: float | None
    hsp_status_years: float
    j_skip_status_years: float
    permanent_residence: list[CategoryRoutes]
    earliest: Earliest
    hsp_ii: HSPIIDate
    warnings: list[str]


def _before(years: int) -> str:
    """The label of a look-back row."""
    return _n("{n} year before", "{n} years before", years).format(n=years)


def _joined(texts: list[str]) -> str:
    """Texts listed one after the other: "a; b" in English."""
    return _("; ").join(texts)


def looking_back_from(day: date, years: int) -> date:
    """The first application date whose look-back `years` earlier is on or after `day`.

    The look-back `add_years(d, -years)` never decreases as d grows, so every later date also
    looks back past `day`; only 29 February needs the extra day (it is looked back to from
    29 February alone).
    """
    d = add_years(day, years)
    return d if add_years(d, -years) >= day else d + DAY


def _now(p: Profile, c: Category) -> Now:
    points = total(p, c)
    return Now(points, pass_line(p, c, points).minimum_salary_met, j_skip(p, c).meets)


def now_on(dp: DatedProfile, day: date, c: Category) -> Now:
    """The points, the salary floor and J-Skip in `c` on `day`."""
    return dp.remember(("now", day, c), lambda: _now(dp.on(day, c), c))


def pr_profile(dp: DatedProfile, day: date, c: Category) -> tuple[Profile, Now, dict[int, Past]]:
    """The plain profile of a PR application on `day` in `c`, with the look-back points and the
    J-Skip check 1 year before filled in from the dated facts, its standing on `day`, and the
    look-back scores with the pay then (the salary floor applies on those dates too)."""
    now = dp.on(day, c)
    then = {n: add_years(day, -n) for n in LOOK_BACKS}
    past = {n: Past(now_on(dp, d, c).total, dp.on(d, c).annual_salary_jpy)
            for n, d in then.items()}
    p = Profile.model_validate(now.model_dump() | {
        "points_1_year_ago": past[1].total,
        "points_3_years_ago": past[3].total,
        "j_skip_1_year_ago": now_on(dp, then[1], c).j_skip,
    })
    return p, _now(p, c), past


def pr_standing(dp: DatedProfile, day: date, c: Category) -> tuple[list[PRRoute], list[Condition]]:
    """The routes in `c` for a filing on `day`, and the conditions the dated facts decide (the
    general requirements are not part of a dated profile)."""
    return dp.remember(("standing", day, c), lambda: _standing(dp, day, c))


def _standing(dp: DatedProfile, day: date, c: Category) -> tuple[list[PRRoute], list[Condition]]:
    p, now, past = pr_profile(dp, day, c)
    conds = [k for k in conditions.pr_conditions(p, day, c) if k.id in DATED_CONDITIONS]
    return routes(p, now, c, past), conds


def categories(dp: DatedProfile) -> list[Category]:
    return [dp.category] if dp.category else list(CATEGORIES)


def _age_limits() -> list[int]:
    # The birthdays that can change a score: the age rows and the salary columns [S1].
    return sorted({r.under_age for r in ROWS if r.under_age is not None})


def changes(dp: DatedProfile) -> list[Event]:
    """Every day a fact that can move a score or a route changes: the dated facts, the birthdays
    of the age bands, the days experience reaches a band (② and J-Skip), and the anniversaries
    of residence and status that the PR routes and HSP(ii) count."""
    return dp.remember("changes", lambda: _changes(dp))


def _changes(dp: DatedProfile) -> list[Event]:
    out = dp.events()
    for age in _age_limits():
        day = turns(dp.birth_date, age)
        out.append(Event(("birth_date",), day, day, _("your {age}th birthday ({date})").format(
            age=age, date=date_text(day))))
    bands = {r.at_least for r in ROWS if r.measure == "experience" and r.at_least is not None}
    for years in sorted(bands | {J_SKIP_EXPERIENCE_AB, J_SKIP_EXPERIENCE_C}):
        reached = dp.experience_reaches(years)
        if reached is not None:
            out.append(Event(("experience",), reached, reached,
                             _("reaching {years} years of experience ({date})").format(
                                 years=years, date=date_text(reached))))
    # The days a dated rule that judges a filing starts or ends (route starts, C1, C3).
    for rule in (*ROUTE_RULES.values(), LONGEST_STAY_5_YEARS, C_GATE):
        if rule.effective_from is not None:
            day = rule.effective_from
            title = _(rule.title)
            # An English title runs on in lower case; a translated one stays as written.
            title = title.lower() if title == rule.title else title
            out.append(Event(("rules", rule.id), day, day,
                             _("rule {rule} ({title}) from {date}").format(
                                 rule=rule.id, title=title, date=date_text(day))))
    spans = {*LOOK_BACKS, HSP_II_YEARS, HSP_II_YEARS_J_SKIP}
    for field, since in (("residence_since", dp.residence_since), ("hsp_since", dp.hsp_since),
                         ("j_skip_since", dp.j_skip_since)):
        if since is None:
            continue
        for years in sorted(spans):
            day = add_years(since, years)
            out.append(Event((field,), day, day, _anniversary(field, years, day)))
    return out


def _anniversary(field: str, years: int, day: date) -> str:
    """The day `years` of residence or status are reached, in words."""
    when = date_text(day)
    if field == "residence_since":
        text = _n("{n} year of continuous residence ({date})",
                  "{n} years of continuous residence ({date})", years)
    elif field == "hsp_since":
        text = _n("{n} year of HSP(i) status ({date})", "{n} years of HSP(i) status ({date})",
                  years)
    else:
        text = _n("{n} year of J-Skip status ({date})", "{n} years of J-Skip status ({date})",
                  years)
    return text.format(n=years, date=when)


def _days(dp: DatedProfile, start: date, events: list[Event], looking_back: bool) -> list[date]:
    """The dates to check from `start` on.

    Why checking only these is exact: every input of a route (scores, the salary floor, J-Skip,
    years of residence and status) is a function of the facts on the application date d and on
    its look-back dates, and those facts change only on an event day of `changes` (the day after
    an ended period; a birthday of an age band; the day experience reaches a band or residence
    and status reach the whole years compared, since nothing else reads them). So the facts on
    the look-back date change only when it passes an event day e, i.e. on
    `looking_back_from(e, years)`. Scores are constant between two consecutive dates of this
    list, so the first qualifying date is on it; after the last one nothing changes at all.
    """
    last = turns(dp.birth_date, MAX_AGE + 1) - DAY  # a plain profile stops at age 100
    base = {e.day for e in events}
    lifted = {looking_back_from(d, n) for d in base for n in LOOK_BACKS} if looking_back else set()
    return sorted(d for d in {start} | base | lifted if start <= d <= last)


def _open(conds: list[Condition]) -> str:
    """The conditions a date's answer still rests on, in words."""
    unknown = [c.text for c in conds if c.status == "not_known"]
    return _(" Provided that: {conditions}").format(conditions=" ".join(unknown)) if unknown else ""


def _why(dp: DatedProfile, day: date, start: date, c: Category, route: PRRoute,
         conds: list[Condition], events: list[Event]) -> str:
    name = _(ROUTE_NAMES[route.route])
    met = _joined(route.met)
    if day == start:
        return _("On {date} the {route} route already holds in ({category}): {met}.{provided}"
                 ).format(date=date_text(day), route=name, category=c, met=met,
                          provided=_open(conds))
    routes_before, conds_before = pr_standing(dp, day - DAY, c)
    before = next(r for r in routes_before if r.route == route.route)
    needed = [m.rstrip(".。") for m in before.missing
              + [k.text for k in conds_before if k.status == "missing"]]
    years = ROUTE_YEARS[route.route]
    what = [e.text for e in events if e.day == day]
    what += [_n("{n} year has passed since {event}", "{n} years have passed since {event}",
                years).format(n=years, event=e.text)
             for e in events if looking_back_from(e.day, years) == day]
    # Not empty: the route's inputs change only on an event day or a look-back of one (_days).
    return _("From {date} the {route} route holds in ({category}): {met}. The day before it "
             "still needed: {needed}. What changes on {date}: {changes}.{provided}").format(
        date=date_text(day), route=name, category=c, met=met, needed=_joined(needed),
        changes=_joined(what), provided=_open(conds))


def _never(dp: DatedProfile, days: list[date], cats: list[Category], events: list[Event]) -> str:
    totals = {c: [now_on(dp, d, c).total for d in days] for c in cats}
    c = max(cats, key=lambda k: max(totals[k]))  # explain the category that comes closest
    falls = [_("from {before} to {after} with {events}").format(
        before=a, after=b, events=_(" and ").join(e.text for e in events if e.day == d))
             for d, a, b in zip(days[1:], totals[c][:-1], totals[c][1:], strict=True) if b < a]
    last = days[-1]
    found, conds = pr_standing(dp, last, c)
    needs = [_("{route}: needs {missing}").format(route=_(ROUTE_NAMES[r.route]),
                                                  missing=_joined(r.missing))
             for r in found if r.missing]
    needs += [k.text for k in conds if k.status == "missing"]
    return (_("No PR route holds on any date from {first} to {last}, and none of your facts "
              "changes after {last}. In ({category}) your highest score is {points}").format(
                first=date_text(days[0]), last=date_text(last), category=c,
                points=max(totals[c]))
            + (_("; it falls {falls}").format(falls=_(", and ").join(falls)) if falls else "")
            + _(". From {last} on: {needs}.").format(last=date_text(last),
                                                      needs=" | ".join(needs)))


def earliest(dp: DatedProfile, start: date) -> Earliest:
    """The first date from `start` on when a PR application meets a route, and why."""
    events = changes(dp)
    days = _days(dp, start, events, looking_back=True)
    cats = categories(dp)
    for day in days:
        for c in cats:
            found, conds = pr_standing(dp, day, c)
            held = [r for r in found if r.holds]
            if held and not blocks(conds):
                return Earliest(date=day, category=c, route=held[0].route,
                                reason=_why(dp, day, start, c, held[0], conds, events),
                                look_back=look_back(dp, day))
    return Earliest(date=None, category=None, route=None,
                    reason=_never(dp, days, cats, events), look_back=[])


def _hsp_ii_on(dp: DatedProfile, day: date) -> HSPII:
    # HSP(i) is met on points (70 and the floor) or through J-Skip [S5 Art.1], as in assess().
    now = {c: now_on(dp, day, c) for c in CATEGORIES}
    qualifies = {c: now[c].qualifies_on_points or now[c].j_skip for c in CATEGORIES}
    return hsp_ii(dp.on(day), qualifies, any(now[c].j_skip for c in categories(dp)))


def hsp_ii_from(dp: DatedProfile, start: date) -> HSPIIDate:
    """The first date from `start` on with 3 years in HSP(i), or 1 as J-Skip, while still meeting
    HSP(i) [S5 Art.2], and in (i)(c) the Business Manager criteria (rule C3)."""
    if dp.hsp_since is None and dp.j_skip_since is None:
        return HSPIIDate(date=None, reason=_("You have no HSP(i) status: give hsp_since (or "
                                             "j_skip_since)."))
    days = _days(dp, start, changes(dp), looking_back=False)
    for day in days:
        result = _hsp_ii_on(dp, day)
        if result.eligible:
            reason = _("On {date}: {met}.") if day == start else _("From {date}: {met}.")
            return HSPIIDate(date=day, reason=reason.format(date=date_text(day),
                                                            met=_joined(result.met)))
    return HSPIIDate(date=None, reason=_("Not reached with your facts up to {date}: needs "
                                         "{missing}.").format(
        date=date_text(days[-1]), missing=_joined(_hsp_ii_on(dp, days[-1]).missing)))


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _birthday_warnings(dp: DatedProfile, day: date, months: int, prefix: str = "") -> list[str]:
    """Birthdays between the application and the expected decision that would cost points if the
    age were taken at the decision: the form uses the application date [S1], the ordinance the
    time of permission [S5 Art.1(1)]."""
    out = []
    for age in _age_limits():
        birthday = turns(dp.birth_date, age)
        if not day < birthday <= _add_months(day, months):
            continue
        drops = []
        for c in categories(dp):
            p = dp.on(day, c)
            older = Profile.model_validate(p.model_dump() | {"reference_date": birthday})
            if total(older, c) < total(p, c):
                drops.append(f"({c}) {total(p, c)} → {total(older, c)}")
        if drops:
            out.append(prefix + _("You turn {age} on {date}, within the {months} months "
                                  "assumed for a decision: if your age were taken then, {drops} "
                                  "points (age and salary bands). The ISA form takes the age at "
                                  "the application [S1]; the ordinance speaks of the time of "
                                  "permission [S5].").format(
                age=age, date=date_text(birthday), months=months, drops=_(", ").join(drops)))
    return out


def _history_warnings(dp: DatedProfile, rows: list[DateScore], prefix: str = "") -> list[str]:
    out = []
    for row in rows:
        found: dict[RuleChange, list[str]] = {}
        for c in categories(dp):
            for change in claimed_changes(dp.on(row.date, c), c, row.date,
                                          j_skip=row.j_skip[c]):
                found.setdefault(change, []).append(f"({c})")
        for change, cats in found.items():
            note = _(" ({note})").format(note=_(change.day_note)) if change.day_note else ""
            out.append(prefix + _("{label} ({date}), {categories}: before {day}{note} {before} "
                                  "[{sources}]; the score uses the current table.").format(
                label=row.label, date=date_text(row.date), categories=_(", ").join(cats),
                day=date_text(change.day), note=note,
                before=_(change.before) if change.before else "",
                sources=change.source))
    return out


def _row(dp: DatedProfile, label: str, years: int, day: date) -> DateScore:
    now = {c: now_on(dp, day, c) for c in CATEGORIES}
    return DateScore(label=label, years_before=years, date=day, age=age_on(dp.birth_date, day),
                     totals={c: n.total for c, n in now.items()},
                     passes={c: n.qualifies_on_points for c, n in now.items()},
                     j_skip={c: n.j_skip for c, n in now.items()})


def look_back(dp: DatedProfile, day: date) -> list[DateScore]:
    """The scores in every category on `day` and on its look-back dates."""
    return [_row(dp, _("Application"), 0, day),
            *(_row(dp, _before(n), n, add_years(day, -n)) for n in LOOK_BACKS)]


def timeline(dp: DatedProfile, application_date: date, *,
             decision_months: int = DECISION_MONTHS) -> Timeline:
    """The look-back table, the PR routes on `application_date`, the earliest filing date from
    then on, the HSP(ii) date and the warnings. Check the date first with `date_problem`."""
    rows = look_back(dp, application_date)
    first = earliest(dp, application_date)
    warnings = (_birthday_warnings(dp, application_date, decision_months)
                + _history_warnings(dp, rows))
    if first.date is not None and first.date != application_date:
        prefix = _("Earliest date {date}: ").format(date=date_text(first.date))
        warnings += _birthday_warnings(dp, first.date, decision_months, prefix)
        warnings += _history_warnings(dp, first.look_back, prefix)
    today = dp.on(application_date)
    return Timeline(
        application_date=application_date,
        category=dp.category,
        rules_version=RULES_VERSION,
        table_note=table_note(),
        assumptions=[
            _("Each fact holds from its date until a later entry replaces it: your last salary "
              "and employer entries are assumed to go on."),
            _("Look-back dates are the same calendar day 1 and 3 years earlier (29 February → 28 "
              "February) [S10]."),
            _("A decision is assumed to come within {months} months of the application (for the "
              "birthday warning).").format(months=decision_months),
        ],
        look_back=rows,
        continuous_residence_years=today.continuous_residence_years,
        hsp_status_years=today.hsp_status_years,
        j_skip_status_years=today.j_skip_status_years,
        permanent_residence=[
            CategoryRoutes(category=c, holds=holds(rs, conds), routes=rs, conditions=conds)
            for c in categories(dp)
            for rs, conds in [pr_standing(dp, application_date, c)]
        ],
        earliest=first,
        hsp_ii=hsp_ii_from(dp, application_date),
        warnings=warnings,
    )


def date_problem(dp: DatedProfile, day: date, today: date) -> str | None:
    """Why `day` cannot be an application date for this person, or None."""
    first = looking_back_from(turns(dp.birth_date, MIN_AGE), max(LOOK_BACKS))
    horizon = add_years(today, HORIZON_YEARS)
    if day < first:
        return _("{date} is too early: the {years}-year look-back needs age {age} or more; the "
                 "first possible date is {first}").format(
            date=date_text(day), years=max(LOOK_BACKS), age=MIN_AGE, first=date_text(first))
    if age_on(dp.birth_date, day) > MAX_AGE:
        return _("{date} gives age {age}; at most {most}").format(
            date=date_text(day), age=age_on(dp.birth_date, day), most=MAX_AGE)
    if day > horizon:
        return _("{date} is more than {years} years ahead (after {horizon})").format(
            date=date_text(day), years=HORIZON_YEARS, horizon=date_text(horizon))
    return None


def assessment_on(dp: DatedProfile, day: date) -> Assessment:
    """The full assessment of the plain profile on `day` (see `DatedProfile.on`)."""
    return assess(dp.on(day))


# --- JSON in, JSON out: for the CLI and the browser ----------------------------------------


class TimelineOutcome(BaseModel):
    ok: bool
    result: Timeline | None = None
    errors: list[FieldError] = []


def _fail(field: str, message: str) -> TimelineOutcome:
    return TimelineOutcome(ok=False, errors=[FieldError(field=field, message=message)])


def load(data: Any, today: date | None = None) -> tuple[DatedProfile | None, list[FieldError]]:
    """Parsed JSON → a dated profile, or the errors naming each bad field."""
    if not isinstance(data, dict):
        return None, [FieldError(field="", message=_("must be a JSON object with the dated "
                                                   "profile fields"))]
    try:
        return parse(data, today), []
    except ValidationError as e:
        return None, field_errors(e, DatedProfile)


def timeline_data(data: Any, application_date: date | None = None, *, today: date | None = None,
                  decision_months: int = DECISION_MONTHS) -> TimelineOutcome:
    """A dated profile as parsed JSON → the timeline, or errors naming each bad field."""
    today = today or date.today()
    if not 0 <= decision_months <= MAX_DECISION_MONTHS:
        return _fail("decision_months", _("must be 0 to {most}").format(
            most=MAX_DECISION_MONTHS))
    dp, errors = load(data, today)
    if dp is None:
        return TimelineOutcome(ok=False, errors=errors)
    day = application_date or today
    problem = date_problem(dp, day, today)
    if problem is not None:
        return _fail("application_date", problem)
    return TimelineOutcome(ok=True, result=timeline(dp, day, decision_months=decision_months))


def timeline_json(text: str, application_date: str | None = None,
                  decision_months: int = DECISION_MONTHS, lang: str | None = None) -> str:
    """JSON text of a dated profile → {"ok": true, "result": …} or {"ok": false, "errors": […]}.

    `application_date` is YYYY-MM-DD (default: today). Texts in `lang`, else the request's
    "lang" key, else English."""
    with language(request_lang(None, lang)):  # a text that is not JSON has no "lang" key
        data, error = parse_json(text)
    with language(request_lang(data, lang)):
        return _timeline_json(data, error, application_date, decision_months)


def _timeline_json(data: Any, error: FieldError | None, application_date: str | None,
                   decision_months: int) -> str:
    if error is not None:
        outcome = TimelineOutcome(ok=False, errors=[error])
    else:
        try:
            day = date.fromisoformat(application_date) if application_date else None
        except ValueError:
            outcome = _fail("application_date", _("'{value}' is not a date (YYYY-MM-DD)").format(
                value=application_date))
        else:
            outcome = timeline_data(data, day, decision_months=decision_months)
    return outcome.model_dump_json()


def schema() -> dict[str, Any]:
    return DatedProfile.model_json_schema()
