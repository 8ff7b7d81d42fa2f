"""The result for a visitor (#16): the category the checks use and why, and suggestions that
list every option, soonest first."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from hypothesis import given, settings

from hsp_core.assess import assess
from hsp_core.profile import Profile
from hsp_core.result import Assessment
from hsp_core.suggestions import EFFORT, effort
from hsp_core.table import CATEGORIES, Measure
from tests.strategies import profiles

ENGINEER: dict[str, Any] = {"age": 31, "education": "master", "experience_years": 6,
                            "annual_salary_jpy": 7_500_000, "japanese_level": "n2"}


def _assess(**fields: Any) -> Assessment:
    return assess(Profile(**{**ENGINEER, **fields}))


@pytest.mark.parametrize("c", CATEGORIES)
def test_a_chosen_category_is_the_one_used(c: str) -> None:
    a = _assess(category=c)
    assert (a.category_chosen, a.category_used) == (c, c)
    assert a.permanent_residence.category == c
    assert a.category_reason.startswith("You chose (i)(" + c)
    assert a.experience_note is None


def test_not_decided_says_which_category_was_used_and_why() -> None:
    a = _assess()
    assert a.category_chosen is None
    # (a) and (b) both qualify at 75: a tie, broken by table order, and said so.
    assert a.category_used == "a" == a.permanent_residence.category
    assert "You did not choose a category" in a.category_reason
    assert "judged in (i)(a)" in a.category_reason
    assert "you qualify in (a) and (b)" in a.category_reason
    assert "(a) and (b) tie at 75 points" in a.category_reason
    assert a.experience_note is not None and "6 years of experience" in a.experience_note


def test_j_skip_comes_before_points() -> None:
    # ¥45M with 6 years: J-Skip in all three; with a bachelor's, (a)/(b) need 10 years.
    a = _assess(education="bachelor", annual_salary_jpy=45_000_000)
    assert [c for c in CATEGORIES if a.j_skip[c]] == ["c"]
    assert a.category_used == "c"
    assert "you meet J-Skip in it" in a.category_reason


def test_a_category_that_qualifies_comes_before_a_higher_one_that_does_not() -> None:
    # ¥2.5M: (a) has no salary floor and qualifies; (b) misses the ¥3M floor.
    a = _assess(annual_salary_jpy=2_500_000, education="doctor", research_achievements=["papers"])
    assert a.categories["a"].eligible and not a.categories["b"].eligible
    assert a.category_used == "a"
    assert "the only category you qualify in" in a.category_reason


def test_nothing_qualifies_uses_the_most_points() -> None:
    a = _assess(age=50, education="bachelor", annual_salary_jpy=2_000_000)
    best = max(a.categories.values(), key=lambda r: r.total)
    assert a.category_used == best.category
    assert "you qualify in none" in a.category_reason


# --- suggestions ----------------------------------------------------------------------------


def test_every_measure_but_age_has_an_effort_rank() -> None:
    assert set(EFFORT) == set(get_args(Measure)) - {"age"}


def test_the_engineer_sees_every_way_to_80_with_the_japanese_test_first() -> None:
    to_80 = _assess(category="b").categories["b"].suggestions.to_80
    texts = [s.text for s in to_80]
    assert len(to_80) > 5, texts  # no silent cut to five
    assert to_80[0].changes[0].field == "japanese_level", texts
    assert to_80[1].changes[0].field == "annual_salary_jpy", texts
    assert to_80[-1].changes[0].field in ("education", "multiple_graduate_degrees",
                                          "listed_university", "japanese_university"), texts


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_suggestions_are_listed_soonest_first(p: Profile) -> None:
    for r in assess(p).categories.values():
        for options in (r.suggestions.to_70, r.suggestions.to_80):
            ranks = [effort(s) for s in options]
            assert ranks == sorted(ranks)
