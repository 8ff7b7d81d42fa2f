"""The glossary translators and the site rely on: complete, sourced, and true to the table.

docs/glossary.toml holds each key term in en, ja, zh and zh_TW. These tests keep it usable: every
term has all four languages, its source resolves in hsp_core/sources.toml, the Traditional Chinese
is not a copy of the Simplified, and the Japanese of the points items is the table's own.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from hsp_core import table

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.toml"
SOURCES = ROOT / "hsp_core" / "sources.toml"

LANGUAGES = ("en", "ja", "zh", "zh_TW")
ZH_BASES = {"isa", "kanji", "ours"}
FIELDS = {"id", "item", "measure", "en", "ja", "zh", "zh_TW", "zh_basis", "zh_source", "source",
          "keep_ja", "note"}

# Common characters that exist only in Simplified script. Each has a different Traditional form,
# so a zh_TW entry that still holds one was not converted. (Characters shared by both scripts,
# such as 后, 台, 准 or 面, are deliberately absent.)
SIMPLIFIED_ONLY = frozenset(
    "进们这会发国学时实业对点长资务应证认请额税养码专门职号术动经营书变许间际识险费历龄绩语与"
    "该构关属报续处厅销产独维计拥开创亚训毕课验过圆亿运从团体连条读补优带让护现类项达离录难节"
    "约选质总级数负单统网规设话说财贸员问题还华万双岁兴义乐仅众亲价举为习买卖机龙"
)

# Simplified characters that Japanese writes the same way (学, 国, 号 …): allowed in ja.
JAPANESE_SHARED = frozenset("万体号国学属数点独会条与机税双")

# The item headings of the ISA form [S1] (its evidence sheet's 項目 column and the age row), used
# where a measure has several rows with different labels.
FORM_HEADINGS = frozenset(
    {"学歴", "職歴", "年収", "年齢", "研究実績", "資格", "日本語能力", "地位"}
)

ITEMS = tuple("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑")


def _terms() -> list[dict[str, Any]]:
    with GLOSSARY.open("rb") as f:
        terms: list[dict[str, Any]] = tomllib.load(f)["term"]
    return terms


def _source_ids() -> set[str]:
    with SOURCES.open("rb") as f:
        return {s["id"] for s in tomllib.load(f)["source"]}


TERMS = _terms()


def _ids(terms: list[dict[str, Any]]) -> list[str]:
    return [t["id"] for t in terms]


def test_ids_are_distinct_snake_case_keys() -> None:
    ids = _ids(TERMS)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert [i for i in ids if not re.fullmatch(r"[a-z][a-z0-9_]*", i)] == []


@pytest.mark.parametrize("term", TERMS, ids=_ids(TERMS))
def test_term_has_every_language_and_only_known_fields(term: dict[str, Any]) -> None:
    assert set(term) <= FIELDS, set(term) - FIELDS
    for lang in LANGUAGES:
        value = term.get(lang)
        assert isinstance(value, str) and value.strip(), f"{term['id']}: {lang} is empty"
        assert value == value.strip(), f"{term['id']}: {lang} has outer spaces"
    assert isinstance(term.get("keep_ja", False), bool)


@pytest.mark.parametrize("term", TERMS, ids=_ids(TERMS))
def test_sources_resolve_in_sources_toml(term: dict[str, Any]) -> None:
    known = _source_ids()
    assert term.get("source") in known, f"{term['id']}: source {term.get('source')!r} unknown"
    assert term.get("zh_basis") in ZH_BASES, f"{term['id']}: zh_basis {term.get('zh_basis')!r}"
    # A Chinese term may be called official only with the ISA Chinese text it comes from.
    if term["zh_basis"] == "isa":
        assert term.get("zh_source") in known, f"{term['id']}: zh_source missing or unknown"
    else:
        assert "zh_source" not in term, f"{term['id']}: zh_source given but zh_basis is not isa"


@pytest.mark.parametrize("term", TERMS, ids=_ids(TERMS))
def test_traditional_chinese_is_converted(term: dict[str, Any]) -> None:
    left = sorted(set(term["zh_TW"]) & SIMPLIFIED_ONLY)
    assert left == [], f"{term['id']}: zh_TW {term['zh_TW']!r} still has {''.join(left)}"


@pytest.mark.parametrize("term", TERMS, ids=_ids(TERMS))
def test_japanese_has_no_simplified_characters(term: dict[str, Any]) -> None:
    # A simplified character in ja is a typo (実务 for 実務): the ISA's terms are Japanese script.
    left = sorted(set(term["ja"]) & (SIMPLIFIED_ONLY - JAPANESE_SHARED))
    assert left == [], f"{term['id']}: ja {term['ja']!r} has {''.join(left)}"


def test_simplified_only_list_catches_an_unconverted_entry() -> None:
    # Guards the check above: an entry copied from zh to zh_TW must fail it.
    zh = next(t["zh"] for t in TERMS if t["id"] == "change_of_status")
    assert set(zh) & SIMPLIFIED_ONLY


def test_every_measure_of_the_table_has_exactly_one_term() -> None:
    measures = [t["measure"] for t in TERMS if "measure" in t]
    table_measures = {r.measure for r in table.ROWS}
    assert sorted(measures) == sorted(table_measures)


@pytest.mark.parametrize("term", [t for t in TERMS if "measure" in t],
                         ids=[t["id"] for t in TERMS if "measure" in t])
def test_japanese_of_a_measure_is_the_tables(term: dict[str, Any]) -> None:
    rows = [r for r in table.ROWS if r.measure == term["measure"]]
    labels = {r.label_ja for r in rows}
    if len(labels) == 1:
        assert term["ja"] == labels.pop()
    else:
        # Several rows (bands, degrees): the term is the form's heading or the labels' shared stem.
        assert term["ja"] in FORM_HEADINGS or all(term["ja"] in label for label in labels), (
            term["ja"], sorted(labels))
    assert term.get("item") == rows[0].item


def test_every_item_of_the_form_is_in_the_glossary() -> None:
    covered = "".join(t.get("item", "") for t in TERMS)
    assert [i for i in ITEMS if i not in covered] == []
    assert "年齢" in {t.get("item") for t in TERMS}


def test_category_names_match_the_table() -> None:
    ja = {t["ja"] for t in TERMS}
    assert set(table.CATEGORY_NAMES_JA.values()) <= ja


def test_document_names_kept_in_japanese_are_from_the_isa() -> None:
    # Every keep_ja term names a Japanese document or form; it must say which ISA text it is from.
    kept = [t for t in TERMS if t.get("keep_ja")]
    assert kept
    for t in kept:
        assert t["source"].startswith(("S", "G")), t["id"]
        assert t["zh"] != t["ja"] or t["zh_TW"] != t["ja"], f"{t['id']}: needs a rendering"


# The engine's messages (hsp_core/locale) that name a glossary term: their ja, zh and zh_TW must
# hold the term's words, so that the calculator and the guide say the same thing.
CATALOG_TERMS = {
    "(i)(a) Advanced academic research": "category_a",
    "(i)(b) Advanced specialised / technical": "category_b",
    "(i)(c) Advanced business management": "category_c",
    "permanent residence": "pr_permission",
    "parents": "parents",
    "work for your spouse": "spouse_work",
    "Good conduct": "good_conduct",
    "Period of stay on your residence card (years)": "period_of_stay",
}
# Mainland words that zh-TW writes otherwise (the table in docs/glossary.md).
MAINLAND_ONLY = ("日元", "家政人员", "研究生院", "数据库")


def _catalog(lang_dir: str) -> dict[str, str]:
    from buildlib.catalogs import read  # Babel: a host tool

    return {m.id: m.string for m in read(lang_dir) if m.id and isinstance(m.id, str)}


def test_engine_messages_use_the_glossary_terms() -> None:
    terms = {t["id"]: t for t in _terms()}
    for lang in ("ja", "zh", "zh_TW"):
        catalog = _catalog(lang)
        for msgid, term in CATALOG_TERMS.items():
            assert terms[term][lang] in catalog[msgid], (lang, msgid)


def test_engine_messages_in_zh_tw_use_taiwan_words() -> None:
    for text in _catalog("zh_TW").values():
        assert not any(word in text for word in MAINLAND_ONLY), text
