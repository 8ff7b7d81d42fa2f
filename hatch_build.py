"""Wheel build hook: compiles hsp_core's .po catalogs to the .mo files gettext reads.

The .mo files are build output (ignored by git) and go into the wheel as artifacts; the same
step runs for the editable install, so a checkout reads the catalogs it has just built.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogs(package: Path) -> list[Path]:
    """Each hsp_core/locale/*/LC_MESSAGES/hsp_core.po written out as hsp_core.mo beside it."""
    out = []
    for po in sorted(package.glob("locale/*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parts[-3])
        mo = po.with_suffix(".mo")
        with mo.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        out.append(mo)
    return out


class CatalogHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        compile_catalogs(Path(self.root) / "hsp_core")
