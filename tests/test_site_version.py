"""Every built page's footer names the site's version (pyproject.toml) and its build id, so a
report can say which copy of the rules it saw."""

import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "public"


def test_every_page_footer_shows_the_version_and_build() -> None:
    if not (PUBLIC / "build.json").is_file():
        pytest.skip("the built site is missing: run scripts/build first")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    build = json.loads((PUBLIC / "build.json").read_text())["build"]
    pages = sorted(PUBLIC.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        found = re.findall(r'data-testid="site-version">([^<]*)<', page.read_text())
        assert found == [f"Version {version}, build {build}"], page
