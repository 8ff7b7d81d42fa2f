"""The shipped catalogs are complete and the wheel carries them (issue 17, the engine's side).

Every message the engine can show (Babel's extraction over hsp_core plus the table's texts, as
scripts/buildlib/catalogs.py collects them) must be translated in ja, zh and zh-TW, with the same
placeholders; nothing obsolete may linger; the compiled .mo must say what the .po says. The CLI
gives the same numbers in every language.
"""

from __future__ import annotations

import gettext
import json
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from buildlib import catalogs
from buildlib.common import ROOT
from test_glossary import SIMPLIFIED_ONLY

from hsp_core import i18n

# Texts that read the same in every language: the scheme's own name.
SAME_AS_ENGLISH = frozenset({"J-Skip"})


@pytest.fixture(scope="module")
def template() -> Catalog:
    return catalogs.extract()


def _ids(c: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in c if m.id}


def _fields(text: str) -> list[str]:
    """`{points}`, `{years:g}`: each placeholder with its format, sorted."""
    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text)
                  if name is not None)


def _strings(m: Message) -> list[str]:
    return list(m.string) if isinstance(m.string, (list, tuple)) else [m.string]


def _english(m: Message) -> list[str]:
    return list(m.id) if isinstance(m.id, (list, tuple)) else [m.id]


@pytest.mark.parametrize("lang_dir", catalogs.DIRS)
def test_every_message_is_there_and_nothing_obsolete(template: Catalog, lang_dir: str) -> None:
    po = catalogs.read(lang_dir)
    missing = _ids(template) - _ids(po)
    extra = _ids(po) - _ids(template)
    assert not missing, f"{lang_dir}: not in the .po (run python -m buildlib.catalogs update)"
    assert not extra, f"{lang_dir}: obsolete messages in the .po: {sorted(map(str, extra))}"
    assert not po.obsolete


@pytest.mark.parametrize("lang_dir", catalogs.DIRS)
def test_every_message_is_translated_with_the_same_placeholders(lang_dir: str) -> None:
    po = catalogs.read(lang_dir)
    for m in po:
        if not m.id:
            continue
        english = _english(m)
        for text in _strings(m):
            assert text, f"{lang_dir}: untranslated: {m.id!r}"
            assert not m.fuzzy, f"{lang_dir}: fuzzy: {m.id!r}"
            assert text not in english or text in SAME_AS_ENGLISH, (
                f"{lang_dir}: left in English: {m.id!r}")
            assert _fields(text) == _fields(english[-1]), (
                f"{lang_dir}: placeholders differ in {m.id!r}: {text!r}")


def test_traditional_chinese_is_not_simplified() -> None:
    for m in catalogs.read("zh_TW"):
        for text in _strings(m) if m.id else []:
            assert not set(text) & SIMPLIFIED_ONLY, f"Simplified characters in zh_TW: {text!r}"


def test_japanese_table_labels_are_the_isa_terms() -> None:
    """The engine shows each row's own label_ja; the catalog's entry is one of them."""
    po = catalogs.read("ja")
    isa: dict[str, set[str]] = {}
    for en, ja in catalogs.table_texts():
        if ja:
            isa.setdefault(en, set()).add(ja)
    for en, options in isa.items():
        assert po[en].string in options, en


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGS if lang != "en"])
def test_the_compiled_catalog_says_what_the_source_says(lang: str) -> None:
    po = catalogs.read(i18n._DIRS[lang])
    mo_file = catalogs.po_path(i18n._DIRS[lang]).with_suffix(".mo")
    with mo_file.open("rb") as f:
        mo = gettext.GNUTranslations(f)
    for m in po:
        if m.id and isinstance(m.id, str):
            assert mo.gettext(m.id) == m.string, f"{lang}: stale .mo for {m.id!r} (rebuild)"


def test_the_wheel_ships_the_compiled_catalogs(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for d in catalogs.DIRS:
        assert f"hsp_core/locale/{d}/LC_MESSAGES/hsp_core.mo" in names
        assert f"hsp_core/locale/{d}/LC_MESSAGES/hsp_core.po" not in names
    # The browser worker imports from the wheel itself, as a zip on sys.path: catalogs load so.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import hsp_core.i18n as i; "
            "assert i.__file__.startswith(sys.argv[1]), i.__file__; "
            "print(i.translator('zh-TW')('Total'))")
    out = subprocess.run([sys.executable, "-c", code, str(wheel)], capture_output=True,
                         text=True, cwd=tmp_path, check=True)
    assert out.stdout.strip() == "合計"


PROFILE = {"age": 32, "education": "master", "experience_years": 6,
           "annual_salary_jpy": 8_000_000, "japanese_level": "n2"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hsp_core", *args], input=json.dumps(PROFILE),
                          capture_output=True, text=True, cwd=ROOT, check=False)


def test_the_cli_speaks_japanese_with_the_same_totals() -> None:
    en, ja = _cli("-"), _cli("-", "--lang", "ja")
    assert en.returncode == ja.returncode == 0
    assert "合計" in ja.stdout and "Total" not in ja.stdout
    assert "最終学歴：修士又は専門職学位" in ja.stdout  # the ISA's own words for the row

    def totals(out: str, word: str) -> str:
        return next(line for line in out.splitlines() if line.startswith(word)).split(
            maxsplit=1)[1]

    assert totals(ja.stdout, "合計") == totals(en.stdout, "Total")


def test_the_cli_json_keeps_its_numbers_in_chinese() -> None:
    en = json.loads(_cli("-", "--json").stdout)
    zh = json.loads(_cli("-", "--json", "--lang", "zh").stdout)
    assert [c["total"] for c in zh["categories"].values()] == [
        c["total"] for c in en["categories"].values()]
    assert zh["categories"]["b"]["name"] == "(i)(b) 高度专门・技术活动"


def test_the_cli_names_a_bad_field_in_the_chosen_language() -> None:
    out = subprocess.run([sys.executable, "-m", "hsp_core", "-", "--lang", "zh-TW"],
                         input=json.dumps({**PROFILE, "age": "old"}), capture_output=True,
                         text=True, cwd=ROOT, check=False)
    assert out.returncode == 2
    assert "錯誤：age：年齡：必須是整數" in out.stderr


def test_an_unknown_language_is_refused_by_the_cli() -> None:
    out = _cli("-", "--lang", "fr")
    assert out.returncode == 2 and "--lang" in out.stderr
