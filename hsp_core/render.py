"""A readable plain-text report of an assessment, for the CLI."""

from __future__ import annotations

import unicodedata

from hsp_core.i18n import N_, _, _n
from hsp_core.residence import ROUTE_NAMES
from hsp_core.result import Assessment, Benefit, CategoryResult, Condition
from hsp_core.table import CATEGORIES, RULES_TITLE
from hsp_core.text import date_text


def _width(text: str) -> int:
    """Columns a terminal gives `text`: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int = 26) -> str:
    return text + " " * max(width - _width(text), 0)


def _col(text: str, width: int = 8) -> str:
    return " " * max(width - _width(text), 0) + text


def _yes(v: bool) -> str:
    return _("yes") if v else _("no")


def _category(r: CategoryResult) -> list[str]:
    verdict = (_("passes") if r.eligible
               else _("does not pass: {why}").format(why=_("; ").join(r.failed_conditions)))
    lines = [_("{name}: {total} points - {verdict}").format(name=r.name, total=r.total,
                                                          verdict=verdict)]
    lines += [f"  {_pad(i.item, 5)}{i.points:>4}  {i.reason}" for i in r.items]
    lines += [f"  {_pad(n.item, 5)}{0:>4}  {n.text}" for n in r.notes]
    for target, options in ((70, r.suggestions.to_70), (80, r.suggestions.to_80)):
        if options:
            lines.append("  " + _("To reach {target}:").format(target=target))
            lines += [f"    - {s.text}" for s in options]
    return lines


def _benefit(name: str, b: Benefit) -> list[str]:
    state = _("available") if b.available else _("not available")
    lines = [f"  {name}: {state}"]
    lines += ["    " + _("needs: {what}").format(what=m) for m in b.missing]
    lines += ["    " + _("also: {what}").format(what=m) for m in b.also_required]
    return lines


MARKS = {"met": N_("met"), "missing": N_("MISSING"), "not_known": N_("not known")}


def _conditions(conds: list[Condition], indent: str) -> list[str]:
    return [f"{indent}[{_(MARKS[c.status])}] {c.text}" for c in conds]


def _pending(verdict: str, conds: list[Condition]) -> str:
    unknown = sum(c.status == "not_known" for c in conds)
    if not unknown:
        return _("{verdict}, and every condition is met").format(verdict=verdict)
    return _n("{verdict}, if the condition not known yet is met",
              "{verdict}, if the {n} conditions not known yet are met", unknown).format(
        verdict=verdict, n=unknown)


def render(a: Assessment) -> str:
    cats = [a.categories[c] for c in CATEGORIES]
    head = _pad("") + "".join(f"{'(' + c.category + ')':>8}" for c in cats)
    lines = [
        _("HSP points under the {title}").format(title=_(RULES_TITLE)),
        _("Reference date {date}, age {age}").format(date=date_text(a.reference_date),
                                                      age=a.age),
        a.category_reason,
        *([a.experience_note] if a.experience_note else []),
        "",
        head,
        _pad(_("Total")) + "".join(f"{c.total:>8}" for c in cats),
        _pad(_("Passes (70; ¥3M in b, c)")) + "".join(_col(_yes(c.eligible)) for c in cats),
        _pad(_("J-Skip")) + "".join(_col(_yes(a.j_skip[c.category])) for c in cats),
        "",
    ]
    for c in cats:
        lines += [*_category(c), ""]
    pr = a.permanent_residence
    route = any(r.holds for r in pr.routes)
    verdict = (_pending(_("a route holds"), pr.conditions) if pr.eligible
               else _("a route holds, but a condition is missing") if route
               else _("no route holds yet"))
    lines.append(_("Permanent residence (category ({category})): {verdict}").format(
        category=pr.category, verdict=verdict))
    for r in pr.routes:
        state = _("holds") if r.holds else _("not yet")
        lines.append(f"  {_(ROUTE_NAMES[r.route])}: {state}")
        lines += ["    " + _("needs: {what}").format(what=m) for m in r.missing]
    lines.append("  " + _("Conditions besides the points:"))
    lines += _conditions(pr.conditions, "    ")
    lines.append(f"  {pr.fee.text}")
    hsp_ii = _pending(_("eligible"), a.hsp_ii.conditions) if a.hsp_ii.eligible else _("not yet")
    lines.append(_("HSP(ii): {verdict}").format(verdict=hsp_ii))
    lines += ["  " + _("needs: {what}").format(what=m) for m in a.hsp_ii.missing]
    lines += _conditions(a.hsp_ii.conditions, "  ")
    lines.append(f"  {a.hsp_ii.fee.text}")
    lines.append(_("Benefits:"))
    lines += _benefit(_("parents"), a.benefits.parents)
    workers = a.benefits.domestic_worker.max_workers
    lines += _benefit(_("domestic worker (up to {n})").format(n=workers) if workers
                      else _("domestic worker"), a.benefits.domestic_worker)
    lines += _benefit(_("work for your spouse"), a.benefits.spouse_work)
    lines += [_("Warning: {text}").format(text=w) for w in a.warnings]
    return "\n".join(lines)
