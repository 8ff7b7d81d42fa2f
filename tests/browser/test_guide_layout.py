"""Layout of every guide page at phone and desktop width, in the built site.

Each page is screenshotted (full page) into .cache/screenshots/<width>/ for a person to look
at, and checked for: no horizontal page scroll; no overlapping blocks in the content; content
blocks inside the content column; wide tables scrolling inside their own wrapper; no request
to another origin. The palette toggle (light and dark) and the footer's rules line are
checked once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hsp_core.table import RULES_VERSION

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "site"
SHOTS = ROOT / ".cache" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}

GUIDE_PAGES = sorted(
    p.relative_to(DOCS).as_posix()
    for p in DOCS.rglob("*.md")
    if not p.name.startswith("calculator.") and "assets/" not in p.relative_to(DOCS).as_posix()
)


def url_path(md: str) -> str:
    """index.md -> "", faq.md -> "faq/", and a translation faq.ja.md -> "ja/faq/" (issue #17)."""
    stem, _, lang = md.removesuffix(".md").partition(".")
    prefix = f"{lang}/" if lang else ""
    if stem == "index":
        return prefix
    return prefix + stem.removesuffix("/index") + "/"


# Runs in the page. Returns a list of problems (strings); empty means the layout is fine.
LAYOUT_CHECK = """
() => {
  const problems = [];
  const de = document.documentElement;
  if (de.scrollWidth > de.clientWidth) {
    problems.push(`page scrolls sideways: scrollWidth ${de.scrollWidth} > ${de.clientWidth}`);
  }
  const visible = (el) => {
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || s.position === 'absolute'
        || s.position === 'fixed') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string'
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const box = (el) => el.getBoundingClientRect();
  const tol = 1;
  // Containers whose visible element children are stacked blocks that must not overlap.
  const article = document.querySelector('.md-content__inner');
  const column = document.querySelector('.md-content');
  if (!article || !column) return ['no .md-content__inner in .md-content'];
  const containers = [article,
    ...article.querySelectorAll('.admonition, details, .tabbed-block, .tabbed-content, li')];
  for (const c of containers) {
    if (!visible(c)) continue;
    const kids = [...c.children].filter((k) => visible(k) && !['BR', 'INPUT', 'LABEL', 'A']
      .includes(k.tagName) && getComputedStyle(k).display !== 'inline');
    for (let i = 0; i < kids.length; i++) {
      const a = box(kids[i]);
      // Stays inside its container horizontally. Material's table scroll wrapper bleeds into
      // the content padding on purpose (to the screen edge on phones): it must stay inside
      // the content column (.md-content) instead.
      const bleeds = kids[i].classList.contains('md-typeset__scrollwrap');
      const outer = bleeds ? column : c;
      const cb = box(outer);
      if (a.left < cb.left - tol || a.right > cb.right + tol) {
        problems.push(`${name(kids[i])} sticks out of ${name(outer)}: `
          + `[${a.left|0}, ${a.right|0}] vs [${cb.left|0}, ${cb.right|0}]`);
      }
      for (let j = i + 1; j < kids.length; j++) {
        const b = box(kids[j]);
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (overlapX > tol && overlapY > tol) {
          problems.push(`${name(kids[i])} overlaps ${name(kids[j])} in ${name(c)} `
            + `by ${overlapX|0}x${overlapY|0}px`);
        }
      }
    }
  }
  // Every content table sits in Material's scroll wrapper, and a table wider than the
  // wrapper scrolls inside it rather than widening the page.
  for (const t of article.querySelectorAll('table')) {
    if (!visible(t)) continue;
    const wrap = t.closest('.md-typeset__scrollwrap');
    if (!wrap) { problems.push('a table outside .md-typeset__scrollwrap'); continue; }
    const ox = getComputedStyle(wrap).overflowX;
    if (t.getBoundingClientRect().width > wrap.clientWidth + tol
        && !['auto', 'scroll'].includes(ox)) {
      problems.push(`a wide table overflows a wrapper with overflow-x: ${ox}`);
    }
    if (wrap.getBoundingClientRect().right > column.getBoundingClientRect().right + tol) {
      problems.push('a table wrapper is wider than the content column');
    }
  }
  // Desktop: the side bars do not cover the content column.
  const content = box(article);
  for (const sb of document.querySelectorAll('.md-sidebar')) {
    if (!visible(sb)) continue;
    const inner = sb.querySelector('.md-sidebar__scrollwrap') || sb;
    if (!visible(inner)) continue;
    const r = box(inner);
    const overlapX = Math.min(r.right, content.right) - Math.max(r.left, content.left);
    if (overlapX > tol && getComputedStyle(sb).transform === 'none') {
      problems.push(`${name(sb)} overlaps the content column by ${overlapX|0}px`);
    }
  }
  return problems;
}
"""


@pytest.mark.parametrize("width", list(WIDTHS), ids=list(WIDTHS))
@pytest.mark.parametrize("md", GUIDE_PAGES)
def test_page_layout(
    new_context: Any, site_url: str, offsite_requests: list[str], md: str, width: str
) -> None:
    ctx = new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(site_url + url_path(md), wait_until="networkidle")
    assert response is not None and response.ok, f"{md}: HTTP {response and response.status}"
    page.evaluate("document.fonts.ready")

    out = SHOTS / width / (md.removesuffix(".md").replace("/", "_") + ".png")
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)

    problems = page.evaluate(LAYOUT_CHECK)
    assert problems == [], f"{md} at {WIDTHS[width]}px:\n" + "\n".join(problems)
    assert errors == [], f"{md}: JavaScript errors {errors}"
    assert offsite_requests == [], f"{md}: requests outside the site {offsite_requests}"


def test_every_content_tab_set_lays_out(new_context: Any, site_url: str) -> None:
    """Hidden tabs are not checked by the page test: select each tab in turn at phone width."""
    ctx = new_context(viewport={"width": WIDTHS["phone"], "height": 900})
    page = ctx.new_page()
    checked = 0
    for md in GUIDE_PAGES:
        page.goto(site_url + url_path(md), wait_until="networkidle")
        labels = page.locator(".tabbed-labels > label")
        for i in range(labels.count()):
            labels.nth(i).click()
            problems = page.evaluate(LAYOUT_CHECK)
            assert problems == [], f"{md}, tab {i}:\n" + "\n".join(problems)
            checked += 1
    assert checked >= 6, "expected the per-category content tabs"


def test_palette_toggle_switches_to_dark_and_back(
    new_context: Any, site_url: str, offsite_requests: list[str]
) -> None:
    ctx = new_context(color_scheme="light")
    page = ctx.new_page()
    page.goto(site_url + "points-table/", wait_until="networkidle")
    assert page.locator('form[data-md-component="palette"] input').count() >= 2

    def scheme() -> str:
        return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))

    seen = [scheme()]
    for _ in range(3):  # automatic -> light -> dark -> automatic
        page.locator('form[data-md-component="palette"] label:visible').first.click()
        seen.append(scheme())
        if seen[-1] == "slate":
            break
    assert "slate" in seen, f"no dark palette reached via the toggle: {seen}"
    out = SHOTS / "dark" / "points-table.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=False)
    # The choice persists across pages (Material keeps it in local storage).
    page.goto(site_url + "faq/", wait_until="networkidle")
    assert scheme() == "slate"
    assert offsite_requests == []


def test_footer_shows_the_rules_version(page: Any, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    assert RULES_VERSION in page.locator(".md-copyright").inner_text()


def test_links_stay_under_the_site_prefix(page: Any, site_url: str) -> None:
    """Hosted under /<repo>/: every in-site link must resolve below the prefix."""
    page.goto(site_url, wait_until="networkidle")
    origin = site_url.split("/hsp/")[0]
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map((a) => a.href)")
    for href in hrefs:
        if href.startswith(origin):
            assert href.startswith(site_url), f"link escapes the site prefix: {href}"


def test_a_missing_page_gets_the_styled_404_with_a_way_home(page: Any, site_url: str) -> None:
    """The host answers any missing path, at any depth, with 404.html, so its links start from
    the site's path (site_url): styled, and its links lead back into the site."""
    response = page.goto(site_url + "no/such/page/", wait_until="networkidle")
    assert response is not None and response.status == 404
    assert "404" in page.locator("article").inner_text()
    header = page.locator(".md-header")
    assert header.evaluate("(e) => getComputedStyle(e).position") == "sticky"  # the theme's CSS
    home = page.locator("a.md-header__button.md-logo")
    assert home.evaluate("(a) => a.href") == site_url
    page.locator("article").get_by_role("link", name="Calculator").click()
    page.wait_for_url(site_url + "calculator/")
    assert page.locator("[data-testid=calculator]").is_visible()
