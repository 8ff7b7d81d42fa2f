"""Which rows of the table a person matches: one rule per measure, naming the fields it reads.

A rule is handed a Facts holding only the fields it declares, so reading any other one fails
loudly. Hence a change to a field can change only the measures whose rules read it, which lets the
suggestion search re-score just those (scoring.Trials).
Cross-item rules (gates) sit beside the measure they limit, with their ISA item and source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hsp_core.i18n import N_, _
from hsp_core.profile import GRADUATE, Education, JapaneseLevel, Position, Profile, Research
from hsp_core.table import Measure, Row
from hsp_core.text import yen


class Facts:
    """Profile values by field name, plus `current_age`; a rule's Facts holds only its reads."""

    current_age: int
    education: Education
    multiple_graduate_degrees: bool
    experience_years: float
    annual_salary_jpy: int
    research_achievements: list[Research]
    national_qualifications: int
    employer_innovation_support: bool
    employer_is_sme: bool
    employer_rnd_over_3pct: bool
    japanese_university: bool
    japanese_level: JapaneseLevel
    jica_training: bool
    jica_training_at_japanese_university: bool
    position: Position
    employer_local_support: bool
    foreign_qualification: bool
    growth_field_project: bool
    listed_university: bool
    investment_100m_jpy: bool
    investment_management_business: bool

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.__dict__.update(values)


@dataclass(frozen=True)
class Match:
    """Whether a row applies, and, when a gate blocks a claimed item, why not."""

    ok: bool
    blocked: str | None = None


YES = Match(True)
NO = Match(False)


def _flag(value: bool) -> Match:
    return YES if value else NO


def _education(p: Facts, r: Row) -> Match:
    # ① the highest degree only: a person matches exactly the row of their highest degree [S1].
    return _flag(r.option == p.education.value)


def _multiple_degrees(p: Facts, r: Row) -> Match:
    # ① +5 needs two or more graduate degrees in different fields, once [S1 注2; S6 Q5].
    return _flag(p.multiple_graduate_degrees and p.education in GRADUATE)


def _at_least(value: float, r: Row) -> bool:
    assert r.at_least is not None
    return value >= r.at_least


def _under_age(p: Facts, r: Row) -> bool:
    return r.under_age is None or p.current_age < r.under_age


def _experience(p: Facts, r: Row) -> Match:
    return _flag(_at_least(p.experience_years, r))  # ② bands "X年以上" [S1]


def _salary(p: Facts, r: Row) -> Match:
    # ③ integer yen, lower bound inclusive; in (a)/(b) the band must be open at this age [S1].
    if not _at_least(p.annual_salary_jpy, r):
        return NO
    if not _under_age(p, r):
        return Match(False, _("{pay} scores no salary points at age {age}: the {band} band "
                              "counts only under {under}").format(
            pay=yen(p.annual_salary_jpy), age=p.current_age, band=yen(r.at_least or 0),
            under=r.under_age))
    return YES


def _age(p: Facts, r: Row) -> Match:
    return _flag(_under_age(p, r))


def _research(p: Facts, r: Row) -> Match:
    # ④–⑦ count kinds of achievement, not papers: (a) 1 → 20, 2+ → 25; (b) 1+ → 15 [S1].
    return _flag(_at_least(len(p.research_achievements), r))


def _qualifications(p: Facts, r: Row) -> Match:
    return _flag(_at_least(p.national_qualifications, r))  # ⑧ one 5, several 10 [S1]


def _innovation_sme(p: Facts, r: Row) -> Match:
    # ⑩ "Ⅰに該当する企業であって…中小企業者": needs ⑨ and an SME [S1].
    if p.employer_is_sme and not p.employer_innovation_support:
        return Match(False, N_("⑩ (SME bonus) needs ⑨: the employer must also receive "
                        "innovation-promotion support"))
    return _flag(p.employer_is_sme and p.employer_innovation_support)


def _sme_rnd(p: Facts, r: Row) -> Match:
    # ⑫ needs an SME with R&D over 3% of sales; it does not need ⑨ [S1 evidence sheet ⑫].
    if p.employer_rnd_over_3pct and not p.employer_is_sme:
        return Match(False, N_("⑫ (R&D over 3%) counts only when the employer is an SME"))
    return _flag(p.employer_rnd_over_3pct and p.employer_is_sme)


def _japanese(p: Facts, r: Row) -> Match:
    # ⑮ Ⅱ (N2) excludes anyone with ⑭ or Ⅰ; Ⅰ (N1) stacks with ⑭ [S1 note; S6 Q15/Q16].
    if r.option != p.japanese_level.value:
        return NO
    if p.japanese_level is JapaneseLevel.n2 and p.japanese_university:
        return Match(False, N_("N2 (⑮ Ⅱ) does not count for graduates of a Japanese university "
                        "(⑭); N1 would add 15"))
    return YES


def _jica(p: Facts, r: Row) -> Match:
    # ⑱ cannot be added to ⑭ when the training used Japanese university classes [S1 note].
    if p.jica_training and p.jica_training_at_japanese_university and p.japanese_university:
        return Match(False, N_("⑱ (JICA training) is not added to ⑭ because the training "
                        "used Japanese university classes"))
    return _flag(p.jica_training)


def _position(p: Facts, r: Row) -> Match:
    return _flag(p.position is not Position.none and r.option == p.position.value)


@dataclass(frozen=True)
class Rule:
    reads: tuple[str, ...]  # the only fields `match` is given
    match: Callable[[Facts, Row], Match]


def _has(field: str) -> Rule:
    """A yes/no item: its row applies when the profile's flag is set."""
    return Rule((field,), lambda p, r: _flag(getattr(p, field)))


RULES: dict[Measure, Rule] = {
    "education": Rule(("education",), _education),
    "multiple_degrees": Rule(("multiple_graduate_degrees", "education"), _multiple_degrees),
    "experience": Rule(("experience_years",), _experience),
    "salary": Rule(("annual_salary_jpy", "current_age"), _salary),
    "age": Rule(("current_age",), _age),
    "research": Rule(("research_achievements",), _research),
    "national_qualifications": Rule(("national_qualifications",), _qualifications),
    "innovation_support": _has("employer_innovation_support"),
    "innovation_sme": Rule(("employer_is_sme", "employer_innovation_support"), _innovation_sme),
    "local_support": _has("employer_local_support"),
    "sme_rnd": Rule(("employer_rnd_over_3pct", "employer_is_sme"), _sme_rnd),
    "foreign_qualification": _has("foreign_qualification"),
    "japanese_university": _has("japanese_university"),
    "japanese": Rule(("japanese_level", "japanese_university"), _japanese),
    "growth_field": _has("growth_field_project"),
    "listed_university": _has("listed_university"),
    "jica_training": Rule(("jica_training", "jica_training_at_japanese_university",
                           "japanese_university"), _jica),
    "investment": _has("investment_100m_jpy"),
    "position": Rule(("position",), _position),
    "investment_management": _has("investment_management_business"),
}

_FIELDS = sorted({f for rule in RULES.values() for f in rule.reads} - {"current_age"})


def values_of(p: Profile) -> dict[str, Any]:
    """Every value a rule may read, by field name."""
    return {"current_age": p.current_age, **{f: getattr(p, f) for f in _FIELDS}}


def match(values: Mapping[str, Any], r: Row) -> Match:
    rule = RULES[r.measure]
    return rule.match(Facts({f: values[f] for f in rule.reads}), r)
