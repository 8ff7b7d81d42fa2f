from __future__ import annotations

from typing import Any

import pytest

from hsp_core.profile import Profile


def make(**fields: Any) -> Profile:
    """A profile with the required fields filled by neutral values (45, no degree, no pay)."""
    base: dict[str, Any] = {"age": 45, "education": "none", "experience_years": 0,
                            "annual_salary_jpy": 0}
    return Profile.model_validate({**base, **fields})


@pytest.fixture
def profile() -> type[Profile]:
    return Profile
