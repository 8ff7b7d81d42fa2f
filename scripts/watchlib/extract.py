"""A page's main text, without what changes on every visit (dates of the page, counters)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

# Never text a reader of the page reads as its content.
SKIP_TAGS: Final = frozenset({
    "script", "style", "noscript", "template", "svg", "head", "nav", "header", "footer", "aside",
    "form", "iframe", "button", "select", "object", "canvas", "map",
})  # fmt: skip
# Elements that end a line of text (the diff is by line).
BLOCK_TAGS: Final = frozenset({
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "br", "hr",
})  # fmt: skip
VOID_TAGS: Final = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
})  # fmt: skip
SKIP_ROLES: Final = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
# id/class of site furniture on Japanese government and office sites (breadcrumbs are
# パンくず / topicpath; "page top" links; share buttons; the global and local menus).
FURNITURE_RE: Final = re.compile(
    r"(?:^|[-_\s])(?:breadcrumbs?|topicpath|pankuzu|side-?bar|side-?nav|g-?nav|l-?nav|"
    r"global-?nav\w*|local-?nav\w*|site-?header|site-?footer|header|footer|skip\w*|page-?top|"
    r"share|sns|cookie\w*)(?:$|[-_\s])",
    re.IGNORECASE,
)
MAIN_IDS: Final = frozenset({"main", "contents", "content", "main-content", "maincontent"})

_DATE = (
    r"(?:\d{4}|(?:令和|平成|昭和)\s*(?:\d{1,2}|元))\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
)
_WHEN = (
    rf"(?:{_DATE})\s*(?:[（(][月火水木金土日][)）]|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)?"
    r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?"
)
# The page's own stamp, alone on its line: "更新日：2026年12月1日", "令和8年12月1日更新",
# "Last updated: 1 Dec 2026", or a bare date. A date inside a sentence is content and stays.
_STAMP = (
    r"(?:最終)?(?:更新|掲載|公開|作成|登録)(?:日|日時)?|ページ(?:更新|公開)日|"
    r"(?:last\s+)?(?:updated|modified)(?:\s+on)?|posted(?:\s+on)?|published(?:\s+on)?"
)
_OPEN, _CLOSE = r"[\s\[【（(]*", r"[\s\]】）)]*"
STAMP_LINE_RE: Final = re.compile(
    rf"^{_OPEN}(?:(?:{_STAMP}){_CLOSE}\s*[:：]?\s*{_OPEN})?{_WHEN}{_CLOSE}(?:{_STAMP})?{_CLOSE}$",
    re.IGNORECASE,
)
# A visit counter alone on its line: "アクセス数：12345", "1,234 views", "閲覧数 12回".
_COUNT = (
    r"(?:アクセス(?:数|件数)?|閲覧(?:数|回数)|訪問者数|カウンター?|ページビュー"
    r"|page\s*views?|views?|visitors?|hits?)"
)
COUNTER_LINE_RE: Final = re.compile(
    rf"^{_OPEN}(?:{_COUNT}\s*[:：]?\s*[\d,]+\s*(?:回|件|人)?|[\d,]+\s*(?:{_COUNT}|回閲覧|人が閲覧))"
    rf"{_CLOSE}$",
    re.IGNORECASE,
)
COPYRIGHT_RE: Final = re.compile(r"^(?:©|\(c\)\s*\d{4}|copyright\b|著作権)", re.IGNORECASE)
SPACE_RE: Final = re.compile(r"\s+")


def _is_furniture(attrs: dict[str, str]) -> bool:
    if attrs.get("role", "").lower() in SKIP_ROLES or "hidden" in attrs:
        return True
    names = f"{attrs.get('id', '')} {attrs.get('class', '')}"
    return bool(FURNITURE_RE.search(names))


def _is_main(tag: str, attrs: dict[str, str]) -> bool:
    return tag == "main" or attrs.get("role") == "main" or attrs.get("id", "").lower() in MAIN_IDS


class _Text(HTMLParser):
    """Collects text as (inside the main element?, text) pieces, leaving out site furniture.

    HTML leaves many end tags out (p, li); an end tag closes up to its open element and a
    stray one is ignored, so an unclosed element cannot hide the rest of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipping, in main)
        self.pieces: list[tuple[bool, str]] = []

    def _state(self) -> tuple[bool, bool]:
        return (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        skipping, in_main = self._state()
        if tag in BLOCK_TAGS:
            self.pieces.append((in_main, "\n"))
        if tag in VOID_TAGS:
            return
        skipping = skipping or tag in SKIP_TAGS or _is_furniture(a)
        self.stack.append((tag, skipping, in_main or _is_main(tag, a)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in BLOCK_TAGS:
            self.pieces.append((self._state()[1], "\n"))

    def handle_data(self, data: str) -> None:
        skipping, in_main = self._state()
        if not skipping:  # a line break in the HTML source is a space; blocks end lines
            self.pieces.append((in_main, SPACE_RE.sub(" ", data)))


def is_volatile(line: str) -> bool:
    """A line that changes without the page's content changing."""
    return any(rx.match(line) for rx in (STAMP_LINE_RE, COUNTER_LINE_RE, COPYRIGHT_RE))


def page_text(html: str) -> str:
    """The main text of a page, one line per block, whitespace collapsed, volatile lines gone.

    Only the main element's text counts when the page marks one (<main>, role=main, or a
    #main/#contents block); otherwise the body's, without menus, headers and footers."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    in_main = [text for main, text in parser.pieces if main]
    chosen = in_main if any(t.strip() for t in in_main) else [t for _, t in parser.pieces]
    lines = (SPACE_RE.sub(" ", line).strip() for line in "".join(chosen).split("\n"))
    return "\n".join(line for line in lines if line and not is_volatile(line)) + "\n"


def decode(body: bytes, content_type: str) -> str:
    """Bytes to text by the charset in the header, else in a <meta>, else UTF-8."""
    found = re.search(r"charset=[\"']?([\w.-]+)", content_type, re.IGNORECASE) or re.search(
        rb"<meta[^>]+charset=[\"']?([\w.-]+)", body[:4096], re.IGNORECASE
    )
    raw = found.group(1) if found else "utf-8"
    name = (raw.decode("ascii") if isinstance(raw, bytes) else raw).lower()
    if name in ("shift_jis", "shift-jis", "sjis", "x-sjis", "windows-31j"):
        name = "cp932"  # what Japanese sites mean by Shift_JIS
    try:
        return body.decode(name, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")
