"""The calculator form in Japanese and Chinese (issue #17): no English sentence is left.

The form is rendered as the site's build renders it (mkdocs_hooks.form_render.render_widget with
page_lang.translator), and every text a person reads or hears is checked: text nodes, and the
aria-label, title, placeholder and alt attributes. A word of two or more Latin letters fails
the test unless it is one of ALLOWED, which lists why each may stay.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from mkdocs_hooks.form_render import render_widget
from mkdocs_hooks.page_lang import translator

LANGS = ("ja", "zh", "zh-TW")
SCRIPT = "assets/calculator/main.mjs"
READ_ATTRS = ("aria-label", "title", "placeholder", "alt")

# Latin words that stay in every language, and why:
ALLOWED = {
    # Exam, degree and programme names, written so in Japanese and Chinese too (and on the
    # certificates a user holds): JLPT levels N1/N2, the BJT business Japanese test, MBA/MOT,
    # PhD, JICA and its training, the J-Skip scheme, the IT notice (IT告示).
    "JLPT", "N1", "N2", "BJT", "MBA", "MOT", "PhD", "JICA", "J-Skip", "IT",
    # Technical names: the download's format, what the calculator needs to run.
    "JSON", "JavaScript", "WebAssembly",
}
# Codes that are not words: the categories (a)/(b)/(c), as in every catalog, and (i)/(ii).
# One letter is never a word here, so the salary example "7.5M" (an input the form accepts)
# passes; yen amounts and the ISA's item numbers ①–㉑ have no Latin letters.
CODES = re.compile(r"\((?:a|b|c|i|ii)\)")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9.+-]*[A-Za-z0-9]")


class _Texts(HTMLParser):
    """Every text node and every attribute a person reads, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.names: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._skip += 1
        self.texts += [v for k, v in attrs if k in READ_ATTRS and v]
        name = dict(attrs).get("name")
        if name:
            self.names.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def _read(lang: str) -> _Texts:
    parser = _Texts()
    parser.feed(render_widget(SCRIPT, translator(lang)))
    return parser


def _english(text: str) -> list[str]:
    return [w for w in WORD.findall(CODES.sub("", text)) if w not in ALLOWED]


def test_the_check_finds_the_english_form() -> None:
    """The English form is full of words the check rejects: it can fail."""
    left = [t for t in _read("en").texts if _english(t)]
    assert len(left) > 100, left


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_is_left_in_the_form(lang: str) -> None:
    left = {t: _english(t) for t in _read(lang).texts if _english(t)}
    assert not left, f"{lang}: English left in the form: {left}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_form_has_the_same_fields_and_full_stops(lang: str) -> None:
    """A translation changes words only; a help ends in one full stop, not "。."."""
    page = _read(lang)
    assert page.names == _read("en").names
    doubled = [t for t in page.texts if "。." in t or "。。" in t]
    assert not doubled, doubled
