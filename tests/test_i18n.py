"""The engine's answer in each language: the same codes and numbers, only the texts change.

Runs in Pyodide too, against the shipped wheel, so it also shows the wheel's catalogs load there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from answer_texts import codes, texts

from hsp_core import i18n
from hsp_core.jsonapi import assess_json
from hsp_core.timeline_series import page_json

GOLDEN = json.loads((Path(__file__).parent / "golden" / "scoring.json").read_text("utf-8"))
OTHERS = [lang for lang in i18n.LANGS if lang != "en"]
# The keys whose strings are words for a person; every other string is a code or a date.
TEXT_KEYS = {"name", "reason", "text", "failed_conditions", "category_reason",
             "experience_note", "warnings", "met", "missing", "also_required", "types",
             "message", "topic", "documents_en", "en",
             # the timeline's (tests/test_timeline_i18n.py checks each of them)
             "label", "table_note", "assumptions", "events"}
BASE = {"age": 30, "education": "bachelor", "experience_years": 3, "annual_salary_jpy": 6_000_000}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _profiles() -> list[dict[str, Any]]:
    out = []
    for case in GOLDEN["cases"]:
        merged = {**GOLDEN["base"], **case["profile"]}
        out.append({k: v for k, v in merged.items() if v is not None})
    return out


@pytest.mark.parametrize("lang", OTHERS)
def test_golden_profiles_give_the_same_codes_and_numbers(lang: str) -> None:
    for profile in _profiles():
        text = json.dumps({**profile, "reference_date": "2026-12-07"})
        en = json.loads(assess_json(text))
        other = json.loads(assess_json(text, lang=lang))
        assert codes(other, TEXT_KEYS) == codes(en, TEXT_KEYS), profile
        assert texts(other, TEXT_KEYS) != texts(en, TEXT_KEYS)


@pytest.mark.parametrize("lang", OTHERS)
def test_every_text_of_a_full_answer_is_translated(lang: str) -> None:
    """A text left in English (a string nobody wrapped) has no CJK character."""
    profile = {"age": 36, "education": "master", "experience_years": 8,
               "annual_salary_jpy": 9_000_000, "japanese_level": "n1",
               "research_achievements": ["papers"], "employer_innovation_support": True,
               "employer_local_support": True, "employer_is_sme": True,
               "employer_rnd_over_3pct": True, "has_spouse": True, "children_ages": [3],
               "spouse_annual_income_jpy": 2_000_000, "hsp_status_years": 2,
               "continuous_residence_years": 2, "points_1_year_ago": 75,
               "reference_date": "2026-12-07"}
    answer = json.loads(assess_json(json.dumps(profile), lang=lang))
    assert answer["ok"]
    english = [t for t in texts(answer, TEXT_KEYS) if not CJK.search(t)]
    assert not english


def test_the_request_may_name_its_language_and_the_old_call_is_english() -> None:
    profile = BASE
    keyed = json.loads(assess_json(json.dumps({**profile, "lang": "zh-TW"})))
    plain = json.loads(assess_json(json.dumps(profile)))
    assert keyed["result"]["categories"]["a"]["name"] == "(i)(a) 高度學術研究活動"
    assert plain["result"]["categories"]["a"]["name"] == "(i)(a) Advanced academic research"
    assert codes(keyed, TEXT_KEYS) == codes(plain, TEXT_KEYS)


def test_errors_name_the_field_in_the_language() -> None:
    out = json.loads(assess_json(json.dumps({**BASE, "age": "old"}), lang="ja"))
    assert out["errors"] == [{"field": "age", "message": "年齢：5のような整数にしてください"}]
    bad = json.loads(assess_json("{not json", lang="zh"))
    assert bad["errors"][0]["message"].startswith("不是有效的JSON")


def test_an_unknown_language_falls_back_to_english() -> None:
    out = json.loads(assess_json(json.dumps({**BASE, "lang": "xx"})))
    assert out["ok"] and out["result"]["categories"]["a"]["name"].startswith("(i)(a) Advanced")


def test_english_loads_no_catalog() -> None:
    i18n._catalog.cache_clear()
    assess_json(json.dumps(BASE))
    assert i18n._catalog.cache_info().currsize == 1  # "en" only, which is no file
    assert i18n.translator("en")("Total") == "Total"


def test_translator_and_plural_forms() -> None:
    assert i18n.translator("ja")("Total") == "合計"
    assert i18n.plural_translator("zh")("{n:g} year", "{n:g} years", 2).format(n=2) == "2年"
    with pytest.raises(ValueError, match="zh-TW"):
        i18n.translator("fr")


def test_the_timeline_call_takes_a_language_and_keeps_its_numbers() -> None:
    case = json.loads((Path(__file__).parent / "golden" / "timeline" / "j_skip.json")
                      .read_text("utf-8"))
    text = json.dumps(case["profile"])
    en = json.loads(page_json(text, "2026-04-01"))
    ja = json.loads(page_json(text, "2026-04-01", lang="ja"))
    keyed = json.loads(page_json(json.dumps({**case["profile"], "lang": "zh"}), "2026-04-01"))
    assert en["ok"] and ja["ok"] and keyed["ok"]
    assert codes(ja, TEXT_KEYS) == codes(en, TEXT_KEYS) == codes(keyed, TEXT_KEYS)
    assert texts(ja, TEXT_KEYS) != texts(en, TEXT_KEYS)  # the assessment's texts inside, at least
