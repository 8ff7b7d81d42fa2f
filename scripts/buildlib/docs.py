"""Build the MkDocs Material site (docs_dir site/) into a given folder."""

import os
import subprocess
import sys
from pathlib import Path

from .common import ROOT, BuildError

CONFIG = ROOT / "mkdocs.yml"


def _source_date_epoch() -> str | None:
    """Commit time of HEAD, so the sitemap dates do not change from build to build."""
    res = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return res.stdout.strip() or None


def build(site_dir: Path) -> None:
    if not CONFIG.is_file():
        raise BuildError(
            f"{CONFIG.name} not found at the repository root: the guide owner provides it "
            "(docs_dir: site, site_dir: public). Nothing to build the site from."
        )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if "SOURCE_DATE_EPOCH" not in env and (epoch := _source_date_epoch()):
        env["SOURCE_DATE_EPOCH"] = epoch
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    cmd += ["--config-file", str(CONFIG), "--site-dir", str(site_dir)]
    if subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode:
        raise BuildError("mkdocs build --strict failed (messages above)")
