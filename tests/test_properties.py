"""Invariants of the scorer that hold for every valid profile."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hsp_core.assess import assess
from hsp_core.profile import Profile
from hsp_core.scoring import score, total
from hsp_core.table import CATEGORIES, MAXIMUM
from tests.strategies import profile_data, profiles


@given(profile_data(), st.integers(0, 40_000_000))
def test_a_higher_salary_never_lowers_points(data: dict[str, Any], raise_by: int) -> None:
    low = Profile.model_validate(data)
    high = Profile.model_validate({**data, "annual_salary_jpy": data["annual_salary_jpy"] +
                                   raise_by})
    for c in CATEGORIES:
        assert total(high, c) >= total(low, c)


@given(profile_data(), st.floats(0, 30, allow_nan=False))
def test_more_experience_never_lowers_points(data: dict[str, Any], more: float) -> None:
    longer = min(data["experience_years"] + more, data["age"] - 15)
    low = Profile.model_validate(data)
    high = Profile.model_validate({**data, "experience_years": longer})
    for c in CATEGORIES:
        assert total(high, c) >= total(low, c)


@given(profiles())
def test_totals_are_multiples_of_5_within_the_maximum(p: Profile) -> None:
    for c in CATEGORIES:
        s = score(p, c)
        assert s.total % 5 == 0
        assert 0 <= s.total <= MAXIMUM[c]
        assert s.total == total(p, c) == sum(i.points for i in s.items)


@given(profiles())
def test_an_item_number_scores_once_except_the_degree_bonus(p: Profile) -> None:
    # Counted by item number, not by measure: score() keys its rows by measure, so a count of
    # measures could never repeat. Two measures under one number (a mistyped row) would.
    for c in CATEGORIES:
        items = score(p, c).items
        counts = Counter(i.item for i in items)
        assert all(n == 1 for item, n in counts.items() if item != "①"), counts
        # ① holds the degree and its +5 for multiple degrees; the +5 never comes alone.
        assert counts["①"] <= 2
        if any(i.measure == "multiple_degrees" for i in items):
            assert any(i.measure == "education" for i in items)


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_every_suggestion_really_reaches_its_target(p: Profile) -> None:
    result = assess(p)
    for c in CATEGORIES:
        s = result.categories[c].suggestions
        for target, options in ((70, s.to_70), (80, s.to_80)):
            for option in options:
                changed = Profile.model_validate(
                    {**p.model_dump(), **{ch.field: ch.value for ch in option.changes}})
                after = assess(changed).categories[c]
                assert after.total == option.total_after >= target
                assert after.minimum_salary_met


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_suggestions_appear_exactly_when_below_the_target(p: Profile) -> None:
    result = assess(p)
    for c in CATEGORIES:
        r = result.categories[c]
        # Every category can reach 80 through changes a person can make, so a gap always gets
        # at least one suggestion, and no gap gets none.
        assert (r.suggestions.to_70 == []) == r.eligible
        assert (r.suggestions.to_80 == []) == (r.eligible and r.total >= 80)
