"""The site's version, pyproject.toml's, for the footer (overrides/partials/copyright.html)."""

import tomllib
from pathlib import Path
from typing import Any

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def on_config(config: Any) -> Any:
    config.extra["site_version"] = tomllib.loads(PYPROJECT.read_text())["project"]["version"]
    return config
