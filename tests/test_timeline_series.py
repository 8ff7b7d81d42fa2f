"""The calculator's points series and per-route dates (hsp_core.timeline_series): the same totals
and dates as the timeline and the scorer, on the golden timeline cases."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from hsp_core.conditions import blocks
from hsp_core.dated import add_years, parse
from hsp_core.scoring import total
from hsp_core.timeline import categories, earliest, pr_standing, timeline_json
from hsp_core.timeline_series import RouteDate, page_json, route_dates, series

GOLDEN = sorted((Path(__file__).parent / "golden" / "timeline").glob("*.json"))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_series_is_a_step_function_of_the_scores(path: Path) -> None:
    case = json.loads(path.read_text("utf-8"))
    dp = parse(case["profile"], date.fromisoformat(case["today"]))
    day = date.fromisoformat(case["applications"][0]["date"])
    s = series(dp, day)
    assert s.points[0].date == s.start == max(add_years(day, -3), s.start)
    assert s.end <= add_years(day, 5)
    dates = [p.date for p in s.points]
    assert dates == sorted(set(dates))
    # Between two points (and after the last) every day scores like the point before it.
    for p, following in zip(s.points, [*s.points[1:], None], strict=True):
        last = following.date if following else s.end + timedelta(days=1)
        for d in (p.date, last - timedelta(days=1), p.date + (last - p.date) / 2):
            assert {c: total(dp.on(d, c), c) for c in categories(dp)} == p.totals, (path.stem, d)
    assert all(p.events for p in s.points[1:])


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_route_dates_agree_with_the_earliest_date(path: Path) -> None:
    case = json.loads(path.read_text("utf-8"))
    dp = parse(case["profile"], date.fromisoformat(case["today"]))
    day = date.fromisoformat(case["applications"][0]["date"])
    first = earliest(dp, day)
    dates = [r.date for r in route_dates(dp, day) if r.date is not None]
    # Both judge a route with the dated conditions (period of stay, the (c) gate): the headline's
    # date is the first of the routes' dates.
    assert first.date == (min(dates) if dates else None)

    def held(on: date, r: RouteDate) -> bool:
        routes, conds = pr_standing(dp, on, r.category)
        return next(x for x in routes if x.route == r.route).holds and not blocks(conds)

    for r in route_dates(dp, day):
        assert r.date is not None or r.missing  # never: says what is missing
        if r.date is not None:  # the first day it holds
            assert held(r.date, r)
            if r.date > day:
                assert not held(r.date - timedelta(days=1), r) and r.missing


def test_page_json_is_the_timeline_plus_the_series() -> None:
    case = json.loads(GOLDEN[-1].read_text("utf-8"))
    text = json.dumps(case["profile"])
    page = json.loads(page_json(text, "2026-04-01"))
    assert page["ok"] and page["result"] == json.loads(timeline_json(text, "2026-04-01"))["result"]
    assert page["series"]["points"] and page["routes"]
    bad = json.loads(page_json(text, "2026-13-01"))
    assert not bad["ok"] and bad["errors"][0]["field"] == "application_date"
    assert json.loads(page_json("{"))["errors"][0]["message"].startswith("not valid JSON")


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_remembering_gives_the_same_answers(path: Path) -> None:
    # The page keeps each date's profile, score and routes (dated.Remembering); the CLI's
    # timeline_json works each out afresh. Both must say the same on every golden date.
    case = json.loads(path.read_text("utf-8"))
    text = json.dumps(case["profile"])
    for d in [case["today"], *(a["date"] for a in case["applications"])]:
        page = json.loads(page_json(text, d))
        assert page["result"] == json.loads(timeline_json(text, d))["result"], (path.stem, d)
        dp, day = parse(case["profile"]), date.fromisoformat(d)
        assert page["series"] == series(dp, day).model_dump(mode="json")
        assert page["routes"] == [r.model_dump(mode="json") for r in route_dates(dp, day)]
