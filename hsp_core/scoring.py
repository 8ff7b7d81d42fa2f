"""Applies the table to a profile: per-category items and totals.

Each measure's rule (matchers.py) says which rows a profile matches; within a measure only the
best row counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from itertools import product
from operator import itemgetter
from typing import Any, get_type_hints

from hsp_core.i18n import N_, _, current
from hsp_core.matchers import RULES, Facts, values_of
from hsp_core.profile import Position, Profile, Research
from hsp_core.result import ItemScore, Note
from hsp_core.sources import SOURCES
from hsp_core.table import CATEGORIES, Category, Measure, Row, rows_for
from hsp_core.text import yen

# What a profile claims for measures that some category lacks, to explain a 0 there.
CLAIMS: dict[Measure, Callable[[Profile], bool]] = {
    "research": lambda p: bool(p.research_achievements),
    "national_qualifications": lambda p: p.national_qualifications > 0,
    "investment": lambda p: p.investment_100m_jpy,
    "position": lambda p: p.position is not Position.none,
    "investment_management": lambda p: p.investment_management_business,
}


RESEARCH_WORDS: dict[Research, str] = {
    Research.patent: N_("patent"),
    Research.foreign_grant_research: N_("foreign grant research"),
    Research.papers: N_("papers"),
    Research.other: N_("other"),
}


def _reason(p: Profile, r: Row) -> str:
    # Japanese reads the row's own ISA term; other languages look the English text up (one
    # English label may stand for rows the form words differently).
    label = r.label_ja if current() == "ja" else _(r.label)
    if r.measure == "salary":
        text = (_("Annual salary {pay}: {label}") if r.category == "c"
                else _("Annual salary {pay} at age {age}: {label}"))
        return text.format(pay=yen(p.annual_salary_jpy), age=p.current_age, label=label)
    if r.measure == "age":
        return _("Age {age}: {label}").format(age=p.current_age, label=label.lower())
    if r.measure == "experience":
        return _("{years:g} years of experience: {label}").format(years=p.experience_years,
                                                                 label=label)
    if r.measure == "research":
        kinds = _(", ").join(_(RESEARCH_WORDS[k]) for k in p.research_achievements)
        return _("{label} ({kinds})").format(label=label, kinds=kinds)
    if r.measure == "national_qualifications":
        return _("{n} qualification(s): {label}").format(n=p.national_qualifications,
                                                        label=label)
    if r.measure == "education":
        return _("Highest degree: {label}").format(label=label)
    return label


_ROWS: dict[Category, tuple[Row, ...]] = {c: rows_for(c) for c in CATEGORIES}


Best = tuple[Row | None, tuple[str, str] | None]


def _scan(values: Mapping[str, Any], measure: Measure, rows: tuple[Row, ...]) -> Best:
    """The row of one measure that counts, or else (item, why) for the first row a gate blocks;
    `rows` go best first, so the first row that matches is the one that counts."""
    rule = RULES[measure]
    facts = Facts({f: values[f] for f in rule.reads})
    blocked: tuple[str, str] | None = None
    for r in rows:
        m = rule.match(facts, r)
        if m.ok:
            return r, None
        if blocked is None and m.blocked is not None:
            blocked = (r.item, m.blocked)
    return None, blocked


_KINDS = get_type_hints(Facts)


def _domain(field: str) -> tuple[Any, ...]:
    """Every value of a yes/no or multiple-choice field; none listed for numbers and lists."""
    kind = _KINDS[field]
    if kind is bool:
        return (False, True)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return tuple(kind)
    return ()


@dataclass(frozen=True)
class _Measure:
    """One measure of one category. When every field it reads takes few values, its result for
    each combination is worked out once by the scan and then looked up."""

    name: Measure
    rows: tuple[Row, ...]  # best first; sorted() keeps ties in table order
    key: Callable[[Mapping[str, Any]], Any]
    table: dict[Any, Best] | None

    @classmethod
    def of(cls, name: Measure, rows: list[Row]) -> _Measure:
        reads = RULES[name].reads
        ranked = tuple(sorted(rows, key=lambda r: -r.points))
        key = itemgetter(*reads)
        domains = [_domain(f) for f in reads]
        every = [dict(zip(reads, combo, strict=True)) for combo in product(*domains)]
        table = {key(v): _scan(v, name, ranked) for v in every} if all(domains) else None
        return cls(name, ranked, key, table)

    def best(self, values: Mapping[str, Any]) -> Best:
        if self.table is not None:
            return self.table[self.key(values)]
        return _scan(values, self.name, self.rows)

    def points(self, values: Mapping[str, Any]) -> int:
        row = self.best(values)[0]
        return 0 if row is None else row.points


# Each category's measures, in table order.
_MEASURES: dict[Category, dict[Measure, _Measure]] = {
    c: {m: _Measure.of(m, [r for r in _ROWS[c] if r.measure == m])
        for m in dict.fromkeys(r.measure for r in _ROWS[c])}
    for c in CATEGORIES
}
# Per category, the measures whose rule reads each field.
_READERS: dict[Category, dict[str, tuple[Measure, ...]]] = {
    c: {f: tuple(m for m in _MEASURES[c] if f in RULES[m].reads)
        for m in _MEASURES[c] for f in RULES[m].reads}
    for c in CATEGORIES
}
# Per category, the ordered pairs of fields that some measure reads together.
_TOGETHER: dict[Category, frozenset[tuple[str, str]]] = {
    c: frozenset((a, b) for m in _MEASURES[c] for a in RULES[m].reads for b in RULES[m].reads
                 if a != b)
    for c in CATEGORIES
}


def _claim_notes(p: Profile, category: Category) -> list[Note]:
    present = {r.measure for r in _ROWS[category]}
    notes = []
    for measure, claimed in CLAIMS.items():
        if measure not in present and claimed(p):
            homes = [c for c in CATEGORIES if any(r.measure == measure for r in _ROWS[c])]
            item = next(r.item for r in _ROWS[homes[0]] if r.measure == measure)
            where = _(" and ").join(f"({c})" for c in homes)
            notes.append(Note(item=item, text=_("{item} counts only in {where}").format(
                item=item, where=where)))
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
    values = values_of(p)
    best: dict[Measure, Row] = {}
    blocked: dict[Measure, tuple[str, str]] = {}
    for measure, scorer in _MEASURES[category].items():
        row, why = scorer.best(values)
        if row is not None:
            best[measure] = row
        elif why is not None:
            blocked[measure] = why
    items = [
        ItemScore(item=r.item, measure=r.measure, points=r.points, reason=_reason(p, r),
                  source=r.source, source_url=SOURCES[r.source].url)
        for r in best.values()
    ]
    # A gate's text may come from the table of results worked out once, in English.
    notes = [Note(item=i, text=_(t)) for i, t in blocked.values()]
    return Score(category, items, notes + _claim_notes(p, category))


def total(p: Profile, category: Category) -> int:
    """The total alone, without building the explanation."""
    return Trials(p, category).total


class Trials:
    """One profile's points in one category, measure by measure, and its total after changes.

    A change re-scores only the measures whose rules read a changed field. That is exact, not an
    estimate: a rule is given nothing but the fields it reads (matchers.py), so every other
    measure keeps its points.
    """

    def __init__(self, p: Profile, category: Category) -> None:
        self.category = category
        self._values = values_of(p)
        self._points = {m: s.points(self._values) for m, s in _MEASURES[category].items()}
        self.total = sum(self._points.values())

    def apart(self, a: str, b: str) -> bool:
        """Whether no measure reads both fields: then changing both adds exactly what changing
        each adds alone, as each measure sees at most one of the two changes."""
        return (a, b) not in _TOGETHER[self.category]

    def total_with(self, changes: Mapping[str, Any]) -> int:
        """The total with some fields set to other values."""
        values = {**self._values, **changes}
        measures, readers = _MEASURES[self.category], _READERS[self.category]
        total, seen = self.total, set()
        for f in changes:  # plain loops: this runs for every candidate and pair
            for m in readers.get(f, ()):
                if m not in seen:
                    seen.add(m)
                    total += measures[m].points(values) - self._points[m]
        return total
