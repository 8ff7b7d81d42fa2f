"""The scoring bugs found in public calculators, one named test each [S1; S5]."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hsp_core.assess import assess
from hsp_core.scoring import score
from hsp_core.table import Category
from tests.conftest import make


def _points(category: Category, **fields: object) -> dict[str, int]:
    """Points per ISA item number; ① adds the degree and the multiple-degree +5."""
    out: dict[str, int] = {}
    for i in score(make(**fields), category).items:
        out[i.item] = out.get(i.item, 0) + i.points
    return out


def test_minimum_salary_is_not_applied_to_a() -> None:
    # [R2] applied the ¥3M floor to (a); (a) has had no minimum since 2013-12-24 [S7].
    p = make(age=29, education="doctor", experience_years=7, japanese_level="n1",
             annual_salary_jpy=1_000_000)
    result = assess(p)
    assert result.categories["a"].total == 75
    assert result.categories["a"].eligible
    assert result.categories["a"].minimum_salary_met
    assert not result.categories["b"].minimum_salary_met


def test_mba_is_worth_25_in_b_not_20() -> None:
    assert _points("b", education="mba_mot")["①"] == 25
    assert _points("a", education="mba_mot")["①"] == 20  # a professional degree in (a)


def test_research_in_a_caps_at_25_not_45() -> None:
    # [R1] scored ⑦ as 25 on top of ④–⑥; the form gives 20 for one kind, 25 for 2+ [S1][S7].
    pts = _points("a", research_achievements=["patent", "foreign_grant_research", "papers",
                                              "other"])
    assert pts == {"④–⑦": 25}


def test_salary_points_are_gated_by_age() -> None:
    assert _points("b", age=40, annual_salary_jpy=7_500_000).get("③", 0) == 0
    assert _points("b", age=39, annual_salary_jpy=7_500_000)["③"] == 25


@pytest.mark.parametrize("category", ["a", "b", "c"])
def test_foreign_qualification_counts_in_every_category(category: Category) -> None:
    assert _points(category, foreign_qualification=True) == {"⑬": 5}


def test_multiple_degree_bonus_needs_a_graduate_degree() -> None:
    with pytest.raises(ValidationError) as e:
        make(education="bachelor", multiple_graduate_degrees=True)
    assert e.value.errors()[0]["loc"] == ("multiple_graduate_degrees",)
    assert _points("a", education="master", multiple_graduate_degrees=True) == {"①": 20 + 5}


def test_doctorate_is_worth_20_in_c_not_30() -> None:
    assert _points("c", education="doctor") == {"①": 20}
