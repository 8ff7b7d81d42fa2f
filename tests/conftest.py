from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from hypothesis import settings

from hsp_core.profile import Profile

# The hooks import their siblings as top-level modules (md_cells, page_lang), as MkDocs puts
# their folder on sys.path when it loads one: a test of a hook, run on its own, needs the same.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "mkdocs_hooks"))

# CI replays the same examples on every run, so whether a change lands never depends on luck;
# local runs keep exploring new examples.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


def make(**fields: Any) -> Profile:
    """A profile with the required fields filled by neutral values (45, no degree, no pay)."""
    base: dict[str, Any] = {"age": 45, "education": "none", "experience_years": 0,
                            "annual_salary_jpy": 0}
    return Profile.model_validate({**base, **fields})
