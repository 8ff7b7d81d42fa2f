"""The smallest changes that lift a category to 70 and to 80, derived from the table rows.

Each candidate change is read off a row the person does not yet score (its band floor, its option,
its flag); every combination's total comes from the real scorer (scoring.Trials), so no points are
written here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Final

from hsp_core.i18n import _
from hsp_core.profile import MIN_AGE, Education, JapaneseLevel, Position, Profile, Research
from hsp_core.result import Change, Suggestion, Suggestions
from hsp_core.scoring import Trials
from hsp_core.table import CATEGORIES, MINIMUM_SALARY_JPY, Category, Measure, Row, rows_for
from hsp_core.text import yen

TARGETS: Final = (70, 80)

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
# How soon a person can usually make each change, soonest first: a Japanese test, then pay, a
# qualification, the job or employer, time, research, a new degree or training, ¥100M. The
# options are listed in this order (then by the fewest points past the target); age is not a
# change anyone can make.
EFFORT: Final[dict[Measure, int]] = {
    "japanese": 0,
    "salary": 1,
    "national_qualifications": 2, "foreign_qualification": 2,
    "position": 3, "innovation_support": 3, "innovation_sme": 3, "local_support": 3,
    "sme_rnd": 3, "growth_field": 3, "investment_management": 3,
    "experience": 4,
    "research": 5,
    "education": 6, "multiple_degrees": 6, "japanese_university": 6, "listed_university": 6,
    "jica_training": 6,
    "investment": 7,
}
_EFFORT_OF_FIELD: Final = {FIELD_OF[m]: rank for m, rank in EFFORT.items()}


def effort(s: Suggestion) -> int:
    """A suggestion is as slow as its slowest change."""
    return max(_EFFORT_OF_FIELD[c.field] for c in s.changes)


# Fields whose rows gate each other (⑨→⑩, SME→⑫, graduate degree→① +5): together they can be
# worth more than apart, so such pairs are always tried. Any other pair is worth at most the sum.
PARTNERS: Final = (
    frozenset({"employer_innovation_support", "employer_is_sme"}),
    frozenset({"employer_is_sme", "employer_rnd_over_3pct"}),
    frozenset({"education", "multiple_graduate_degrees"}),
)
# Each gated field's partners, for the pair search.
_PARTNERS_OF: Final = {f: frozenset().union(*(s for s in PARTNERS if f in s)) - {f}
                       for f in frozenset().union(*PARTNERS)}


@dataclass(frozen=True, eq=False)  # identity: a value may be a list
class Candidate:
    field: str
    value: object
    item: str
    text: str

    @cached_property
    def key(self) -> tuple[str, str]:
        """The same field set to the same value is one candidate, whichever row asks for it."""
        return self.field, repr(self.value)


def _fixed(r: Row) -> Candidate | None:
    """The change a row asks for, the same for everyone (None for research: it depends)."""
    field = FIELD_OF[r.measure]
    if r.measure == "experience":
        assert r.at_least is not None
        return Candidate(field, float(r.at_least), r.item, f"{r.at_least} years of experience")
    if r.measure == "salary":
        assert r.at_least is not None
        return Candidate(field, r.at_least, r.item, f"Annual salary of {yen(r.at_least)}")
    if r.measure == "research":
        return None
    if r.measure == "national_qualifications":
        return Candidate(field, r.at_least, r.item, r.label)
    enums = {"education": Education, "japanese": JapaneseLevel, "position": Position}
    if r.measure in enums:
        assert r.option is not None
        return Candidate(field, enums[r.measure](r.option), r.item, r.label)
    return Candidate(field, True, r.item, r.label)


# Each category's rows with their fixed changes, built once; nobody can choose to be younger.
_ROWS: Final = {c: tuple((r, _fixed(r)) for r in rows_for(c) if r.measure != "age")
                for c in CATEGORIES}
_FLOORS: Final = {c: Candidate("annual_salary_jpy", floor, "③",
                               f"Annual salary of {yen(floor)} (the minimum)")
                  for c, floor in MINIMUM_SALARY_JPY.items() if floor is not None}


def _candidate(p: Profile, age: int, r: Row, fixed: Candidate | None) -> Candidate | None:
    if r.measure == "experience":
        assert r.at_least is not None
        return None if r.at_least > age - MIN_AGE else fixed
    if r.measure == "salary":
        return None if r.under_age is not None and age >= r.under_age else fixed
    if r.measure == "research":
        assert r.at_least is not None
        have = list(p.research_achievements)
        more = [k for k in Research if k not in have][: max(r.at_least - len(have), 0)]
        return Candidate(FIELD_OF[r.measure], have + more, r.item, r.label)
    return fixed


def candidates(p: Profile, category: Category) -> list[Candidate]:
    found: dict[tuple[str, str], Candidate] = {}
    age = p.current_age
    for r, fixed in _ROWS[category]:
        c = _candidate(p, age, r, fixed)
        if c is not None and getattr(p, c.field) != c.value:
            found.setdefault(c.key, c)
    floor = MINIMUM_SALARY_JPY[category]
    if floor is not None and p.annual_salary_jpy < floor:
        found.setdefault(_FLOORS[category].key, _FLOORS[category])
    return list(found.values())


def _changes(chosen: tuple[Candidate, ...]) -> dict[str, Any]:
    return {c.field: c.value for c in chosen}


def _passes(p: Profile, chosen: tuple[Candidate, ...], category: Category, points: int,
            target: int) -> bool:
    floor = MINIMUM_SALARY_JPY[category]
    if points < target or floor is None:
        return points >= target
    salary: int = _changes(chosen).get("annual_salary_jpy", p.annual_salary_jpy)
    return salary >= floor


def _suggestion(
    changes: tuple[Candidate, ...], gains: dict[Candidate, int], after: int, before: int
) -> Suggestion:
    # A candidate's text is fixed data made once (scripts/buildlib/catalogs.py lists them all).
    words = {c: _("{text} ({item})").format(text=_(c.text), item=c.item) for c in changes}
    parts = [Change(field=c.field, value=c.value, item=c.item,
                    text=_("{change}: {gain:+d}").format(change=words[c], gain=gains[c]))
             for c in changes]
    joined = _(" and ").join(words[c] for c in changes)
    return Suggestion(changes=parts, total_after=after, text=_(
        "{changes}: {gain:+d} → {total}").format(changes=joined, gain=after - before, total=after))


def _pairs(cands: list[Candidate], gains: dict[Candidate, int],
           need: int) -> Iterator[tuple[int, int]]:
    """The pairs (i, j), i < j, in order, that may add `need` points: two different fields that
    are not partners add at most the sum of their gains, so other pairs are skipped unseen."""
    lifts = [max(gains[c], 0) for c in cands]
    tops = [*lifts, 0]  # tops[i]: the largest lift from position i on
    for i in range(len(cands) - 1, -1, -1):
        tops[i] = max(lifts[i], tops[i + 1])
    for i, c1 in enumerate(cands):
        partners = _PARTNERS_OF.get(c1.field, frozenset())
        short = need - lifts[i]  # what the second change must add
        if not partners and tops[i + 1] < short:
            continue
        for j in range(i + 1, len(cands)):
            f = cands[j].field
            if (lifts[j] >= short or f in partners) and f != c1.field:
                yield i, j


def _after(trials: Trials, points: int, chosen: tuple[Candidate, ...], c: Candidate,
           gains: dict[Candidate, int]) -> int:
    """The total after `chosen` (worth `points`) and `c`. When no measure reads both `c`'s field
    and a chosen one, `c` adds exactly its own gain; otherwise the changes are re-scored."""
    for x in chosen:
        if not trials.apart(c.field, x.field):
            return trials.total_with(_changes((*chosen, c)))
    return points + gains[c]


Path = list[tuple[tuple[Candidate, ...], int]]


def _search(p: Profile, trials: Trials, target: int, cands: list[Candidate],
            gains: dict[Candidate, int], path: Callable[[], Path]) -> list[Suggestion]:
    category, before = trials.category, trials.total
    found: list[tuple[int, tuple[int, ...], tuple[Candidate, ...], int]] = []
    for i, c in enumerate(cands):
        after = before + gains[c]
        if _passes(p, (c,), category, after, target):
            found.append((after - target, (i,), (c,), after))
    if not found:
        for i, j in _pairs(cands, gains, target - before):
            c1, c2 = cands[i], cands[j]
            after = _after(trials, before + gains[c1], (c1,), c2, gains)
            if _passes(p, (c1, c2), category, after, target):
                found.append((after - target, (i, j), (c1, c2), after))
    if not found:
        # Far from the target: the first step of the greedy path that reaches it.
        return next(([_suggestion(chosen, gains, points, before)] for chosen, points in path()
                     if _passes(p, chosen, category, points, target)), [])
    # One option per set of fields: the one that overshoots least (the lowest band that works).
    best: dict[frozenset[str], tuple[tuple[Candidate, ...], int]] = {}
    for _slow, _fewer, chosen, after in sorted(found, key=lambda f: (f[0], f[1])):
        best.setdefault(frozenset(c.field for c in chosen), (chosen, after))
    # Every option, soonest first: the page shows the first few and the rest on request.
    return sorted((_suggestion(chosen, gains, after, before) for chosen, after in best.values()),
                  key=effort)


def _greedy(p: Profile, trials: Trials, cands: list[Candidate],
            gains: dict[Candidate, int]) -> Path:
    """The path that adds the biggest gain at each step, until it reaches the highest target or
    nothing more helps. A lower target's greedy walk is a prefix of it, so it is walked once."""
    chosen: tuple[Candidate, ...] = ()
    points = trials.total
    path = [(chosen, points)]
    while not _passes(p, chosen, trials.category, points, TARGETS[-1]):
        used = {c.field for c in chosen}
        options = [(_after(trials, points, chosen, c, gains), c) for c in cands
                   if c.field not in used]
        options = [(t, c) for t, c in options if t > points or c.field == "annual_salary_jpy"]
        if not options:
            break
        points, best = max(options, key=lambda o: o[0])
        chosen += (best,)
        path.append((chosen, points))
    return path


def suggest(p: Profile, category: Category) -> Suggestions:
    trials = Trials(p, category)
    before = trials.total
    everything = candidates(p, category)
    gains = {c: trials.total_with({c.field: c.value}) - before for c in everything}
    gated = set().union(*PARTNERS) - {"education"}
    # Keep what helps alone, a gate that helps only with its partner, or the salary floor.
    cands = [c for c in everything
             if gains[c] > 0 or (gains[c] == 0 and c.field in gated and c.value is True)
             or (c.field == "annual_salary_jpy" and c.value == MINIMUM_SALARY_JPY[category])]
    path = cache(lambda: _greedy(p, trials, cands, gains))
    found = {
        t: [] if _passes(p, (), category, before, t) else _search(p, trials, t, cands, gains, path)
        for t in TARGETS
    }
    return Suggestions(to_70=found[70], to_80=found[80])
