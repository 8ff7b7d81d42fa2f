"""Every measure is registered everywhere it must be: each failure names the file to edit.

A measure (a kind of row of the points table, hsp_core.table.Measure) needs: rows in table.py and
a name there (MEASURE_NAMES: the guide's matrix and the timeline's sheet); a rule in matchers.py
whose fields `Facts` declares; each field in the Profile (profile.py), with its item number (the
form groups and numbers its controls by it) and a label for a control that is not a checkbox
(labels.py); a way for the dated profile (dated.py) to set it, or the timeline never scores the
item; the field and the effort a suggestion names for it (suggestions.py: FIELD_OF, EFFORT); a
value drawn by the hypothesis strategies (tests/strategies.py); and its documents on the evidence
sheet (evidence.py). CONTRIBUTING.md's "Add an item" checklist lists the same places.
"""

from __future__ import annotations

from datetime import date
from typing import Any, get_args, get_type_hints

from hypothesis import given, settings

from hsp_core.dated import Employer, parse
from hsp_core.evidence import EVIDENCE
from hsp_core.labels import LABELS
from hsp_core.matchers import RULES, Facts
from hsp_core.profile import Position, Profile
from hsp_core.scoring import score
from hsp_core.table import CATEGORIES, MEASURE_NAMES, ROWS, Measure
from tests.strategies import profile_data

MEASURES: tuple[Measure, ...] = get_args(Measure)
DAY = date(2026, 12, 1)


def _fields(m: Measure) -> list[str]:
    """The Profile fields a measure's rule reads; `current_age` comes from `age`."""
    return ["age" if f == "current_age" else f for f in RULES[m].reads]


def _items(m: Measure) -> set[str]:
    """The item numbers of a measure's rows; ④–⑦ stands for ④, ⑤, ⑥ and ⑦."""
    out = set()
    for r in ROWS:
        if r.measure == m:
            out |= {"④", "⑤", "⑥", "⑦"} if r.item == "④–⑦" else {r.item}
    return out


def test_every_measure_has_rows_a_name_and_a_rule() -> None:
    for m in MEASURES:
        assert any(r.measure == m for r in ROWS), f"hsp_core/table.py: no rows for {m}"
        assert m in MEASURE_NAMES, f"hsp_core/table.py: MEASURE_NAMES has no name for {m}"
        assert m in RULES, f"hsp_core/matchers.py: RULES has no rule for {m}"
    assert set(RULES) == set(MEASURES) == set(MEASURE_NAMES)


def test_every_field_a_rule_reads_is_a_numbered_profile_field_with_a_label() -> None:
    facts = get_type_hints(Facts)
    schema = Profile.model_json_schema()["properties"]
    for m in MEASURES:
        for f in RULES[m].reads:
            assert f in facts, f"hsp_core/matchers.py: Facts declares no type for {f} ({m})"
        numbered = set()
        for f in _fields(m):
            assert f in Profile.model_fields, f"hsp_core/profile.py: no field {f} ({m})"
            numbered |= set(schema[f].get("isa_items", []))
            if Profile.model_fields[f].annotation is not bool:
                assert f in LABELS, f"hsp_core/labels.py: no label for the form's {f} ({m})"
        assert _items(m) & numbered, (
            f"hsp_core/profile.py: no field of {m} lists its item {sorted(_items(m))} "
            "(the form numbers its controls by it)")


def test_every_measure_a_person_can_change_has_a_suggestion_field_and_effort() -> None:
    # Imported here: suggestions.py reads FIELD_OF at import, so a gap there would stop the
    # whole file from loading instead of failing this one test.
    from hsp_core import suggestions

    for m in MEASURES:
        if m == "age":  # no one can change their age
            continue
        assert m in suggestions.FIELD_OF, f"hsp_core/suggestions.py: FIELD_OF has no field for {m}"
        assert suggestions.FIELD_OF[m] in _fields(m), f"hsp_core/suggestions.py: FIELD_OF[{m}]"
        assert m in suggestions.EFFORT, f"hsp_core/suggestions.py: EFFORT has no rank for {m}"


def test_every_item_has_its_documents_on_the_evidence_sheet() -> None:
    listed = {e.item for e in EVIDENCE}
    for m in MEASURES:
        for item in _items(m) - {"年齢"}:  # age needs no document of its own
            assert item in listed, f"hsp_core/evidence.py: no evidence row for {item} ({m})"


def _everything() -> dict[str, Any]:
    """A dated profile with every fact there is, each at its best, long enough ago to count."""
    flags = {k: True for k, f in Employer.model_fields.items() if f.annotation is bool}
    return {
        "birth_date": "1998-01-01", "category": None,
        "degrees": [
            {"level": "doctor", "field": "physics", "since": "2020-03-31",
             "japanese_university": True, "listed_university": True},
            {"level": "master", "field": "economics", "since": "2018-03-31"},
        ],
        "experience": [{"start": "2014-04-01"}],
        "salary": [{"since": "2020-04-01", "annual_salary_jpy": 30_000_000}],
        "japanese_tests": [{"level": "n1", "since": "2019-12-01"}],
        "national_qualifications": [{"since": "2021-01-01"}, {"since": "2022-01-01"}],
        "foreign_qualifications": [{"since": "2021-01-01"}],
        "research_achievements": [{"kind": "papers", "since": "2021-01-01"},
                                  {"kind": "patent", "since": "2021-01-01"}],
        "employer": [{"since": "2020-04-01", **flags, "position": Position.representative.value}],
        "jica_training": {"since": "2019-06-01", "at_japanese_university": True},
    }


def test_the_dated_profile_sets_every_field_a_rule_reads() -> None:
    """Else the timeline (which scores dated profiles) never scores the item."""
    dp = parse(_everything(), DAY)
    for m in MEASURES:
        for f in _fields(m):
            if f == "age":
                continue
            default = Profile.model_fields[f].get_default(call_default_factory=True)
            assert getattr(dp.on(DAY), f) != default, (
                f"hsp_core/dated.py: the dated profile never sets {f} ({m})")
        scored = {i.measure for c in CATEGORIES for i in score(dp.on(DAY, c), c).items}
        # ⑱ is not added to ⑭ when the training used university classes: checked just above.
        if m != "jica_training":
            assert m in scored, f"hsp_core/dated.py: {m} scores in no category on any date"


@settings(max_examples=20)
@given(profile_data())
def test_the_strategies_draw_every_field_a_rule_reads(data: dict[str, Any]) -> None:
    for m in MEASURES:
        for f in _fields(m):
            assert f in data, f"tests/strategies.py: profile_data draws no value for {f} ({m})"
