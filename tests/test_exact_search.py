"""The scorer's and the suggestion search's shortcuts give exactly what the plain computation gives.

The shortcuts: measures looked up instead of scanned, each measure's rows tried best first, trial
totals that re-score only the measures a change touches, pairs of changes added up when no measure
reads both, pairs skipped by their bound, and one greedy walk for both targets. Each test below
sets one of them against the straightforward computation: scan every row in table order, build
the changed profile with model_copy, score it in full, try every pair.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hsp_core.matchers import match, values_of
from hsp_core.profile import Profile
from hsp_core.result import Change, Suggestion, Suggestions
from hsp_core.scoring import Trials, score, total
from hsp_core.suggestions import (
    PARTNERS,
    TARGETS,
    Candidate,
    _pairs,
    candidates,
    effort,
    suggest,
)
from hsp_core.table import CATEGORIES, MINIMUM_SALARY_JPY, Category, Row, rows_for
from tests.strategies import profile_data, profiles


def plain_best(p: Profile, c: Category) -> tuple[list[Row], list[str]]:
    """Every row in table order: the highest points per measure, ties to the earlier row; a
    measure that scores nothing reports the first row its gate blocks."""
    values = values_of(p)
    best: dict[str, Row] = {}
    blocked: dict[str, str] = {}
    for r in rows_for(c):
        m = match(values, r)
        if m.ok and (r.measure not in best or r.points > best[r.measure].points):
            best[r.measure] = r
        elif m.blocked is not None:
            blocked.setdefault(r.measure, m.blocked)
    return list(best.values()), [t for m, t in blocked.items() if m not in best]


@given(profiles())
def test_the_scorer_picks_the_rows_a_full_scan_picks(p: Profile) -> None:
    for c in CATEGORIES:
        rows, blocked = plain_best(p, c)
        s = score(p, c)
        assert [(i.item, i.measure, i.points) for i in s.items] == [
            (r.item, r.measure, r.points) for r in rows]
        assert [n.text for n in s.notes][: len(blocked)] == blocked


def changed(p: Profile, changes: tuple[Candidate, ...]) -> Profile:
    return p.model_copy(update={x.field: x.value for x in changes})


@settings(max_examples=30, deadline=None)  # every pair of every category: slow in WebAssembly
@given(profiles())
def test_trial_totals_equal_scoring_the_changed_profile(p: Profile) -> None:
    for c in CATEGORIES:
        trials = Trials(p, c)
        assert trials.total == total(p, c) == score(p, c).total
        cands = candidates(p, c)
        gains = {x: total(changed(p, (x,)), c) - trials.total for x in cands}
        for x in cands:
            assert trials.total_with({x.field: x.value}) == trials.total + gains[x]
        for x, y in combinations(cands, 2):
            if x.field == y.field:
                continue
            both = score(changed(p, (x, y)), c).total
            assert trials.total_with({x.field: x.value, y.field: y.value}) == both
            if trials.apart(x.field, y.field):
                assert both == trials.total + gains[x] + gains[y]


FIELDS = sorted({"annual_salary_jpy", "education", "japanese_level", *set().union(*PARTNERS)})


@given(st.lists(st.tuples(st.sampled_from(FIELDS), st.integers(-10, 40)), max_size=12),
       st.integers(-20, 80))
def test_the_pairs_tried_are_those_the_bound_allows(cands: list[tuple[str, int]],
                                                    need: int) -> None:
    xs = [Candidate(f, i, "", "") for i, (f, _) in enumerate(cands)]
    gains = {x: g for x, (_, g) in zip(xs, cands, strict=True)}
    plain = [(i, j) for i, j in combinations(range(len(xs)), 2) if xs[i].field != xs[j].field
             and (max(gains[xs[i]], 0) + max(gains[xs[j]], 0) >= need
                  or any({xs[i].field, xs[j].field} <= s for s in PARTNERS))]
    assert list(_pairs(xs, gains, need)) == plain


def plain_suggest(p: Profile, c: Category) -> Suggestions:
    """The search as first written: a model_copy and a full score for every trial, every pair of
    different fields scored, and a separate greedy walk for each target."""
    floor = MINIMUM_SALARY_JPY[c]

    def passes(q: Profile, points: int, target: int) -> bool:
        return points >= target and (floor is None or q.annual_salary_jpy >= floor)

    def option(chosen: tuple[Candidate, ...], after: int) -> Suggestion:
        parts = [Change(field=x.field, value=x.value, item=x.item,
                        text=f"{x.text} ({x.item}): {gains[x]:+d}") for x in chosen]
        joined = " and ".join(f"{x.text} ({x.item})" for x in chosen)
        return Suggestion(changes=parts, total_after=after,
                          text=f"{joined}: {after - before:+d} → {after}")

    def greedy(target: int) -> list[Suggestion]:
        chosen: tuple[Candidate, ...] = ()
        points = before
        while not passes(changed(p, chosen), points, target):
            used = {x.field for x in chosen}
            options = [(total(changed(p, (*chosen, x)), c), x) for x in cands
                       if x.field not in used]
            options = [(t, x) for t, x in options if t > points or x.field == "annual_salary_jpy"]
            if not options:
                return []
            points, pick = max(options, key=lambda o: o[0])
            chosen += (pick,)
        return [option(chosen, points)]

    def search(target: int) -> list[Suggestion]:
        found = []
        for i, x in enumerate(cands):
            if passes(changed(p, (x,)), before + gains[x], target):
                found.append((before + gains[x] - target, i, (x,), before + gains[x]))
        if not found:
            for n, (x, y) in enumerate(combinations(cands, 2)):
                q = changed(p, (x, y))
                if x.field != y.field and passes(q, total(q, c), target):
                    found.append((total(q, c) - target, n, (x, y), total(q, c)))
        if not found:
            return greedy(target)
        best: dict[frozenset[str], Suggestion] = {}
        for _, _, chosen, after in sorted(found, key=lambda f: (f[0], f[1])):
            best.setdefault(frozenset(x.field for x in chosen), option(chosen, after))
        return sorted(best.values(), key=effort)

    before = total(p, c)
    everything = candidates(p, c)
    gains = {x: total(changed(p, (x,)), c) - before for x in everything}
    gated = set().union(*PARTNERS) - {"education"}
    cands = [x for x in everything
             if gains[x] > 0 or (gains[x] == 0 and x.field in gated and x.value is True)
             or (x.field == "annual_salary_jpy" and x.value == floor)]
    found = {t: [] if passes(p, before, t) else search(t) for t in TARGETS}
    return Suggestions(to_70=found[70], to_80=found[80])


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_suggestions_equal_the_plain_search(p: Profile) -> None:
    for c in CATEGORIES:
        assert suggest(p, c) == plain_suggest(p, c)


def far(data: dict[str, Any]) -> Profile:
    """Only age, degree, experience and pay: far below the targets, where no pair of changes is
    enough and the greedy walk runs."""
    keep = ("age", "education", "experience_years", "annual_salary_jpy")
    return Profile.model_validate({k: data[k] for k in keep})


@settings(max_examples=30, deadline=None)
@given(profile_data().map(far))
def test_suggestions_far_from_the_targets_equal_the_plain_search(p: Profile) -> None:
    for c in CATEGORIES:
        assert suggest(p, c) == plain_suggest(p, c)
