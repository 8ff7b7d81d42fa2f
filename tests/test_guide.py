"""The guide (MkDocs site in site/): it builds strictly, its generated tables equal hsp_core's
data, the item numbers it cites exist, and its calculator links carry valid profiles.

The built HTML is parsed with the standard library only (a tiny DOM below).
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from hsp_core import table
from hsp_core.profile import Profile
from hsp_core.sources import SOURCES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "site"
CALCULATOR_MD = "calculator.md"
AGE_ITEM = "年齢"

# The guide's own pages: everything under site/ except the calculator's page and assets, in
# English (translations, page.ja.md, are tests/test_translations.py's).
GUIDE_PAGES = sorted(
    p
    for p in DOCS.rglob("*.md")
    if p.relative_to(DOCS).as_posix() != CALCULATOR_MD
    and p.name.count(".") == 1
    and not p.relative_to(DOCS).as_posix().startswith("assets/calculator/")
)

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑"


# --- a tiny DOM -------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Node]:
        yield self
        for c in self.elements:
            yield from c.iter()

    def find_all(self, tag: str) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag]

    def by_id(self, id_: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == id_), None)

    def next_element(self) -> Node | None:
        assert self.parent is not None
        siblings = self.parent.elements
        i = siblings.index(self)
        return siblings[i + 1] if i + 1 < len(siblings) else None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag: str) -> None:
        n: Node | None = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(path: Path) -> Node:
    b = _Builder()
    b.feed(path.read_text(encoding="utf-8"))
    b.close()
    return b.root


def table_after(doc: Node, caption_id: str) -> list[list[Node]]:
    """The body rows (as lists of cells) of the table right after the caption paragraph."""
    caption = doc.by_id(caption_id)
    assert caption is not None, f"no element #{caption_id}"
    tbl = caption.next_element()
    assert tbl is not None and tbl.tag == "table", f"#{caption_id} is not followed by a table"
    body = tbl.find_all("tbody")[0]
    return [[c for c in tr.elements if c.tag == "td"] for tr in body.find_all("tr")]


def first_text(cell: Node) -> str:
    """The cell's text before a <br> (the English label)."""
    out = []
    for c in cell.children:
        if isinstance(c, Node) and c.tag == "br":
            break
        out.append(c if isinstance(c, str) else c.text())
    return "".join(out).strip()


# --- the build --------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guide-site")
    res = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=_env(), capture_output=True, text=True, check=False,
    )
    assert res.returncode == 0, f"mkdocs build --strict failed:\n{res.stderr}"
    return out


def page_html(built: Path, md: str) -> Path:
    stem = md.removesuffix(".md")
    return built / ("index.html" if stem == "index" else f"{stem}/index.html")


def test_strict_build_passes(built: Path) -> None:
    for md in GUIDE_PAGES:
        rel = md.relative_to(DOCS).as_posix()
        assert page_html(built, rel).is_file(), f"{rel} was not built"


def _build_variant(tmp_path: Path, page: str, extra: str) -> subprocess.CompletedProcess[str]:
    """Build the docs with `extra` appended to one page (the rest symlinked, not copied)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for entry in DOCS.iterdir():
        if entry.name != page:
            (docs / entry.name).symlink_to(entry)
    (docs / page).write_text(
        (DOCS / page).read_text(encoding="utf-8") + "\n\n" + extra + "\n", encoding="utf-8"
    )
    return _run_with_docs_dir(docs, tmp_path / "out")


def _run_with_docs_dir(docs: Path, out: Path) -> subprocess.CompletedProcess[str]:
    # mkdocs has no --docs-dir option: load the real config with docs_dir overridden.
    code = (
        "import logging, sys\n"
        "logging.getLogger('mkdocs').addHandler(logging.StreamHandler())\n"
        "logging.getLogger('mkdocs').setLevel(logging.INFO)\n"
        "from mkdocs.config import load_config\n"
        "from mkdocs.commands.build import build\n"
        "cfg = load_config(config_file=sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3],"
        " strict=True)\n"
        "build(cfg)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "mkdocs.yml"), str(docs), str(out)],
        cwd=ROOT, env=_env(), capture_output=True, text=True, check=False,
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[x](hsp-ii.md#no-such-heading)", "does not contain an anchor"),
        ("[x](#no-such-heading-here)", "no such anchor"),
        ("[x](no-such-page.md)", "not found"),
        ("<!-- points-tabel: a -->", "unknown marker"),
        ("<!-- points-table: d -->", "needs one of"),
        ("[x](calculator.md#profile=e30)", "bad profile"),
        ("[x](calculator.md#profile=not-base64!)", "bad profile"),
        ('<!-- profile-link: x | {"age": 31, "colour": "red"} -->', "bad profile"),
    ],
    ids=["anchor-other-page", "anchor-same-page", "missing-page", "unknown-marker",
         "bad-category", "profile-invalid", "profile-not-base64", "profile-link-unknown-key"],
)
def test_strict_build_fails_on_broken_content(tmp_path: Path, extra: str, message: str) -> None:
    res = _build_variant(tmp_path, "faq.md", extra)
    assert res.returncode != 0, f"the build accepted {extra!r}"
    assert message in res.stderr, res.stderr[-2000:]


# --- generated tables equal the data ------------------------------------------------------------


def _item_label(item: str) -> str:
    return "Age" if item == AGE_ITEM else item


@pytest.mark.parametrize("category", table.CATEGORIES)
def test_points_table_equals_data(built: Path, category: table.Category) -> None:
    doc = parse(page_html(built, "points-table.md"))
    rows = table_after(doc, f"points-{category}")
    got = []
    for item, what, points in rows:
        if item.text().strip() == "③":
            continue  # the pointer row to the salary table, checked below
        ja = [n for n in what.iter() if n.attrs.get("lang") == "ja"]
        got.append((item.text().strip(), first_text(what), ja[0].text() if ja else None,
                    int(points.text())))
    expected = [
        (_item_label(r.item), r.label, r.label_ja, r.points)
        for r in table.rows_for(category)
        if r.measure != "salary"
    ]
    assert got == expected


@pytest.mark.parametrize("category", table.CATEGORIES)
def test_points_table_caption_states_pass_mark_and_maximum(
    built: Path, category: table.Category
) -> None:
    caption = parse(page_html(built, "points-table.md")).by_id(f"points-{category}")
    assert caption is not None
    text = caption.text()
    assert f"pass mark {table.PASS_MARK}" in text
    assert f"maximum {table.MAXIMUM[category]} points" in text


# Representative ages for the matrix columns: under 30, 30–34, 35–39, 40 and over.
COLUMN_AGES = (25, 32, 37, 45)


def _salary_points(category: table.Category, salary: int, age: int) -> int | None:
    """An independent reading of the salary rows: the best row the person meets."""
    pts = [
        r.points
        for r in table.rows_for(category)
        if r.measure == "salary"
        and salary >= (r.at_least or 0)
        and (r.under_age is None or age < r.under_age)
    ]
    return max(pts) if pts else None


def _band_floor(text: str) -> int:
    m = re.search(r"¥([\d,]+)", text)
    assert m, text
    floor = int(m.group(1).replace(",", ""))
    return 0 if text.strip().startswith("Under") else floor


@pytest.mark.parametrize("page", ["points-table.md", "salary-and-age.md"])
@pytest.mark.parametrize("category", table.CATEGORIES)
def test_salary_table_equals_data(built: Path, page: str, category: table.Category) -> None:
    rows = table_after(parse(page_html(built, page)), f"salary-{category}")
    floors = sorted(
        {r.at_least or 0 for r in table.rows_for(category) if r.measure == "salary"},
        reverse=True,
    )
    assert [_band_floor(r[0].text()) for r in rows[:-1]] == floors
    by_age = any(
        r.under_age is not None for r in table.rows_for(category) if r.measure == "salary"
    )
    for cells in rows:
        floor = _band_floor(cells[0].text())
        values = [c.text().strip() for c in cells[1:]]
        if by_age:
            assert len(values) == len(COLUMN_AGES)
            expected = [_salary_points(category, floor, age) for age in COLUMN_AGES]
            assert values == [("—" if e is None else str(e)) for e in expected], cells[0].text()
        else:
            expected_flat = _salary_points(category, floor, 30) or 0
            assert values == [str(expected_flat)], cells[0].text()


def test_item_matrix_equals_data(built: Path) -> None:
    rows = table_after(parse(page_html(built, "points-table.md")), "item-matrix")
    *items, maximum = rows
    assert [c.text().strip() for c in maximum[2:]] == [
        str(table.MAXIMUM[c]) for c in table.CATEGORIES
    ]
    seen = set()
    for cells in items:
        item = cells[0].text().strip()
        item = AGE_ITEM if item == "Age" else item
        for category, cell in zip(table.CATEGORIES, cells[2:], strict=True):
            has = any(r.item == item for r in table.rows_for(category))
            assert (cell.text().strip() != "—") == has, (item, category)
        seen.add(item)
    assert seen == {r.item for r in table.ROWS}


def test_changes_table_equals_data(built: Path) -> None:
    rows = table_after(parse(page_html(built, "history.md")), "changes-table")
    got = {
        (
            first_text(date),
            row.text().strip(),
            tuple(re.findall(r"\(([abc])\)", cats.text())),
            int(points.text()),
        )
        for date, row, cats, points in rows
    }
    expected = {
        (
            r.effective_from.isoformat(),
            f"{_item_label(r.item)} {r.label}",
            tuple(c for c in table.CATEGORIES if any(
                (o.item, o.label, o.points, o.effective_from)
                == (r.item, r.label, r.points, r.effective_from)
                for o in table.rows_for(c)
            )),
            r.points,
        )
        for r in table.ROWS
        if r.effective_from > table.START
    }
    assert got == expected
    assert len(rows) == len(expected)


def test_stacking_rules_are_all_rendered(built: Path) -> None:
    doc = parse(page_html(built, "points-table.md"))
    caption = doc.by_id("stacking-rules")
    assert caption is not None
    lst = caption.next_element()
    assert lst is not None and lst.tag == "ul"
    texts = [li.text() for li in lst.find_all("li")]
    assert len(texts) == len(table.STACKING)
    for rule, text in zip(table.STACKING, texts, strict=True):
        assert rule.text in text
        assert all(item in text for item in rule.items)


def test_sources_page_lists_every_source(built: Path) -> None:
    doc = parse(page_html(built, "sources.md"))
    hrefs = {a.attrs.get("href") for a in doc.find_all("a")}
    for s in SOURCES.values():
        assert doc.by_id(s.tag.lower()) is not None, s.tag
        assert s.url in hrefs, s.url


def test_rules_version_comes_from_the_data(built: Path) -> None:
    for md in GUIDE_PAGES:
        html = page_html(built, md.relative_to(DOCS).as_posix()).read_text(encoding="utf-8")
        assert table.RULES_TITLE in html, f"{md.name}: footer without the rules title"
    home = page_html(built, "index.md").read_text(encoding="utf-8")
    assert table.RULES_VERSION in home


def test_no_marker_survives(built: Path) -> None:
    leftover = re.compile(r"<!--\s*[a-z]+(?:-[a-z]+)+\s*(?::[^>]*)?-->")
    for md in GUIDE_PAGES:
        html = page_html(built, md.relative_to(DOCS).as_posix()).read_text(encoding="utf-8")
        assert not leftover.search(html), md.name


def test_no_external_resources(built: Path) -> None:
    """Pages load nothing from other origins (links in the text are fine)."""
    for path in built.rglob("*.html"):
        doc = parse(path)
        for n in doc.iter():
            url = None
            if n.tag in ("script", "img", "iframe", "source", "audio", "video"):
                url = n.attrs.get("src")
            elif n.tag == "link" and n.attrs.get("rel") not in ("canonical",):
                url = n.attrs.get("href")
            if url:
                assert not urlsplit(url).netloc and not url.startswith("//"), (path, url)
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8"), path


# --- item numbers cited in the Markdown ---------------------------------------------------------


def _known_items() -> dict[str, set[str]]:
    """Circled item number -> the categories that have it."""
    known: dict[str, set[str]] = {}
    for r in table.ROWS:
        if "–" in r.item:
            lo, hi = r.item.split("–")
            numbers = CIRCLED[CIRCLED.index(lo) : CIRCLED.index(hi) + 1]
        else:
            numbers = r.item if r.item in CIRCLED else ""
        for n in numbers:
            known.setdefault(n, set()).add(r.category)
    return known


def test_every_cited_item_number_exists() -> None:
    known = _known_items()
    # The form numbers ① to ㉑; ⑪ and others must all be present in the data.
    assert set(known) == set(CIRCLED)
    for md in GUIDE_PAGES:
        for n in re.findall(f"[{CIRCLED}\u3251-\u325f\u32b1-\u32bf]", md.read_text("utf-8")):
            assert n in known, f"{md.name} cites {n}, which is not an ISA item"


# "**⑧ Japanese national qualifications** ((i)(b) only)" or "... ((i)(b) and (i)(c))".
CATEGORY_NOTE = re.compile(
    rf"(?P<item>[{CIRCLED}])[^\n(]{{0,60}}\((?P<cats>\(i\)\([abc]\)(?: and \(i\)\([abc]\))*)"
    r"(?P<only> only)?\)"
)


def test_item_category_notes_match_the_data() -> None:
    known = _known_items()
    found = 0
    for md in GUIDE_PAGES:
        for m in CATEGORY_NOTE.finditer(md.read_text("utf-8")):
            cats = set(re.findall(r"\(i\)\(([abc])\)", m["cats"]))
            has = known[m["item"]]
            assert cats <= has, f"{md.name}: {m.group(0)!r} but the data has {sorted(has)}"
            if m["only"] or " and " in m["cats"]:
                assert cats == has, f"{md.name}: {m.group(0)!r} but the data has {sorted(has)}"
            found += 1
    assert found >= 3, "the notes this test relies on were reworded; update CATEGORY_NOTE"


# --- calculator links with a profile --------------------------------------------------------------


def _profile_links(built: Path) -> list[tuple[Path, str]]:
    links = []
    for path in built.rglob("*.html"):
        for a in parse(path).find_all("a"):
            href = a.attrs.get("href", "")
            if "#profile=" in href:
                links.append((path, href))
    return links


def test_profile_links_decode_to_valid_profiles(built: Path) -> None:
    links = _profile_links(built)
    assert len(links) >= 5, "the guide should link to the calculator with example profiles"
    fields = set(Profile.model_fields)
    for path, href in links:
        # A page under /<locale>/ (issue #17) opens its own language's calculator.
        lang = path.relative_to(built).parts[0]
        home = built / lang if (built / lang / "calculator").is_dir() else built
        calculator = (home / "calculator" / "index.html").resolve()
        url, _, fragment = href.partition("#")
        target = Path(unquote(urljoin(path.as_uri(), url or path.name)).removeprefix("file://"))
        if target.is_dir() or not target.suffix:
            target = target / "index.html"
        assert target.resolve() == calculator, f"{path}: {href} does not open the calculator"
        data = fragment.removeprefix("profile=")
        assert "=" not in data, f"{href}: base64url without padding expected"
        assert re.fullmatch(r"[A-Za-z0-9_-]+", data), href
        profile = json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
        assert isinstance(profile, dict)
        assert set(profile) <= fields, f"unknown keys {set(profile) - fields}"
        Profile.model_validate(profile)


# "… (80 points in (i)(b)) …" in a calculator link's text is checked against the scorer.
STATED_TOTAL = re.compile(r"(\d+) points in \(i\)\(([abc])\)")


def test_totals_stated_in_calculator_links_match_the_scorer(built: Path) -> None:
    from hsp_core.scoring import total

    checked = 0
    for path in built.rglob("*.html"):
        for a in parse(path).find_all("a"):
            href = a.attrs.get("href", "")
            if "#profile=" not in href:
                continue
            data = href.partition("#profile=")[2]
            raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
            profile = Profile.model_validate_json(raw)
            for points, letter in STATED_TOTAL.findall(a.text()):
                category = next(c for c in table.CATEGORIES if c == letter)
                assert total(profile, category) == int(points), (path.parent.name, a.text())
                checked += 1
    assert checked >= 6, "the worked examples should state their totals"


def test_hook_encoding_matches_the_documented_format() -> None:
    import points_tables
    profile = {"age": 31, "education": "master", "experience_years": 6,
               "annual_salary_jpy": 7500000, "japanese_level": "n1"}
    raw = json.dumps(profile, separators=(",", ":")).encode()
    assert points_tables.encode_profile(profile) == (
        base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    )
    assert points_tables.decode_profile("profile=" + points_tables.encode_profile(profile)) == (
        profile
    )


# --- pages, dates and wording (issue #20 §3) ---------------------------------------------------

NEW_PAGES = ("what-is-changing.md", "applying-for-pr.md", "family.md")


def _nav_pages() -> set[str]:
    from mkdocs.config import load_config

    cfg = load_config(config_file=str(ROOT / "mkdocs.yml"))
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.add(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(cfg["nav"])
    return found


def test_new_pages_exist_and_are_in_nav(built: Path) -> None:
    nav = _nav_pages()
    for md in NEW_PAGES:
        assert (DOCS / md).is_file(), md
        assert md in nav, f"{md} is not in mkdocs.yml's nav"
        assert page_html(built, md).is_file(), f"{md} was not built"
    home = (DOCS / "index.md").read_text("utf-8")
    assert "(what-is-changing.md)" in home, "the home page should link to What is changing"


def _front_matter(md: Path) -> dict[str, object]:
    from mkdocs.utils.meta import get_data

    return get_data(md.read_text("utf-8"))[1]


def test_every_page_shows_a_reviewed_date(built: Path) -> None:
    from datetime import date

    for md in GUIDE_PAGES:
        reviewed = _front_matter(md).get("reviewed")
        assert isinstance(reviewed, date), f"{md.name}: front matter needs 'reviewed: YYYY-MM-DD'"
        assert reviewed <= date.today(), f"{md.name}: reviewed in the future"
        doc = parse(page_html(built, md.relative_to(DOCS).as_posix()))
        shown = [n for n in doc.iter() if "hsp-reviewed" in n.attrs.get("class", "")]
        assert shown, f"{md.name}: the reviewed date is not shown"
        times = shown[0].find_all("time")
        assert times and times[0].attrs.get("datetime") == reviewed.isoformat(), md.name
        assert f"{reviewed.day} {reviewed:%B %Y}" in shown[0].text(), md.name


def _paragraphs(md: Path) -> list[str]:
    return re.split(r"\n\s*\n", md.read_text("utf-8"))


def test_the_business_manager_gate_is_not_called_unconfirmed() -> None:
    for md in GUIDE_PAGES:
        for para in _paragraphs(md):
            low = para.lower()
            if "unconfirmed" in low and ("(i)(c)" in para or "business manager" in low):
                raise AssertionError(f"{md.name}: {para.strip()[:200]!r}")


def test_international_services_work_is_excluded_from_i_b() -> None:
    for md in ("what-is-hsp.md", "faq.md"):
        text = (DOCS / md).read_text("utf-8")
        assert re.search(r"translation.{0,160}not an\s+\(i\)\(b\) activity", text, re.S | re.I), md


def test_no_user_facing_text_points_outside_the_repo(built: Path) -> None:
    outside = re.compile(
        r"hsp-rules\.md|changes-2024-2027|evidence-sheet\.md|pyodide-notes|shared/reference"
        r"|§\s*\d"
    )
    for md in sorted(DOCS.rglob("*.md")):
        m = outside.search(md.read_text("utf-8"))
        assert m is None, f"{md.name} names {m.group(0)!r}"
    for path in built.rglob("*.html"):
        m = outside.search(path.read_text("utf-8"))
        assert m is None, f"{path.relative_to(built)} names {m.group(0)!r}"


# --- the evidence table ------------------------------------------------------------------------


def test_evidence_data_covers_every_item_with_the_points_categories() -> None:
    from hsp_core.evidence import EVIDENCE

    known = _known_items()
    assert [e.item for e in EVIDENCE] == sorted(
        (e.item for e in EVIDENCE), key=CIRCLED.index
    ), "evidence rows out of item order"
    assert {e.item for e in EVIDENCE} == set(CIRCLED)
    for e in EVIDENCE:
        assert set(e.categories) == known[e.item], (e.item, e.variant)
        assert e.source in SOURCES
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", e.documents_ja), e.item


def test_evidence_table_equals_data(built: Path) -> None:
    from hsp_core.evidence import EVIDENCE

    doc = parse(page_html(built, "permanent-residence.md"))
    rows = table_after(doc, "evidence-table")
    assert len(rows) == len(EVIDENCE)
    for (item, what, cats), e in zip(rows, EVIDENCE, strict=True):
        assert item.text().strip() == e.item
        topic = e.topic if e.variant is None else f"{e.topic} ({e.variant})"
        assert first_text(what) == f"{topic}. {e.documents_en}"
        ja = [n.text() for n in what.iter() if n.attrs.get("lang") == "ja"]
        assert ja == [e.documents_ja, *(f"※{n.ja}" for n in e.notes)], topic
        assert re.findall(r"\(([abc])\)", cats.text()) == list(e.categories), topic
    caption = doc.by_id("evidence-table")
    assert caption is not None
    assert {e.source for e in EVIDENCE} <= set(re.findall(r"[SPT]\d+", caption.text()))


def test_evidence_rule_cites_its_real_source() -> None:
    """'Only enough items to reach 70' is the ISA document list's note (P35), not the form."""
    for md in ("points-table.md", "permanent-residence.md", "faq.md"):
        text = (DOCS / md).read_text("utf-8")
        assert "[P35]" in text, md
        assert "evidence sheet note" not in text, md


def test_evidence_hook_runs_before_the_marker_check() -> None:
    """points_tables.py rejects markers it does not know, so evidence_table.py must come first."""
    hooks = [h.replace("\\", "/") for h in _load_hooks()]
    assert hooks.index("mkdocs_hooks/evidence_table.py") < hooks.index(
        "mkdocs_hooks/points_tables.py"
    )


def _load_hooks() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    block = text.split("\nhooks:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\s*-\s*(\S+)", block, re.MULTILINE)


def test_the_guide_names_the_range_of_items_up_to_the_last_one() -> None:
    # "①–㉑" in prose: a new item must move the end of the range on every page that gives it.
    numbers = "".join(chr(c) for c in (*range(0x2460, 0x2474), *range(0x3251, 0x325F)))
    last = max((r.item for r in table.ROWS if r.item in numbers), key=numbers.index)
    for page in sorted(DOCS.rglob("*.md")):
        for end in re.findall(f"①[–-]([{numbers}])", page.read_text("utf-8")):
            assert end == last, f"{page.relative_to(ROOT)}: ①–{end}, but the last item is {last}"
