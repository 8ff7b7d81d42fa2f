"""The calculator form's HTML, from form_fields' Field list (one job: Field -> markup).

Every visible string goes through the translator ``t`` (identity by default), so that a
language build can pass a gettext. Each is a t("...") literal outside any f-string, or a
constant marked N_, so that Babel extracts it (scripts/buildlib/catalogs.py). The short set
comes first; the rest sits in one closed "More ways to score" box, which form.mjs opens when a
shared profile uses one of its fields.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import get_args

from mkdocs.exceptions import PluginError

from hsp_core.i18n import N_  # form_fields put the repo on sys.path
from hsp_core.profile import YEN_FIELDS, Group
from mkdocs_hooks.form_fields import (
    AGE_ITEM,
    ALTERNATIVES,
    GROUPS,
    MORE_TITLE,
    SHORT,
    SHORT_TITLE,
    Field,
    fields,
    table_items,
)

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _citation(f: Field, t: Translate) -> str:
    if not f.items:
        none = t("Not a points item.")
        return f'<span class="hsp-cite" data-isa-items="">{_e(none)}</span>'
    unknown = set(f.items) - table_items()
    if unknown:
        raise PluginError(f"calculator form: {f.name} cites items not in the table: {unknown}")
    numbered = [i for i in f.items if i != AGE_ITEM]
    one, many = t("ISA item {items}"), t("ISA items {items}")
    parts = [(many if len(numbered) > 1 else one).format(items=t(", ").join(numbered))]
    parts = parts if numbered else []
    if AGE_ITEM in f.items:
        parts.append(t("ISA age row ({item}, unnumbered)").format(item=AGE_ITEM))
    # The full stop is the translator's: "。" in Chinese and Japanese.
    cited = t("{citation}.").format(citation=t("; ").join(parts))
    return f'<span class="hsp-cite" data-isa-items="{_e(" ".join(f.items))}">{_e(cited)}</span>'


def _sentence(text: str) -> str:
    """`text` ending in a full stop: its own ("。" in a Chinese or Japanese help), else "."."""
    return text if text.endswith((".", "。")) else text + "."


def _bounds(f: Field, t: Translate) -> str:
    if f.bounds is None or f.name.endswith("_jpy"):
        return ""  # a yen cap of ten billion says nothing useful
    low, high = f.bounds
    if f.kind == "integer-list":
        each = t("Each from {low} to {high}.")
    else:
        each = t("From {low} to {high}.")
    return each.format(low=f"{low:g}", high=f"{high:g}") + " "


def _help(f: Field, t: Translate) -> str:
    text = (_sentence(t(f.help)) + " " if f.help else "") + _bounds(f, t)
    return (
        f'<p class="hsp-help" id="hsp-{f.name}-help">{_e(text)}{_citation(f, t)}</p>'
        f'<p class="hsp-error" id="hsp-{f.name}-error" aria-live="polite"></p>'
        + (f'<p class="hsp-understood" id="hsp-{f.name}-understood"></p>'
           if f.name in YEN_FIELDS else "")
    )


def _data(f: Field) -> str:
    default = "" if f.default is None else f' data-default="{_e(f.default)}"'
    return f'name="{f.name}" data-kind="{f.kind}"{default}'


def _described(f: Field) -> str:
    understood = f" hsp-{f.name}-understood" if f.name in YEN_FIELDS else ""
    needed = ' aria-required="true"' if f.required else ""
    return f'aria-describedby="hsp-{f.name}-help hsp-{f.name}-error{understood}"{needed}'


def _mark(f: Field, t: Translate) -> str:
    """A visible mark after a required field's label (screen readers get aria-required); kept
    out of the label so that the control's name stays the label itself."""
    if not f.required:
        return ""
    mark = t("(required)")
    return f' <span class="hsp-required" aria-hidden="true">{_e(mark)}</span>'


def render_field(f: Field, t: Translate = _same) -> str:
    fid = f"hsp-{f.name}"
    label = _e(t(f.label))
    if f.kind == "boolean":
        return (
            f'<div class="hsp-field hsp-field--check" data-field="{f.name}">'
            f'<input type="checkbox" id="{fid}" {_data(f)} {_described(f)}>'
            f'<label for="{fid}">{label}</label>{_mark(f, t)}{_help(f, t)}</div>'
        )
    if f.kind == "enum-list":
        boxes = "".join(
            f'<div class="hsp-choice"><input type="checkbox" id="{fid}-{v}" value="{v}" '
            f'{_data(f)}><label for="{fid}-{v}">{_e(t(text))}</label></div>'
            for v, text in f.options
        )
        return (
            f'<fieldset class="hsp-field hsp-field--multi" data-field="{f.name}" '
            f"{_described(f)}><legend>{label}</legend>{_mark(f, t)}{boxes}{_help(f, t)}"
            "</fieldset>"
        )
    if f.kind == "enum":
        opts = "".join(
            f'<option value="{_e(v or "")}">{_e(t(text))}</option>' for v, text in f.options
        )
        control = f'<select id="{fid}" {_data(f)} {_described(f)}>{opts}</select>'
    elif f.kind == "date":
        control = f'<input type="date" id="{fid}" {_data(f)} {_described(f)}>'
    else:  # text, so hsp_core (not the browser) judges what was typed; the keyboard is numeric
        # Yen are also written 750万 or 7.5M, which a numeric keyboard cannot type.
        mode = "text" if f.name in YEN_FIELDS else "decimal" if f.kind == "number" else "numeric"
        # An empty box means the default; show it so that "empty" does not read as "unknown".
        hint = f' placeholder="{_e(f.default)}"' if f.default not in (None, "null") else ""
        control = (
            f'<input type="text" id="{fid}" inputmode="{mode}" autocomplete="off" '
            f'spellcheck="false"{hint} {_data(f)} {_described(f)}>'
        )
    return (
        f'<div class="hsp-field hsp-field--{f.kind}" data-field="{f.name}">'
        f'<label for="{fid}">{label}</label>{_mark(f, t)}{control}{_help(f, t)}</div>'
    )


def _fields_with_alt(group: str, members: list[Field], t: Translate) -> str:
    """The members, with the group's alternatives (if any are here) in a closed box."""
    alt_title, alt_names = ALTERNATIVES.get(group, ("", ()))
    main = "".join(render_field(f, t) for f in members if f.name not in alt_names)
    alt = "".join(render_field(f, t) for f in members if f.name in alt_names)
    if alt:
        main += f'<details class="hsp-alt"><summary>{_e(t(alt_title))}</summary>{alt}</details>'
    return main


def render_group(group: str, members: list[Field], t: Translate = _same) -> str:
    legend, intro, collapsed = GROUPS[group]
    body = (
        f'<fieldset class="hsp-group" data-group="{group}"><legend>{_e(t(legend))}</legend>'
        f'<p class="hsp-group__intro">{_e(t(intro))}</p>'
        f"{_fields_with_alt(group, members, t)}</fieldset>"
    )
    if collapsed:
        return (
            f'<details class="hsp-more" data-group="{group}"><summary>{_e(t(legend))}</summary>'
            f"{body}</details>"
        )
    return body


def render_short(all_fields: list[Field], t: Translate = _same) -> str:
    """The short path: the SHORT fields in SHORT's order, each group's alternatives kept."""
    by_name = {f.name: f for f in all_fields}
    missing = [n for n in SHORT if n not in by_name]
    if missing:
        raise PluginError(f"calculator form: short-path fields not in the Profile: {missing}")
    body = ""
    for name in SHORT:
        f = by_name[name]
        if name in ALTERNATIVES.get(f.group, ("", ()))[1]:
            continue  # drawn with the field it stands in for
        alt_names = ALTERNATIVES.get(f.group, ("", ()))[1]
        alts = [by_name[a] for a in alt_names if a in SHORT] if name == "age" else []
        body += _fields_with_alt(f.group, [f, *alts], t)
    return (
        f'<fieldset class="hsp-group hsp-short" data-short><legend>{_e(t(SHORT_TITLE))}</legend>'
        f"{body}</fieldset>"
    )


def render_form(t: Translate = _same) -> str:
    all_fields = fields()
    unknown = set(get_args(Group)) - GROUPS.keys()
    if unknown:
        raise PluginError(f"calculator form: no title for groups {sorted(unknown)}")
    rest = [f for f in all_fields if f.name not in SHORT]
    groups = [g for g in GROUPS if any(f.group == g for f in rest)]
    more = "".join(render_group(g, [f for f in rest if f.group == g], t) for g in groups)
    name, clear = t("Your profile"), t("Clear the form")
    return (
        f'<form class="hsp-form" autocomplete="off" aria-label="{_e(name)}">'
        + render_short(all_fields, t)
        + f'<details class="hsp-more-ways"><summary>{_e(t(MORE_TITLE))}</summary>{more}</details>'
        + f'<p class="hsp-form__end"><button type="reset" class="md-button">'
        f"{_e(clear)}</button></p></form>"
    )


def render_when(t: Translate = _same) -> str:
    """The "When can I apply?" part: its form and answer are drawn by
    assets/calculator/timeline.mjs from the dated profile's fields, once it is opened or a link
    holds dates."""
    title = t("When can I apply for permanent residence?")
    intro = t("Add the dates of your facts (the answers above are filled in for you) to see the "
              "earliest date you can file on each route, your points over time and the look-back "
              "sheet.")
    add, dates = t("Add your dates"), t("Your dates")
    return f"""<section class="hsp-when" aria-labelledby="hsp-when-title" data-testid="when">
<h2 id="hsp-when-title">{_e(title)}</h2>
<p class="hsp-when__intro">{_e(intro)}</p>
<details class="hsp-when__details"><summary>{_e(add)}</summary>
<form class="hsp-when__form" autocomplete="off" aria-label="{_e(dates)}"></form>
</details>
<div class="hsp-when__message" aria-live="polite"></div>
<div class="hsp-when__answer"></div>
</section>"""


LOADING = N_("Loading the calculator… You can fill in the form meanwhile.")
NO_SCRIPT = N_("The calculator needs JavaScript and WebAssembly; the guide works without them.")


def render_widget(script_url: str, t: Translate = _same) -> str:
    """The whole widget; the form and the results share a two-column box on a wide screen."""
    retry, points = t("Retry"), t("Your points")
    export, print_ = t("Download profile and result (JSON)"), t("Print summary")
    return f"""<div class="hsp-calc" data-testid="calculator" data-state="loading">
<div class="hsp-status" role="status">
<p class="hsp-status__text">{_e(t(LOADING))}</p>
<noscript><p>{_e(t(NO_SCRIPT))}</p></noscript>
<progress class="hsp-status__bar" max="1" hidden></progress>
<button type="button" class="md-button hsp-retry" hidden>{_e(retry)}</button>
</div>
<p class="hsp-notice" role="alert"></p>
<div class="hsp-calc__cols">
{render_form(t)}
<a class="hsp-mini" href="#hsp-results-title" hidden></a>
<section class="hsp-results" aria-labelledby="hsp-results-title" tabindex="-1">
<h2 id="hsp-results-title">{_e(points)}</h2>
<div class="hsp-results__message" aria-live="polite"></div>
<div class="hsp-results__body"></div>
<div class="hsp-actions">
<button type="button" class="md-button hsp-export" disabled>{_e(export)}</button>
<button type="button" class="md-button hsp-print" disabled>{_e(print_)}</button>
</div>
</section>
</div>
{render_when(t)}
</div>
<script type="module" src="{_e(script_url)}"></script>"""
