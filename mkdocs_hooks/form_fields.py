"""The calculator form's fields, read from hsp_core's Profile schema (one job: schema -> Field).

Controls, kinds, defaults, bounds and item citations come from the schema, so the form cannot
drift from the JSON contract. This file adds only the words a person reads (labels, group
titles, option names), in English and marked N_ so that scripts/buildlib/catalogs.py extracts
them; form_render.py passes each through its translator. A field or option without them fails
the build rather than showing a raw name.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

try:  # mkdocs may run without the repo on sys.path
    from hsp_core import table
    from hsp_core.i18n import N_
    from hsp_core.labels import LABELS
    from hsp_core.profile import Profile
except ImportError:  # pragma: no cover - depends on how mkdocs is started
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from hsp_core import table
    from hsp_core.i18n import N_
    from hsp_core.labels import LABELS
    from hsp_core.profile import Profile

# The short path (#16): the questions most people need, in this order, shown first; every
# other field sits under "More ways to score".
SHORT: tuple[str, ...] = (
    "category", "age", "birth_date", "reference_date", "education", "experience_years",
    "annual_salary_jpy", "japanese_level", "listed_university",
)
SHORT_TITLE = N_("The questions most people need")
MORE_TITLE = N_("More ways to score")
AGE_ITEM = "年齢"

# group -> (legend, one line on what it is for, collapsed by default)
GROUPS: dict[str, tuple[str, str, bool]] = {
    "you": (
        N_("You"), N_("The kind of work you will do, and your age on the day you apply."), False,
    ),
    "education": (N_("Education"), N_("Degrees you hold, and where you studied."), False),
    "work": (N_("Work"), N_("The job you will do in Japan."), False),
    "employer": (N_("Your employer"), N_("The organisation you work for in Japan."), False),
    "japanese": (N_("Japanese"), N_("Your Japanese-language level."), False),
    "extras": (N_("Extras"), N_("Other qualifications and training."), False),
    "residence": (
        N_("Residence: permanent residence and HSP (ii)"),
        N_("Only for the permanent-residence routes and HSP (ii); the points do not use these."),
        True,
    ),
    "requirements": (
        N_("Permanent residence: the general requirements"),
        N_("The requirements every route also needs. Leave an answer empty if you do not know: "
           "it is then shown as not known."),
        True,
    ),
    "business": (
        N_("(c) business management: the 2025 Business Manager criteria"),
        N_("(c) only. Since 16 October 2025, PR and the change to HSP (ii) need a business-based "
           "(c) activity to meet these criteria. Empty means not known."),
        True,
    ),
    "family": (
        N_("Family: spouse, parents and domestic worker"),
        N_("Only for the family benefits of HSP status; the points do not use these."),
        True,
    ),
}

# Fields shown together in a collapsed box inside their group: (summary, fields).
ALTERNATIVES: dict[str, tuple[str, tuple[str, ...]]] = {
    "you": (N_("Or give a birth date instead of your age"), ("birth_date", "reference_date")),
}

# What counts, in a person's words; replaces the schema description where that is written for
# JSON users (field names, ISO dates) or leaves out what decides the points.
HELP: dict[str, str] = {
    "age": N_("Completed years on the day you apply. (c) has no age points."),
    "birth_date": N_("Leave Age empty if you use this: the age is worked out for the application "
        "date."),
    "reference_date": N_("The day you will apply: the age is taken then, and the rules and fees "
        "in force that day apply. Empty means today."),
    "category": N_("(a) research or teaching: a university lecturer, a researcher at a lab or "
        "institute. (b) specialised or technical work: a software engineer, a data scientist, a "
        "product designer or a financial analyst at a company. (c) running or managing a "
        "business: a company director or representative. International Services work, such as "
        "translation, interpretation or language teaching, is not (b). The points are shown for "
        "all three; this choice is the one used for permanent residence, HSP (ii) and the family "
        "benefits."),
    "education": N_("Your highest degree only: degrees do not add up. An MBA or MOT must be a "
        "professional degree in business management; in (a) it counts as a master's."),
    "multiple_graduate_degrees": N_("Two or more doctor's, master's or professional degrees in "
        "different fields: +5, once. Needs a graduate degree as your highest degree."),
    "listed_university": N_("A university on the ISA's list (two world rankings, the Top Global "
        "University Project, or an Innovative Asia partner). Counts once, also on top of ⑭."),
    "experience_years": N_("Experience in the work you will do: research, research guidance or "
        "teaching for (a), the intended work for (b), business management for (c). Study periods "
        "do not count."),
    "annual_salary_jpy": N_("The pay you expect for the coming year in the HSP job, not past "
        "earnings. Bonuses are included; overtime pay, commuting and housing allowances are not. "
        "For example 7,500,000, 750万 or 7.5M. (b) and (c) need ¥3,000,000 or more whatever the "
        "points."),
    "research_achievements": N_("Tick each kind you have: (a) one kind 20 points, two or more 25; "
        "(b) one or more 15; (c) none."),
    "national_qualifications": N_("Japanese licences related to the work that are exclusive to "
        "or protect the title of a profession (lawyer, CPA, 技術士…), or exams in the IT notice. "
        "(b) only: one 5, two or more 10."),
    "position": N_("(c) only: representative director or officer 10, director or executive "
        "officer 5."),
    "investment_management_business": N_("Your organisation is registered for investment "
        "management (Financial Instruments and Exchange Act) and you work in that business. (b) "
        "and (c) only."),
    "investment_100m_jpy": N_("(c) only: your own investment in the trade or business you run in "
        "Japan."),
    "employer_innovation_support": N_("Support measures listed in MOJ notice No. 578 of 2014."),
    "employer_is_sme": N_("A small or medium-sized enterprise under the SME Basic Act (by capital "
        "or staff). With ⑨ it adds ⑩; with R&D over 3% of sales it gives ⑫."),
    "employer_rnd_over_3pct": N_("Research and development costs over 3% of sales in the last "
        "business year; counts only for an SME."),
    "employer_local_support": N_("Support from a local government for hiring highly skilled "
        "professionals, recognised by the Minister of Justice."),
    "japanese_level": N_("N1, BJT 480+ or a Japanese major at a foreign university: 15. N2 or BJT "
        "400+: 10, but not together with ⑭."),
    "foreign_qualification": N_("Recognised by the Minister of Justice; for a company or product "
        "award you must have taken an active part."),
    "jica_training": N_("A JICA course of 1 year or more under the Innovative Asia project."),
    "jica_training_at_japanese_university": N_("If so, ⑱ is not added on top of ⑭."),
    "continuous_residence_years": N_("Empty if you do not live in Japan yet."),
    # The schema's own words, here so that they are translated with the rest.
    "hsp_status_years": N_("Years resided in Japan in HSP(i) status."),
    "j_skip_status_years": N_("Years resided in Japan as a J-Skip holder."),
    "hsp_recognised_points": N_("Empty if you have no notice."),
    "points_1_year_ago": N_("In your category, on the date 1 year before you apply; empty if "
        "unknown."),
    "points_3_years_ago": N_("In your category, on the date 3 years before you apply; empty if "
        "unknown."),
    "period_of_stay_years": N_("HSP (i) is always 5 years. From 1 April 2027 someone applying "
        "for PR on points without HSP status needs the longest period of their status (5 years); "
        "until then 3 years counts. Empty if not known."),
    "good_conduct": N_("No prison sentence and no fine, and no repeated traffic offences: fines "
        "and repeated traffic offences count."),
    "independent_livelihood": N_("Your income or assets support you and your household steadily."),
    "taxes_paid_on_time": N_("Income and residence tax, for the years the ISA asks about."),
    "pension_and_health_insurance_paid_on_time": N_("Public pension and health insurance "
        "contributions, for the years the ISA asks about."),
    "business_meets_new_criteria": N_("All of: capital of ¥30,000,000 or more; at least one "
        "full-time employee who is Japanese, a permanent resident, a spouse of either, or a "
        "Long-Term Resident (定住者); Japanese at about JLPT N2, by you or a full-time employee; "
        "3 years of management experience, or a relevant master's or higher degree; a business "
        "plan checked by an SME consultant (中小企業診断士), a CPA or a tax accountant; an office "
        "that is not your home."),
    "c_activity_is_law_or_accounting": N_("Running a law or accounting practice (法律・会計業務): "
        "the 2025 reform does not affect it."),
    "spouse_annual_income_jpy": N_("Counts towards the household income for the parents and "
        "domestic-worker benefits."),
    "children_ages": N_("Separated by commas, for example: 2, 6."),
}

# Option names per field, in display order; None is "not given": a null default, or a required
# choice not made yet.
OPTIONS: dict[str, dict[str | None, str]] = {
    "category": {
        None: N_("Not decided: compare all three"),
        "a": N_("(a) Research or teaching"),
        "b": N_("(b) Specialised or technical work"),
        "c": N_("(c) Running or managing a business"),
    },
    "education": {
        None: N_("Choose…"),
        "doctor": N_("Doctorate (PhD)"),
        "mba_mot": N_("MBA or MOT (professional degree in business management)"),
        "master": N_("Master's or other professional degree"),
        "bachelor": N_("Bachelor's degree or equivalent"),
        "none": N_("None of these"),
    },
    "research_achievements": {
        "patent": N_("A patented invention, as inventor (④)"),
        "foreign_grant_research": N_(
            "Research funded by a foreign government, 3 times or more (⑤)"),
        "papers": N_("3 or more papers in listed journals, as corresponding or first author (⑥)"),
        "other": N_("Another achievement recognised by the Minister of Justice (⑦)"),
    },
    "position": {
        "none": N_("Neither"),
        "representative": N_("Representative director or representative officer"),
        "director": N_("Director or executive officer"),
    },
    "japanese_level": {
        "none": N_("Neither"), "n2": N_("N2 or equivalent"), "n1": N_("N1 or equivalent"),
    },
}
# The yes/no questions whose empty answer means "not known".
ANSWER_OPTIONS: dict[str | None, str] = {None: N_("Not known"), "yes": N_("Yes"), "no": N_("No")}
for _name in ("good_conduct", "independent_livelihood", "taxes_paid_on_time",
              "pension_and_health_insurance_paid_on_time", "business_meets_new_criteria",
              "c_activity_is_law_or_accounting"):
    OPTIONS[_name] = ANSWER_OPTIONS


@dataclass(frozen=True)
class Field:
    name: str
    group: str
    kind: str  # integer | number | boolean | date | enum | enum-list | integer-list
    label: str
    help: str
    items: tuple[str, ...]
    default: str | None  # JSON text of the schema default; None when the field is required
    required: bool  # must be answered (age: or the birth date)
    bounds: tuple[Any, Any] | None
    options: tuple[tuple[str | None, str], ...]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    resolved: dict[str, Any] = schema["$defs"][ref.rsplit("/", 1)[1]]
    return resolved


def _kind(schema: dict[str, Any], prop: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The control kind for a property, and the non-null schema it was read from."""
    choices = [c for c in prop.get("anyOf", [prop]) if c.get("type") != "null"]
    if len(choices) != 1:
        raise PluginError(f"calculator form: cannot render a union type: {prop}")
    node = _resolve(schema, choices[0])
    if "enum" in node:
        return "enum", node
    if node.get("type") == "array":
        items = _resolve(schema, node["items"])
        if "enum" in items:
            return "enum-list", items
        if items.get("type") == "integer":
            return "integer-list", items
    elif node.get("type") == "string" and node.get("format") == "date":
        return "date", node
    elif node.get("type") in ("integer", "number", "boolean"):
        return str(node["type"]), node
    raise PluginError(f"calculator form: no control for schema {node}")


def _options(name: str, node: dict[str, Any], blank: bool) -> tuple[tuple[str | None, str], ...]:
    names = OPTIONS.get(name, {})
    wanted: list[str | None] = [*([None] if blank else []), *node["enum"]]
    missing = [v for v in wanted if v not in names]
    if missing:
        raise PluginError(f"calculator form: no option names for {name} = {missing}")
    return tuple((v, names[v]) for v in names if v in wanted)


def fields() -> list[Field]:
    """Every Profile field, in model order, with what the form needs to render it."""
    schema = Profile.model_json_schema()
    required = set(schema.get("required", []))
    out = []
    for name, prop in schema["properties"].items():
        kind, node = _kind(schema, prop)
        group = prop["group"]
        if group not in GROUPS:
            raise PluginError(f"calculator form: no title for group {group!r} of {name}")
        description = prop.get("description", "").rstrip(".")
        label = LABELS.get(name) or (description if kind == "boolean" else "")
        if not label:
            raise PluginError(f"calculator form: no label for field {name}")
        # A select gets a "not given" choice for a null default, or to leave a required one open.
        blank = name in required or any(c.get("type") == "null" for c in prop.get("anyOf", []))
        bounds = (node.get("minimum"), node.get("maximum"))
        out.append(Field(
            name=name,
            group=group,
            kind=kind,
            label=label,
            # A checkbox labelled with its description needs no second copy of it as help.
            help=HELP.get(name) or ("" if label == description else prop.get("description", "")),
            items=tuple(prop["isa_items"]),
            default=None if name in required else json.dumps(prop.get("default")),
            required=name in required or name == "age",
            bounds=None if bounds == (None, None) else bounds,
            options=_options(name, node, blank and kind == "enum") if "enum" in node else (),
        ))  # fmt: skip
    return out


def table_items() -> set[str]:
    """Item numbers of the table's rows, with ranges such as ④–⑦ expanded."""
    found: set[str] = set()
    for row in table.ROWS:
        first, dash, last = row.item.partition("–")
        if dash:  # circled numbers are consecutive code points within ①–⑳
            found.update(chr(c) for c in range(ord(first), ord(last) + 1))
        else:
            found.add(row.item)
    return found

