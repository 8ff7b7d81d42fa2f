"""PR routes, HSP(ii) and the family benefits, at their thresholds [S5; S6; S10]."""

from __future__ import annotations

from typing import Any

import pytest

from hsp_core.assess import assess
from hsp_core.result import Assessment
from tests.conftest import make

# 80 in (b): master 20, 6y 10, ¥7.5M at 31 25, age 10, N1 15.
EIGHTY: dict[str, Any] = {"age": 31, "education": "master", "experience_years": 6,
                          "annual_salary_jpy": 7_500_000, "japanese_level": "n1", "category": "b"}
SEVENTY = {**EIGHTY, "japanese_level": "n2", "japanese_university": False}  # 75 in (b)


def _routes(a: Assessment) -> dict[str, bool]:
    return {r.route: r.holds for r in a.permanent_residence.routes}


def test_80_points_now_and_a_year_ago_with_a_year_of_residence() -> None:
    a = assess(make(**EIGHTY, continuous_residence_years=1, points_1_year_ago=80))
    assert _routes(a)["80_points_1_year"] and a.permanent_residence.eligible


def test_80_route_needs_the_past_score_too() -> None:
    a = assess(make(**EIGHTY, continuous_residence_years=1, points_1_year_ago=75))
    route = a.permanent_residence.routes[0]
    assert not route.holds
    assert "80 points 1 year before the application (you had 75)" in route.missing


def test_70_route_needs_three_years_of_residence() -> None:
    short = assess(make(**SEVENTY, continuous_residence_years=2.9, points_3_years_ago=70))
    assert not _routes(short)["70_points_3_years"]
    held = assess(make(**SEVENTY, continuous_residence_years=3, points_3_years_ago=70))
    assert _routes(held)["70_points_3_years"]


def test_time_as_a_recognised_hsp_replaces_the_look_back() -> None:
    a = assess(make(**SEVENTY, continuous_residence_years=3, hsp_status_years=3))
    assert _routes(a)["70_points_3_years"]
    # Route ア for 80 needs recognition at 80 or more.
    low = assess(make(**EIGHTY, continuous_residence_years=1, hsp_status_years=1,
                      hsp_recognised_points=75))
    high = assess(make(**EIGHTY, continuous_residence_years=1, hsp_status_years=1,
                       hsp_recognised_points=80))
    assert not _routes(low)["80_points_1_year"] and _routes(high)["80_points_1_year"]


def test_the_salary_floor_blocks_the_points_routes() -> None:
    a = assess(make(**{**EIGHTY, "annual_salary_jpy": 2_900_000, "education": "doctor",
                       "japanese_university": True, "listed_university": True},
                    continuous_residence_years=5, points_3_years_ago=90, points_1_year_ago=90))
    assert a.categories["b"].total >= 80
    assert not a.permanent_residence.eligible


def test_j_skip_route_after_a_year() -> None:
    rich = {"age": 50, "education": "master", "experience_years": 20,
            "annual_salary_jpy": 25_000_000, "category": "b"}
    assert _routes(assess(make(**rich, continuous_residence_years=1, j_skip_1_year_ago=True)))[
        "j_skip_1_year"]
    assert not _routes(assess(make(**rich, continuous_residence_years=0.5,
                                   j_skip_1_year_ago=True)))["j_skip_1_year"]


@pytest.mark.parametrize(("years", "j_skip_years", "rich", "eligible"), [
    (2.9, 0, False, False),
    (3, 0, False, True),
    (1, 1, True, True),
    (1, 1, False, False),  # a former J-Skip holder below ¥20M needs 3 years on points
])
def test_hsp_ii(years: float, j_skip_years: float, rich: bool, eligible: bool) -> None:
    pay = 25_000_000 if rich else 7_500_000
    a = assess(make(**{**EIGHTY, "annual_salary_jpy": pay}, continuous_residence_years=years,
                    hsp_status_years=years, j_skip_status_years=j_skip_years))
    assert a.hsp_ii.eligible is eligible


def test_hsp_ii_needs_hsp_i_now() -> None:
    a = assess(make(age=45, education="bachelor", experience_years=3, annual_salary_jpy=5_000_000,
                    continuous_residence_years=5, hsp_status_years=5))
    assert not a.hsp_ii.eligible
    assert a.hsp_ii.missing[0].startswith("meet HSP(i) now")


@pytest.mark.parametrize(("household", "child", "available"), [
    (8_000_000, 6, True),
    (7_999_999, 6, False),
    (8_000_000, 7, False),
])
def test_parents_need_8m_and_a_child_under_7(household: int, child: int, available: bool) -> None:
    a = assess(make(**EIGHTY, has_spouse=True, spouse_annual_income_jpy=household - 7_500_000,
                    children_ages=[child]))
    assert a.benefits.parents.available is available


def test_parents_with_a_pregnancy_and_no_child() -> None:
    a = assess(make(**EIGHTY, spouse_annual_income_jpy=500_000, pregnancy=True))
    assert a.benefits.parents.available


def test_no_benefits_without_hsp_status() -> None:
    a = assess(make(age=45, education="bachelor", experience_years=3,
                    annual_salary_jpy=12_000_000, children_ages=[1]))
    assert not a.benefits.holds_hsp
    assert not a.benefits.parents.available and not a.benefits.domestic_worker.available


@pytest.mark.parametrize(("fields", "workers"), [
    ({"spouse_annual_income_jpy": 2_500_000, "children_ages": [12]}, 1),
    ({"spouse_annual_income_jpy": 2_499_999, "children_ages": [12]}, 0),
    ({"spouse_annual_income_jpy": 2_500_000, "children_ages": [13]}, 0),
    ({"spouse_annual_income_jpy": 2_500_000, "spouse_unable_to_do_housework": True}, 1),
    ({"spouse_annual_income_jpy": 2_500_000, "investment_management_business": True}, 1),
    ({"spouse_annual_income_jpy": 22_500_000, "investment_management_business": True}, 2),
    ({"spouse_annual_income_jpy": 2_500_000, "domestic_worker_employed_1_year_abroad": True}, 1),
])
def test_domestic_workers(fields: dict[str, Any], workers: int) -> None:
    a = assess(make(**EIGHTY, has_spouse=True, **fields))
    assert a.benefits.domestic_worker.max_workers == workers
    assert a.benefits.domestic_worker.available is (workers > 0)


def test_j_skip_allows_two_workers_at_30m() -> None:
    a = assess(make(age=50, education="master", experience_years=20,
                    annual_salary_jpy=30_000_000, category="b"))
    assert a.benefits.domestic_worker.max_workers == 2


def test_spouse_work_needs_a_spouse_and_hsp() -> None:
    assert assess(make(**EIGHTY, has_spouse=True)).benefits.spouse_work.available
    assert not assess(make(**EIGHTY)).benefits.spouse_work.available


def test_unconfirmed_readings_are_said_to_the_user() -> None:
    a = assess(make(**EIGHTY, employer_innovation_support=True, employer_local_support=True))
    assert any("⑨ and ⑪" in w for w in a.warnings)
    assert a.categories["b"].total == 80 + 20
    plain = assess(make(**EIGHTY))
    assert not any("⑨ and ⑪" in w for w in plain.warnings)


def test_j_skip_years_do_not_count_as_recognition_with_70_points() -> None:
    # A J-Skip holder may have had fewer than 70 points: route ア needs the notice's score.
    fields = {**SEVENTY, "continuous_residence_years": 3, "hsp_status_years": 3,
              "j_skip_status_years": 3}
    assert not _routes(assess(make(**fields)))["70_points_3_years"]
    assert _routes(assess(make(**fields, hsp_recognised_points=75)))["70_points_3_years"]


def test_time_on_points_is_hsp_time_less_j_skip_time() -> None:
    fields = {**SEVENTY, "continuous_residence_years": 6}
    assert _routes(assess(make(**fields, hsp_status_years=5.01, j_skip_status_years=2.01)))[
        "70_points_3_years"]
    assert not _routes(assess(make(**fields, hsp_status_years=5, j_skip_status_years=2.01)))[
        "70_points_3_years"]
