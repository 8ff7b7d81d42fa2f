"""A readable plain-text report of an assessment, for the CLI."""

from __future__ import annotations

from hsp_core.residence import ROUTE_NAMES
from hsp_core.result import Assessment, Benefit, CategoryResult
from hsp_core.table import CATEGORIES, RULES_TITLE


def _yes(v: bool) -> str:
    return "yes" if v else "no"


def _category(r: CategoryResult) -> list[str]:
    verdict = "passes" if r.eligible else "does not pass: " + "; ".join(r.failed_conditions)
    lines = [f"{r.name}: {r.total} points (of {r.maximum}) - {verdict}"]
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


def render(a: Assessment) -> str:
    cats = [a.categories[c] for c in CATEGORIES]
    head = f"{'':<26}" + "".join(f"{'(' + c.category + ')':>8}" for c in cats)
    lines = [
        f"HSP points under the {RULES_TITLE}",
        f"Reference date {a.reference_date.isoformat()}, age {a.age}",
        "",
        head,
        f"{'Total':<26}" + "".join(f"{c.total:>8}" for c in cats),
        f"{'Passes (70 + salary floor)':<26}" + "".join(f"{_yes(c.eligible):>8}" for c in cats),
        f"{'J-Skip':<26}" + "".join(f"{_yes(a.j_skip[c.category]):>8}" for c in cats),
        "",
    ]
    for c in cats:
        lines += [*_category(c), ""]
    pr = a.permanent_residence
    lines.append(f"Permanent residence (category ({pr.category})): "
                 f"{'a route holds' if pr.eligible else 'no route holds yet'}")
    for r in pr.routes:
        lines.append(f"  {ROUTE_NAMES[r.route]}: {'holds' if r.holds else 'not yet'}")
        lines += [f"    needs: {m}" for m in r.missing]
    lines.append(f"HSP(ii): {'eligible' if a.hsp_ii.eligible else 'not yet'}")
    lines += [f"  needs: {m}" for m in a.hsp_ii.missing]
    lines.append("Benefits:")
    lines += _benefit("parents", a.benefits.parents)
    lines += _benefit(f"domestic worker (up to {a.benefits.domestic_worker.max_workers})",
                      a.benefits.domestic_worker)
    lines += _benefit("work for your spouse", a.benefits.spouse_work)
    lines += [f"Warning: {w}" for w in a.warnings]
    return "\n".join(lines)
