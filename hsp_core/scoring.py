"""Applies the table to a profile: per-category items and totals.

Each measure says which rows a profile matches; within a measure only the best row counts.
Cross-item rules (gates) sit beside the measure they limit, with their ISA item and source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hsp_core.profile import GRADUATE, JapaneseLevel, Position, Profile
from hsp_core.result import ItemScore, Note
from hsp_core.sources import SOURCES
from hsp_core.table import CATEGORIES, Category, Measure, Row, rows_for
from hsp_core.text import yen


@dataclass(frozen=True)
class Match:
    """Whether a row applies, and, when a gate blocks a claimed item, why not."""

    ok: bool
    blocked: str | None = None


YES = Match(True)
NO = Match(False)


def _flag(value: bool) -> Match:
    return YES if value else NO


def _education(p: Profile, r: Row) -> Match:
    # ① the highest degree only: a person matches exactly the row of their highest degree [S1].
    return _flag(r.option == p.education.value)


def _multiple_degrees(p: Profile, r: Row) -> Match:
    # ① +5 needs two or more graduate degrees in different fields, once [S1 注2; S6 Q5].
    return _flag(p.multiple_graduate_degrees and p.education in GRADUATE)


def _at_least(value: float, r: Row) -> bool:
    assert r.at_least is not None
    return value >= r.at_least


def _under_age(p: Profile, r: Row) -> bool:
    return r.under_age is None or p.current_age < r.under_age


def _experience(p: Profile, r: Row) -> Match:
    return _flag(_at_least(p.experience_years, r))  # ② bands "X年以上" [S1]


def _salary(p: Profile, r: Row) -> Match:
    # ③ integer yen, lower bound inclusive; in (a)/(b) the band must be open at this age [S1 §1.5].
    if not _at_least(p.annual_salary_jpy, r):
        return NO
    if not _under_age(p, r):
        return Match(False, f"{yen(p.annual_salary_jpy)} scores no salary points at age "
                     f"{p.current_age}: the {yen(r.at_least or 0)} band counts only under "
                     f"{r.under_age}")
    return YES


def _age(p: Profile, r: Row) -> Match:
    return _flag(_under_age(p, r))


def _research(p: Profile, r: Row) -> Match:
    # ④–⑦ count kinds of achievement, not papers: (a) 1 → 20, 2+ → 25; (b) 1+ → 15 [S1].
    return _flag(_at_least(len(p.research_achievements), r))


def _qualifications(p: Profile, r: Row) -> Match:
    return _flag(_at_least(p.national_qualifications, r))  # ⑧ one 5, several 10 [S1]


def _innovation_sme(p: Profile, r: Row) -> Match:
    # ⑩ "Ⅰに該当する企業であって…中小企業者": needs ⑨ and an SME [S1].
    if p.employer_is_sme and not p.employer_innovation_support:
        return Match(False, "⑩ (SME bonus) needs ⑨: the employer must also receive "
                     "innovation-promotion support")
    return _flag(p.employer_is_sme and p.employer_innovation_support)


def _sme_rnd(p: Profile, r: Row) -> Match:
    # ⑫ needs an SME with R&D over 3% of sales; it does not need ⑨ [S1 evidence sheet ⑫].
    if p.employer_rnd_over_3pct and not p.employer_is_sme:
        return Match(False, "⑫ (R&D over 3%) counts only when the employer is an SME")
    return _flag(p.employer_rnd_over_3pct and p.employer_is_sme)


def _japanese(p: Profile, r: Row) -> Match:
    # ⑮ Ⅱ (N2) excludes anyone with ⑭ or Ⅰ; Ⅰ (N1) stacks with ⑭ [S1 note; S6 Q15/Q16].
    if r.option != p.japanese_level.value:
        return NO
    if p.japanese_level is JapaneseLevel.n2 and p.japanese_university:
        return Match(False, "N2 (⑮ Ⅱ) does not count for graduates of a Japanese university (⑭); "
                     "N1 would add 15")
    return YES


def _jica(p: Profile, r: Row) -> Match:
    # ⑱ cannot be added to ⑭ when the training used Japanese university classes [S1 note].
    if p.jica_training and p.jica_training_at_japanese_university and p.japanese_university:
        return Match(False, "⑱ (JICA training) is not added to ⑭ because the training used "
                     "Japanese university classes")
    return _flag(p.jica_training)


def _position(p: Profile, r: Row) -> Match:
    return _flag(p.position is not Position.none and r.option == p.position.value)


MATCHERS: dict[Measure, Callable[[Profile, Row], Match]] = {
    "education": _education,
    "multiple_degrees": _multiple_degrees,
    "experience": _experience,
    "salary": _salary,
    "age": _age,
    "research": _research,
    "national_qualifications": _qualifications,
    "innovation_support": lambda p, r: _flag(p.employer_innovation_support),
    "innovation_sme": _innovation_sme,
    "local_support": lambda p, r: _flag(p.employer_local_support),
    "sme_rnd": _sme_rnd,
    "foreign_qualification": lambda p, r: _flag(p.foreign_qualification),
    "japanese_university": lambda p, r: _flag(p.japanese_university),
    "japanese": _japanese,
    "growth_field": lambda p, r: _flag(p.growth_field_project),
    "listed_university": lambda p, r: _flag(p.listed_university),
    "jica_training": _jica,
    "investment": lambda p, r: _flag(p.investment_100m_jpy),
    "position": _position,
    "investment_management": lambda p, r: _flag(p.investment_management_business),
}

# What a profile claims for measures that some category lacks, to explain a 0 there.
CLAIMS: dict[Measure, Callable[[Profile], bool]] = {
    "research": lambda p: bool(p.research_achievements),
    "national_qualifications": lambda p: p.national_qualifications > 0,
    "investment": lambda p: p.investment_100m_jpy,
    "position": lambda p: p.position is not Position.none,
    "investment_management": lambda p: p.investment_management_business,
}


def _reason(p: Profile, r: Row) -> str:
    if r.measure == "salary":
        at_age = "" if r.category == "c" else f" at age {p.current_age}"
        return f"Annual salary {yen(p.annual_salary_jpy)}{at_age}: {r.label}"
    if r.measure == "age":
        return f"Age {p.current_age}: {r.label.lower()}"
    if r.measure == "experience":
        return f"{p.experience_years:g} years of experience: {r.label}"
    if r.measure == "research":
        kinds = ", ".join(k.value.replace("_", " ") for k in p.research_achievements)
        return f"{r.label} ({kinds})"
    if r.measure == "national_qualifications":
        return f"{p.national_qualifications} qualification(s): {r.label}"
    if r.measure == "education":
        return f"Highest degree: {r.label}"
    return r.label


_ROWS: dict[Category, tuple[Row, ...]] = {c: rows_for(c) for c in CATEGORIES}


def _best(
    p: Profile, category: Category
) -> tuple[dict[Measure, Row], dict[Measure, tuple[str, str]]]:
    best: dict[Measure, Row] = {}
    blocked: dict[Measure, tuple[str, str]] = {}
    for r in _ROWS[category]:
        m = MATCHERS[r.measure](p, r)
        if m.ok and (r.measure not in best or r.points > best[r.measure].points):
            best[r.measure] = r
        elif m.blocked is not None:
            blocked.setdefault(r.measure, (r.item, m.blocked))
    return best, blocked


def _claim_notes(p: Profile, category: Category) -> list[Note]:
    present = {r.measure for r in _ROWS[category]}
    notes = []
    for measure, claimed in CLAIMS.items():
        if measure not in present and claimed(p):
            homes = [c for c in CATEGORIES if any(r.measure == measure for r in _ROWS[c])]
            item = next(r.item for r in _ROWS[homes[0]] if r.measure == measure)
            where = " and ".join(f"({c})" for c in homes)
            notes.append(Note(item=item, text=f"{item} counts only in {where}"))
    return notes


@dataclass(frozen=True)
class Score:
    category: Category
    items: list[ItemScore]
    notes: list[Note]

    @property
    def total(self) -> int:
        return sum(i.points for i in self.items)


def score(p: Profile, category: Category) -> Score:
    best, blocked = _best(p, category)
    items = [
        ItemScore(item=r.item, measure=r.measure, points=r.points, reason=_reason(p, r),
                  source=r.source, source_url=SOURCES[r.source].url)
        for r in best.values()
    ]
    notes = [Note(item=i, text=t) for m, (i, t) in blocked.items() if m not in best]
    return Score(category, items, notes + _claim_notes(p, category))


def total(p: Profile, category: Category) -> int:
    """The total alone, without building the explanation: what the suggestion search needs."""
    return sum(r.points for r in _best(p, category)[0].values())
