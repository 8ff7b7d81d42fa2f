"""The dated profile, look-back scores and the earliest PR filing date (issue 3).

Golden cases are data (tests/golden/timeline/*.json, fixed dates, each with its reason); the
properties recompute the PR routes from `on(date)` and the scorer alone, without residence.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hsp_core.dated import (
    DatedProfile,
    add_years,
    parse,
    span_years,
    turns,
)
from hsp_core.eligibility import j_skip, pass_line
from hsp_core.history import CHANGES, J_SKIP_START, claimed_changes
from hsp_core.profile import Education, JapaneseLevel, Profile
from hsp_core.result import RouteName
from hsp_core.scoring import total
from hsp_core.table import CATEGORIES, ROWS, START, Category
from hsp_core.timeline import (
    ROUTE_YEARS,
    date_problem,
    earliest,
    looking_back_from,
    timeline,
    timeline_data,
    timeline_json,
)

GOLDEN = sorted((Path(__file__).parent / "golden" / "timeline").glob("*.json"))
TODAY = date(2026, 4, 1)
DAY = timedelta(days=1)

BASE: dict[str, Any] = {
    "birth_date": "1990-01-15",
    "salary": [{"since": "2015-04-01", "annual_salary_jpy": 6_000_000}],
}


def dated(**fields: Any) -> DatedProfile:
    return parse({**BASE, **fields}, TODAY)


# --- golden cases ---------------------------------------------------------------------------


def _case(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden(path: Path) -> None:
    case = _case(path)
    today = date.fromisoformat(case["today"])
    dp = parse(case["profile"], today)
    for app in case["applications"]:
        day = date.fromisoformat(app["date"])
        why = f"{path.stem} on {day}: {app['why']}"
        assert date_problem(dp, day, today) is None, why
        t = timeline(dp, day)
        rows = {r.label: r for r in t.look_back}
        # Every look-back date's total is stated, so a change to any row shows.
        assert app["look_back"].keys() == rows.keys(), why
        for label, totals in app["look_back"].items():
            assert {c: rows[label].totals[c] for c in totals} == totals, f"{label}: {why}"
        for label, meets in app.get("j_skip", {}).items():
            assert {c: rows[label].j_skip[c] for c in meets} == meets, f"{label}: {why}"
        if "ages" in app:
            assert [r.age for r in t.look_back] == app["ages"], why
        held = {cr.category: {r.route: r for r in cr.routes} for cr in t.permanent_residence}
        for c, want in app.get("routes", {}).items():
            assert {k: held[c][k].holds for k in want} == want, why
        for route, text in app.get("route_met_contains", {}).items():
            assert any(text in m for cr in held.values() for m in cr[route].met), why
        for route, text in app.get("route_missing_contains", {}).items():
            assert any(text in m for cr in held.values() for m in cr[route].missing), why
        standing = {cr.category: cr for cr in t.permanent_residence}
        for c, want in app.get("conditions", {}).items():
            got = {k.id: k.status for k in standing[c].conditions}
            assert {k: got.get(k) for k in want} == want, why
        for c, want in app.get("category_holds", {}).items():
            assert standing[c].holds is want, why
        want_e = app.get("earliest", {})
        got_e = t.earliest
        if "date" in want_e:
            assert got_e.date == (want_e["date"] and date.fromisoformat(want_e["date"])), (
                f"{why}\n{got_e.reason}")
        for key in ("category", "route"):
            if key in want_e:
                assert getattr(got_e, key) == want_e[key], why
        for text in want_e.get("reason_contains", []):
            assert text in got_e.reason, f"{why}\n{got_e.reason}"
        e_rows = {r.label: r for r in got_e.look_back}
        for label, totals in want_e.get("look_back", {}).items():
            assert {c: e_rows[label].totals[c] for c in totals} == totals, why
        if "hsp_ii" in app:
            want_ii = app["hsp_ii"]["date"]
            assert t.hsp_ii.date == (want_ii and date.fromisoformat(want_ii)), why
        for text in app.get("warnings_contain", []):
            assert any(text in w for w in t.warnings), f"{text!r} not in {t.warnings}"
        if "warnings" in app:
            assert t.warnings == app["warnings"], why


def test_every_golden_case_says_why_in_one_line() -> None:
    assert len(GOLDEN) >= 6
    for path in GOLDEN:
        case = _case(path)
        assert case["reason"].strip() and "\n" not in case["reason"], path.stem
        assert case["applications"] and all(a["why"].strip() for a in case["applications"])


# --- calendar -------------------------------------------------------------------------------


def test_same_calendar_day_and_29_february() -> None:
    assert add_years(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert add_years(date(2024, 2, 29), -4) == date(2020, 2, 29)
    assert add_years(date(2027, 4, 1), -3) == date(2024, 4, 1)
    assert turns(date(2000, 2, 29), 18) == date(2018, 3, 1)  # age_on: reached on 1 March
    assert turns(date(2000, 2, 29), 20) == date(2020, 2, 29)
    assert looking_back_from(date(2020, 2, 29), 1) == date(2021, 3, 1)
    assert looking_back_from(date(2021, 2, 28), 3) == date(2024, 2, 28)


def test_spans_reach_whole_years_on_the_anniversary() -> None:
    # 2020-03-01 → 2023-03-01 has no 29 February: 1,095 days are exactly 3 years.
    assert span_years(date(2020, 3, 1), date(2023, 3, 1)) == 3
    assert span_years(date(2020, 3, 1), date(2023, 2, 28)) < 3
    assert span_years(date(2020, 2, 29), date(2021, 2, 28)) == 1
    assert span_years(date(2021, 1, 1), date(2020, 1, 1)) == 0


@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)), st.sampled_from([1, 3, 4]))
def test_looking_back_from_is_the_first_such_day(day: date, years: int) -> None:
    d = looking_back_from(day, years)
    assert add_years(d, -years) >= day > add_years(d - DAY, -years)


# --- the dated profile on a date --------------------------------------------------------------


def test_highest_degree_depends_on_the_category() -> None:
    dp = dated(degrees=[
        {"level": "doctor", "field": "physics", "since": "2016-03-31"},
        {"level": "mba_mot", "field": "business", "since": "2020-03-31"},
    ])
    d = date(2021, 1, 1)
    assert dp.on(d, "c").education is Education.mba_mot  # (c): MBA 25 > doctorate 20 [S1]
    assert dp.on(d, "b").education is Education.doctor
    assert dp.on(d).education is Education.doctor
    assert dp.on(d).multiple_graduate_degrees
    assert not dp.on(date(2019, 1, 1)).multiple_graduate_degrees
    assert dp.on(date(2016, 3, 30)).education is Education.none


def test_two_degrees_in_the_same_field_do_not_add_5() -> None:
    dp = dated(degrees=[
        {"level": "master", "field": "Computer science", "since": "2014-03-31"},
        {"level": "doctor", "field": " computer Science", "since": "2018-03-31"},
    ])
    assert not dp.on(date(2020, 1, 1)).multiple_graduate_degrees


def test_overlapping_experience_counts_once() -> None:
    dp = dated(experience=[{"start": "2012-04-01", "end": "2015-03-31"},
                           {"start": "2014-04-01", "end": "2017-03-31"}])
    assert dp.experience_on(date(2017, 4, 1)) == 5
    assert dp.experience_on(date(2030, 1, 1)) == 5  # nothing after the last day worked
    assert dp.experience_reaches(5) == date(2017, 4, 1)
    assert dp.experience_reaches(7) is None


def test_a_gap_postpones_the_experience_band() -> None:
    dp = dated(experience=[{"start": "2012-04-01", "end": "2014-03-31"}, {"start": "2015-04-01"}])
    assert dp.experience_reaches(3) == date(2016, 4, 1)
    assert dp.on(date(2016, 3, 31)).experience_years < 3


def test_facts_in_force_on_a_date() -> None:
    dp = dated(
        salary=[{"since": "2015-04-01", "annual_salary_jpy": 6_000_000},
                {"since": "2020-04-01", "annual_salary_jpy": 9_000_000}],
        japanese_tests=[{"level": "n2", "since": "2016-07-01"},
                        {"level": "n1", "since": "2018-12-01"}],
        employer=[{"since": "2015-04-01", "employer_is_sme": True,
                   "employer_innovation_support": True},
                  {"since": "2019-04-01", "investment_management_business": True}],
        national_qualifications=[{"since": "2016-01-01"}, {"since": "2017-01-01"}],
        research_achievements=[{"kind": "papers", "since": "2017-01-01"},
                               {"kind": "papers", "since": "2018-01-01"}],
        residence_since="2015-04-01", hsp_since="2017-04-01",
        children_birth_dates=["2019-05-05"],
    )
    early = dp.on(date(2016, 8, 1))
    assert (early.annual_salary_jpy, early.japanese_level) == (6_000_000, JapaneseLevel.n2)
    assert early.employer_is_sme and not early.investment_management_business
    assert early.national_qualifications == 1 and early.hsp_status_years == 0
    late = dp.on(date(2020, 4, 1))
    assert (late.annual_salary_jpy, late.japanese_level) == (9_000_000, JapaneseLevel.n1)
    assert late.investment_management_business and not late.employer_is_sme
    assert late.national_qualifications == 2 and len(late.research_achievements) == 1
    assert late.continuous_residence_years == 5 and late.hsp_status_years == 3
    assert late.children_ages == [0]
    assert dp.on(date(2015, 3, 31)).annual_salary_jpy == 0  # no pay entry yet


def test_a_japanese_major_counts_as_n1() -> None:
    dp = dated(degrees=[{"level": "bachelor", "field": "Japanese", "since": "2012-03-31",
                         "japanese_major": True}])
    assert dp.on(date(2013, 1, 1)).japanese_level is JapaneseLevel.n1


def test_on_refuses_a_date_a_profile_cannot_hold() -> None:
    with pytest.raises(ValueError, match="age is 14"):
        dated().on(date(2004, 6, 1))


# --- bad input ------------------------------------------------------------------------------


def _errors(data: dict[str, Any], day: date | None = None) -> dict[str, str]:
    outcome = timeline_data(data, day, today=TODAY)
    assert not outcome.ok and outcome.result is None
    return {e.field: e.message for e in outcome.errors}


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"experience": [{"start": "2015-04-01", "end": "2014-03-31"}]}, "experience[0].end",
     "is before start 2015-04-01"),
    ({"salary": [{"since": "2015-04-01", "annual_salary_jpy": 6_000_000},
                 {"since": "2036-04-02", "annual_salary_jpy": 9_000_000}]}, "salary[1].since",
     "more than 10 years ahead (after 2036-04-01)"),
    ({"salary": [{"since": "2015-04-01", "annual_salary_jpy": 6_000_000},
                 {"since": "2015-04-01", "annual_salary_jpy": 7_000_000}]}, "salary[1].since",
     "another salary entry also starts on 2015-04-01"),
    ({"degrees": [{"level": "master", "field": "x", "since": "1989-03-31"}]},
     "degrees[0].since", "before birth_date 1990-01-15"),
    ({"experience": [{"start": "2005-04-01"}]}, "experience[0].start",
     "before your 16th birthday"),
    ({"hsp_since": "2018-04-01"}, "residence_since", "required with hsp_since"),
    ({"residence_since": "2019-04-01", "hsp_since": "2018-04-01"}, "hsp_since",
     "before residence_since 2019-04-01"),
    ({"residence_since": "2019-04-01", "j_skip_since": "2023-04-01"}, "j_skip_since",
     "before 2023-04-21"),
    ({"birth_date": "2027-01-01"}, "birth_date", "is after today"),
    ({"salery": []}, "salery", "did you mean 'salary'?"),
    ({"salary": []}, "salary", "at least 1 item"),
    ({"degrees": [{"level": "phd", "field": "x", "since": "2015-03-31"}]}, "degrees[0].level",
     "Degrees item 1, level must be one of"),
    ({"employer": [{"since": "2020-01-01", "sme": True}]}, "employer[0].sme",
     "'employer[0].sme' is not a field"),
])
def test_bad_input_names_the_field(fields: dict[str, Any], field: str, message: str) -> None:
    errors = _errors({**BASE, **fields})
    assert field in errors, errors
    assert message in errors[field]


def test_each_bad_field_is_reported_at_once() -> None:
    errors = _errors({**BASE, "experience": [{"start": "2015-04-01", "end": "2014-03-31"}],
                      "degrees": [{"level": "master", "field": "x", "since": "1980-01-01"}]})
    assert {"experience[0].end", "degrees[0].since"} <= errors.keys()


def test_application_date_out_of_range_is_a_field_error() -> None:
    too_young = {**BASE, "birth_date": "2010-01-01", "salary": [
        {"since": "2025-04-01", "annual_salary_jpy": 3_000_000}]}
    assert "first possible date is 2028-01-01" in _errors(too_young)["application_date"]
    assert "more than 10 years ahead" in _errors(BASE, date(2037, 1, 1))["application_date"]


def test_timeline_json_is_the_browser_boundary() -> None:
    ok = json.loads(timeline_json(json.dumps({**BASE, "category": "b"}), "2026-04-01"))
    assert ok["ok"] and ok["result"]["application_date"] == "2026-04-01"
    assert [r["label"] for r in ok["result"]["look_back"]] == [
        "Application", "1 year before", "3 years before"]
    assert "current table" in ok["result"]["table_note"]
    bad = json.loads(timeline_json("{", None))
    assert not bad["ok"] and "not valid JSON" in bad["errors"][0]["message"]
    bad_day = json.loads(timeline_json(json.dumps(BASE), "2026-02-30"))
    assert bad_day["errors"][0]["field"] == "application_date"


# --- the command line -------------------------------------------------------------------------


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    if sys.platform == "emscripten":  # tests/test_pyodide_suite.py runs this file in Pyodide
        pytest.skip("the CLI needs a subprocess, which WebAssembly cannot start")
    return subprocess.run([sys.executable, "-m", "hsp_core", "timeline", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


def _profile_of(stem: str) -> str:
    return json.dumps(_case(next(p for p in GOLDEN if p.stem == stem))["profile"])


def test_cli_prints_the_look_back_earliest_date_and_reason() -> None:
    out = run("-", "--application-date", "2026-04-01", stdin=_profile_of("n1_two_years_ago"))
    assert out.returncode == 0, out.stderr
    assert "3 years before  2023-04-01" in out.stdout
    assert "Earliest filing date: 2027-04-01 (70 points, 3 years, category (b))" in out.stdout
    assert "3 years have passed since your N1 result" in " ".join(out.stdout.split())
    assert "current table" in out.stdout


def test_cli_json_and_schema() -> None:
    out = run("-", "--json", "--application-date", "2024-03-01", stdin=_profile_of("j_skip"))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["earliest"]["date"] == "2024-06-01"
    assert result["hsp_ii"]["date"] == "2024-07-01"
    schema = json.loads(run("--schema").stdout)
    assert schema["title"] == "HSP dated profile"
    import jsonschema  # here, not at the top: it needs rpds-py, which Pyodide lacks

    for path in GOLDEN:
        jsonschema.validate(_case(path)["profile"], schema)


def test_cli_full_assessment_on_a_date() -> None:
    out = run("-", "--on", "2023-04-01", stdin=_profile_of("n1_two_years_ago"))
    assert out.returncode == 0, out.stderr
    assert "Reference date 2023-04-01, age 42" in out.stdout


@pytest.mark.parametrize(("args", "stdin", "expected"), [
    (("-",), '{"birth_date": "1990-01-15"', "not valid JSON"),
    (("-",), json.dumps({**BASE, "experience": [{"start": "2015-04-01", "end": "2014-01-01"}]}),
     "error: experience[0].end: Experience item 1, end: 2014-01-01 is before start "
     "2015-04-01"),
    (("-", "--application-date", "2026-13-01"), json.dumps(BASE), "not a date (YYYY-MM-DD)"),
    (("-", "--decision-months", "-3"), json.dumps(BASE), "--decision-months"),
    (("-", "--on", "2000-01-01"), json.dumps(BASE), "error: --on: 2000-01-01 gives age 9"),
    (("-", "--application-date", "1995-01-01"), json.dumps(BASE), "error: application_date"),
    (("/nonexistent/me.json",), "", "cannot read"),
])
def test_cli_bad_input_exits_2_naming_the_field(args: tuple[str, ...], stdin: str,
                                                expected: str) -> None:
    out = run(*args, stdin=stdin)
    assert out.returncode == 2
    assert out.stdout == ""
    assert "Traceback" not in out.stderr
    assert expected in out.stderr


# --- the rule history -----------------------------------------------------------------------


def test_history_covers_every_row_added_after_the_start() -> None:
    # A row of the table that came later than 2012 must have its change in the history.
    for r in ROWS:
        if r.effective_from > START:
            assert any(c.day == r.effective_from and c.kind != "info" and any(
                s.measure == r.measure and s.option in (None, r.option)
                and r.category in s.categories for s in c.scope) for c in CHANGES), r


def test_history_scopes_name_real_table_rows() -> None:
    for change in CHANGES:
        assert (change.before is None) == (not change.scope), change
        for s in change.scope:
            if s.measure not in (None, "j_skip"):
                assert any(r.measure == s.measure and s.option in (None, r.option)
                           for r in ROWS), s


def test_claimed_changes_follow_what_scores() -> None:
    n2 = dated(japanese_tests=[{"level": "n2", "since": "2015-01-01"}])
    p = n2.on(date(2016, 6, 1), "b")
    assert [c.items for c in claimed_changes(p, "b", p.on_date)] == [("⑮",)]
    # N2 does not count with ⑭, so its absence before 2017 changes nothing [S1].
    with_14 = dated(japanese_tests=[{"level": "n2", "since": "2015-01-01"}],
                    degrees=[{"level": "bachelor", "field": "x", "since": "2012-03-31",
                              "japanese_university": True}])
    assert ("⑮",) not in [c.items for c in claimed_changes(
        with_14.on(date(2016, 6, 1), "b"), "b", date(2016, 6, 1))]
    assert claimed_changes(p, "b", date(2022, 1, 1)) == []
    assert [c.day for c in claimed_changes(p, "b", date(2022, 1, 1), j_skip=True)] == [
        J_SKIP_START]


@pytest.mark.parametrize(("fields", "application", "expected"), [
    ({"employer": [{"since": "2019-04-01", "investment_management_business": True}]},
     "2024-01-15", "3 years before (2021-01-15), (b): before 2021-07-30 there was no ㉑"),
    ({"employer": [{"since": "2019-04-01", "employer_local_support": True}]},
     "2026-03-01", "3 years before (2023-03-01), (b): before 2023-03-31 ⑪ counted only"),
    ({"degrees": [{"level": "master", "field": "law", "since": "2012-03-31",
                   "listed_university": True},
                  {"level": "master", "field": "physics", "since": "2014-03-31"}]},
     "2019-06-01", "3 years before (2016-06-01), (b): before 2017-04-26 there was no +5"),
    ({"degrees": [{"level": "master", "field": "law", "since": "2012-03-31",
                   "listed_university": True}]},
     "2019-06-01", "before 2017-04-26 there was no ⑰"),
    ({"jica_training": {"since": "2014-09-30"}},
     "2019-06-01", "before 2017-04-26 there was no ⑱"),
    ({"category": "c", "employer": [{"since": "2014-04-01", "investment_100m_jpy": True}]},
     "2019-06-01", "3 years before (2016-06-01), (c): before 2017-04-26 there was no ⑲"),
])
def test_look_backs_before_an_item_existed_are_flagged(fields: dict[str, Any], application: str,
                                                       expected: str) -> None:
    dp = parse({**BASE, "category": "b", **fields}, TODAY)
    warnings = timeline(dp, date.fromisoformat(application)).warnings
    assert any(expected in w for w in warnings), warnings


# --- properties -------------------------------------------------------------------------------

# Pay at the band edges, weighted towards scores near 70 and 80, and J-Skip levels.
PAY = [0, 2_900_000, 3_500_000, 4_500_000, 5_500_000, 6_500_000, 7_500_000, 8_500_000,
       8_500_000, 9_500_000, 12_000_000, 12_000_000, 22_000_000, 22_000_000, 45_000_000]
PROPERTY_TODAY = date(2026, 1, 1)


@st.composite
def dated_profiles(draw: st.DrawFn) -> DatedProfile:
    birth = draw(st.dates(date(1965, 1, 1), date(1998, 12, 31)))
    adult = turns(birth, 18)
    until = date(2032, 12, 31)

    def when(lo: date = adult) -> date:
        return draw(st.dates(max(lo, date(2005, 1, 1)), until))

    def flags(*names: str) -> dict[str, bool]:
        return {n: draw(st.booleans()) for n in names}

    periods = []
    for _ in range(draw(st.integers(0, 3))):
        start = when()
        end = draw(st.none() | st.dates(start, until))
        periods.append({"start": start.isoformat(), "end": end and end.isoformat()})
    pay_days = draw(st.lists(st.dates(date(2005, 1, 1), until), min_size=1, max_size=3,
                             unique=True))
    lived = draw(st.integers(0, 3)) > 0  # most applicants live in Japan
    residence = draw(st.dates(max(adult, date(2005, 1, 1)), until)) if lived else None
    data: dict[str, Any] = {
        "birth_date": birth.isoformat(),
        "category": draw(st.sampled_from([None, "a", "b", "c"])),
        "degrees": [{"level": draw(st.sampled_from(["doctor", "mba_mot", "master", "bachelor"])),
                     "field": draw(st.sampled_from(["physics", "economics"])),
                     "since": when().isoformat(),
                     **flags("japanese_university", "listed_university")}
                    for _ in range(draw(st.integers(1, 3)))],
        "experience": periods,
        "salary": [{"since": d.isoformat(), "annual_salary_jpy": draw(st.sampled_from(PAY))}
                   for d in pay_days],
        "japanese_tests": [{"level": draw(st.sampled_from(["n1", "n2"])),
                            "since": when().isoformat()} for _ in range(draw(st.integers(0, 2)))],
        "research_achievements": [{"kind": draw(st.sampled_from(["patent", "papers"])),
                                   "since": when().isoformat()}
                                  for _ in range(draw(st.integers(0, 2)))],
        "employer": [{"since": when().isoformat(),
                      **flags("employer_innovation_support", "employer_is_sme",
                              "growth_field_project", "investment_management_business")}
                     for _ in range(draw(st.integers(0, 1)))],
        "residence_since": residence and residence.isoformat(),
    }
    if residence is not None and draw(st.booleans()):
        data["hsp_since"] = draw(st.dates(max(residence, START), until)).isoformat()
        data["hsp_recognised_points"] = draw(st.sampled_from([None, 70, 80]))
    if residence is not None and draw(st.booleans()):
        data["j_skip_since"] = draw(st.dates(max(residence, J_SKIP_START), until)).isoformat()
    if residence is not None:  # residence cards: a 3-year one crosses 2027-04-01 (rule C1)
        days = draw(st.lists(st.dates(residence, until), max_size=2, unique=True))
        data["period_of_stay"] = [{"since": d.isoformat(),
                                   "years": draw(st.sampled_from([1, 3, 5]))} for d in days]
    return parse(data, PROPERTY_TODAY)


def _route_holds(dp: DatedProfile, day: date, c: Category, route: RouteName) -> bool:
    """The PR guideline's routes [S10], recomputed from on(date) and the scorer alone."""
    years = ROUTE_YEARS[route]

    def since(start: date | None) -> bool:  # `years` of it by `day`
        return start is not None and add_years(start, years) <= day

    now = dp.on(day, c)
    then = dp.on(add_years(day, -years), c)
    # The routes' start dates (2017-04-26; J-Skip 2023-04-21) and, from 2027-04-01, a 5-year
    # period of stay for someone not in HSP status (3 years before) when the card is given.
    started = day >= (date(2023, 4, 21) if route == "j_skip_1_year" else date(2017, 4, 26))
    cards = [sp for sp in dp.period_of_stay if sp.since <= day]
    stay = max(cards, key=lambda sp: sp.since).years if cards else None
    if dp.hsp_since is not None and dp.hsp_since <= day and all(
            sp.since <= dp.hsp_since for sp in cards):
        stay = 5
    longest = stay is None or stay >= (5 if day >= date(2027, 4, 1) else 3)
    if not (started and longest):
        return False
    if route == "j_skip_1_year":
        return j_skip(now, c).meets and (since(dp.j_skip_since) or (
            since(dp.residence_since) and j_skip(then, c).meets))
    need = 80 if route == "80_points_1_year" else 70
    points = total(now, c)
    if dp.hsp_recognised_points is None:  # time on points only, which implies 70
        as_hsp = need == 70 and round(now.hsp_status_years - now.j_skip_status_years, 9) >= years
    else:
        as_hsp = since(dp.hsp_since) and dp.hsp_recognised_points >= need
    # On the look-back date the salary floor of (b)/(c) applies too.
    then_ok = (since(dp.residence_since) and total(then, c) >= need
               and pass_line(then, c, total(then, c)).minimum_salary_met)
    return (points >= need and pass_line(now, c, points).eligible and (as_hsp or then_ok))


def _any_route(dp: DatedProfile, day: date) -> bool:
    cats: list[Category] = [dp.category] if dp.category else list(CATEGORIES)
    return any(_route_holds(dp, day, c, r) for c in cats for r in ROUTE_YEARS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dated_profiles(), st.dates(date(2026, 1, 1), date(2030, 12, 31)))
def test_the_earliest_date_qualifies_and_the_day_before_does_not(dp: DatedProfile,
                                                                 start: date) -> None:
    found = earliest(dp, start)
    if found.date is None:
        assert found.route is None and "No PR route holds" in found.reason
        return
    assert found.date >= start and found.category is not None and found.route is not None
    years = ROUTE_YEARS[found.route]
    # Never before the continuous-residence requirement is met (status time is residence).
    assert dp.residence_since is not None
    assert add_years(dp.residence_since, years) <= found.date
    assert _route_holds(dp, found.date, found.category, found.route)
    if found.date > start:
        assert not _any_route(dp, found.date - DAY)
        assert not found.reason.endswith("What changes on " f"{found.date}: .")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dated_profiles())
def test_no_day_before_the_earliest_date_qualifies(dp: DatedProfile) -> None:
    # Day by day, against the change-point scan: the 400 days before the earliest date (or the
    # first 400 when there is none) hold no qualifying day that the scan skipped.
    start = PROPERTY_TODAY
    found = earliest(dp, start)
    end = found.date or start + timedelta(days=400)
    day = max(start, end - timedelta(days=400))
    while day < end:
        assert not _any_route(dp, day), day
        day += DAY


@settings(max_examples=100, deadline=None)
@given(dated_profiles(), st.dates(date(2005, 1, 1), date(2045, 12, 31)))
def test_any_date_gives_a_valid_plain_profile(dp: DatedProfile, day: date) -> None:
    if day < turns(dp.birth_date, 15):
        return
    assert dp.on(day).reference_date == day
    for c in CATEGORIES:
        p = dp.on(day, c)
        assert isinstance(p, Profile) and p.experience_years <= p.current_age - 15
