"""The engine's message catalogs: extraction (Babel), update of the .po sources, compilation.

    python -m buildlib.catalogs update   # after changing a text in hsp_core: re-extract, merge

Texts come from two places: the literals hsp_core wraps in _(), _n() or N_() (Babel's Python
extractor), and the English texts stored as data (the points table's labels, the evidence
sheet's rows, the suggestions' changes), which the code translates where it reads them
(table_texts). The calculator form's own words are in the same catalogs: the literals
mkdocs_hooks/form_fields.py marks N_() and form_render.py passes to t() (FORM_FILES), which
the site's build translates through hsp_core's translator. A new message enters every .po
untranslated; tests/test_i18n_catalogs.py then
fails until a translator fills it in.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

from babel.messages.catalog import Catalog
from babel.messages.extract import extract as extract_file
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from pydantic import BaseModel

from .common import ROOT

PACKAGE = ROOT / "hsp_core"
LOCALES = PACKAGE / "locale"
DOMAIN = "hsp_core"
# gettext directory name of each shipped language other than English.
DIRS = ("ja", "zh", "zh_TW")
KEYWORDS = {"_": None, "_n": (1, 2), "N_": None}
# The calculator form's words, built into the page by the site's hooks (keywords t and N_).
FORM_FILES = ("mkdocs_hooks/form_fields.py", "mkdocs_hooks/form_render.py")
FORM_KEYWORDS = {"t": None, "N_": None}
HEADER = ("# The calculator engine's texts (hsp_core). Words: docs/glossary.toml and glossary.md.\n"
          "# Update with: cd scripts && ../.venv/bin/python -m buildlib.catalogs update")
TABLE_COMMENT = "stored as data in hsp_core (table_texts), translated where read"


def table_texts() -> Iterator[tuple[str, str]]:
    """(English, the ISA's Japanese) of every table text the engine shows."""
    from hsp_core.dated import DatedProfile
    from hsp_core.labels import LABELS
    from hsp_core.profile import Profile
    from hsp_core.table import CATEGORY_NAMES, CATEGORY_NAMES_JA, ROWS, RULES_TITLE

    yield RULES_TITLE, "高度専門職ポイント計算表（令和5年4月1日以降）"
    # hsp_core.labels.label's other texts, for the plain and the dated profile's fields, and the
    # names of the parts of a dated fact (hsp_core.errors: "Salary item 2, since").
    for fields in (Profile.model_fields, DatedProfile.model_fields):
        for name, info in fields.items():
            if name in LABELS:
                continue
            if info.annotation is bool and info.description:
                yield info.description.rstrip("."), ""
            else:
                yield name.replace("_", " ").capitalize(), ""
            for model in _models(info.annotation):
                for part in model.model_fields:
                    yield part.replace("_", " "), ""
    from hsp_core.suggestions import _FLOORS, _ROWS

    for c, name in CATEGORY_NAMES.items():
        yield name, CATEGORY_NAMES_JA[c]
    for r in ROWS:
        yield r.label, r.label_ja
    # The evidence sheet: our rendering of each row; Japanese shows the sheet's own words.
    from hsp_core.evidence import EVIDENCE

    for e in EVIDENCE:
        yield e.topic, ""
        yield e.documents_en, e.documents_ja
        for n in e.notes:
            yield n.en, n.ja
    # The changes suggestions.py proposes, made once from the rows.
    for rows in _ROWS.values():
        for _r, fixed in rows:
            if fixed is not None:
                yield fixed.text, ""
    for floor in _FLOORS.values():
        yield floor.text, ""


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models inside a field's type (list[Degree], JicaTraining | None)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models(arg)


def extract() -> Catalog:
    """The template: every message hsp_core can show, in English."""
    pot = Catalog(project="hsp-core", domain=DOMAIN, fuzzy=False)
    found = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        pot.add(message, locations=[(f"hsp_core/{filename}", lineno)],
                auto_comments=comments, context=context)
    for name in FORM_FILES:
        with (ROOT / name).open("rb") as f:
            for lineno, message, comments, context in extract_file(
                    "python", f, keywords=FORM_KEYWORDS, comment_tags=("TRANSLATORS:",),
                    strip_comment_tags=True):
                pot.add(message, locations=[(name, lineno)], auto_comments=comments,
                        context=context)
    for en, ja in table_texts():
        if en not in pot:
            pot.add(en, auto_comments=[TABLE_COMMENT, *([f"ISA: {ja}"] if ja else [])])
    return pot


def po_path(lang_dir: str) -> Path:
    return LOCALES / lang_dir / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang_dir: str) -> Catalog:
    with po_path(lang_dir).open("rb") as f:
        return read_po(f, locale=lang_dir, domain=DOMAIN)


def update() -> None:
    """Re-extract and merge into each .po: new messages appear empty, gone ones are dropped."""
    pot = extract()
    for d in DIRS:
        path = po_path(d)
        path.parent.mkdir(parents=True, exist_ok=True)
        po = read(d) if path.exists() else Catalog(locale=d, domain=DOMAIN)
        po.update(pot, no_fuzzy_matching=True)
        po.obsolete.clear()
        po.header_comment = HEADER
        po.last_translator = po.language_team = "hsp-core contributors (docs/glossary.md)"
        with path.open("wb") as f:
            write_po(f, po, width=100, include_previous=False, include_lineno=False)


if __name__ == "__main__":
    if sys.argv[1:] != ["update"]:
        sys.exit("usage: python -m buildlib.catalogs update")
    update()
