"""The smallest changes that lift a category to 70 and to 80, derived from the table rows.

Each candidate change is read off a row the person does not yet score (its band floor, its option,
its flag); every combination is checked by the real scorer, so no points are written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Final

from hsp_core.profile import MIN_AGE, Education, JapaneseLevel, Position, Profile, Research
from hsp_core.result import Change, Suggestion, Suggestions
from hsp_core.scoring import total
from hsp_core.table import MINIMUM_SALARY_JPY, Category, Measure, Row, rows_for
from hsp_core.text import yen

TARGETS: Final = (70, 80)
MAX_OPTIONS: Final = 5

FIELD_OF: Final[dict[Measure, str]] = {
    "education": "education",
    "multiple_degrees": "multiple_graduate_degrees",
    "experience": "experience_years",
    "salary": "annual_salary_jpy",
    "research": "research_achievements",
    "national_qualifications": "national_qualifications",
    "innovation_support": "employer_innovation_support",
    "innovation_sme": "employer_is_sme",
    "local_support": "employer_local_support",
    "sme_rnd": "employer_rnd_over_3pct",
    "foreign_qualification": "foreign_qualification",
    "japanese_university": "japanese_university",
    "japanese": "japanese_level",
    "growth_field": "growth_field_project",
    "listed_university": "listed_university",
    "jica_training": "jica_training",
    "investment": "investment_100m_jpy",
    "position": "position",
    "investment_management": "investment_management_business",
}
# Fields whose rows gate each other (⑨→⑩, SME→⑫, graduate degree→① +5): together they can be
# worth more than apart, so such pairs are always tried. Any other pair is worth at most the sum.
PARTNERS: Final = (
    frozenset({"employer_innovation_support", "employer_is_sme"}),
    frozenset({"employer_is_sme", "employer_rnd_over_3pct"}),
    frozenset({"education", "multiple_graduate_degrees"}),
)


@dataclass(frozen=True, eq=False)  # identity: a value may be a list
class Candidate:
    field: str
    value: object
    item: str
    text: str


def _candidate(p: Profile, r: Row) -> Candidate | None:
    field = FIELD_OF[r.measure]
    if r.measure == "experience":
        assert r.at_least is not None
        if r.at_least > p.current_age - MIN_AGE:
            return None
        return Candidate(field, float(r.at_least), r.item, f"{r.at_least} years of experience")
    if r.measure == "salary":
        assert r.at_least is not None
        if r.under_age is not None and p.current_age >= r.under_age:
            return None
        return Candidate(field, r.at_least, r.item, f"Annual salary of {yen(r.at_least)}")
    if r.measure == "research":
        assert r.at_least is not None
        have = list(p.research_achievements)
        more = [k for k in Research if k not in have][: max(r.at_least - len(have), 0)]
        return Candidate(field, have + more, r.item, r.label)
    if r.measure == "national_qualifications":
        return Candidate(field, r.at_least, r.item, r.label)
    enums = {"education": Education, "japanese": JapaneseLevel, "position": Position}
    if r.measure in enums:
        assert r.option is not None
        return Candidate(field, enums[r.measure](r.option), r.item, r.label)
    return Candidate(field, True, r.item, r.label)


def candidates(p: Profile, category: Category) -> list[Candidate]:
    found: dict[tuple[str, str], Candidate] = {}
    for r in rows_for(category):
        if r.measure == "age":
            continue  # nobody can choose to be younger
        c = _candidate(p, r)
        if c is not None and getattr(p, c.field) != c.value:
            found.setdefault((c.field, repr(c.value)), c)
    floor = MINIMUM_SALARY_JPY[category]
    if floor is not None and p.annual_salary_jpy < floor:
        found.setdefault(("annual_salary_jpy", repr(floor)), Candidate(
            "annual_salary_jpy", floor, "③", f"Annual salary of {yen(floor)} (the minimum)"))
    return list(found.values())


def _apply(p: Profile, changes: tuple[Candidate, ...]) -> Profile:
    return p.model_copy(update={c.field: c.value for c in changes})


def _passes(p: Profile, category: Category, points: int, target: int) -> bool:
    floor = MINIMUM_SALARY_JPY[category]
    return points >= target and (floor is None or p.annual_salary_jpy >= floor)


def _suggestion(
    changes: tuple[Candidate, ...], gains: dict[Candidate, int], after: int, before: int
) -> Suggestion:
    parts = [Change(field=c.field, value=c.value, item=c.item,
                    text=f"{c.text} ({c.item}): {gains[c]:+d}") for c in changes]
    joined = " and ".join(f"{c.text} ({c.item})" for c in changes)
    return Suggestion(changes=parts, total_after=after, text=f"{joined}: {after - before:+d} → "
                      f"{after}")


def _search(p: Profile, category: Category, target: int, cands: list[Candidate],
            gains: dict[Candidate, int], before: int) -> list[Suggestion]:
    found: list[tuple[int, int, Suggestion]] = []
    for i, c in enumerate(cands):
        q = _apply(p, (c,))
        after = before + gains[c]
        if _passes(q, category, after, target):
            found.append((after - target, i, _suggestion((c,), gains, after, before)))
    if not found:
        for n, (c1, c2) in enumerate(combinations(cands, 2)):
            if c1.field == c2.field:
                continue
            partners = any({c1.field, c2.field} <= s for s in PARTNERS)
            if not partners and before + max(gains[c1], 0) + max(gains[c2], 0) < target:
                continue  # cannot reach the target: such a pair adds at most the sum
            q = _apply(p, (c1, c2))
            after = total(q, category)
            if _passes(q, category, after, target):
                found.append((after - target, n, _suggestion((c1, c2), gains, after, before)))
    if not found:
        return _greedy(p, category, target, cands, gains, before)
    # One option per set of fields: the one that overshoots least (the lowest band that works).
    best: dict[frozenset[str], Suggestion] = {}
    for _, _, s in sorted(found, key=lambda f: (f[0], f[1])):
        best.setdefault(frozenset(c.field for c in s.changes), s)
    return list(best.values())[:MAX_OPTIONS]


def _greedy(p: Profile, category: Category, target: int, cands: list[Candidate],
            gains: dict[Candidate, int], before: int) -> list[Suggestion]:
    """Far from the target: one path that adds the biggest gain at each step."""
    chosen: tuple[Candidate, ...] = ()
    points = before
    q = p
    while not _passes(q, category, points, target):
        used = {c.field for c in chosen}
        options = [(total(_apply(q, (c,)), category), c) for c in cands if c.field not in used]
        options = [(t, c) for t, c in options if t > points or c.field == "annual_salary_jpy"]
        if not options:
            return []
        points, best = max(options, key=lambda o: o[0])
        chosen += (best,)
        q = _apply(q, (best,))
    return [_suggestion(chosen, gains, points, before)]


def suggest(p: Profile, category: Category) -> Suggestions:
    before = total(p, category)
    everything = candidates(p, category)
    gains = {c: total(_apply(p, (c,)), category) - before for c in everything}
    gated = set().union(*PARTNERS) - {"education"}
    # Keep what helps alone, a gate that helps only with its partner, or the salary floor.
    cands = [c for c in everything
             if gains[c] > 0 or (gains[c] == 0 and c.field in gated and c.value is True)
             or (c.field == "annual_salary_jpy" and c.value == MINIMUM_SALARY_JPY[category])]
    found = {
        t: [] if _passes(p, category, before, t) else _search(p, category, t, cands, gains, before)
        for t in TARGETS
    }
    return Suggestions(to_70=found[70], to_80=found[80])
