"""The calculator's form (mkdocs_hooks/calculator_form.py), without a browser: one control per
Profile field, help text citing exactly the field's isa_items, and those items in the table.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, get_args

import pytest
from mkdocs.exceptions import PluginError

from hsp_core import table
from hsp_core.profile import YEN_FIELDS, Group, Profile

HOOK = Path(__file__).resolve().parent.parent / "mkdocs_hooks" / "calculator_form.py"
AGE_ITEM = "年齢"
VOID = {"input", "br", "hr", "img", "meta", "link"}


def _load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calculator_form", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


hook = _load_hook()


@dataclass
class El:
    tag: str
    attrs: dict[str, str]
    parent: El | None
    children: list[El | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> list[El]:
        out = [self]
        for c in self.children:
            if isinstance(c, El):
                out += c.walk()
        return out

    def ancestors(self) -> list[El]:
        node, out = self.parent, []
        while node is not None:
            out.append(node)
            node = node.parent
        return out


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = El("#root", {}, None)
        self.open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = El(tag, {k: v or "" for k, v in attrs}, self.open)
        self.open.children.append(el)
        if tag not in VOID:
            self.open = el

    def handle_endtag(self, tag: str) -> None:
        assert self.open.tag == tag, f"</{tag}> closes <{self.open.tag}>"
        assert self.open.parent is not None
        self.open = self.open.parent

    def handle_data(self, data: str) -> None:
        self.open.children.append(data)


def parse(html: str) -> El:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.open is tree.root, "unclosed elements"
    return tree.root


@pytest.fixture(scope="module")
def form() -> El:
    return parse(hook.render_form())


@pytest.fixture(scope="module")
def elements(form: El) -> list[El]:
    return form.walk()


def by_id(elements: list[El], id_: str) -> El:
    [el] = [e for e in elements if e.attrs.get("id") == id_]
    return el


def controls(elements: list[El], name: str) -> list[El]:
    return [e for e in elements if e.attrs.get("name") == name and "data-kind" in e.attrs]


def isa_items(name: str) -> list[str]:
    extra = Profile.model_fields[name].json_schema_extra
    assert isinstance(extra, dict)
    items = extra["isa_items"]
    assert isinstance(items, list)
    return [str(i) for i in items]


def expanded_table_items() -> set[str]:
    out: set[str] = set()
    for row in table.ROWS:
        first, dash, last = row.item.partition("–")
        if dash:
            out.update(chr(c) for c in range(ord(first), ord(last) + 1))
        else:
            out.add(row.item)
    return out


FIELDS = sorted(Profile.model_fields)


def test_ids_are_unique(elements: list[El]) -> None:
    ids = [e.attrs["id"] for e in elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))


def test_no_control_without_a_profile_field(elements: list[El]) -> None:
    names = {e.attrs["name"] for e in elements if "data-kind" in e.attrs}
    assert names == set(Profile.model_fields)


@pytest.mark.parametrize("name", FIELDS)
def test_every_field_has_a_labelled_control(elements: list[El], name: str) -> None:
    found = controls(elements, name)
    assert found, f"no control for {name}"
    for control in found:
        cid = control.attrs["id"]
        labels = [e for e in elements if e.tag == "label" and e.attrs.get("for") == cid]
        assert len(labels) == 1 and labels[0].text().strip(), f"{name}: no <label for>"
    if len(found) > 1:  # a group of checkboxes: a fieldset with a legend names the group
        box = next(a for a in found[0].ancestors() if a.attrs.get("data-field") == name)
        assert box.tag == "fieldset"
        assert box.children and isinstance(box.children[0], El) and box.children[0].tag == "legend"


@pytest.mark.parametrize("name", FIELDS)
def test_help_cites_exactly_the_isa_items(elements: list[El], name: str) -> None:
    help_ = by_id(elements, f"hsp-{name}-help")
    [cite] = [e for e in help_.walk() if "hsp-cite" in e.attrs.get("class", "")]
    items = isa_items(name)
    assert cite.attrs["data-isa-items"].split() == items
    shown = re.findall(r"[①-⑳㉑]|年齢", cite.text())
    assert shown == items
    assert help_.text().strip()


@pytest.mark.parametrize("name", FIELDS)
def test_cited_items_exist_in_the_table(name: str) -> None:
    known = expanded_table_items()
    for item in isa_items(name):
        assert item == AGE_ITEM or item in known, f"{name} cites {item}, not in hsp_core.table"
    assert AGE_ITEM in known  # the unnumbered age row is a real row too


@pytest.mark.parametrize("name", FIELDS)
def test_controls_point_at_help_and_error(elements: list[El], name: str) -> None:
    box = next(e for e in elements if e.attrs.get("data-field") == name)
    described = [e for e in box.walk() if "aria-describedby" in e.attrs]
    assert described
    # A yen field also points at what its amount was read as ("Understood as ¥7,500,000").
    extra = [f"hsp-{name}-understood"] if name in YEN_FIELDS else []
    for e in described:
        assert e.attrs["aria-describedby"].split() == [f"hsp-{name}-help", f"hsp-{name}-error",
                                                       *extra]
    for ref in [f"hsp-{name}-error", *extra]:
        by_id(elements, ref)


@pytest.mark.parametrize("name", FIELDS)
def test_required_fields_are_marked_for_eyes_and_screen_readers(elements: list[El],
                                                                 name: str) -> None:
    box = next(e for e in elements if e.attrs.get("data-field") == name)
    marks = [e for e in box.walk() if "hsp-required" in e.attrs.get("class", "").split()]
    flagged = [e for e in box.walk() if e.attrs.get("aria-required") == "true"]
    required = name in ("age", "education", "experience_years", "annual_salary_jpy")
    assert bool(marks) == bool(flagged) == required
    assert all(m.attrs.get("aria-hidden") == "true" for m in marks)


@pytest.mark.parametrize("name", FIELDS)
def test_defaults_and_choices_follow_the_schema(elements: list[El], name: str) -> None:
    info = Profile.model_fields[name]
    [first, *_] = controls(elements, name)
    if info.is_required():
        assert "data-default" not in first.attrs
    else:
        assert json.loads(first.attrs["data-default"]) == json.loads(
            json.dumps(info.default, default=str)
        )
    prop: dict[str, Any] = Profile.model_json_schema()["properties"][name]
    schema = Profile.model_json_schema()
    enum = _enum_values(schema, prop)
    if enum is None:
        return
    if first.tag == "select":
        values = [o.attrs["value"] for o in first.walk() if o.tag == "option"]
        blank = info.is_required() or info.default is None
        assert sorted(values) == sorted(([""] if blank else []) + enum)
    else:
        assert sorted(c.attrs["value"] for c in controls(elements, name)) == sorted(enum)


def _enum_values(schema: dict[str, Any], prop: dict[str, Any]) -> list[str] | None:
    for node in [prop, *prop.get("anyOf", [])]:
        node = node.get("items", node)
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        if "enum" in node:
            return [str(v) for v in node["enum"]]
    return None


SHORT = ("category", "age", "birth_date", "reference_date", "education", "experience_years",
         "annual_salary_jpy", "japanese_level", "listed_university")


def test_the_short_set_comes_first_and_the_rest_is_under_more_ways(elements: list[El]) -> None:
    """#16: the questions most people need open the form; every other field is in one closed
    "More ways to score" box, grouped by the schema's group, the long groups collapsed again."""
    form = next(e for e in elements if e.tag == "form")
    first = next(c for c in form.children if isinstance(c, El))
    assert first.tag == "fieldset" and "data-short" in first.attrs
    assert [n for n in FIELDS if controls(first.walk(), n)] == [n for n in FIELDS if n in SHORT]
    [more] = [e for e in elements if e.attrs.get("class") == "hsp-more-ways"]
    assert more.tag == "details" and "open" not in more.attrs
    summary = more.children[0]
    assert isinstance(summary, El) and summary.text() == "More ways to score"
    groups = {e.attrs["data-group"]: e for e in elements if e.tag == "fieldset"
              and "data-group" in e.attrs}
    assert set(groups) <= set(get_args(Group))
    for name, fieldset in groups.items():
        legend = fieldset.children[0]
        assert isinstance(legend, El) and legend.tag == "legend" and legend.text().strip()
        assert more in fieldset.ancestors()
        collapsed = [a for a in fieldset.ancestors() if a.tag == "details" and a is not more]
        assert bool(collapsed) == (name in ("residence", "requirements", "business", "family"))
    for name in FIELDS:
        if name in SHORT:
            continue
        [group] = [g for g, fs in groups.items() if controls(fs.walk(), name)]
        extra = Profile.model_fields[name].json_schema_extra
        assert isinstance(extra, dict) and group == extra["group"]


def test_every_visible_word_goes_through_the_translator() -> None:
    """A translator that marks each string: no text node of the form is left unmarked."""
    root = parse(hook.render_form(lambda s: f"«{s}»"))
    texts = []
    for e in root.walk():
        texts += [c.strip() for c in e.children if isinstance(c, str) and c.strip()]
    unmarked = [x for x in texts if "«" not in x]
    assert len(texts) > 100 and unmarked == []
    assert all(v.startswith("«") for e in root.walk() for k, v in e.attrs.items()
               if k == "aria-label")


def test_salary_help_says_what_counts(elements: list[El]) -> None:
    text = by_id(elements, "hsp-annual_salary_jpy-help").text().lower()
    for words in ("expect", "bonuses are included", "overtime", "commuting"):
        assert words in text


def _page(src_uri: str, url: str) -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def test_page_gets_the_widget_and_a_relative_script() -> None:
    html = hook.on_page_content(
        "<p>intro</p>\n<div data-calculator-form></div>\n<p>outro</p>",
        _page("calculator.md", "calculator/"), None, None,
    )
    root = parse(html)
    [calc] = [e for e in root.walk() if e.attrs.get("data-testid") == "calculator"]
    assert calc.attrs["data-state"] == "loading"
    [main] = [e for e in root.walk() if e.tag == "script"]  # the worker starts in <head>
    assert main.attrs == {"type": "module", "src": "../assets/calculator/main.mjs"}
    assert "<p>intro</p>" in html and "<p>outro</p>" in html


def test_other_pages_are_left_alone() -> None:
    html = "<div data-calculator-form></div>"
    assert hook.on_page_content(html, _page("faq.md", "faq/"), None, None) == html
    page = '<html><head><meta charset="utf-8"><link rel="stylesheet" href="x.css"></head>'
    assert hook.on_post_page(page, _page("faq.md", "faq/"), None) == page


BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
PAGE = ('<html><head>\n<meta charset="utf-8">\n<link rel="stylesheet" href="x.css"></head>'
        f"<body><p>text</p>{BUNDLE}</body></html>")


def test_worker_starts_first_in_head_with_page_relative_urls() -> None:
    out = hook.on_post_page(PAGE, _page("calculator.md", "calculator/"), None)
    head = out[: out.index("<link")]  # ahead of the stylesheets, which would hold a script back
    assert head.startswith('<html><head>\n<meta charset="utf-8"><script>')
    assert '"../assets/calculator/worker.mjs"' in head and "__WORKER__" not in out


def test_materials_bundle_waits_on_the_calculator_page_only() -> None:
    out = hook.on_post_page(PAGE, _page("calculator.md", "calculator/"), None)
    head = out[: out.index("<link")]
    assert BUNDLE not in out  # nothing runs the theme's script while the calculator starts
    assert out.endswith("<body><p>text</p></body></html>")
    assert '"../assets/javascripts/bundle.a5f9d56c.min.js"' in head  # its loader, in <head>
    assert f"setTimeout(load, {hook.BUNDLE_DELAY_MS})" in head
    assert "__BUNDLE__" not in out and "__DELAY__" not in out
    assert hook.on_post_page(PAGE, _page("faq.md", "faq/"), None) == PAGE


def test_calculator_page_without_a_head_fails() -> None:
    with pytest.raises(PluginError, match="charset"):
        hook.on_post_page(f"<p>no head</p>{BUNDLE}", _page("calculator.md", "calculator/"), None)


def test_calculator_page_without_materials_bundle_fails() -> None:
    """A theme that renames or moves its script must fail the build, not load it at once."""
    with pytest.raises(PluginError, match=r"bundle\.js"):
        hook.on_post_page(PAGE.replace(BUNDLE, ""), _page("calculator.md", "calculator/"), None)


def test_calculator_page_without_the_placeholder_fails() -> None:
    with pytest.raises(PluginError, match="data-calculator-form"):
        hook.on_page_content("<p>no form</p>", _page("calculator.md", "calculator/"), None, None)
