"""MkDocs hook: the guide's points tables, generated from ``hsp_core.table`` at build time.

No number of the ISA table is typed into the guide by hand. A page asks for generated content
with an HTML comment, and ``on_page_markdown`` replaces it:

Block markers (alone on a line; the marker's indentation is kept, so they work inside content tabs)

* ``<!-- points-table: a -->``   every row of a category's sheet except the salary, with a caption
  paragraph carrying the id ``points-a``.
* ``<!-- salary-table: a -->``   item ③: a band × age-column matrix for (a)/(b), the flat scale for
  (c); caption id ``salary-a``.
* ``<!-- item-matrix -->``       which item exists in which category, and its points
  (id ``item-matrix``).
* ``<!-- stacking-rules -->``    the stacking rules in ``STACKING`` (id ``stacking-rules``).
* ``<!-- changes-table -->``     rows that entered the current form after the 2012 start
  (id ``changes-table``).
* ``<!-- sources -->``           the source list in ``SOURCES`` (from hsp_core/sources.toml), one
  anchor per tag (``#s1`` …), with the date read and the confidence (list id ``sources-list``);
  ``<!-- sources: official -->`` / ``<!-- sources: practitioners -->`` the official sources
  (``Source.official``) or the others (``SOURCE_GROUPS``; ids ``sources-official`` …).

Inline markers

* ``<!-- rules-version -->``, ``<!-- rules-title -->``, ``<!-- pass-mark -->``,
  ``<!-- maximum: b -->``, ``<!-- minimum-salary: b -->``
* ``<!-- profile-link: Link text | {"age": 31, ...} -->`` a link to the calculator with the
  profile in the fragment: ``calculator.md#profile=<base64url(JSON), no padding>``. The profile is
  validated with ``hsp_core.profile.Profile`` when that module is importable.

Every page also gets reference-style link definitions ``[S1]: <url>`` … for the tags in
``SOURCES``, so prose cites with ``[S1]``.

An unknown marker (a comment that looks like ``<!-- some-name -->`` or ``<!-- some-name: x -->``)
fails the build, and so does a ``#profile=`` link that does not decode to a valid profile.
``on_env`` also tells MkDocs' anchor validation that ``profile=…`` fragments of the calculator
page are fine: they are read by the page's script, not by an element id.
"""

from __future__ import annotations

import base64
import datetime
import html
import json
import logging
import posixpath
import re
from collections.abc import Sequence
from typing import Any

from md_cells import cell as _cell
from md_cells import ja as _ja
from md_cells import md_table as _md_table
from mkdocs.exceptions import PluginError

import hsp_core.table as table
from hsp_core.profile import Profile
from hsp_core.sources import SOURCES, Source
from mkdocs_hooks import page_lang  # importable once the repo root is on sys.path

log = logging.getLogger("mkdocs.hooks.points_tables")

CALCULATOR_PAGE = "calculator.md"
PROFILE_PREFIX = "profile="

AGE_ITEM = "年齢"
_BEFORE_SALARY = frozenset({"education", "multiple_degrees", "experience"})
# Age columns of the salary matrix: (heading, the highest age in the column or None).
AGE_COLUMNS: tuple[tuple[str, int | None], ...] = (
    ("Under 30", 29),
    ("30–34", 34),
    ("35–39", 39),
    ("40+", None),
)

BLOCK_RE = re.compile(
    r"^(?P<indent>[ \t]*)<!--\s*(?P<name>points-table|salary-table|item-matrix|stacking-rules"
    r"|changes-table|sources)(?:\s*:\s*(?P<arg>[a-z]+))?\s*-->[ \t]*$",
    re.MULTILINE,
)
INLINE_RE = re.compile(
    r"<!--\s*(?P<name>rules-version|rules-title|pass-mark|maximum|minimum-salary|profile-link)"
    r"(?:\s*:\s*(?P<arg>.*?))?\s*-->",
    re.DOTALL,
)
# Anything shaped like a marker that survived the two passes above is a typo.
LEFTOVER_RE = re.compile(r"<!--\s*[a-z]+(?:-[a-z]+)+\s*(?::[^>]*)?-->")


# --- small helpers -------------------------------------------------------------------------


def _yen(n: int) -> str:
    return f"¥{n:,}"


def _category(arg: str | None, marker: str, page: str) -> table.Category:
    if arg not in table.CATEGORIES:
        raise PluginError(
            f"{page}: <!-- {marker}: {arg} --> needs one of {', '.join(table.CATEGORIES)}"
        )
    return arg


def _item_cell(item: str) -> str:
    return "Age" if item == AGE_ITEM else item


def category_title(category: table.Category) -> str:
    return f"{table.CATEGORY_NAMES[category]} ({table.CATEGORY_NAMES_JA[category]})"


def minimum_salary_text(category: table.Category) -> str:
    floor = table.MINIMUM_SALARY_JPY[category]
    return "no minimum salary" if floor is None else f"minimum salary {_yen(floor)}"


# --- block renderers (each returns Markdown lines, unindented) --------------------------------


def render_points_table(category: table.Category) -> list[str]:
    rows = [r for r in table.rows_for(category) if r.measure != "salary"]
    salary = [r for r in table.rows_for(category) if r.measure == "salary"]
    caption = (
        f"**{category_title(category)}**: pass mark {table.PASS_MARK}, "
        f"maximum {table.MAXIMUM[category]} points, {minimum_salary_text(category)}."
    )
    body = [
        (
            _item_cell(r.item),
            f"{_cell(r.label)}<br>{_ja(r.label_ja)}",
            str(r.points),
        )
        for r in rows
    ]
    if salary:
        # ③ sits in its own table; keep its place in the item order with a pointer row.
        top = max(r.points for r in salary)
        low = min(r.points for r in salary)
        at = next((i for i, r in enumerate(rows) if r.measure not in _BEFORE_SALARY), len(rows))
        body.insert(
            at,
            (
                "③",
                f"Annual salary: see [the salary table](#salary-{category})<br>"
                f"{_ja('年収')}",
                f"{low}–{top}",
            ),
        )
    return [
        caption,
        f'{{: #points-{category} .hsp-caption data-category="{category}" }}',
        "",
        *_md_table(("Item", "What scores", "Points"), body, "llr"),
    ]


def _applies(row: table.Row, oldest_in_column: int | None) -> bool:
    """Whether a salary row scores for someone in an age column."""
    if row.under_age is None:
        return True
    return oldest_in_column is not None and oldest_in_column < row.under_age


def render_salary_table(category: table.Category) -> list[str]:
    salary = sorted(
        (r for r in table.rows_for(category) if r.measure == "salary"),
        key=lambda r: r.at_least or 0,
        reverse=True,
    )
    if not salary:
        raise PluginError(f"hsp_core.table has no salary rows for category {category}")
    floors = [r.at_least or 0 for r in salary]
    bands = []
    for i, floor in enumerate(floors):
        if i == 0:
            bands.append(f"{_yen(floor)} or more")
        else:
            bands.append(f"{_yen(floor)} – {_yen(floors[i - 1] - 1)}")
    minimum = table.MINIMUM_SALARY_JPY[category]
    if minimum is None:
        below = f"Under {_yen(floors[-1])}"
    else:
        below = f"{_yen(minimum)} – {_yen(floors[-1] - 1)}"
    caption = f"**③ Annual salary, {table.CATEGORY_NAMES[category]}**"
    if any(r.under_age is not None for r in salary):
        caption += ": points by salary band and by age at application; — means no points."
        header = ("Annual salary (yen)", *(h for h, _ in AGE_COLUMNS))
        body = [
            (band, *(str(r.points) if _applies(r, oldest) else "—" for _, oldest in AGE_COLUMNS))
            for band, r in zip(bands, salary, strict=True)
        ]
        body.append((below, *("—" for _ in AGE_COLUMNS)))
        align = "l" + "r" * len(AGE_COLUMNS)
    else:
        caption += ": the same at every age."
        header = ("Annual salary (yen)", "Points")
        body = [(band, str(r.points)) for band, r in zip(bands, salary, strict=True)]
        body.append((below, "0"))
        align = "lr"
    if minimum is not None:
        caption += f" Under {_yen(minimum)} the application fails, whatever the total."
    return [
        caption,
        f'{{: #salary-{category} .hsp-caption data-category="{category}" }}',
        "",
        *_md_table(header, body, align),
    ]


def _points_summary(points: Sequence[int]) -> str:
    values = sorted(set(points), reverse=True)
    if len(values) > 4:
        return f"{values[-1]}–{values[0]}"
    return " / ".join(str(v) for v in values)


def render_item_matrix() -> list[str]:
    keys: list[tuple[str, str]] = []
    for r in table.ROWS:
        if (r.item, r.measure) not in keys:
            keys.append((r.item, r.measure))
    order = {item: i for i, item in enumerate(_ITEM_ORDER)}
    keys.sort(key=lambda k: order.get(k[0].split("–")[0], len(order)))
    missing = sorted({m for _, m in keys} - table.MEASURE_NAMES.keys())
    if missing:
        raise PluginError(f"hsp_core/table.py: MEASURE_NAMES has no name for {missing}")
    body = []
    for item, measure in keys:
        cells = []
        for c in table.CATEGORIES:
            pts = [r.points for r in table.rows_for(c) if (r.item, r.measure) == (item, measure)]
            cells.append(_points_summary(pts) if pts else "—")
        body.append((_item_cell(item), _cell(table.MEASURE_NAMES[measure]), *cells))
    body.append(("", "**Maximum**", *(f"**{table.MAXIMUM[c]}**" for c in table.CATEGORIES)))
    header = ("Item", "What it rewards", *(f"({c})" for c in table.CATEGORIES))
    return [
        "Which item exists in which category, and the points it can give "
        "(— means the item is not on that sheet).",
        "{: #item-matrix .hsp-caption }",
        "",
        *_md_table(header, body, "ll" + "r" * len(table.CATEGORIES)),
    ]


_ITEM_ORDER = ("①", "②", "③", AGE_ITEM, "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬",
               "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳", "㉑")


def render_stacking_rules() -> list[str]:
    lines = [
        "Rules for combining items, from the form's notes and its merged cells:",
        "{: #stacking-rules .hsp-caption }",
        "",
    ]
    for rule in table.STACKING:
        items = ", ".join(rule.items)
        lines.append(f"- **{items}** — {_cell(rule.text)} ([{rule.source}])")
    return lines


def render_changes_table() -> list[str]:
    groups: dict[tuple[Any, str, str, int, str], list[str]] = {}
    for r in table.ROWS:
        if r.effective_from <= table.START:
            continue
        key = (r.effective_from, r.item, r.label, r.points, r.effective_source)
        groups.setdefault(key, []).append(r.category)
    body = [
        (
            f"{d.isoformat()}<br>[{src}]",
            f"**{_item_cell(item)}** {_cell(label)}",
            ", ".join(f"({c})" for c in cats),
            str(points),
        )
        for (d, item, label, points, src), cats in sorted(groups.items(), key=lambda kv: kv[0][0])
    ]
    return [
        f"Rows of today's table that were added, or got today's points, after the start on "
        f"{table.START.day} {table.START:%B %Y}, with the date they have been in force from. "
        "Rows unchanged since the start are not listed.",
        "{: #changes-table .hsp-caption }",
        "",
        *_md_table(("In force from", "Row", "Categories", "Points"), body, "lllr"),
    ]


# The Sources page's two groups: (official sources or not, caption).
SOURCE_GROUPS: dict[str, tuple[bool, str]] = {
    "official": (
        True,
        "The ISA, the Ministry of Justice, the law texts, local governments and e-Gov, by the "
        "tag the text cites them with (G: the pages the glossary's official terms come from).",
    ),
    "practitioners": (
        False,
        "Immigration practitioners (行政書士 offices and law firms), the news and other sites, "
        "by tag.",
    ),
}
CONFIDENCE_TEXT: dict[str, str] = {
    "H": "confirmed",
    "M": "**reported**: practitioners or the news agree; the official text was not read",
    "L": "**reported** once, or a draft",
}


def _day(d: datetime.date) -> str:
    return f"{d.day} {d:%B %Y}"


def render_source(s: Source) -> str:
    facts = [f"Read {_day(s.read)}", CONFIDENCE_TEXT[s.confidence]]
    if s.checked is not None:
        facts.append(f"last checked automatically on {_day(s.checked)}")
    return (
        f'- <span id="{s.anchor}"></span>**{s.tag}** {_cell(s.title)}<br><{s.url}><br>'
        f"{'; '.join(facts)}."
    )


def render_sources(group: str | None, page: str) -> list[str]:
    """Every source (no argument) or one group of ``SOURCE_GROUPS``, one anchor per tag."""
    if group is None:
        chosen, intro, list_id = list(SOURCES.values()), "Every source, by its tag.", "list"
    elif group in SOURCE_GROUPS:
        official, intro = SOURCE_GROUPS[group]
        chosen, list_id = [s for s in SOURCES.values() if s.official == official], group
    else:
        raise PluginError(f"{page}: <!-- sources: {group} --> needs one of "
                          f"{', '.join(SOURCE_GROUPS)} or no argument")
    return [
        f"{intro} “Reported” means: check the official page before you rely on it.",
        f"{{: #sources-{list_id} .hsp-caption }}",
        "",
        *(render_source(s) for s in chosen),
    ]


# --- profile links ---------------------------------------------------------------------------


def encode_profile(profile: dict[str, Any]) -> str:
    raw = json.dumps(profile, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_profile(fragment: str) -> dict[str, Any]:
    """``profile=<base64url>`` (or just the base64url part) back to the profile dict."""
    data = fragment.removeprefix(PROFILE_PREFIX)
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("the profile is not a JSON object")
    return value


def validate_profile(profile: dict[str, Any]) -> None:
    """Raise ValueError if hsp_core's Profile model rejects the profile."""
    try:
        Profile.model_validate(profile)
    except Exception as exc:  # pydantic.ValidationError
        raise ValueError(str(exc)) from exc


def render_profile_link(arg: str, page_uri: str) -> str:
    text, sep, payload = arg.partition("|")
    if not sep:
        raise PluginError(f"{page_uri}: profile-link needs 'link text | {{JSON}}'")
    try:
        profile = json.loads(payload)
        if not isinstance(profile, dict):
            raise ValueError("not a JSON object")
        validate_profile(profile)
    except ValueError as exc:
        raise PluginError(f"{page_uri}: bad profile in profile-link: {exc}") from exc
    target = posixpath.relpath(CALCULATOR_PAGE, posixpath.dirname(page_uri) or ".")
    return f"[{text.strip()}]({target}#{PROFILE_PREFIX}{encode_profile(profile)})"


# --- MkDocs events ---------------------------------------------------------------------------


def rules_footer() -> str:
    return (
        f"Points rules: {html.escape(table.RULES_TITLE)}. "
        "A guide, not legal advice: the Immigration Services Agency decides every case."
    )


def on_config(config: Any) -> Any:
    extra = config["extra"]
    extra["rules_version"] = table.RULES_VERSION
    extra["rules_title"] = table.RULES_TITLE
    config["copyright"] = rules_footer()
    return config


_BLOCKS = {
    "points-table": lambda arg, uri: render_points_table(_category(arg, "points-table", uri)),
    "salary-table": lambda arg, uri: render_salary_table(_category(arg, "salary-table", uri)),
    "item-matrix": lambda arg, uri: render_item_matrix(),
    "stacking-rules": lambda arg, uri: render_stacking_rules(),
    "changes-table": lambda arg, uri: render_changes_table(),
    "sources": lambda arg, uri: render_sources(arg, uri),
}


def render_markdown(markdown: str, page_uri: str) -> str:
    """Replace every marker in a page's Markdown. Public so tests can call it directly."""

    def block(m: re.Match[str]) -> str:
        name, arg, indent = m["name"], m["arg"], m["indent"]
        if arg is not None and name not in ("points-table", "salary-table", "sources"):
            raise PluginError(f"{page_uri}: <!-- {name} --> takes no argument")
        lines = _BLOCKS[name](arg, page_uri)
        return "\n".join((indent + line) if line else "" for line in lines)

    def inline(m: re.Match[str]) -> str:
        name, arg = m["name"], (m["arg"] or "").strip()
        if name == "rules-version":
            return table.RULES_VERSION
        if name == "rules-title":
            return table.RULES_TITLE
        if name == "pass-mark":
            return str(table.PASS_MARK)
        if name == "maximum":
            return str(table.MAXIMUM[_category(arg, name, page_uri)])
        if name == "minimum-salary":
            floor = table.MINIMUM_SALARY_JPY[_category(arg, name, page_uri)]
            return "none" if floor is None else _yen(floor)
        return render_profile_link(arg, page_uri)

    out = BLOCK_RE.sub(block, markdown)
    out = INLINE_RE.sub(inline, out)
    leftover = LEFTOVER_RE.search(out)
    if leftover:
        raise PluginError(f"{page_uri}: unknown marker {leftover.group(0)!r}")
    refs = "\n".join(f'[{s.tag}]: {s.url} "{s.title}"' for s in SOURCES.values())
    return f"{out}\n\n{refs}\n"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return render_markdown(markdown, page_lang.source_uri(page))


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Check every ``calculator.md#profile=…`` link and let anchor validation accept it."""
    calculator = files.get_file_from_path(CALCULATOR_PAGE)
    if calculator is None or calculator.page is None:
        return env
    target = calculator.page
    for file in files.documentation_pages():
        page = file.page
        links = (page.links_to_anchors or {}).get(calculator, {}) if page else {}
        for anchor, original in links.items():
            if not anchor.startswith(PROFILE_PREFIX):
                continue
            try:
                validate_profile(decode_profile(anchor))
            except ValueError as exc:  # includes binascii.Error and JSONDecodeError
                raise PluginError(
                    f"{file.src_uri}: link {original!r} has a bad profile: {exc}"
                ) from exc
            if target.present_anchor_ids is not None:
                target.present_anchor_ids.add(anchor)
    return env
