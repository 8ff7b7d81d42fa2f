"""The calculator's JavaScript texts in one language (one job: catalog → inlined map).

site/assets/calculator/texts.mjs looks every text up by its English (gettext style) in the map
this module makes from site/locale/<dir>/LC_MESSAGES/calculator.po, read with Babel at build
time. calculator_form.py inlines the map in the calculator page of that language only, so no
request is added; English pages get none (the key is the text). Untranslated and fuzzy entries
are left out, so the page shows the English rather than nothing (tests/test_calculator_texts.py
keeps the shipped catalogs complete).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "site" / "locale"
DOMAIN = "calculator"
# The site's language code (BCP 47) → the gettext directory name, as in hsp_core.i18n.
DIRS = {"ja": "ja", "zh": "zh", "zh-TW": "zh_TW"}


def catalog_path(lang: str) -> Path:
    return LOCALE / DIRS[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def texts(lang: str) -> dict[str, str]:
    """{english: translated} for `lang`; empty for English or a language without a catalog."""
    if lang not in DIRS or not catalog_path(lang).exists():
        return {}
    with catalog_path(lang).open("rb") as f:
        catalog = read_po(f, locale=DIRS[lang])
    return {str(m.id): str(m.string) for m in catalog
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def texts_script(lang: str) -> str:
    """The <script type="application/json" id="hsp-texts"> for `lang`, or "" for none."""
    data = texts(lang)
    if not data:
        return ""
    # "<" escaped: no text can close the script element early.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="hsp-texts">{payload}</script>'
