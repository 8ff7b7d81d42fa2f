"""Guide pages in every language (issue #17): translations, their markers, and what a visitor
gets where a translation is missing. The built-site tests read public/ (scripts/build)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from buildlib.common import PUBLIC, ROOT

DOCS = ROOT / "site"

# Languages whose every guide page is translated: a missing page fails the test. Add a
# language here when its last page lands (zh and zh-TW are in progress).
SHIPPED: list[str] = ["ja", "zh", "zh-TW"]


def _languages() -> list[str]:
    """The locales mkdocs.yml builds, English (the default, at the root) first."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [lang["locale"] for lang in plugin["languages"]]


LANGS = _languages()
OTHER = LANGS[1:]
ENGLISH = sorted(p.name for p in DOCS.glob("*.md") if p.name.count(".") == 1)
# The generated parts: the hooks replace these, so a translation must keep every one.
MARKER = re.compile(r"<!--\s*([\w-]+)[:\s]|<div data-calculator-form>")


def translation(page: str, lang: str) -> Path:
    return DOCS / page.replace(".md", f".{lang}.md")


def test_languages_are_the_four_of_the_issue() -> None:
    # zh, not zh-CN, which crashes Material 9.8.1's build under the plugin.
    assert LANGS == ["en", "ja", "zh", "zh-TW"]


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_shipped_language_translates_every_guide_page(lang: str) -> None:
    missing = [p for p in ENGLISH if not translation(p, lang).is_file()]
    assert not missing, f"{lang}: no translation of {missing}"


def test_every_translation_has_an_english_page_and_a_known_language() -> None:
    for path in DOCS.glob("*.*.md"):
        stem, lang, _ = path.name.rsplit(".", 2)
        assert lang in OTHER, f"{path.name}: {lang!r} is not a language mkdocs.yml builds"
        assert f"{stem}.md" in ENGLISH, f"{path.name} translates no English page"


def test_translations_keep_the_generated_markers() -> None:
    checked = 0
    for page in ENGLISH:
        english = [m[0] for m in MARKER.finditer((DOCS / page).read_text())]
        for lang in OTHER:
            path = translation(page, lang)
            if path.is_file():
                found = [m[0] for m in MARKER.finditer(path.read_text())]
                assert found == english, f"{path.name}: markers {found} != English {english}"
                checked += 1
    assert checked, "no translation checked"


def _built(lang: str, page: str) -> Path:
    where = "" if page == "index.md" else page.removesuffix(".md") + "/"
    return PUBLIC / ("" if lang == "en" else f"{lang}/") / where / "index.html"


def test_every_page_is_built_in_every_language() -> None:
    pages = [_built(lang, p) for lang in LANGS for p in ENGLISH]
    assert not [str(p) for p in pages if not p.is_file()]


UNTRANSLATED = re.compile(r'data-untranslated="([\w-]+)"')


@pytest.mark.parametrize("lang", OTHER)
def test_an_untranslated_page_says_so_and_marks_its_english(lang: str) -> None:
    for page in ENGLISH:
        html = _built(lang, page).read_text()
        assert f'<html lang="{lang}"' in html
        if translation(page, lang).is_file():
            assert not UNTRANSLATED.search(html), f"{lang}/{page} is translated"
        else:
            assert UNTRANSLATED.findall(html) == [lang], f"{lang}/{page} has no notice"
            assert '<div lang="en">' in html, f"{lang}/{page}: English text not marked lang=en"


def test_the_sitemap_lists_only_real_translations() -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(PUBLIC / "sitemap.xml").getroot()
    locs = {u.findtext("s:loc", namespaces=ns) or "" for u in root.findall("s:url", ns)}
    alternates = {a.get("href", "") for a in root.iterfind(".//x:link", ns)}
    base = min(locs, key=len)  # the English home page: the site's root
    for lang in OTHER:
        for page in ENGLISH:
            url = base + f"{lang}/" + ("" if page == "index.md" else page.removesuffix(".md") + "/")
            listed = url in locs or url in alternates
            assert listed == translation(page, lang).is_file(), (url, listed)


def test_each_language_calculator_shares_the_one_runtime() -> None:
    for lang in OTHER:
        page = _built(lang, "calculator.md")
        html = page.read_text()
        assert f'<html lang="{lang}"' in html
        scripts = re.findall(r'<script type="module" src="([^"?]+)', html)
        main = next(s for s in scripts if s.endswith("assets/calculator/main.mjs"))
        assert (page.parent / main).resolve() == (PUBLIC / "assets/calculator/main.mjs").resolve()
        snapshot = re.search(r'const SNAPSHOT = \{"url": "([^"?]+)', html)
        assert snapshot, f"/{lang}/calculator/ does not download the shared snapshot"
        assert (page.parent / snapshot[1]).resolve().parent == (PUBLIC / "pyodide").resolve()
        assert not (PUBLIC / lang / "pyodide").exists(), f"a second runtime under /{lang}/"
        assert not (PUBLIC / lang / "assets").exists(), f"a second assets/ under /{lang}/"


def test_nav_is_translated_in_every_other_language() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)

    def titles(items: list[object]) -> set[str]:
        out: set[str] = set()
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    out.add(title)
                    if isinstance(value, list):
                        out |= titles(value)
        return out

    english = titles(config["nav"])
    for lang in plugin["languages"][1:]:
        names = lang.get("nav_translations", {})
        assert set(names) == english, f"{lang['locale']}: nav titles {english - set(names)}"


class _File:
    def __init__(self, **attrs: str) -> None:
        self.__dict__.update(attrs)


class _Page:
    def __init__(self, **attrs: str) -> None:
        self.file = _File(**attrs)


def test_the_hooks_see_the_page_language() -> None:
    from mkdocs_hooks import page_lang

    ja = _Page(src_uri="calculator.ja.md", norm_src_uri="calculator.md", locale="ja",
               locale_alternate_of="ja")
    fallback = _Page(src_uri="faq.md", norm_src_uri="faq.md", locale="en",
                     locale_alternate_of="ja")
    plain = _Page(src_uri="faq.md")  # built without the plugin
    assert page_lang.source_uri(ja) == "calculator.md"
    assert (page_lang.text_lang(ja), page_lang.site_lang(ja)) == ("ja", "ja")
    assert (page_lang.text_lang(fallback), page_lang.site_lang(fallback)) == ("en", "ja")
    assert (page_lang.source_uri(plain), page_lang.site_lang(plain)) == ("faq.md", "en")
    assert page_lang.translator("en")("Points") == "Points"
