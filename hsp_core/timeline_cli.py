"""hsp-score timeline: look-back scores and the earliest PR filing date from a dated profile.

Bad input exits with code 2 and names each bad field on stderr; there is never a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import textwrap
from datetime import date

from hsp_core.cli_io import read_input, report_errors
from hsp_core.errors import FieldError
from hsp_core.i18n import LANGS, _, current, language
from hsp_core.profile import MAX_AGE, MIN_AGE, age_on
from hsp_core.render import MARKS, _col, _pad, _width, render
from hsp_core.residence import ROUTE_NAMES
from hsp_core.table import CATEGORIES
from hsp_core.text import date_text
from hsp_core.timeline import (
    DECISION_MONTHS,
    MAX_DECISION_MONTHS,
    DateScore,
    Timeline,
    assessment_on,
    load,
    schema,
    timeline_data,
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): '{text}'") from None


def _months(text: str) -> int:
    if not text.isdigit() or int(text) > MAX_DECISION_MONTHS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to "
                                         f"{MAX_DECISION_MONTHS}: '{text}'")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hsp-score timeline",
        description="From a dated profile (JSON; see --schema): the scores on the application "
        "date and 1 and 3 years before, the permanent-residence routes, the earliest filing "
        "date and why, the HSP(ii) date, and warnings.",
    )
    p.add_argument("file", nargs="?", help="dated profile JSON file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--application-date", type=_date, metavar="YYYY-MM-DD",
                   help="the PR application date (default: today)")
    p.add_argument("--decision-months", type=_months, default=DECISION_MONTHS, metavar="N",
                   help=f"months assumed from application to decision, for the birthday "
                   f"warning (default: {DECISION_MONTHS})")
    p.add_argument("--on", type=_date, metavar="YYYY-MM-DD",
                   help="instead, print the full assessment of the profile on this date")
    p.add_argument("--schema", action="store_true", help="print the dated profile's JSON Schema")
    p.add_argument("--lang", choices=LANGS, default="en",
                   help="the language of the texts (codes and numbers are the same in all)")
    return p


WIDTH = 100


# Sources ([S2; S10]) and runs of printable ASCII (J-Skip, ¥3,000,000) stay whole; CJK text
# breaks anywhere.
_TOKENS = re.compile(r"\[[!-~ ]*?\]|[!-~]+|\s+|.")


def _wrap(text: str, indent: str = "") -> list[str]:
    if current() == "en":
        return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
    # By columns (a CJK character takes two), as textwrap, which counts characters, cannot.
    lines, line = [], indent
    for token in _TOKENS.findall(text):
        if line.strip() and _width(line) + _width(token) > WIDTH:
            lines.append(line.rstrip())
            line = indent + "  "
            if token.isspace():
                continue
        line += token
    return [*lines, line.rstrip()] if line.strip() else lines


def _mark(passes: bool, j_skip: bool) -> str:
    return ("*" if passes else " ") + ("J" if j_skip else " ")


def _table(rows: list[DateScore]) -> list[str]:
    day, age = _("date"), _("age")  # outside the f-string, where Babel finds them
    lines = [f"  {'':<16}{_pad(day, 12)}{_col(age, 5)}"
             + "".join(f"{'(' + c + ')':>6}  " for c in CATEGORIES)]
    lines += [f"  {_pad(r.label, 16)}{r.date.isoformat():<12}{r.age:>5}"
              + "".join(f"{r.totals[c]:>6}{_mark(r.passes[c], r.j_skip[c])}" for c in CATEGORIES)
              for r in rows]
    return [*lines, "  " + _("* passes (70 points; ¥3,000,000 or more in (b) and (c))   J meets "
                             "J-Skip")]


def render_timeline(t: Timeline) -> str:
    mine = (_("category ({category})").format(category=t.category) if t.category
            else _("all categories"))
    residence = (_("unknown") if t.continuous_residence_years is None
                 else _("{years:.1f} years").format(years=t.continuous_residence_years))
    lines = [
        _("Permanent residence timeline for an application on {date} ({which})").format(
            date=date_text(t.application_date), which=mine),
        *_wrap(t.table_note),
        "",
        *_table(t.look_back),
        "",
        _("Continuous residence {residence}; HSP(i) {hsp:.1f} years; J-Skip {j_skip:.1f} years."
          ).format(residence=residence, hsp=t.hsp_status_years, j_skip=t.j_skip_status_years),
        "",
        _("Permanent residence routes on {date}:").format(date=date_text(t.application_date)),
    ]
    for cr in t.permanent_residence:
        for r in cr.routes:
            state = _("holds") if r.holds else _("not yet")
            lines.append(f"  ({cr.category}) {_(ROUTE_NAMES[r.route])}: {state}")
            lines += [line for m in r.met
                      for line in _wrap(_("has: {text}").format(text=m), "      ")]
            lines += [line for m in r.missing
                      for line in _wrap(_("needs: {text}").format(text=m), "      ")]
        lines += [line for k in cr.conditions
                  for line in _wrap(f"[{_(MARKS[k.status])}] {k.text}", "  ")]
    e = t.earliest
    when = _("never, with the facts given") if e.date is None or e.route is None else (
        _("{date} ({route}, category ({category}))").format(
            date=date_text(e.date), route=_(ROUTE_NAMES[e.route]), category=e.category))
    lines += ["", _("Earliest filing date: {when}").format(when=when), *_wrap(e.reason, "  ")]
    if e.look_back and e.date != t.application_date:
        lines += _table(e.look_back)
    hsp_ii = (_("not reached") if t.hsp_ii.date is None
              else _("from {date}").format(date=date_text(t.hsp_ii.date)))
    lines += ["", _("HSP(ii): {when}").format(when=hsp_ii), *_wrap(t.hsp_ii.reason, "  "), "",
              _("Assumptions:")]
    lines += [line for a in t.assumptions for line in _wrap(f"- {a}", "  ")]
    if t.warnings:
        lines.append(_("Warnings:"))
        lines += [line for w in t.warnings for line in _wrap(f"- {w}", "  ")]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    with language(args.lang):
        return _run(parser, args)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.schema:
        print(json.dumps(schema(), indent=2, ensure_ascii=False))
        return 0
    if args.file is None:
        parser.error("give a dated profile FILE (or - for stdin), or --schema")
    data, errors = read_input(args.file)
    if errors:
        return report_errors(errors)
    if args.on is not None:
        dp, errors = load(data)
        if dp is None:
            return report_errors(errors)
        if not MIN_AGE <= age_on(dp.birth_date, args.on) <= MAX_AGE:
            return report_errors([FieldError(field="--on", message=_(
                "{date} gives age {age}; a profile needs {low} to {high}").format(
                    date=date_text(args.on), age=age_on(dp.birth_date, args.on), low=MIN_AGE,
                    high=MAX_AGE))])
        assessment = assessment_on(dp, args.on)
        print(assessment.model_dump_json(indent=2) if args.json else render(assessment))
        return 0
    outcome = timeline_data(data, args.application_date, decision_months=args.decision_months)
    if outcome.result is None:
        return report_errors(outcome.errors)
    print(outcome.result.model_dump_json(indent=2) if args.json
          else render_timeline(outcome.result))
    return 0
