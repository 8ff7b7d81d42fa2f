"""Hypothesis strategies for valid profiles."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from hsp_core.profile import GRADUATE, Education, JapaneseLevel, Position, Profile, Research


@st.composite
def profile_data(draw: st.DrawFn) -> dict[str, Any]:
    age = draw(st.integers(18, 75))
    education = draw(st.sampled_from(list(Education)))
    flags = {
        name: draw(st.booleans())
        for name in (
            "japanese_university", "listed_university", "growth_field_project",
            "investment_management_business", "investment_100m_jpy",
            "employer_innovation_support", "employer_is_sme", "employer_rnd_over_3pct",
            "employer_local_support", "foreign_qualification", "jica_training",
        )
    }
    return {
        "age": age,
        "education": education.value,
        "multiple_graduate_degrees": education in GRADUATE and draw(st.booleans()),
        "experience_years": draw(st.floats(0, age - 15, allow_nan=False)),
        "annual_salary_jpy": draw(st.integers(0, 60_000_000)),
        "research_achievements": draw(st.lists(st.sampled_from([r.value for r in Research]),
                                               unique=True)),
        "national_qualifications": draw(st.integers(0, 4)),
        "position": draw(st.sampled_from([p.value for p in Position])),
        "japanese_level": draw(st.sampled_from([j.value for j in JapaneseLevel])),
        "jica_training_at_japanese_university": flags["jica_training"] and draw(st.booleans()),
        **flags,
    }


def profiles() -> st.SearchStrategy[Profile]:
    return profile_data().map(Profile.model_validate)
