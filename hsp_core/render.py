"""A readable plain-text report of an assessment, for the CLI."""

from __future__ import annotations

from hsp_core.residence import ROUTE_NAMES
from hsp_core.result import Assessment, Benefit, CategoryResult, Condition
from hsp_core.table import CATEGORIES, RULES_TITLE


def _yes(v: bool) -> str:
    return "yes" if v else "no"


def _category(r: CategoryResult) -> list[str]:
    verdict = "passes" if r.eligible else "does not pass: " + "; ".join(r.failed_conditions)
    lines = [f"{r.name}: {r.total} points - {verdict}"]
    lines += [f"  {i.item:<5}{i.points:>4}  {i.reason}" for i in r.items]
    lines += [f"  {n.item:<5}{0:>4}  {n.text}" for n in r.notes]
    for target, options in ((70, r.suggestions.to_70), (80, r.suggestions.to_80)):
        if options:
            lines.append(f"  To reach {target}:")
            lines += [f"    - {s.text}" for s in options]
    return lines


def _benefit(name: str, b: Benefit) -> list[str]:
    lines = [f"  {name}: {'available' if b.available else 'not available'}"]
    lines += [f"    needs: {m}" for m in b.missing]
    lines += [f"    also: {m}" for m in b.also_required]
    return lines


MARKS = {"met": "met", "missing": "MISSING", "not_known": "not known"}


def _conditions(conds: list[Condition], indent: str) -> list[str]:
    return [f"{indent}[{MARKS[c.status]}] {c.text}" for c in conds]


def _pending(verdict: str, conds: list[Condition]) -> str:
    unknown = sum(c.status == "not_known" for c in conds)
    if not unknown:
        return f"{verdict}, and every condition is met"
    which = f"the {unknown} conditions" if unknown > 1 else "the condition"
    return f"{verdict}, if {which} not known yet {'are' if unknown > 1 else 'is'} met"


def render(a: Assessment) -> str:
    cats = [a.categories[c] for c in CATEGORIES]
    head = f"{'':<26}" + "".join(f"{'(' + c.category + ')':>8}" for c in cats)
    lines = [
        f"HSP points under the {RULES_TITLE}",
        f"Reference date {a.reference_date.isoformat()}, age {a.age}",
        a.category_reason,
        *([a.experience_note] if a.experience_note else []),
        "",
        head,
        f"{'Total':<26}" + "".join(f"{c.total:>8}" for c in cats),
        f"{'Passes (70; ¥3M in b, c)':<26}" + "".join(f"{_yes(c.eligible):>8}" for c in cats),
        f"{'J-Skip':<26}" + "".join(f"{_yes(a.j_skip[c.category]):>8}" for c in cats),
        "",
    ]
    for c in cats:
        lines += [*_category(c), ""]
    pr = a.permanent_residence
    route = any(r.holds for r in pr.routes)
    verdict = (_pending("a route holds", pr.conditions) if pr.eligible
               else "a route holds, but a condition is missing" if route
               else "no route holds yet")
    lines.append(f"Permanent residence (category ({pr.category})): {verdict}")
    for r in pr.routes:
        lines.append(f"  {ROUTE_NAMES[r.route]}: {'holds' if r.holds else 'not yet'}")
        lines += [f"    needs: {m}" for m in r.missing]
    lines.append("  Conditions besides the points:")
    lines += _conditions(pr.conditions, "    ")
    lines.append(f"  {pr.fee.text}")
    hsp_ii = _pending("eligible", a.hsp_ii.conditions) if a.hsp_ii.eligible else "not yet"
    lines.append(f"HSP(ii): {hsp_ii}")
    lines += [f"  needs: {m}" for m in a.hsp_ii.missing]
    lines += _conditions(a.hsp_ii.conditions, "  ")
    lines.append(f"  {a.hsp_ii.fee.text}")
    lines.append("Benefits:")
    lines += _benefit("parents", a.benefits.parents)
    workers = a.benefits.domestic_worker.max_workers
    lines += _benefit(f"domestic worker (up to {workers})" if workers else "domestic worker",
                      a.benefits.domestic_worker)
    lines += _benefit("work for your spouse", a.benefits.spouse_work)
    lines += [f"Warning: {w}" for w in a.warnings]
    return "\n".join(lines)
