"""What a visitor types: yen as people write it, and plain messages that name the field (#16)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hsp_core.jsonapi import assess_data, assess_json
from hsp_core.labels import label
from hsp_core.profile import Profile

BASE: dict[str, Any] = {"age": 31, "education": "master", "experience_years": 6,
                        "annual_salary_jpy": 7_500_000, "japanese_level": "n2"}

SALARY_TEXTS = ["7500000", "7,500,000", "¥7,500,000", "￥7,500,000", "750万", "750万円", "7.5M",
                "7.5m", "7 500 000", "７５０万", "7,500,000円", " 7.5 M ", "JPY 7,500,000"]


def _outcome(**fields: Any) -> Any:
    return assess_data({**BASE, **fields})


@pytest.mark.parametrize("text", SALARY_TEXTS)
def test_every_way_of_writing_the_salary_gives_the_same_answer(text: str) -> None:
    out = _outcome(annual_salary_jpy=text)
    assert out.ok, out.errors
    assert out.result == _outcome().result
    assert out.understood["annual_salary_jpy"] == 7_500_000


@pytest.mark.parametrize(("text", "words"), [
    ("7,5", "write a number of yen, such as 7,500,000 or 750万"),
    ("7.5", "write a number of yen"),
    ("75,00,000", "write a number of yen"),
    ("-7500000", "cannot be negative"),
    ("seven million", "write a number of yen"),
    ("1.2345678M", "must be a whole number of yen"),
])
def test_ambiguous_or_impossible_salaries_are_refused_in_plain_words(text: str,
                                                                      words: str) -> None:
    out = _outcome(annual_salary_jpy=text)
    assert not out.ok
    [error] = out.errors
    assert error.field == "annual_salary_jpy"
    assert error.message.startswith(label(Profile, "annual_salary_jpy"))
    assert words in error.message
    assert "annual_salary_jpy" not in out.understood


def test_the_spouse_pay_is_read_the_same_way() -> None:
    out = _outcome(has_spouse=True, spouse_annual_income_jpy="300万")
    assert out.ok and out.result is not None
    assert out.result.benefits.household_income_jpy == 10_500_000


def test_the_understood_salary_is_given_even_when_another_field_is_wrong() -> None:
    out = _outcome(annual_salary_jpy="750万", age=12)
    assert not out.ok
    assert out.understood == {"annual_salary_jpy": 7_500_000}


# --- every message is plain and names the field ----------------------------------------------

RAW = ("Input should", "greater than or equal", "less than or equal", "unable to parse",
       "Field required", "base64", "Value error", "valid integer", "valid number", "Extra inputs",
       "reference date", "reference_date", "_jpy", "_years", "Traceback")

WRONG: list[Any] = [None, -1, -0.5, 10**12, 2.5, "x", "7,5", "", True, [], [1, "a"], {},
                    {"a": 1}, "2026-13-45", "n3"]


def _messages(data: Any) -> list[tuple[str, str]]:
    answer = json.loads(assess_json(json.dumps(data)))
    return [(e["field"], e["message"]) for e in answer.get("errors", [])]


def _assert_plain(field: str, message: str) -> None:
    for raw in RAW:
        assert raw not in message, (field, message)
    name = field.split("[")[0].split(".")[0]
    if name in Profile.model_fields:
        assert message.startswith(label(Profile, name)), (field, message)
    elif name:
        assert f"'{name}'" in message, (field, message)


@pytest.mark.parametrize("name", list(Profile.model_fields))
@pytest.mark.parametrize("value", WRONG, ids=repr)
def test_a_wrong_value_in_any_field_gets_a_plain_message_naming_it(name: str,
                                                                    value: Any) -> None:
    for field, message in _messages({**BASE, name: value}):
        _assert_plain(field, message)


@given(st.dictionaries(st.sampled_from([*Profile.model_fields, "agee", "salary", "x"]),
                       st.recursive(st.none() | st.booleans() | st.integers() | st.floats()
                                    | st.text(max_size=8),
                                    lambda inner: st.lists(inner, max_size=3)
                                    | st.dictionaries(st.text(max_size=4), inner, max_size=2),
                                    max_leaves=4), max_size=6))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_json_profile_gets_plain_messages(extra: dict[str, Any]) -> None:
    for field, message in _messages({**BASE, **extra}):
        _assert_plain(field, message)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({**BASE, "age": 12}, "age", "Age must be 15 or more"),
    ({**BASE, "age": 101}, "age", "Age must be 100 or less"),
    ({k: v for k, v in BASE.items() if k != "age"}, "age",
     "Age is required (or give a birth date instead)"),
    ({**BASE, "agee": 3}, "agee", "'agee' is not a field of the profile; did you mean 'age'?"),
    ({**BASE, "experience_years": 30}, "experience_years",
     "Years of experience cannot be 30 at age 31: at most 16, the years since age 15"),
    ({**BASE, "age": None, "birth_date": "2030-01-01", "reference_date": "2026-12-07"},
     "birth_date", "Birth date must be before the application date 2026-12-07"),
    ({**BASE, "children_ages": [2, 40]}, "children_ages[1]",
     "Children's ages item 2 must be 30 or less"),
])
def test_messages_read_as_sentences(data: dict[str, Any], field: str, message: str) -> None:
    assert (field, message) in _messages(data)


def test_not_an_object() -> None:
    assert _messages([1, 2]) == [("", "The profile must be a JSON object with the profile "
                                  "fields")]
