"""For the calculator page: the points over time (the total in each category on every date in a
window where a fact changes) and the first date of each PR route, both from `DatedProfile.on`,
hsp_core.scoring and the timeline's own route checks, so no rule is repeated here.

Totals are constant between two change dates (the events of `timeline.changes`: dated facts,
age-band birthdays, experience bands), so a step chart through these points is exact.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from pydantic import BaseModel, ConfigDict

from hsp_core.conditions import blocks
from hsp_core.dated import DAY, DatedProfile, Event, Remembering, add_years, turns
from hsp_core.errors import FieldError
from hsp_core.i18n import _, language
from hsp_core.jsonapi import parse_json, request_lang
from hsp_core.profile import MAX_AGE, MIN_AGE, age_on
from hsp_core.result import RouteName
from hsp_core.scoring import score
from hsp_core.table import CATEGORIES, MEASURE_NAMES, Category, Measure, rows_for
from hsp_core.timeline import (
    Timeline,
    _days,
    categories,
    changes,
    date_problem,
    load,
    now_on,
    pr_standing,
    timeline,
)

YEARS_BACK: Final = 3
YEARS_AHEAD: Final = 5


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class SeriesPoint(_Out):
    date: date
    totals: dict[Category, int]  # in the profile's category, or all three without one
    events: list[str]  # what changes on this date (empty on the window's first day)
    # The fact each event comes from, in the same order, as a code: the dated profile's field
    # ("birth_date" for a birthday of an age band, "salary", …) or "rules" for a dated rule.
    event_fields: list[str]


class Series(_Out):
    start: date
    end: date
    points: list[SeriesPoint]


def series(dp: DatedProfile, around: date, *, back: int = YEARS_BACK,
           ahead: int = YEARS_AHEAD) -> Series:
    """Totals in the profile's category (all three without one) from `back` years before
    `around` to `ahead` years after, on the window's first day and on each day a fact changes,
    kept to the ages a profile can have."""
    start = max(add_years(around, -back), turns(dp.birth_date, MIN_AGE))
    end = min(add_years(around, ahead), turns(dp.birth_date, MAX_AGE + 1) - DAY)
    found: dict[date, list[Event]] = {}
    for e in changes(dp):
        if start < e.day <= end:
            found.setdefault(e.day, []).append(e)
    points: list[SeriesPoint] = []
    for day in [start, *sorted(found)]:
        totals = {c: now_on(dp, day, c).total for c in categories(dp)}
        events = found.get(day, [])
        points.append(SeriesPoint(date=day, totals=totals, events=[e.text for e in events],
                                  event_fields=[str(e.loc[0]) for e in events]))
    return Series(start=start, end=end, points=points)


class RouteDate(_Out):
    category: Category
    route: RouteName
    date: date | None  # the first application date from the start on when the route holds
    missing: list[str]  # what it lacks the day before that date, or on the last date checked


def route_dates(dp: DatedProfile, start: date) -> list[RouteDate]:
    """For each category of the profile and each PR route, the first date from `start` on when it
    holds: the dates checked are those of `timeline.earliest`, which are exact for every route."""
    days = _days(dp, start, changes(dp), looking_back=True)
    out = []
    for c in categories(dp):
        found: dict[RouteName, RouteDate] = {}
        before: dict[RouteName, list[str]] = {}
        for day in days:
            # As timeline.earliest: a route counts only where no dated condition (C1, C3) misses.
            now, conds = pr_standing(dp, day, c)
            lacking = [k.text for k in conds if k.status == "missing"]
            for r in now:
                if r.holds and not blocks(conds) and r.route not in found:
                    found[r.route] = RouteDate(category=c, route=r.route, date=day,
                                               missing=before.get(r.route, []))
            before = {r.route: r.missing + lacking for r in now}
            if len(found) == len(now):
                break  # every route has its date: the later dates cannot change one
        for r in now:
            out.append(found.get(r.route) or RouteDate(category=c, route=r.route, date=None,
                                                       missing=before[r.route]))
    return out


class SheetRow(_Out):
    item: str
    measure: Measure
    name: str
    points: list[int]  # on each date of the sheet


class Sheet(_Out):
    """The look-back points sheet: each item of the category's form, in its order, on the filing
    date and 1 and 3 years before."""

    category: Category
    dates: list[date]
    ages: list[int]
    rows: list[SheetRow]
    totals: list[int]


def sheet(dp: DatedProfile, day: date, c: Category) -> Sheet:
    dates = [day, *(add_years(day, -n) for n in (1, 3))]
    scored = [{(i.item, i.measure): i.points for i in score(dp.on(d, c), c).items}
              for d in dates]
    keys = list(dict.fromkeys((r.item, r.measure) for r in rows_for(c)))
    return Sheet(category=c, dates=dates, ages=[age_on(dp.birth_date, d) for d in dates],
                 rows=[SheetRow(item=item, measure=m, name=_(MEASURE_NAMES[m]),
                                points=[s.get((item, m), 0) for s in scored])
                       for item, m in keys],
                 totals=[sum(s.values()) for s in scored])


class PageOutcome(_Out):
    ok: bool
    result: Timeline | None = None
    series: Series | None = None
    routes: list[RouteDate] = []
    sheet: Sheet | None = None
    errors: list[FieldError] = []


def page_json(text: str, application_date: str | None = None, lang: str | None = None) -> str:
    """The calculator's one call: the timeline (as `timeline.timeline_json` gives it), the
    series around the application date (default today), the route dates and the sheet; or the
    same field errors. Texts in `lang`, else the request's "lang" key, else English."""
    with language(request_lang(None, lang)):  # a text that is not JSON has no "lang" key
        data, error = parse_json(text)
    with language(request_lang(data, lang)):
        return _page_json(data, error, application_date)


def _page_json(data: Any, error: FieldError | None, application_date: str | None) -> str:
    if error is not None:
        return _failed([error])
    try:
        day = date.fromisoformat(application_date) if application_date else None
    except ValueError:
        return _failed([FieldError(field="application_date", message=_(
            "'{value}' is not a date (YYYY-MM-DD)").format(value=application_date))])
    # timeline.timeline_data's checks, on a profile that remembers its dates.
    today = date.today()
    loaded, errors = load(data, today)
    if loaded is None:
        return _failed(errors)
    day = day or today
    problem = date_problem(loaded, day, today)
    if problem is not None:
        return _failed([FieldError(field="application_date", message=problem)])
    dp = Remembering.of(loaded)
    t = timeline(dp, day)
    # The sheet for the earliest filing date, else the date asked about; in the category chosen,
    # else the one that files first, else the highest now.
    filing = t.earliest.date or t.application_date
    now = t.look_back[0].totals
    best: Category = max(CATEGORIES, key=now.__getitem__)
    c = t.category or t.earliest.category or best
    return PageOutcome(ok=True, result=t, series=series(dp, day), routes=route_dates(dp, day),
                       sheet=sheet(dp, filing, c)).model_dump_json()


def _failed(errors: list[FieldError]) -> str:
    return PageOutcome(ok=False, errors=errors).model_dump_json()
