"""For the calculator page: the points over time (the total in each category on every date in a
window where a fact changes) and the first date of each PR route, both from `DatedProfile.on`,
hsp_core.scoring and the timeline's own route checks, so no rule is repeated here.

Totals are constant between two change dates (the events of `timeline.changes`: dated facts,
age-band birthdays, experience bands), so a step chart through these points is exact.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from pydantic import BaseModel, ConfigDict

from hsp_core.dated import DAY, DatedProfile, add_years, turns
from hsp_core.errors import FieldError
from hsp_core.jsonapi import parse_json
from hsp_core.profile import MAX_AGE, MIN_AGE
from hsp_core.result import RouteName
from hsp_core.scoring import total
from hsp_core.table import CATEGORIES, Category
from hsp_core.timeline import Timeline, _days, categories, changes, load, pr_routes, timeline_data

YEARS_BACK: Final = 3
YEARS_AHEAD: Final = 5


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class SeriesPoint(_Out):
    date: date
    totals: dict[Category, int]
    events: list[str]  # what changes on this date (empty on the window's first day)


class Series(_Out):
    start: date
    end: date
    points: list[SeriesPoint]


def series(dp: DatedProfile, around: date, *, back: int = YEARS_BACK,
           ahead: int = YEARS_AHEAD) -> Series:
    """Totals in every category from `back` years before `around` to `ahead` years after, on the
    window's first day and on each day a fact changes, kept to the ages a profile can have."""
    start = max(add_years(around, -back), turns(dp.birth_date, MIN_AGE))
    end = min(add_years(around, ahead), turns(dp.birth_date, MAX_AGE + 1) - DAY)
    texts: dict[date, list[str]] = {}
    for e in changes(dp):
        if start < e.day <= end:
            texts.setdefault(e.day, []).append(e.text)
    points: list[SeriesPoint] = []
    for day in [start, *sorted(texts)]:
        totals = {c: total(dp.on(day, c), c) for c in CATEGORIES}
        points.append(SeriesPoint(date=day, totals=totals, events=texts.get(day, [])))
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
            now = pr_routes(dp, day, c)
            for r in now:
                if r.holds and r.route not in found:
                    found[r.route] = RouteDate(category=c, route=r.route, date=day,
                                               missing=before.get(r.route, []))
            before = {r.route: r.missing for r in now}
        for r in now:
            out.append(found.get(r.route) or RouteDate(category=c, route=r.route, date=None,
                                                       missing=r.missing))
    return out


class PageOutcome(_Out):
    ok: bool
    result: Timeline | None = None
    series: Series | None = None
    routes: list[RouteDate] = []
    errors: list[FieldError] = []


def page_json(text: str, application_date: str | None = None) -> str:
    """The calculator's one call: `timeline.timeline_json`'s answer plus the series around the
    application date (default today), or the same field errors."""
    data, error = parse_json(text)
    if error is not None:
        return PageOutcome(ok=False, errors=[error]).model_dump_json()
    try:
        day = date.fromisoformat(application_date) if application_date else None
    except ValueError:
        return PageOutcome(ok=False, errors=[FieldError(
            field="application_date", message=f"'{application_date}' is not a date "
            "(YYYY-MM-DD)")]).model_dump_json()
    today = date.today()
    outcome = timeline_data(data, day, today=today)
    if outcome.result is None:
        return PageOutcome(ok=False, errors=outcome.errors).model_dump_json()
    dp, _ = load(data, today)
    assert dp is not None  # timeline_data has just loaded the same data
    day = outcome.result.application_date
    return PageOutcome(ok=True, result=outcome.result, series=series(dp, day),
                       routes=route_dates(dp, day)).model_dump_json()
